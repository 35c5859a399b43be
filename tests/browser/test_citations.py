"""The citation block of a record page in Chromium: 复制 copies (or selects) the text,
nothing overflows a phone, and without script the text is there with no dead buttons."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOTS


@pytest.mark.parametrize("viewport_name", ["desktop", "phone"])
def test_copy_buttons_copy_each_citation(open_page, demo_site, viewport_name):
    viewport = DESKTOP if viewport_name == "desktop" else PHONE
    page = open_page(viewport)
    page.goto(demo_site.url("heritage_item"))
    block = page.locator(".cite-record")
    buttons = block.locator(".cite-record__copy")
    expect(buttons).to_have_count(3)
    for index, style in enumerate(("gbt7714", "apa", "chicago")):
        button = buttons.nth(index)
        expect(button).to_be_visible()
        expected = block.locator(f"#cite-{style}").inner_text().strip()
        button.click()
        # The clipboard answers asynchronously, so the previous button's
        # status and selection may still stand for a moment: wait for this
        # citation's text to be the selection.
        page.wait_for_function(
            "expected => window.getSelection().toString().trim() === expected", arg=expected
        )
        # The clipboard answered (已复制) or the fallback selected the text.
        expect(block.locator(".cite-record__status")).to_have_text(re.compile("已复制|已选中"))
    expect(block.get_by_role("link", name="RIS")).to_have_attribute(
        "href", re.compile(r"/cite\.ris$")
    )

    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the record page is {overflow}px wider than a {viewport_name} screen"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    block.scroll_into_view_if_needed()
    block.screenshot(path=str(SCREENSHOTS / f"citation-{viewport_name}.png"))


def test_without_javascript_the_text_stays_and_buttons_hide(browser, demo_site):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_site.url("heritage_item"))
    expect(page.locator(".cite-record__text")).to_have_count(3)
    expect(page.locator(".cite-record__text").first).to_be_visible()
    expect(page.locator(".cite-record__copy").first).to_be_hidden()
    context.close()
