"""The 师承谱系 drawing in Chromium: drawn, said again as text, reachable by keyboard, within a phone."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOTS


@pytest.mark.parametrize("viewport_name", ["desktop", "phone"])
def test_the_lineage_draws_and_lists_the_same_people(open_page, demo_site, viewport_name):
    page = open_page(DESKTOP if viewport_name == "desktop" else PHONE)
    page.goto(demo_site.url("lineage_inheritor"))
    section = page.locator("section.lineage")
    graph = section.locator(".lineage__graph svg")
    expect(graph).to_be_visible()
    nodes = graph.locator("a.lineage__node")
    assert nodes.count() >= 3
    drawn = sorted(label.split("，")[0] for label in nodes.evaluate_all(
        "links => links.map(link => link.getAttribute('aria-label'))"
    ))  # fmt: skip
    listed = sorted(section.locator(".lineage__list ul > li > :is(a, strong)").all_inner_texts())
    assert drawn == listed
    expect(graph.locator("a[aria-current=page]")).to_have_attribute(
        "aria-label", re.compile("^" + re.escape(demo_site.titles["lineage_inheritor"]))
    )
    # Every box holds its name inside its rectangle: nothing is drawn outside.
    boxes = graph.evaluate(
        """svg => [...svg.querySelectorAll('a.lineage__node')].map(node => {
            const rect = node.querySelector('rect').getBBox();
            const name = node.querySelector('.lineage__name').getBBox();
            return name.x >= rect.x && name.x + name.width <= rect.x + rect.width;
        })"""
    )
    assert all(boxes)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than a {viewport_name} screen"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    section.scroll_into_view_if_needed()
    section.screenshot(path=str(SCREENSHOTS / f"lineage-inheritor-{viewport_name}.png"))

    page.goto(demo_site.url("lineage_item"))
    item_section = page.locator("section.lineage")
    expect(item_section.locator("h2")).to_have_text("传承谱系")
    expect(item_section.locator(".lineage__list > li").first).to_contain_text("第1代")
    item_section.scroll_into_view_if_needed()
    item_section.screenshot(path=str(SCREENSHOTS / f"lineage-item-{viewport_name}.png"))


def test_the_drawing_is_walked_by_keyboard(open_page, demo_site):
    page = open_page(DESKTOP)
    page.goto(demo_site.url("lineage_inheritor"))
    first = page.locator(".lineage__graph a.lineage__node").first
    first.focus()
    # A focused box shows it: the focus colour on its outline.
    stroke = first.locator("rect").evaluate("rect => getComputedStyle(rect).stroke")
    assert stroke == "rgb(26, 95, 180)", stroke
    target = first.get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{target}")
