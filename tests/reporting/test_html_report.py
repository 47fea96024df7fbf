"""The HTML report: self-contained, escaped, complete, counts right, capped for large reports."""

from __future__ import annotations

import ast
import html
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import contoso_example
import markupsafe
import pytest
from contoso_example import HOSTILE

from service.engine import evaluate, remediation_script
from service.reporting import html as html_report

ROOT = Path(__file__).resolve().parents[2]


class Page(HTMLParser):
    """The elements of a rendered page, with the text of the elements that have an id."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.text_by_id: dict[str, str] = {}
        self._open: list[str | None] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        """Record the element; remember it when it has an id."""
        found = dict(attrs)
        self.elements.append((tag, found))
        if found.get("id"):
            self.text_by_id[found["id"]] = ""
        if tag not in ("br", "wbr", "col", "meta", "input", "rect"):
            self._open.append(found.get("id"))

    def handle_endtag(self, tag: str) -> None:
        """Close the innermost open element."""
        if self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        """Add text to every open element with an id."""
        for ident in self._open:
            if ident:
                self.text_by_id[ident] += data

    def find(self, tag: str, **attrs: str) -> list[dict]:
        """Elements of that tag whose attributes include `attrs`."""
        return [a for t, a in self.elements if t == tag and all(a.get(k) == v for k, v in attrs.items())]

    def rows(self) -> list[str]:
        """The outcome of each row of the objects table, in page order."""
        return [a["data-outcome"] for t, a in self.elements if t == "tr" and "data-outcome" in a]


@pytest.fixture(scope="module")
def contoso_html(contoso_report: dict) -> str:
    """The Contoso report rendered."""
    return html_report.render(contoso_report)


def card(text: str, key: str) -> str:
    """The value shown on one summary card."""
    return re.search(rf'data-card="{key}".*?<div class="value">([^<]*)</div>', text).group(1)


def many_results(count: int) -> dict:
    """A report of `count` provisioned users, every tenth one an error."""
    onprem = {"kind": "onprem", "objects": [contoso_example.user(f"u{i:06d}", "User", f"N{i}") for i in range(count)]}
    for obj in onprem["objects"][::10]:
        obj["userPrincipalName"] = obj["userPrincipalName"].replace("@", " @")
    return evaluate(onprem, contoso_example.cloud(), contoso_example.settings())


def test_the_page_is_one_self_contained_document(contoso_html):
    page = Page(contoso_html)
    assert contoso_html.startswith("<!DOCTYPE html>")
    assert not page.find("link") and not page.find("img") and not page.find("iframe")
    assert all("src" not in attrs for _, attrs in page.elements)
    assert all(a["href"].startswith("#") for t, a in page.elements if t == "a")
    assert len(page.find("script")) == 1 and len(page.find("style")) == 1
    assert "@import" not in contoso_html and "url(" not in html_report.CSS
    csp = page.find("meta", **{"http-equiv": "Content-Security-Policy"})[0]["content"]
    assert "default-src 'none'" in csp and "script-src 'sha256-" in csp


def test_every_section_is_there(contoso_html):
    page = Page(contoso_html)
    for ident in ("summary", "findings", "objects-section", "objects", "overwritten", "remediation", "script",
                  "orphans", "rejected", "filter-text", "filter-outcome", "copy-script"):
        assert ident in page.text_by_id, ident
    svg = page.find("svg", role="img")[0]
    assert svg["aria-label"].startswith("Outcomes. ") and "Provision: 45" in svg["aria-label"]
    assert "Predicted outcome per object" in page.text_by_id["chart-title"]


def test_the_header_names_the_time_and_the_inputs(contoso_html):
    assert "2026-11-01 09:30:00 UTC" in contoso_html
    assert "On-premises input</dt><dd>json <small>64 records</small>" in contoso_html
    assert "Cloud input</dt><dd>json <small>16 records</small>" in contoso_html


def test_the_cards_count_what_the_summary_says(contoso_html, contoso_report):
    outcomes = contoso_report["summary"]["outcomes"]
    assert card(contoso_html, "objects") == str(contoso_report["summary"]["objects"]) == "64"
    assert card(contoso_html, "matches") == str(outcomes["hardMatch"] + outcomes["softMatch"] + outcomes["reanimate"])
    assert card(contoso_html, "duplicates") == str(outcomes["duplicate"]) == "2"
    assert card(contoso_html, "errors") == str(outcomes["error"]) == "5"
    assert card(contoso_html, "rejected") == "2"
    assert card(contoso_html, "verdict") == "NOT SAFE TO SYNC"
    assert "<title>SyncMatch prediction: NOT SAFE TO SYNC</title>" in contoso_html


def test_a_clean_run_is_safe_to_sync():
    onprem = {"kind": "onprem", "objects": [contoso_example.user("zed", "Zed", "Quill")]}
    text = html_report.render(evaluate(onprem, contoso_example.cloud(), contoso_example.settings()))
    assert card(text, "verdict") == "SAFE TO SYNC"
    assert 'class="card verdict safe"' in text


def test_the_chart_has_a_bar_and_a_count_per_outcome(contoso_html, contoso_report):
    for outcome, count in contoso_report["summary"]["outcomes"].items():
        group = re.search(rf'<g data-outcome="{outcome}">(.*?)</g>', contoso_html).group(1)
        assert f">{count}<tspan" in group
        assert html_report.OUTCOME_LABELS[outcome] in group


def test_the_table_has_every_object_errors_first(contoso_html, contoso_report):
    rows = Page(contoso_html).rows()
    assert len(rows) == len(contoso_report["results"])
    for outcome, count in contoso_report["summary"]["outcomes"].items():
        assert rows.count(outcome) == count
    ordered = html_report.ordered_results(contoso_report["results"])
    groups = [0 if r["outcome"] == "error" else 1 if r["outcome"] == "duplicate" else 2 if r["warnings"] else 3
              for r in ordered]
    assert groups == sorted(groups)
    assert rows[:7] == ["error"] * 5 + ["duplicate"] * 2


def test_errors_show_code_attribute_and_blocking(contoso_html):
    assert "AttributeValueMustBeUnique:<wbr>ProxyAddresses</code>" in contoso_html
    assert contoso_html.count('class="badge blocking"') == 5
    assert contoso_html.count('class="badge nonblocking"') == 2


def test_lost_cloud_values_are_listed(contoso_html):
    section = Page(contoso_html).text_by_id["overwritten"]
    for value in ("Sales EU", "Marketing Assistant", "Pittsburgh", "R&D", "smtp:db@contoso.com"):
        assert value in section
    assert "R&amp;D" in contoso_html


def test_the_script_is_the_engines(contoso_html, contoso_report):
    assert Page(contoso_html).text_by_id["script"] == remediation_script(contoso_report)


def test_orphans_and_rejected_records(contoso_html, contoso_report):
    page = Page(contoso_html)
    for orphan in contoso_report["cloudOrphans"]:
        assert orphan["id"] in page.text_by_id["orphans"]
    assert "4 cloud-managed user(s) stay cloud-only" in page.text_by_id["orphans"]
    assert "ADPropertyValueCollection" in page.text_by_id["rejected"]
    assert "System.Byte[]" in page.text_by_id["rejected"]


def test_user_supplied_values_are_escaped(hostile_report):
    text = html_report.render(hostile_report)
    page = Page(text)
    assert HOSTILE not in text
    assert text.count("<script") == 1
    assert not page.find("img")
    assert not [name for _, attrs in page.elements for name in attrs if name.startswith("on")]
    escaped = str(markupsafe.escape(HOSTILE))  # the template's autoescaping (&#34; where html.escape writes &quot;)
    assert escaped == html.escape(HOSTILE).replace("&quot;", "&#34;").replace("&#x27;", "&#39;")
    for place in ("adele", "CN=Adele", "id", "bad ", "json", "yesterday"):
        assert place + escaped in text, place


def test_a_minimal_report_renders():
    report = evaluate({"kind": "onprem", "objects": []}, {"kind": "cloud", "users": []}, {"now": "2026-01-01"})
    text = html_report.render(report)
    assert card(text, "objects") == "0" and card(text, "verdict") == "SAFE TO SYNC"
    assert "No cloud value would be overwritten." in text and "Every input record was read." in text
    assert html_report.render({"summary": {}, "results": []})


def test_the_table_is_capped_with_a_note():
    report = many_results(30)
    text = html_report.render(report, max_rows=12)
    rows = Page(text).rows()
    assert len(rows) == 12 and rows[:3] == ["error"] * 3
    assert "Showing the first 12 of 30 objects: 18 are left out" in text
    assert "--format csv" in text and "--format json" in text


def test_large_reports_are_capped():
    report = many_results(6000)
    text = html_report.render(report)
    assert text.count(' data-outcome="') - len(html_report.OUTCOMES) == html_report.MAX_ROWS == 5000
    assert "Showing the first 5,000 of 6,000 objects: 1,000 are left out" in text


def test_the_script_is_capped_too():
    report = many_results(30)
    for result in report["results"]:
        result["remediation"] = [{"action": "step", "powershell": f"Do-It {result['object']['sAMAccountName']}"}]
    script, left_out = html_report.remediation_script(report, html_report.ordered_results(report["results"]), 12)
    assert left_out == 18 and script.count("Do-It ") == 12
    assert "Do-It u000000" in script  # the errors are kept first
    assert "steps of 18 more objects are left out" in html_report.render(report, max_rows=12)


def test_time_is_shown_readably():
    assert html_report._when("2026-11-01T09:30:00+00:00") == "2026-11-01 09:30:00 UTC"
    assert html_report._when("2026-11-01T09:30:00+02:00") == "2026-11-01 09:30:00 +0200"
    assert html_report._when("soon") == "soon"
    assert html_report._when(None) == "unknown"


def test_the_cli_writes_the_html_report(contoso_files, tmp_path):
    onprem, cloud, settings = contoso_files
    out = tmp_path / "report.html"
    command = [str(Path(sys.executable).with_name("syncmatch")), "match", str(onprem), str(cloud),
               "--settings", str(settings), "--format", "html"]
    done = subprocess.run([*command, "--output", str(out)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 3, done.stderr
    text = out.read_text(encoding="utf-8")
    assert card(text, "verdict") == "NOT SAFE TO SYNC" and len(Page(text).rows()) == 64
    assert "On-premises input</dt><dd>json" in text
    printed = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert printed.returncode == 3 and printed.stdout.startswith("<!DOCTYPE html>")


def test_the_renderer_imports_only_the_standard_library_jinja2_and_the_pure_engine():
    tree = ast.parse((ROOT / "service" / "reporting" / "html.py").read_text(encoding="utf-8"))
    nodes = list(ast.walk(tree))
    names = {alias.name.split(".")[0] for node in nodes if isinstance(node, ast.Import) for alias in node.names}
    names |= {node.module.split(".")[0] for node in nodes
              if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module}
    assert not [node for node in nodes if isinstance(node, ast.ImportFrom) and node.level]
    allowed = set(sys.stdlib_module_names) | {"service", "jinja2", "markupsafe"}
    assert names <= allowed, names - allowed
    assert all(node.module.startswith("service.engine") for node in nodes
               if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("service"))
