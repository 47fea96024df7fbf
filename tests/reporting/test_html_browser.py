"""The HTML report in a real browser: headless Debian Chromium driven by Selenium through /usr/bin/chromedriver."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from service.reporting import html as html_report

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1400,1000")

pytestmark = pytest.mark.skipif(not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
                                reason="needs Debian's chromium and chromium-driver (/usr/bin/chromium, "
                                       "/usr/bin/chromedriver): apt-get install -y chromium chromium-driver")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """A headless Chromium that downloads nothing and keeps its profile in a temporary directory."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    yield driver
    driver.quit()


def open_page(browser, path: Path, report: dict) -> None:
    """Render the report to a file and load it; drop the log of earlier pages."""
    path.write_text(html_report.render(report), encoding="utf-8")
    browser.get_log("browser")
    browser.get(path.as_uri())


def severe(browser) -> list[dict]:
    """Console errors of the page loaded last."""
    return [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]


def visible_rows(browser) -> list:
    """Rows of the objects table that are rendered (the filter leaves them visible), in page order."""
    return browser.execute_script("return Array.from(document.querySelectorAll('#objects tbody tr'))"
                                  ".filter(function (r) { return r.getClientRects().length > 0; });")


def names(browser) -> list[str]:
    """The object names of the visible rows, in page order."""
    return [browser.execute_script("return arguments[0].querySelector('.name').textContent;", r)
            for r in visible_rows(browser)]


@pytest.fixture
def contoso_page(browser, contoso_report, tmp_path):
    """The Contoso report loaded in the browser."""
    open_page(browser, tmp_path / "contoso.html", contoso_report)
    return browser


def test_loads_without_console_errors(contoso_page):
    assert contoso_page.execute_script("return document.readyState") == "complete"
    assert severe(contoso_page) == []


def test_the_chart_and_the_table_are_shown(contoso_page, contoso_report):
    chart = contoso_page.find_element("css selector", "svg.chart[role=img]")
    assert chart.is_displayed() and chart.size["height"] > 100
    assert chart.find_element("css selector", "title").get_attribute("textContent")
    assert len(chart.find_elements("css selector", "rect")) == 2 * len(html_report.OUTCOMES)
    assert len(visible_rows(contoso_page)) == len(contoso_report["results"])


def test_typing_in_the_filter_hides_other_rows(contoso_page):
    contoso_page.find_element("id", "filter-text").send_keys("langer")
    rows = visible_rows(contoso_page)
    assert len(rows) == 1 and "isaiah.langer@contoso.com" in rows[0].text
    assert contoso_page.find_element("id", "filter-count").text == "1 of 64 rows shown"
    contoso_page.find_element("id", "filter-text").clear()
    contoso_page.execute_script("document.getElementById('filter-text').dispatchEvent(new Event('input'))")
    assert len(visible_rows(contoso_page)) == 64


def test_the_outcome_select_filters_by_outcome(contoso_page):
    from selenium.webdriver.support.ui import Select

    Select(contoso_page.find_element("id", "filter-outcome")).select_by_value("duplicate")
    rows = visible_rows(contoso_page)
    assert [r.get_attribute("data-outcome") for r in rows] == ["duplicate", "duplicate"]
    contoso_page.find_element("id", "filter-text").send_keys("miriam")
    assert names(contoso_page) == ["miriam.graham@contoso.com"]


def test_clicking_a_header_sorts(contoso_page):
    rendered = names(contoso_page)
    header = contoso_page.find_element("css selector", "#objects thead th:nth-child(2) button")
    header.click()
    ascending = names(contoso_page)
    assert sorted(ascending) == sorted(rendered) and ascending != rendered
    assert in_collation_order(contoso_page, ascending)
    assert header.find_element("xpath", "..").get_attribute("aria-sort") == "ascending"
    header.click()
    assert names(contoso_page) == ascending[::-1]
    assert header.find_element("xpath", "..").get_attribute("aria-sort") == "descending"
    contoso_page.find_element("css selector", "#objects thead th:nth-child(1) button").click()
    outcomes = [r.get_attribute("data-outcome") for r in visible_rows(contoso_page)]
    assert outcomes[:7] == ["error"] * 5 + ["duplicate"] * 2


def in_collation_order(browser, values: list[str]) -> bool:
    """True when the browser's collation (the one the page sorts with) puts `values` in ascending order."""
    return browser.execute_script(
        "var v = arguments[0]; return v.every(function (x, i) { return i === 0 || "
        "v[i - 1].localeCompare(x, undefined, {numeric: true, sensitivity: 'base'}) <= 0; });", values)


def test_the_copy_button_copies_the_script(contoso_page):
    from selenium.webdriver.support.ui import WebDriverWait

    button = contoso_page.find_element("id", "copy-script")
    button.click()
    WebDriverWait(contoso_page, 5).until(lambda _: button.text == "Copied")
    assert severe(contoso_page) == []


def test_print_hides_the_controls_and_makes_a_pdf(contoso_page):
    contoso_page.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not contoso_page.find_element("id", "filter-text").is_displayed()
        assert not contoso_page.find_element("id", "copy-script").is_displayed()
        assert contoso_page.find_element("id", "objects").is_displayed()
    finally:
        contoso_page.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert contoso_page.print_page()[:8] == "JVBERi0x"  # base64 of "%PDF-1"


def test_hostile_names_do_not_run(browser, hostile_report, tmp_path):
    open_page(browser, tmp_path / "hostile.html", hostile_report)
    assert browser.execute_script("return window.__xss === undefined")
    assert not browser.find_elements("css selector", "#objects img")
    assert severe(browser) == []
    assert "<script>" in browser.find_element("css selector", "#objects .name").text



def test_the_findings_filter_by_type_attribute_and_text(browser, tmp_path):
    import json

    from selenium.webdriver.support.ui import Select

    from service.engine.quality import check_report

    seeded = Path(__file__).resolve().parents[1] / "quality" / "seeded" / "onprem.json"
    open_page(browser, tmp_path / "quality.html", check_report(json.loads(seeded.read_text(encoding="utf-8"))))
    assert not severe(browser)
    shown = browser.find_element("id", "quality-count")
    assert shown.text == "37 of 37 findings shown"
    Select(browser.find_element("id", "quality-type")).select_by_value("Duplicate")
    assert shown.text == "12 of 37 findings shown"
    Select(browser.find_element("id", "quality-attribute")).select_by_value("targetAddress")
    assert shown.text == "2 of 37 findings shown"
    Select(browser.find_element("id", "quality-type")).select_by_value("")
    browser.find_element("id", "quality-text").send_keys("erin")
    assert shown.text == "1 of 37 findings shown"
