"""The record lists in Chromium at phone and desktop size: filter, sort, no sideways scroll.

The addresses are those of the site tree (core.site_tree) that the demo content
fills. Screenshots go to test-artifacts/screenshots/list-*.png.
"""

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOTS

HERITAGE = "/feiyi/xiangmu/"
INHERITORS = "/feiyi/chuanchengren/"
FIGURES = "/xinxi/ancizhiyun/mingrenlu/"
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}


def assert_no_sideways_scroll(page, name):
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} is {overflow}px wider than the screen"


def screenshot(page, name):
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000


def query(page):
    return parse_qs(urlparse(page.url).query)


def card_keys(page):
    return page.locator("main .card .item-key").all_inner_texts()


@pytest.mark.parametrize("viewport_name", VIEWPORTS)
def test_heritage_list_filters_and_sorts(open_page, demo_site, viewport_name):
    page = open_page(VIEWPORTS[viewport_name])
    page.goto(demo_site.live_url + HERITAGE)
    assert_no_sideways_scroll(page, f"项目名录 ({viewport_name})")
    # Catalogue order: the category numerals never go down from one card to the next.
    numerals = [key.split("-")[-2] for key in card_keys(page)]
    order = ["Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ", "Ⅵ", "Ⅶ", "Ⅷ", "Ⅸ", "Ⅹ"]
    ranks = [order.index(numeral) for numeral in numerals if numeral in order]
    assert ranks and ranks == sorted(ranks), numerals
    if viewport_name == "phone":
        # The filters leave the first records within the first screen.
        top = page.locator("main .card").first.bounding_box()["y"]
        assert top < PHONE["height"], f"the first record starts at {top}px"
    screenshot(page, f"list-heritage-{viewport_name}")

    page.select_option("#filter-category", label="传统音乐")
    page.select_option("#filter-level", value="municipal")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url(re.compile(r"category=traditional-music"))
    assert query(page)["level_min"] == ["municipal"]
    expect(page.locator("#filter-category")).to_have_value("traditional-music")
    metas = page.locator("main .card__meta").all_inner_texts()
    assert metas and all("传统音乐" in meta for meta in metas), metas
    assert all("区级" not in meta for meta in metas), metas
    assert_no_sideways_scroll(page, f"项目名录, filtered ({viewport_name})")

    page.select_option("#filter-sort", value="title")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url(re.compile(r"sort=title"))
    assert query(page)["category"] == ["traditional-music"]
    expect(page.locator("#filter-sort")).to_have_value("title")
    screenshot(page, f"list-heritage-filtered-{viewport_name}")

    page.fill("#filter-q", "没有这个项目的关键词")
    page.get_by_role("button", name="筛选").click()
    expect(page.locator("main .empty")).to_contain_text("没有符合筛选条件的项目")
    expect(page.locator("main .card")).to_have_count(0)
    assert_no_sideways_scroll(page, f"项目名录, no results ({viewport_name})")
    page.get_by_role("link", name="清除筛选").click()
    expect(page.locator("main .card").first).to_be_visible()


@pytest.mark.parametrize("viewport_name", VIEWPORTS)
def test_inheritor_and_figure_lists(open_page, demo_site, viewport_name):
    page = open_page(VIEWPORTS[viewport_name])
    page.goto(demo_site.live_url + INHERITORS)
    assert_no_sideways_scroll(page, f"传承人名录 ({viewport_name})")
    everyone = page.locator("main .person-card").count()
    assert everyone > 0
    screenshot(page, f"list-inheritors-{viewport_name}")
    level = page.locator("#filter-level option").nth(1)
    level_value = level.get_attribute("value")
    page.select_option("#filter-level", value=level_value)
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url(re.compile(r"level_min="))
    expect(page.locator("#filter-level")).to_have_value(level_value)
    assert 0 < page.locator("main .person-card").count() <= everyone
    assert_no_sideways_scroll(page, f"传承人名录, filtered ({viewport_name})")

    page.goto(demo_site.live_url + FIGURES)
    assert_no_sideways_scroll(page, f"安次名人录 ({viewport_name})")
    expect(page.locator("main .person-card").first).to_be_visible()
    screenshot(page, f"list-figures-{viewport_name}")
