"""The data-quality section of the HTML report, the check-only page, and a 5,000-row page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import contoso_example
import markupsafe
from test_html_report import Page, many_results

from service.engine import evaluate
from service.engine.quality import check_report
from service.reporting import html as html_report

SEEDED = Path(__file__).resolve().parents[1] / "quality" / "seeded" / "onprem.json"


def seeded() -> dict:
    return json.loads(SEEDED.read_text(encoding="utf-8"))


def test_a_matching_report_shows_its_findings_by_type_and_attribute():
    report = evaluate(seeded(), contoso_example.cloud(), contoso_example.settings())
    text = html_report.render(report)
    page = Page(text)
    section = page.text_by_id["data-quality"]
    quality = report["dataQuality"]
    rows = page.find("tr")
    typed = [a for a in rows if "data-type" in a]
    assert len(typed) == quality["total"] == 37
    for kind, count in quality["counts"].items():
        assert sum(1 for a in typed if a["data-type"] == kind) == count
        assert f"{kind} ({count})" in section  # the type filter's options
    for attribute in quality["byAttribute"]:
        assert sum(1 for a in typed if a["data-attribute"] == attribute) == sum(
            quality["byAttribute"][attribute].values())
    assert "37 of 37 findings shown" in page.text_by_id["quality-count"]
    assert text.count('class="badge q-blocking"') == quality["blocking"] == 2
    assert 'href="#data-quality"' in text
    assert "Set-ADUser -Identity &#39;CN=Bob Jones,OU=Staff,DC=contoso,DC=com&#39;" in text


def test_hostile_values_in_findings_are_escaped():
    onprem = seeded()
    onprem["objects"][1]["mail"] = '<img src=x onerror="alert(1)">@contoso.com'
    text = html_report.render(evaluate(onprem, contoso_example.cloud(), contoso_example.settings()))
    page = Page(text)
    assert not page.find("img") and text.count("<script") == 1
    assert str(markupsafe.escape(onprem["objects"][1]["mail"])) in text


def test_the_check_only_page_has_the_section_and_no_prediction():
    report = check_report(seeded())
    report["input"] = {"onprem": {"format": "json", "objects": 22, "warnings": []}}
    text = html_report.render(report)
    page = Page(text)
    assert "<title>SyncMatch data quality: 37 findings</title>" in text
    assert "data-quality" in page.text_by_id and "rejected" in page.text_by_id
    for absent in ("summary", "objects", "remediation", "orphans"):
        assert absent not in page.text_by_id
    assert "On-premises input</dt><dd>json <small>22 records</small>" in text
    clean = check_report({"objects": [contoso_example.user("zed", "Zed", "Quill")]})
    assert "No finding: every checked value passes IdFix" in html_report.render(clean)


def test_the_findings_table_is_capped_with_a_note():
    report = check_report(seeded())
    text = html_report.render(report, max_rows=10)
    assert len([a for a in Page(text).find("tr") if "data-type" in a]) == 10
    assert "Showing the first 10 of 37 findings: 27 are left out" in text


def test_five_thousand_rows_render():
    report = many_results(5000)
    text = html_report.render(report)
    assert len(Page(text).rows()) == 5000
    assert not re.search(r'data-note-left-out|Showing the first 5,000 of 5,000', text)
    assert len([a for a in Page(text).find("tr") if "data-type" in a]) == report["dataQuality"]["total"] == 500
