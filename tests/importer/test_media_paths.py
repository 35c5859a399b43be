"""Media paths the file system would choke on are problems of their row and column."""

import os

from django.core.management.base import CommandError
from django.test import TestCase
from wagtail.models import Page

from heritage_archive.importer.readers import read_table
from heritage_archive.importer.validation import Validator
from tests.utils import build_site

from .helpers import ImportFilesMixin
from .test_heritage_import import HEADER

HOSTILE_PATHS = {
    "images/a\x00.jpg": "含有控制字符",
    "images/a\x01b.png": "含有控制字符",
    "images/a\tb.png": "含有控制字符",
    "images/a\x7f.png": "含有控制字符",
    "/etc/passwd": "是绝对路径",
    "\\\\server\\share\\a.png": "是绝对路径",
    "C:\\Users\\a.png": "是绝对路径",
    "c:a.png": "是绝对路径",
    "photos/../../a.png": "不能包含“..”",
    "..\\a.png": "不能包含“..”",
    "x" * 300 + ".png": "名字太长",
    "长" * 90 + ".png": "名字太长",  # 90 characters, 274 bytes in UTF-8
    "/".join(["d"] * 600) + "/a.png": "路径“",
    "loop/a.png": "无法读取文件",
    "photos": "找不到文件",
}


class HostileMediaPathTests(ImportFilesMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        build_site()

    def setUp(self):
        super().setUp()
        (self.folder / "photos").mkdir()
        os.symlink("loop", self.folder / "loop")

    def rows(self, column, paths):
        return [[*HEADER, column]] + [
            [f"Ⅴ-{n}", f"项目{n}", "曲艺", "区级", path] for n, path in enumerate(paths, start=2)
        ]

    def test_every_hostile_path_is_a_row_and_column_problem(self):
        paths = list(HOSTILE_PATHS)
        path = self.write_csv(self.rows("images", paths))

        # The service functions the command calls: read, then validate.
        _records, problems = Validator.for_type(
            "heritage", read_table(path), self.folder
        ).validate()

        by_row = {problem.row: problem for problem in problems}
        self.assertEqual(len(problems), len(paths))
        for row, (hostile, message) in enumerate(HOSTILE_PATHS.items(), start=2):
            with self.subTest(path=hostile[:40]):
                self.assertEqual(by_row[row].column, "images")
                self.assertIn(message, by_row[row].reason)
                self.assertNotIn("\x00", by_row[row].reason)

    def test_nul_byte_through_the_command_for_each_media_column(self):
        for record_type, column, header in [
            ("heritage", "images", HEADER),
            ("heritage", "audio", HEADER),
            ("heritage", "video", HEADER),
            ("figure", "portrait", ["key", "name"]),
            ("inheritor", "portrait", ["key", "name"]),
        ]:
            with self.subTest(record_type=record_type, column=column):
                cells = ["Ⅴ-1", "项目一", "曲艺", "区级"][: len(header)]
                path = self.write_csv([[*header, column], [*cells, "images/a\x00.jpg"]])
                pages_before = Page.objects.count()
                with self.assertRaisesMessage(CommandError, "发现 1 个问题，未写入任何内容"):
                    self.run_import(record_type, path, "--media-dir", str(self.folder))
                self.assertIn(
                    f"row 2, column {column}: “images/a\\x00.jpg”含有控制字符", self.last_stderr
                )
                self.assertNotIn("Traceback", self.last_stderr)
                self.assertEqual(Page.objects.count(), pages_before)
