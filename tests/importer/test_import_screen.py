"""The admin's import screen: upload, dry-run report, confirm, progress, result, audit log."""

import csv
import io
import zipfile

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from wagtail.models import ModelLogEntry

from heritage_archive.importer import jobs
from heritage_archive.importer.models import ImportJob
from heritage_archive.importer.uploads import MAX_MEMBER_BYTES
from heritage_archive.media.images.models import ArchiveImage
from heritage_archive.records.heritage.models import HeritageItemPage
from tests.core.test_roles import CuratorRolesMixin
from tests.factories import make_heritage_item
from tests.utils import png_bytes

UPLOAD = reverse("archive_import:upload")
HEADER = ["项目编号", "名称", "类别", "名录", "简介", "图片"]


def csv_file(rows, name="items.csv"):
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8"), content_type="text/csv")


def zip_file(members, name="media.zip"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/zip")


class ImportScreenMixin(CuratorRolesMixin):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.existing = make_heritage_item(cls.pages, title="安次快板", key="Ⅴ-3", summary="旧简介")

    def setUp(self):
        super().setUp()
        self.client.force_login(self.manager)

    def upload(self, sheet, media=None, record_type="heritage"):
        data = {"record_type": record_type, "sheet": sheet}
        if media is not None:
            data["media"] = media
        return self.client.post(UPLOAD, data)

    def good_rows(self):
        return [
            HEADER,
            ["Ⅴ-3", "安次快板", "曲艺", "区级|第一批|2009; 市级|第一批|2013", "新简介", ""],
            [
                "Ⅱ-9",
                "落垡高跷",
                "传统舞蹈",
                "区级|第二批|2011",
                "踩着高跷表演。",
                "img/gaoqiao.png",
            ],
        ]

    def confirm(self, job):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(reverse("archive_import:report", args=[job.pk]))


class DryRunReportTests(ImportScreenMixin, TestCase):
    def test_report_lists_every_row_and_problem_and_writes_nothing(self):
        rows = [
            *self.good_rows(),
            ["Ⅲ-1", "无名", "不存在的类别", "区级|第一批|2009", "", ""],
            ["", "缺编号", "曲艺", "区级|第一批|2009", "", ""],
        ]
        response = self.upload(csv_file(rows), zip_file({"img/gaoqiao.png": png_bytes()}))

        job = ImportJob.objects.get()
        self.assertRedirects(response, reverse("archive_import:report", args=[job.pk]))
        self.assertEqual(job.status, ImportJob.Status.INVALID)
        self.assertEqual(
            job.report["counts"], {"created": 1, "updated": 1, "unchanged": 0, "error_rows": 2}
        )
        problems = {(p["row"], p["column"]) for p in job.report["problems"]}
        self.assertEqual(problems, {(4, "类别"), (5, "项目编号")})
        page = self.client.get(response.url).content.decode()
        self.assertIn("不存在的类别", page)
        self.assertIn("必填，不能为空。", page)
        self.assertIn("发现 2 个问题", page)
        self.assertNotIn("data-import-confirm", page)  # nothing to confirm
        # The dry run wrote nothing, and a refused job cannot be confirmed.
        self.confirm(job)
        self.assertEqual(HeritageItemPage.objects.count(), 1)
        self.assertEqual(HeritageItemPage.objects.get().summary, "旧简介")
        self.assertFalse(job.folder.exists())

    def test_clean_file_shows_what_would_be_created_and_updated(self):
        response = self.upload(
            csv_file(self.good_rows()), zip_file({"img/gaoqiao.png": png_bytes()})
        )
        job = ImportJob.objects.get()
        self.assertEqual(job.status, ImportJob.Status.READY)
        rows = {row["key"]: row for row in job.report["rows"]}
        self.assertEqual(rows["Ⅴ-3"]["action"], "updated")
        self.assertEqual(rows["Ⅴ-3"]["changed"], ["简介"])
        self.assertEqual(rows["Ⅱ-9"]["action"], "created")
        page = self.client.get(response.url).content.decode()
        self.assertIn("data-import-confirm", page)
        self.assertIn("将新建 1 条", page)
        self.assertIn("将更新 1 条", page)
        # The files wait in the private folder, not under MEDIA_ROOT.
        self.assertTrue((job.folder / "media" / "img" / "gaoqiao.png").is_file())
        self.assertFalse(ArchiveImage.objects.exists())
        self.assertEqual(HeritageItemPage.objects.count(), 1)


class ConfirmTests(ImportScreenMixin, TestCase):
    def test_confirm_runs_the_task_records_progress_and_logs(self):
        self.upload(csv_file(self.good_rows()), zip_file({"img/gaoqiao.png": png_bytes()}))
        job = ImportJob.objects.get()

        response = self.confirm(job)

        self.assertRedirects(
            response,
            reverse("archive_import:progress", args=[job.pk]),
            fetch_redirect_response=False,
        )
        job.refresh_from_db()
        self.assertEqual(job.status, ImportJob.Status.DONE)
        self.assertEqual(job.result, {"created": 1, "updated": 1, "unchanged": 0})
        created = HeritageItemPage.objects.get(key="Ⅱ-9")
        self.assertTrue(created.live)
        self.assertEqual(created.gallery_images.get().image.file.read(), png_bytes())
        self.assertEqual(HeritageItemPage.objects.get(key="Ⅴ-3").summary, "新简介")
        self.assertFalse(job.folder.exists())  # the private files are gone

        progress = self.client.get(reverse("archive_import:progress_json", args=[job.pk])).json()
        self.assertEqual(
            (progress["status"], progress["done"], progress["total"], progress["finished"]),
            ("done", 2, 2, True),
        )
        result = self.client.get(reverse("archive_import:result", args=[job.pk]))
        self.assertContains(result, "导入完成：新建 1 条，更新 1 条，0 条不变。")

        entries = ModelLogEntry.objects.filter(object_id=str(job.pk)).order_by("timestamp", "pk")
        self.assertEqual([e.action for e in entries], [jobs.CONFIRM_ACTION, jobs.FINISH_ACTION])
        self.assertEqual({e.user for e in entries}, {self.manager})
        self.assertEqual(entries[1].data["created"], 1)
        self.assertEqual(str(entries[0].message), "确认从表格导入记录")
        # A second confirmation does not run it again.
        self.confirm(job)
        self.assertEqual(ModelLogEntry.objects.filter(object_id=str(job.pk)).count(), 2)

    def test_progress_json_reports_the_running_task(self):
        self.upload(csv_file(self.good_rows()), zip_file({"img/gaoqiao.png": png_bytes()}))
        job = ImportJob.objects.get()
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING)
        jobs.ProgressReporter(job)(0, 5)
        jobs.ProgressReporter(job)(2, 5)

        progress = self.client.get(reverse("archive_import:progress_json", args=[job.pk])).json()

        self.assertEqual(
            (progress["status"], progress["done"], progress["total"], progress["finished"]),
            ("running", 2, 5, False),
        )
        page = self.client.get(reverse("archive_import:progress", args=[job.pk]))
        self.assertContains(page, 'value="2"')
        self.assertContains(page, "import-progress.js")

    def test_the_task_validates_again_and_writes_nothing_when_the_archive_changed(self):
        self.upload(csv_file(self.good_rows()), zip_file({"img/gaoqiao.png": png_bytes()}))
        job = ImportJob.objects.get()
        # Between the dry run and the confirmation the image went missing.
        (job.folder / "media" / "img" / "gaoqiao.png").unlink()

        self.confirm(job)

        job.refresh_from_db()
        self.assertEqual(job.status, ImportJob.Status.FAILED)
        self.assertEqual(job.result["problems"][0]["column"], "图片")
        self.assertEqual(HeritageItemPage.objects.get(key="Ⅴ-3").summary, "旧简介")
        self.assertFalse(HeritageItemPage.objects.filter(key="Ⅱ-9").exists())
        result = self.client.get(reverse("archive_import:result", args=[job.pk]))
        self.assertContains(result, "未写入任何内容")


