"""One page of every page type, on a phone and a desktop: nothing overflows the
screen, no heading, button, link or field cuts its text, no form control is
left with the browser's default look, and a screenshot of each is kept.

The pages are the first public page of each page type in the demo content
(conftest._one_page_of_every_type), plus a tag page, a search and a 404.
"""

from urllib.parse import quote

import pytest

from tests.browser.conftest import PHONE, SCREENSHOTS
from tests.browser.test_site import show_everything

PAGE_TYPES = [
    "HomePage",
    "StandardPage",
    "NewsIndexPage",
    "NewsChannelPage",
    "ArticlePage",
    "PeriodicalIndexPage",
    "PeriodicalIssuePage",
    "FigureIndexPage",
    "FigurePage",
    "GalleryIndexPage",
    "GalleryPage",
    "ArtworkPage",
    "CourseIndexPage",
    "CoursePage",
    "LessonPage",
    "EventIndexPage",
    "EventPage",
    "HeritageSectionPage",
    "HeritageIndexPage",
    "HeritageItemPage",
    "InheritorIndexPage",
    "InheritorPage",
    "BranchIndexPage",
    "BranchPage",
]
OTHER_PAGES = {
    "tag": f"/tags/{quote('快板')}/",
    "search": f"/search/?q={quote('快板')}",
    "not-found": "/no-such-page/",
}
VIEWPORTS = {"phone": PHONE, "desktop": {"width": 1366, "height": 900}}

# Elements whose text must never be cut: a hidden overflow, or a field's own box.
CLIPPED_TEXT = """() => {
    const problems = [];
    const canvas = document.createElement("canvas").getContext("2d");
    const visible = (el) => {
        const box = el.getBoundingClientRect();
        return box.width > 1 && box.height > 1 && getComputedStyle(el).visibility !== "hidden"
            && !el.closest(".visually-hidden, .skip-link, [hidden]");
    };
    const name = (el) => el.tagName.toLowerCase() + (el.className ? "." + String(el.className)
        .trim().split(/\\s+/).join(".") : "") + ` "${(el.textContent || el.placeholder || "")
        .trim().slice(0, 30)}"`;
    for (const el of document.querySelectorAll(
        "h1, h2, h3, h4, button, a, label, input, select, textarea, .card__title"
    )) {
        if (!visible(el)) continue;
        const style = getComputedStyle(el);
        const hides = [style.overflowX, style.overflow].some((v) => v === "hidden" || v === "clip");
        if (hides && el.scrollWidth > el.clientWidth + 1) {
            problems.push(`${name(el)} cuts its text (${el.scrollWidth} > ${el.clientWidth})`);
        }
        if ((el.tagName === "INPUT" || el.tagName === "TEXTAREA") && el.placeholder && !el.value) {
            canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
            const room = el.clientWidth - parseFloat(style.paddingLeft)
                - parseFloat(style.paddingRight);
            const needed = canvas.measureText(el.placeholder).width;
            if (needed > room + 1) {
                problems.push(`${name(el)}: placeholder needs ${Math.ceil(needed)}px, has ${room}px`);
            }
        }
    }
    return problems;
}"""

# Chromium's own look for a control nobody styled: a grey button face, a grooved fieldset.
UNSTYLED_CONTROLS = r"""() => {
    const problems = [];
    for (const el of document.querySelectorAll(
        "button, input[type=submit], input[type=button], input[type=reset], fieldset"
    )) {
        const box = el.getBoundingClientRect();
        if (box.width <= 1 || el.closest("[hidden], .visually-hidden")) continue;
        const style = getComputedStyle(el);
        const grey = style.backgroundColor === "rgb(239, 239, 239)"
            && style.borderTopStyle === "outset";
        const groove = el.tagName === "FIELDSET" && style.borderTopStyle === "groove";
        if (grey || groove) problems.push(`${el.tagName.toLowerCase()} "${el.textContent
            .replace(/\s+/g, " ").trim().slice(0, 30)}" has the browser's default look`);
    }
    return problems;
}"""


def check_page(page, label, viewport_name):
    show_everything(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"type-{label}-{viewport_name}.png"
    page.screenshot(path=str(path), full_page=True)

    problems = []
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    if overflow > 1:
        problems.append(f"the page is {overflow}px wider than the screen")
    problems += page.evaluate(CLIPPED_TEXT)
    problems += page.evaluate(UNSTYLED_CONTROLS)
    # A short page still ends with its footer at the bottom of the window.
    gap = page.evaluate(
        """() => Math.round(window.innerHeight
            - document.querySelector(".site-footer").getBoundingClientRect().bottom
            - window.scrollY)"""
    )
    if gap > 1:
        problems.append(f"a {gap}px band under the footer")
    assert not problems, f"{label} on a {viewport_name} screen:\n" + "\n".join(problems)


@pytest.mark.parametrize("viewport_name", list(VIEWPORTS))
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_fits_the_screen(open_page, demo_site, page_type, viewport_name):
    assert f"type:{page_type}" in demo_site.urls, f"the demo content has no {page_type}"
    page = open_page(VIEWPORTS[viewport_name])
    page.goto(demo_site.url(f"type:{page_type}"))
    check_page(page, page_type, viewport_name)


@pytest.mark.parametrize("viewport_name", list(VIEWPORTS))
@pytest.mark.parametrize(
    "label",
    OTHER_PAGES,
)
def test_other_page_fits_the_screen(browser, demo_site, label, viewport_name):
    # Not open_page: the 404 page answers 404 on purpose.
    context = browser.new_context(viewport=VIEWPORTS[viewport_name], locale="zh-CN")
    try:
        page = context.new_page()
        response = page.goto(demo_site.live_url + OTHER_PAGES[label])
        assert response.status == (404 if label == "not-found" else 200)
        check_page(page, label, viewport_name)
    finally:
        context.close()
