"""The IIIF viewer (Mirador) on a record page, in Chromium on a phone and a desktop.

The viewer opens on demand: the record page loads no Mirador until the
查看高清图像 button is pressed, then Mirador loads the record's manifest in a
frame and OpenSeadragon draws a picture from the level 0 image service. Every
request the viewer makes must succeed (conftest.open_page fails the test on a
console error or an HTTP error from the site), so a size the service refuses
would fail here. Screenshots go to test-artifacts/screenshots/.
"""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOTS

MIRADOR = "/static/vendor/mirador/mirador.min.js"
# OpenSeadragon's drawing surface inside Mirador's window.
CANVAS = ".openseadragon-canvas canvas"


def drawn_picture(frame):
    """Whether OpenSeadragon has drawn image pixels on its canvas (not a blank canvas)."""
    return frame.evaluate(
        """() => {
            const canvas = document.querySelector('.openseadragon-canvas canvas');
            if (!canvas || !canvas.width || !canvas.height) return false;
            const context = canvas.getContext('2d', { willReadFrequently: true });
            if (!context) return false;
            const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
            for (let i = 3; i < data.length; i += 4 * 97) if (data[i] !== 0) return true;
            return false;
        }"""
    )


@pytest.mark.parametrize("viewport_name", ["desktop", "phone"])
def test_viewer_opens_the_manifest_and_draws_the_picture(open_page, demo_site, viewport_name):
    viewport = DESKTOP if viewport_name == "desktop" else PHONE
    page = open_page(viewport)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(demo_site.url("heritage_item"))

    section = page.locator("[data-iiif-viewer]")
    manifest_link = section.locator("a.iiif-link")
    expect(manifest_link).to_have_attribute("href", demo_site.urls["manifest"])
    button = section.locator("[data-iiif-viewer-open]")
    expect(button).to_have_text("查看高清图像")
    page.wait_for_load_state("networkidle")
    assert not [url for url in requests if MIRADOR in url], "Mirador loaded before it was asked for"

    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(button).to_have_text("收起高清图像")
    frame_element = section.locator("iframe.iiif-viewer__frame")
    expect(frame_element).to_be_visible()
    frame = frame_element.content_frame
    # Mirador has read the manifest: its window is named after the record.
    expect(
        frame.get_by_role("heading", name=demo_site.titles["heritage_item"], exact=True)
    ).to_be_visible(timeout=20_000)
    expect(frame.locator(CANVAS).first).to_be_attached(timeout=20_000)
    handle = frame_element.element_handle().content_frame()
    page.wait_for_load_state("networkidle")
    for _ in range(40):
        if drawn_picture(handle):
            break
        page.wait_for_timeout(250)
    else:
        pytest.fail("the viewer's canvas stayed blank")
    assert any("/iiif/image/" in url and "/full/" in url for url in requests), (
        "the picture did not come from the IIIF image service"
    )

    # Thumbnails of the other canvases: one per image of the record.
    expect(frame.get_by_role("grid").get_by_role("gridcell")).to_have_count(
        demo_site.facts["manifest_canvases"]
    )

    # Nothing wider than the screen, neither the page nor the viewer inside it.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the record page is {overflow}px wider than a {viewport_name} screen"
    frame_box = frame_element.bounding_box()
    assert frame_box["x"] >= 0 and frame_box["x"] + frame_box["width"] <= viewport["width"]

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    frame_element.scroll_into_view_if_needed()
    path = SCREENSHOTS / f"viewer-{viewport_name}.png"
    page.screenshot(path=str(path))
    assert path.stat().st_size > 10_000

    # A second press folds the viewer away.
    button.click()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(frame_element).to_have_count(0)


def test_viewer_page_works_without_the_record_page(open_page, demo_site):
    """Without JavaScript on the record page the link opens the viewer's page itself."""
    page = open_page(PHONE)
    page.goto(demo_site.url("viewer"))
    expect(
        page.get_by_role("heading", name=demo_site.titles["heritage_item"], exact=True)
    ).to_be_visible(timeout=20_000)
    expect(page.locator(CANVAS).first).to_be_attached(timeout=20_000)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
