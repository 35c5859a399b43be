"""The record listings' export in the import format, and back through the import screen."""

import csv
import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.rich_text import RichText

from heritage_archive.core.choices import Category
from heritage_archive.core.roles import HERITAGE_MANAGERS, REVIEWERS
from heritage_archive.importer.models import ImportJob
from heritage_archive.records.heritage.models import HeritageItemPage

LISTING = reverse("heritage_items:index")


def content_of(response):
    return b"".join(
        chunk if isinstance(chunk, bytes) else chunk.encode()
        for chunk in (response.streaming_content if response.streaming else [response.content])
    )


class ExportRoundTripTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo_content", stdout=io.StringIO())
        User = get_user_model()
        cls.manager = User.objects.create_user("feiyi", "f@example.com", "pw")
        cls.manager.groups.add(Group.objects.get(name=HERITAGE_MANAGERS))
        cls.reviewer = User.objects.create_user("shenhe", "s@example.com", "pw")
        cls.reviewer.groups.add(Group.objects.get(name=REVIEWERS))

    def setUp(self):
        self.client.force_login(self.manager)

    def export_csv(self, **filters):
        response = self.client.get(LISTING, {"export": "csv", **filters})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/csv")
        text = content_of(response).decode("utf-8")
        self.assertTrue(text.startswith("\ufeff"))  # Excel reads it as UTF-8
        return list(csv.reader(io.StringIO(text[1:], newline="")))

    def import_sheet(self, name, data, content_type="text/csv"):
        response = self.client.post(
            reverse("archive_import:upload"),
            {"record_type": "heritage", "sheet": SimpleUploadedFile(name, data, content_type)},
        )
        self.assertEqual(response.status_code, 302, getattr(response, "context", None))
        return ImportJob.objects.latest("created_at")

    def test_one_changed_cell_comes_back_as_exactly_one_update(self):
        rows = self.export_csv()
        header, data = rows[0], rows[1:]
        self.assertEqual(header[:4], ["项目编号", "名称", "类别", "名录"])
        self.assertNotIn("图片", header)  # files stay out of a listing's sheet
        self.assertEqual(len(data), HeritageItemPage.objects.count())
        summary = header.index("简介")
        # An item extended at a higher level, whose listings carry project
        # numbers the sheet does not hold: the update must keep both.
        item = next(
            page
            for page in HeritageItemPage.objects.order_by("path")
            if len({listing.listing_type for listing in page.listings.all()}) > 1
        )
        listings_before = self.listings_of(item)
        self.assertTrue(any(number for *_rest, number in listings_before))
        key = item.key
        (changed_row,) = [row for row in data if row[0] == key]
        changed_row[summary] = "改过的简介。"
        buffer = io.StringIO(newline="")
        csv.writer(buffer).writerows([header, *data])

        job = self.import_sheet("heritage.csv", buffer.getvalue().encode("utf-8-sig"))

        self.assertEqual(job.status, ImportJob.Status.READY, job.report["problems"][:3])
        self.assertEqual(
            job.report["counts"],
            {"created": 0, "updated": 1, "unchanged": len(data) - 1, "error_rows": 0},
        )
        (updated,) = [row for row in job.report["rows"] if row["action"] == "updated"]
        self.assertEqual((updated["key"], updated["changed"]), (key, ["简介"]))
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(reverse("archive_import:report", args=[job.pk]))
        job.refresh_from_db()
        self.assertEqual(job.result, {"created": 0, "updated": 1, "unchanged": len(data) - 1})
        item = HeritageItemPage.objects.get(key=key)
        self.assertEqual(item.summary, "改过的简介。")
        self.assertEqual(self.listings_of(item), listings_before)

    @staticmethod
    def listings_of(item):
        return sorted(
            (listing.level, listing.year, listing.listing_type, listing.project_number)
            for listing in item.listings.all()
        )

    def test_the_xlsx_export_comes_back_unchanged(self):
        response = self.client.get(LISTING, {"export": "xlsx"})
        self.assertEqual(response.status_code, 200)
        data = content_of(response)
        sheet = load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
        self.assertEqual(next(sheet.iter_rows(values_only=True))[0], "项目编号")

        job = self.import_sheet("heritage.xlsx", data, "application/octet-stream")

        self.assertEqual(job.report["counts"]["unchanged"], HeritageItemPage.objects.count())
        self.assertEqual(job.report["counts"]["updated"], 0, job.report["rows"])

    def test_a_rich_body_survives_the_round_trip(self):
        """The sheet holds only the body's text; importing it back must not flatten the body."""
        item = HeritageItemPage.objects.order_by("path").first()
        item.body = [
            ("heading", {"text": "历史渊源", "size": "h2"}),
            ("paragraph", RichText("<p>清代<b>已有</b>记载。</p>")),
            ("quote", {"text": "吹歌一响，黄金万两。", "attribution": "民谚"}),
        ]
        item.save_revision().publish()
        blocks_before = [(block.block_type, block.value) for block in item.body]

        job = self.import_sheet("heritage.csv", self.export_csv_bytes())

        self.assertEqual(job.report["counts"]["updated"], 0, job.report["rows"][:3])
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(reverse("archive_import:report", args=[job.pk]))
        item = HeritageItemPage.objects.get(pk=item.pk)
        self.assertEqual(
            [block.block_type for block in item.body], [kind for kind, _value in blocks_before]
        )
        self.assertEqual(item.body[2].value["attribution"], "民谚")

    def export_csv_bytes(self):
        rows = self.export_csv()
        buffer = io.StringIO(newline="")
        csv.writer(buffer).writerows(rows)
        return buffer.getvalue().encode("utf-8-sig")

    def test_the_export_keeps_the_listing_filters(self):
        rows = self.export_csv(category=Category.QUYI)
        expected = set(
            HeritageItemPage.objects.filter(category=Category.QUYI).values_list("key", flat=True)
        )
        self.assertTrue(expected)
        self.assertEqual({row[0] for row in rows[1:]}, expected)

    def test_only_heritage_managers_get_the_export(self):
        self.assertContains(self.client.get(LISTING), "export=csv")
        self.client.force_login(self.reviewer)
        self.assertEqual(self.client.get(LISTING).status_code, 200)
        self.assertNotContains(self.client.get(LISTING), "export=csv")
        response = self.client.get(LISTING, {"export": "csv"})
        self.assertNotEqual(response.get("Content-Type"), "text/csv")
        self.assertNotIn("项目编号".encode(), content_of(response))