class RefusedUploadTests(ImportScreenMixin, TestCase):
    def setUp(self):
        super().setUp()
        self.folders_before = set(settings.IMPORT_WORK_ROOT.iterdir())

    def assertRefused(self, response, message, field="media"):
        self.assertEqual(response.status_code, 200)
        errors = response.context["form"].errors[field]
        self.assertTrue(any(message in error for error in errors), errors)
        self.assertFalse(ImportJob.objects.exists())
        self.assertEqual(HeritageItemPage.objects.count(), 1)
        # Nothing of the upload was kept either.
        self.assertEqual(set(settings.IMPORT_WORK_ROOT.iterdir()), self.folders_before)

    def test_a_dotdot_path_in_the_zip_refuses_it(self):
        media = zip_file({"img/gaoqiao.png": png_bytes(), "../escape.png": png_bytes()})
        response = self.upload(csv_file(self.good_rows()), media)
        self.assertRefused(response, "“../escape.png”被拒绝：“../escape.png”不能包含“..”")

    def test_an_absolute_path_in_the_zip_refuses_it(self):
        response = self.upload(csv_file(self.good_rows()), zip_file({"/etc/x.png": png_bytes()}))
        self.assertRefused(response, "是绝对路径")

    def test_an_oversized_file_in_the_zip_refuses_it(self):
        big = b"\0" * (MAX_MEMBER_BYTES + 1)
        response = self.upload(csv_file(self.good_rows()), zip_file({"img/big.mp4": big}))
        self.assertRefused(response, "单个文件上限为")

    def test_a_zip_that_is_not_one(self):
        media = SimpleUploadedFile("media.zip", b"not a zip at all")
        self.assertRefused(self.upload(csv_file(self.good_rows()), media), "无法读取压缩包")

    def test_a_non_spreadsheet(self):
        sheet = SimpleUploadedFile("notes.txt", "项目编号\n".encode())
        self.assertRefused(self.upload(sheet), "只接受 .csv 或 .xlsx", field="sheet")

    def test_a_corrupt_xlsx(self):
        sheet = SimpleUploadedFile("items.xlsx", b"PK\x03\x04 broken")
        self.assertRefused(self.upload(sheet), "无法读取 XLSX 文件", field="sheet")

    def test_a_csv_that_is_not_utf8(self):
        sheet = SimpleUploadedFile("items.csv", "项目编号,名称\n".encode("gbk"))
        self.assertRefused(self.upload(sheet), "不是 UTF-8 编码", field="sheet")


