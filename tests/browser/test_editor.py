"""The record editor's tag field in Chromium: Chinese separators split as the server splits."""

import threading

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS

TAGS = "剪纸，民俗、年画；窗花"
EXPECTED = ["剪纸", "民俗", "年画", "窗花"]


def _in_thread(work):
    """Run ORM calls off the main thread, where Playwright's event loop forbids them.

    An in-memory SQLite database exists only in the main connection, which the
    worker borrows as the live server's threads do (demo_site shares it).
    """
    from django.db import connections

    main = connections["default"]
    borrow = main.vendor == "sqlite" and main.is_in_memory_db()
    outcome = {}

    def run():
        if borrow:
            connections["default"] = main
        try:
            outcome["value"] = work()
        except Exception as error:  # handed back to the test below
            outcome["error"] = error
        finally:
            if not borrow:
                connections.close_all()

    if borrow:
        main.inc_thread_sharing()
    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=60)
    if borrow:
        main.dec_thread_sharing()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


@pytest.fixture(scope="module")
def editor(demo_site):
    def prepare():
        from django.contrib.auth import get_user_model

        from heritage_archive.records.heritage.models import HeritageItemPage

        User = get_user_model()
        if not User.objects.filter(username="tag-editor").exists():
            User.objects.create_superuser("tag-editor", "t@example.org", "pw-editor-9")
        item = HeritageItemPage.objects.live().order_by("pk").first()
        return item.pk

    return {"item": _in_thread(prepare)}


def log_in(page, demo_site):
    page.goto(demo_site.live_url + "/admin/login/")
    page.fill("#id_username", "tag-editor")
    page.fill("#id_password", "pw-editor-9")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(demo_site.live_url + "/admin/")


def chips(page):
    return page.locator("#id_tags + ul.tagit li.tagit-choice:not(.removed) .tagit-label")


def test_tag_field_splits_chinese_separators_typed_and_saved(open_page, demo_site, editor):
    page = open_page()
    log_in(page, demo_site)
    page.goto(f"{demo_site.live_url}/admin/pages/{editor['item']}/edit/")
    field = page.locator("#id_tags + ul.tagit")
    field.scroll_into_view_if_needed()

    # Start from an empty field, whatever tags the demo item has.
    # One chip at a time: tag-it fades a removed chip out before it goes, and a
    # click meanwhile would land on the chip already going.
    for _ in range(20):
        remaining = chips(page).count()
        if not remaining:
            break
        field.locator("li.tagit-choice:not(.removed) .tagit-close").first.click()
        expect(chips(page)).to_have_count(remaining - 1)
    expect(chips(page)).to_have_count(0)

    tag_input = field.locator("li.tagit-new input")
    tag_input.fill(TAGS)
    tag_input.press("Enter")
    expect(chips(page)).to_have_text(EXPECTED)
    # The submitted value lists the tags as tag-it keeps them, one per comma.
    assert page.locator("#id_tags").input_value() == ",".join(EXPECTED)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    field.screenshot(path=str(SCREENSHOTS / "editor-tags-typed.png"))

    # Saved, the server writes the tags back joined by "，"; the field shows them apart.
    page.locator("button.action-save").first.click()
    page.wait_for_load_state("load")
    expect(page.locator(".messages")).to_contain_text("已")
    expect(chips(page)).to_have_text(sorted(EXPECTED))
    page.locator("#id_tags + ul.tagit").screenshot(path=str(SCREENSHOTS / "editor-tags-saved.png"))

    def saved_tags():
        from heritage_archive.records.heritage.models import HeritageItemPage

        draft = HeritageItemPage.objects.get(pk=editor["item"]).get_latest_revision_as_object()
        return sorted(tag.name for tag in draft.tags.all())

    assert _in_thread(saved_tags) == sorted(EXPECTED)
