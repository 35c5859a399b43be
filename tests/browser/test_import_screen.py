"""The admin's import screen in Chromium: a curator (非遗管理员) logs in, uploads a
sheet with a ZIP of images, reads the dry-run report, confirms, watches the
progress page reach the end, and finds the new record published and
searchable. Screenshots go to test-artifacts/screenshots/.
"""

import csv
import os
import zipfile
from contextlib import contextmanager

from tests.browser.conftest import DESKTOP, SCREENSHOTS
from tests.utils import png_bytes

USERNAME, PASSWORD = "import-curator", "Import-curator-2026"
TITLE = "葛渔城灯会"


@contextmanager
def orm_beside_playwright(django_db_blocker):
    """ORM calls in the main thread, where Playwright's sync API keeps an event loop.

    Django refuses them there (SynchronousOnlyOperation) because it sees a
    running loop; nothing here runs on that loop, so the refusal is lifted
    for these few calls only, with the database the live server uses.
    """
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with django_db_blocker.unblock():
            yield
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def make_curator():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from heritage_archive.core.roles import HERITAGE_MANAGERS

    user, _created = get_user_model().objects.get_or_create(username=USERNAME)
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(Group.objects.get(name=HERITAGE_MANAGERS))


def save(page, name):
    page.wait_for_load_state("networkidle")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 5_000


def test_curator_imports_a_sheet_with_images(open_page, demo_site, tmp_path, django_db_blocker):
    from playwright.sync_api import expect

    with orm_beside_playwright(django_db_blocker):
        make_curator()
    sheet = tmp_path / "灯会.csv"
    with sheet.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(
            [
                ["项目编号", "名称", "类别", "名录", "简介", "标签", "图片"],
                ["Ⅹ-90", TITLE, "民俗", "区级|第九批|2025|", "正月十五的灯会。", "灯会",
                 "photos/denghui-1.png|灯会夜景|; photos/denghui-2.png|花灯|"],
            ]
        )  # fmt: skip
    media = tmp_path / "media.zip"
    with zipfile.ZipFile(media, "w") as archive:
        archive.writestr("photos/denghui-1.png", png_bytes(320, 200, (200, 40, 40)))
        archive.writestr("photos/denghui-2.png", png_bytes(320, 200, (40, 40, 200)))

    page = open_page(DESKTOP)
    page.goto(demo_site.live_url + "/admin/login/")
    page.fill("input[name=username]", USERNAME)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")

    page.goto(demo_site.live_url + "/admin/archive/import/")
    expect(page.locator("main h1")).to_contain_text("从表格导入记录")
    page.select_option("select[name=record_type]", "heritage")
    page.set_input_files("input[name=sheet]", str(sheet))
    page.set_input_files("input[name=media]", str(media))
    save(page, "import-1-upload")
    page.get_by_role("button", name="上传并试运行").click()

    page.wait_for_url("**/admin/archive/import/*/")
    expect(page.locator("[data-import-counts]")).to_contain_text("将新建 1 条")
    expect(page.locator("[data-import-rows] tr[data-action=created]")).to_contain_text(TITLE)
    save(page, "import-2-report")

    page.locator("[data-import-confirm]").click()
    page.wait_for_url("**/progress/")
    progress = page.locator("[data-import-progress]")
    expect(progress.locator("[data-import-done]")).to_have_text("1")
    expect(progress.locator("[data-import-total]")).to_have_text("1")
    save(page, "import-3-progress")
    page.wait_for_url("**/result/")
    expect(page.locator("[data-import-result=done]")).to_contain_text("新建 1 条")
    save(page, "import-4-result")

    answer = page.request.get(demo_site.live_url + "/api/search/?q=" + TITLE).json()
    (hit,) = [result for result in answer["results"] if result["title"] == TITLE]
    public = open_page(DESKTOP)
    public.goto(hit["url"] if hit["url"].startswith("http") else demo_site.live_url + hit["url"])
    expect(public.locator("h1")).to_contain_text(TITLE)
    expect(public.locator("img[alt=灯会夜景]").first).to_be_visible()
    save(public, "import-5-published")