class PermissionTests(ImportScreenMixin, TestCase):
    def test_only_heritage_managers_and_superusers_may_import(self):
        superuser = get_user_model().objects.create_superuser("root", "r@example.com", "pw")
        for user, status in [
            (self.manager, 200),
            (superuser, 200),
            (self.editor, 403),
            (self.reviewer, 403),
        ]:
            with self.subTest(user=user.username):
                self.client.force_login(user)
                self.assertEqual(self.client.get(UPLOAD).status_code, status)
                menu = self.client.get(reverse("wagtailadmin_home")).content.decode()
                self.assertEqual(UPLOAD in menu, status == 200)

    def test_others_cannot_see_or_confirm_a_job(self):
        self.upload(csv_file(self.good_rows()), zip_file({"img/gaoqiao.png": png_bytes()}))
        job = ImportJob.objects.get()
        self.client.force_login(self.reviewer)
        for name in ("report", "progress", "progress_json", "result"):
            with self.subTest(view=name):
                url = reverse(f"archive_import:{name}", args=[job.pk])
                self.assertEqual(self.client.get(url).status_code, 403)
        self.assertEqual(self.confirm(job).status_code, 403)
        job.refresh_from_db()
        self.assertEqual(job.status, ImportJob.Status.READY)
        self.client.logout()
        self.assertEqual(self.client.get(UPLOAD).status_code, 302)  # to the login page

    def test_the_log_actions_have_chinese_labels(self):
        from wagtail.log_actions import registry

        self.assertEqual(str(registry.get_action_label(jobs.CONFIRM_ACTION)), "确认导入")
        self.assertEqual(str(registry.get_action_label(jobs.FINISH_ACTION)), "导入结束")
