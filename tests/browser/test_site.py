"""The public site in Chromium: navigation, mobile menu, lightbox, facets, print, neighbours.

Every test fails on a console error or a failed request to the site (see
conftest.open_page). Screenshots go to test-artifacts/screenshots/.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOTS

# A section with channels, as the demo content builds it (非遗保护 → 非遗项目, 传承人…).
SECTION_WITH_CHANNELS = ".main-nav__item.has-dropdown"


def focused(page, selector):
    """Whether the focused element matches ``selector``."""
    return page.evaluate(
        "(selector) => !!document.activeElement && document.activeElement.matches(selector)",
        selector,
    )


def test_dropdown_opens_on_hover_and_keyboard_reaches_channels(open_page, demo_site):
    page = open_page(DESKTOP)
    page.goto(demo_site.url("home"))
    section = page.locator(SECTION_WITH_CHANNELS).first
    dropdown = section.locator(".dropdown")
    expect(dropdown).to_be_hidden()

    section.locator("> a").hover()
    expect(dropdown).to_be_visible()
    page.mouse.move(5, DESKTOP["height"] - 5)
    expect(dropdown).to_be_hidden()

    # Tab from the top of the page until focus lands on a channel link.
    page.locator("body").focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if focused(page, ".main-nav .dropdown a"):
            break
    else:
        pytest.fail("Tab never reached a channel link in a dropdown")
    channel = page.locator(".main-nav .dropdown a:focus")
    expect(channel).to_be_visible()

    # Escape folds the dropdown and puts focus back on its section link.
    page.keyboard.press("Escape")
    assert focused(page, ".main-nav__item.has-dropdown > a")
    expect(page.locator(".main-nav .dropdown a").first).to_be_hidden()


def test_mobile_menu_toggles_navigation(open_page, demo_site):
    page = open_page(PHONE)
    page.goto(demo_site.url("home"))
    toggle = page.locator(".menu-toggle")
    nav = page.locator("#main-nav")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(nav).to_be_visible()
    # On a phone the channels are listed under their section, not hidden in a hover menu.
    expect(nav.locator(".dropdown a").first).to_be_visible()

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()


def test_lightbox_opens_by_keyboard_navigates_and_returns_focus(open_page, demo_site):
    page = open_page(DESKTOP)
    page.goto(demo_site.url("heritage_item"))
    links = page.locator("[data-gallery] a.gallery__link")
    expect(links).to_have_count(demo_site.facts["gallery_size"])
    expect(page.locator("[data-gallery].gallery--lightbox")).to_be_attached()
    first = links.first
    first.focus()

    page.keyboard.press("Enter")
    lightbox = page.locator(".pswp")
    expect(lightbox).to_be_visible()
    # The page did not follow the link to the bare picture.
    assert page.url == demo_site.url("heritage_item")
    counter = lightbox.locator(".pswp__counter")
    expect(counter).to_have_text(re.compile(r"^1 / \d+$"))
    expect(lightbox.locator(".pswp__img").first).to_be_visible()
    # Once the opening animation ends, focus moves into the lightbox (and its keys work).
    expect(lightbox).to_be_focused()

    page.keyboard.press("ArrowRight")
    expect(counter).to_have_text(re.compile(r"^2 / \d+$"))
    page.keyboard.press("ArrowLeft")
    expect(counter).to_have_text(re.compile(r"^1 / \d+$"))

    page.keyboard.press("Escape")
    expect(lightbox).to_have_count(0)
    assert first.evaluate("(link) => link === document.activeElement")


def test_gallery_link_opens_the_picture_without_javascript(browser, demo_site):
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(demo_site.url("heritage_item"))
        link = page.locator("[data-gallery] a.gallery__link").first
        href = link.get_attribute("href")
        assert href.endswith(".webp")
        response = page.request.get(demo_site.live_url + href)
        assert response.status == 200
        assert response.headers["content-type"] == "image/webp"
    finally:
        context.close()


def search_total(page):
    text = page.locator(".search-total").inner_text()
    match = re.search(r"共\s*(\d+)\s*条结果", text)
    assert match, f"no result count in {text!r}"
    return int(match.group(1))


def test_facet_narrows_search_results(open_page, demo_site):
    page = open_page(DESKTOP)
    page.goto(demo_site.url("search"))
    total = search_total(page)
    assert total > 1

    # The first facet value that covers some but not all of the results.
    facet = None
    for label in page.locator(".search-facets label").all():
        count = int(re.search(r"\((\d+)\)", label.inner_text()).group(1))
        if 0 < count < total:
            facet, expected = label, count
            break
    assert facet is not None, "no facet value narrows the results"

    facet.locator("input[type=checkbox]").check()
    with page.expect_navigation():
        page.locator(".search-facets button[type=submit]").click()
    assert search_total(page) == expected < total
    expect(page.locator(".search-facets input:checked")).to_have_count(1)


def test_print_button_calls_window_print(open_page, demo_site):
    page = open_page(DESKTOP, init_script="window.print = () => { window.__printed = true; };")
    page.goto(demo_site.url("article"))
    button = page.get_by_role("button", name="打印此页")
    expect(button).to_be_visible()
    assert page.evaluate("window.__printed === undefined")
    button.click()
    assert page.evaluate("window.__printed === true")


def test_previous_and_next_links_reach_the_neighbours(open_page, demo_site):
    page = open_page(DESKTOP)
    page.goto(demo_site.url("article"))

    page.locator(".prev-next a[rel=next]").click()
    page.wait_for_url(demo_site.url("next"))
    expect(page.locator("h1")).to_have_text(demo_site.titles["next"])

    page.goto(demo_site.url("article"))
    page.locator(".prev-next a[rel=prev]").click()
    page.wait_for_url(demo_site.url("previous"))
    expect(page.locator("h1")).to_have_text(demo_site.titles["previous"])


def show_everything(page):
    """Scroll to the bottom so lazy images load, then back to the top."""
    page.evaluate(
        """async () => {
            for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight / 2) {
                window.scrollTo(0, y);
                await new Promise((resolve) => setTimeout(resolve, 50));
            }
            window.scrollTo(0, 0);
        }"""
    )
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready")


@pytest.mark.parametrize("viewport_name", ["desktop", "phone"])
@pytest.mark.parametrize("page_name", ["home", "heritage_item", "search", "article"])
def test_screenshot(open_page, demo_site, page_name, viewport_name):
    viewport = DESKTOP if viewport_name == "desktop" else PHONE
    page = open_page(viewport)
    page.goto(demo_site.url(page_name))
    show_everything(page)

    # Nothing wider than the screen: a phone never scrolls sideways.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page_name} is {overflow}px wider than a {viewport_name} screen"

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{page_name}-{viewport_name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
