"""The search page in Chromium, on a phone (390×844) and a desktop (1366×900).

Searches, opens the filter drawer on the phone (it is a sidebar on the
desktop), applies a filter, removes it by its chip, visits zero results and
a page past the last. Every step checks that nothing is wider than the
screen and saves a screenshot to test-artifacts/screenshots/.
"""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, SCREENSHOTS

DESKTOP = {"width": 1366, "height": 900}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}


def search_total(page):
    text = page.locator(".search-total").inner_text()
    match = re.search(r"共\s*(\d+)\s*条结果", text)
    assert match, f"no result count in {text!r}"
    return int(match.group(1))


def check_and_save(page, name):
    """No sideways scrolling, then a full-page screenshot."""
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} is {overflow}px wider than the screen"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 5_000


def open_filters(page, viewport_name):
    """The filter panel, opened through the 筛选 button on a phone; always shown on a desktop."""
    panel = page.locator("#search-filters")
    opener = page.locator(".search-filters-open")
    if viewport_name == "phone":
        expect(panel).to_be_hidden()
        expect(opener).to_be_visible()
        opener.click()
        expect(panel).to_be_visible()
        # The drawer slides in; measure it once it has arrived.
        expect(panel).to_be_in_viewport(ratio=1)
        box = panel.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    else:
        expect(opener).to_be_hidden()
        expect(panel).to_be_visible()
    return panel


def narrowing_value(panel, total):
    """The first shown facet value that covers some but not all of the results."""
    for label in panel.locator(".facet__value:visible").all():
        count = int(re.search(r"\((\d+)\)", label.inner_text()).group(1))
        if 0 < count < total:
            return label, count
    pytest.fail("no facet value narrows the results")


@pytest.mark.parametrize("viewport_name", ["phone", "desktop"])
def test_search_filter_chip_and_kept_query(open_page, demo_site, viewport_name):
    page = open_page(VIEWPORTS[viewport_name])
    query = demo_site.titles["heritage_item"][:2]
    page.goto(demo_site.url("home"))
    page.locator("#header-q").fill(query)
    with page.expect_navigation():
        page.locator("#header-q").press("Enter")
    total = search_total(page)
    assert total > 1
    # The query stays in both boxes.
    expect(page.locator("#search-q")).to_have_value(query)
    expect(page.locator("#header-q")).to_have_value(query)
    # Every result says what kind of record it is.
    cards = page.locator(".result-card")
    assert cards.count() > 0
    for card in cards.all():
        assert card.locator(".result-card__type").inner_text().strip()
    check_and_save(page, f"search-results-{viewport_name}")

    panel = open_filters(page, viewport_name)
    if viewport_name == "phone":
        check_and_save(page, "search-drawer-phone")
        page.locator(".search-filters-close").click()
        expect(panel).to_be_hidden()
        panel = open_filters(page, viewport_name)
    label, expected = narrowing_value(panel, total)
    label.locator("input[type=checkbox]").check()
    with page.expect_navigation():
        panel.get_by_role("button", name="应用筛选").click()
    assert search_total(page) == expected
    expect(page.locator("#search-q")).to_have_value(query)
    chip = page.locator("a.search-chip")
    expect(chip).to_have_count(1)
    expect(page.locator(".search-chips__clear")).to_be_visible()
    check_and_save(page, f"search-filtered-{viewport_name}")

    with page.expect_navigation():
        chip.click()
    expect(page.locator("a.search-chip")).to_have_count(0)
    assert search_total(page) == total
    expect(page.locator("#header-q")).to_have_value(query)


@pytest.mark.parametrize("viewport_name", ["phone", "desktop"])
def test_zero_results_show_the_empty_state(open_page, demo_site, viewport_name):
    page = open_page(VIEWPORTS[viewport_name])
    page.goto(demo_site.live_url + "/search/?q=查无此词的检索")
    assert search_total(page) == 0
    empty = page.locator(".search-empty")
    expect(empty).to_be_visible()
    expect(empty).to_contain_text("没有找到符合条件的记录")
    expect(empty).to_contain_text("检查关键词的拼写")
    expect(page.locator(".result-card")).to_have_count(0)
    expect(page.get_by_text("导出 CSV")).to_have_count(0)
    expect(page.locator(".pagination")).to_have_count(0)
    check_and_save(page, f"search-empty-{viewport_name}")


@pytest.mark.parametrize("viewport_name", ["phone", "desktop"])
def test_a_page_past_the_last_shows_the_last(open_page, demo_site, viewport_name):
    page = open_page(VIEWPORTS[viewport_name])
    page.goto(demo_site.live_url + "/search/?page_size=5&page=99")
    last = int(parse_qs(urlsplit(page.url).query)["page"][0])
    assert 1 < last < 99
    pagination = page.locator(".search-pagination")
    expect(pagination).to_contain_text(f"第 {last} / {last} 页")
    expect(pagination.locator("a[rel=next]")).to_have_count(0)
    expect(pagination.locator("a[rel=prev]")).to_have_count(1)
    assert page.locator(".result-card").count() > 0
    check_and_save(page, f"search-last-page-{viewport_name}")


def test_filter_drawer_opens_without_javascript(browser, demo_site):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False, locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(demo_site.url("search"))
        panel = page.locator("#search-filters")
        expect(panel).to_be_hidden()
        page.locator(".search-filters-open").click()
        expect(panel).to_be_visible()
        page.locator(".search-filters-close").click()
        expect(panel).to_be_hidden()
    finally:
        context.close()
