from django.core.management.base import CommandError
from django.test import TestCase

from heritage_archive.core.choices import Gender, Level
from heritage_archive.records.figures.models import FigurePage
from heritage_archive.records.heritage.models import HeritageItemPage
from heritage_archive.records.inheritors.models import InheritorPage
from tests.utils import build_site

from .helpers import ImportFilesMixin
from .test_heritage_import import HEADER, revisions_of

INHERITOR_HEADER = [
    "编号",
    "姓名",
    "性别",
    "出生年份",
    "项目编号",
    "传承人级别",
    "所属地区",
    "师承",
    "简介",
]


class InheritorImportTests(ImportFilesMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()

    def setUp(self):
        super().setUp()
        self.run_import(
            "heritage",
            self.write_csv(
                [HEADER, ["Ⅴ-3", "安次快板", "曲艺", "区级"], ["Ⅴ-4", "西河大鼓", "曲艺", "市级"]],
                name="items.csv",
            ),
        )

    def inheritor_rows(self):
        return [
            INHERITOR_HEADER,
            # The student comes first: teachers may be rows further down.
            [
                "CCR-3",
                "王小明",
                "男",
                "1980",
                "V-3",
                "区级|第二批|2015",
                "杨税务乡",
                "CCR-1、CCR-2",
                "学艺二十年。",
            ],
            [
                "CCR-1",
                "张大山",
                "男",
                "1940",
                "Ⅴ-3；5-4",
                "市级|第一批|2010；区级|第一批|2008",
                "",
                "",
                "",
            ],
            ["CCR-2", "李秀英", "女", "1950", "", "", "", "CCR-1", ""],
        ]

    def test_inheritors_with_items_designations_and_lineage(self):
        self.run_import("inheritor", self.write_csv(self.inheritor_rows()))

        student = InheritorPage.objects.get(key="CCR-3")
        master = InheritorPage.objects.get(key="CCR-1")
        second = InheritorPage.objects.get(key="CCR-2")
        self.assertEqual(student.title, "王小明")
        self.assertEqual(student.gender, Gender.MALE)
        self.assertEqual(second.gender, Gender.FEMALE)
        self.assertEqual(student.birth_year, 1980)
        self.assertEqual(student.summary, "学艺二十年。")
        self.assertEqual(student.region.name, "杨税务乡")
        self.assertEqual(set(student.teachers.all()), {master, second})
        self.assertEqual(set(master.students.all()), {student, second})
        self.assertEqual(set(master.items.values_list("key", flat=True)), {"Ⅴ-3", "Ⅴ-4"})
        self.assertEqual(master.level, Level.MUNICIPAL)
        self.assertEqual(master.designations.count(), 2)
        self.assertTrue(all(page.live for page in InheritorPage.objects.all()))
        # One revision per new inheritor, even when its teachers came later in the file.
        self.assertEqual(revisions_of(student), 1)

    def test_reimporting_inheritors_changes_nothing(self):
        path = self.write_csv(self.inheritor_rows())
        self.run_import("inheritor", path)
        revisions = {page.key: revisions_of(page) for page in InheritorPage.objects.all()}

        stdout, _stderr = self.run_import("inheritor", path)

        self.assertEqual(
            {page.key: revisions_of(page) for page in InheritorPage.objects.all()}, revisions
        )
        self.assertIn("3 条不变", stdout)

    def test_unknown_teacher_and_item_are_reported(self):
        rows = self.inheritor_rows()
        rows[1][7] = "CCR-99"
        rows[2][4] = "Ⅸ-9"
        rows[3][2] = "未知"

        with self.assertRaises(CommandError):
            self.run_import("inheritor", self.write_csv(rows))

        self.assertIn(
            "row 2, column 师承: 师父编号“CCR-99”既不在档案中，也不在本文件中", self.last_stderr
        )
        self.assertIn("row 3, column 项目编号: 项目编号“Ⅸ-9”不在档案中", self.last_stderr)
        self.assertIn("row 4, column 性别: ", self.last_stderr)
        self.assertEqual(InheritorPage.objects.count(), 0)

    def test_heritage_inheritors_column_links_by_key_or_name(self):
        self.run_import("inheritor", self.write_csv(self.inheritor_rows()))
        item = HeritageItemPage.objects.get(key="Ⅴ-4")
        self.assertEqual(list(item.inheritors.all()), [InheritorPage.objects.get(key="CCR-1")])

        self.run_import(
            "heritage",
            self.write_csv(
                [[*HEADER, "inheritors"], ["Ⅴ-4", "西河大鼓", "曲艺", "市级", "CCR-2，王小明"]],
                name="again.csv",
            ),
        )

        self.assertEqual(
            set(item.inheritors.values_list("key", flat=True)), {"CCR-1", "CCR-2", "CCR-3"}
        )
        self.assertEqual(revisions_of(item), 1)


class FigureImportTests(ImportFilesMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()

    def test_bce_and_approximate_years_names_and_sources(self):
        path = self.write_csv(
            [
                ["编号", "姓名", "字号", "时代", "生年", "卒年", "生平", "参考文献", "标签"],
                [
                    "MR-1",
                    "古人",
                    "子明, 号东山",
                    "战国",
                    "约-300",
                    "-221",
                    "生于安次。\n\n卒于咸阳。",
                    "《史记》卷一；《安次县志》\n《廊坊文史》",
                    "先贤",
                ],
                ["MR-2", "今人", "", "当代", "1901", "约1980", "", "", ""],
            ]
        )

        self.run_import("figure", path)

        old, new = FigurePage.objects.order_by("key")
        self.assertEqual((old.birth_year, old.birth_year_approximate), (-300, True))
        self.assertEqual((old.death_year, old.death_year_approximate), (-221, False))
        self.assertEqual((new.death_year, new.death_year_approximate), (1980, True))
        self.assertEqual(old.alt_names, "子明、号东山")
        self.assertEqual(old.source_list, ["《史记》卷一", "《安次县志》", "《廊坊文史》"])
        self.assertEqual(len(list(old.biography)), 2)
        self.assertEqual(old.get_parent().url_path.rstrip("/").rsplit("/", 1)[-1], "mingrenlu")

    def test_bad_years_are_reported(self):
        path = self.write_csv(
            [
                ["key", "name", "birth_year", "death_year"],
                ["MR-1", "甲", "大约三百年", ""],
                ["MR-2", "乙", "1900", "1800"],
                ["MR-3", "丙", "0", ""],
            ]
        )

        with self.assertRaises(CommandError):
            self.run_import("figure", path, "--dry-run")

        self.assertIn("row 2, column birth_year: ", self.last_stderr)
        self.assertIn("row 3, column death_year: 卒年不能早于生年", self.last_stderr)
        self.assertIn("row 4, column birth_year: 没有公元 0 年", self.last_stderr)

    def test_portrait_and_progress_on_a_long_import(self):
        self.write_png("portrait.jpg", image_format="JPEG")
        rows = [["key", "name", "portrait"]]
        rows += [[f"MR-{number}", f"人物{number}", ""] for number in range(1, 56)]
        rows[1][2] = "portrait.jpg|人物一的画像"

        stdout, _stderr = self.run_import("figure", self.write_csv(rows))

        self.assertIn("已校验 50/55 行", stdout)
        self.assertIn("已写入 50/55 条记录", stdout)
        self.assertIn("新建 55 条", stdout)
        portrait = FigurePage.objects.get(key="MR-1").portrait
        self.assertEqual(portrait.description, "人物一的画像")
        self.assertTrue(portrait.sha256)
