from django.core.management.base import CommandError
from django.test import TestCase
from wagtail.models import PageLogEntry, Revision

from heritage_archive.core.choices import Category, Level, ListingType
from heritage_archive.core.models import Region
from heritage_archive.media.images.models import ArchiveImage
from heritage_archive.records.heritage.models import HeritageIndexPage, HeritageItemPage
from tests.utils import build_site

from .helpers import ImportFilesMixin

HEADER = ["key", "title", "category", "listings"]


def revisions_of(page):
    return Revision.page_revisions.filter(object_id=str(page.pk)).count()


class HeritageImportTests(ImportFilesMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()

    def test_csv_with_english_headers_creates_published_items_under_the_list(self):
        path = self.write_csv(
            [
                [*HEADER, "region", "tags", "summary", "body"],
                [
                    "Ⅴ-3",
                    "安次快板",
                    "曲艺",
                    "区级|第一批|2009|安政〔2009〕12号",
                    "杨税务乡",
                    "曲艺、说唱",
                    "一种说唱艺术。",
                    "第一段。\n\n第二段<b>。",
                ],
            ]
        )

        stdout, _stderr = self.run_import("heritage", path)

        item = HeritageItemPage.objects.get()
        self.assertEqual(item.title, "安次快板")
        self.assertEqual(item.slug, "an-ci-kuai-ban")
        self.assertTrue(item.live)
        self.assertEqual(item.get_parent().specific, HeritageIndexPage.objects.get())
        self.assertEqual(item.category, Category.QUYI)
        self.assertEqual(item.region, Region.objects.get(name="杨税务乡"))
        self.assertEqual(sorted(tag.name for tag in item.tags.all()), ["曲艺", "说唱"])
        self.assertEqual(
            [block.value.source for block in item.body],
            ["<p>第一段。</p>", "<p>第二段&lt;b&gt;。</p>"],
        )
        listing = item.listings.get()
        self.assertEqual(
            (listing.level, listing.batch, listing.year, listing.notice_number),
            (Level.COUNTY, "第一批", 2009, "安政〔2009〕12号"),
        )
        self.assertEqual(listing.listing_type, ListingType.NEW)
        self.assertTrue(PageLogEntry.objects.filter(page=item, action="wagtail.publish").exists())
        self.assertIn("新建 1 条", stdout)

    def test_chinese_headers_in_any_order_with_bom(self):
        path = self.write_csv(
            [
                ["名录", "名称", "类型", "项目编号", "类别", "保护单位"],
                ["市级|第三批|2013|", "落垡武术", "扩展", "Ⅵ-2", "杂技与竞技", "落垡镇文化站"],
            ],
            bom=True,
        )

        self.run_import("heritage", path)

        item = HeritageItemPage.objects.get()
        self.assertEqual(item.key, "Ⅵ-2")
        self.assertEqual(item.category, Category.SPORTS_GAMES_ACROBATICS)
        self.assertEqual(item.protection_unit, "落垡镇文化站")
        self.assertEqual(item.listings.get().listing_type, ListingType.EXTENSION)

    def test_xlsx_first_sheet(self):
        path = self.write_xlsx(
            [
                HEADER,
                ["Ⅹ-1", "安次花会", "民俗", "区级||2009|"],
                [None, None, None, None],
                ["Ⅹ-2", "龙灯会", 10, "省级|第二批|2010"],
            ]
        )

        self.run_import("heritage", path)

        items = HeritageItemPage.objects.order_by("key")
        self.assertEqual([item.key for item in items], ["Ⅹ-1", "Ⅹ-2"])
        self.assertEqual(items[1].category, Category.FOLK_CUSTOM)
        self.assertEqual(items[1].listings.get().year, 2010)

    def test_every_category_spelling_maps_to_the_same_category(self):
        rows = [HEADER]
        for number, spelling in enumerate(["民间音乐", "Ⅱ", "II", "2", "传统音乐"], start=1):
            rows.append([f"Ⅱ-{number}", f"音乐{number}", spelling, "区级"])

        self.run_import("heritage", self.write_csv(rows))

        self.assertEqual(
            set(HeritageItemPage.objects.values_list("category", flat=True)),
            {Category.TRADITIONAL_MUSIC},
        )
        self.assertEqual(HeritageItemPage.objects.count(), 5)

    def test_highest_level_comes_from_the_listings(self):
        path = self.write_csv(
            [
                HEADER,
                [
                    "Ⅱ-28",
                    "胜芳音乐会",
                    "传统音乐",
                    "区级|第一批|2007|；市级|第二批|2009|；省级|第三批|2011|",
                ],
            ]
        )

        self.run_import("heritage", path)

        item = HeritageItemPage.objects.get()
        self.assertEqual(item.level, Level.PROVINCIAL)
        self.assertEqual(item.level_year, 2011)
        self.assertEqual(item.listings.count(), 3)

    def test_import_twice_changes_nothing_and_a_changed_cell_makes_one_revision(self):
        rows = [
            [*HEADER, "tags", "body"],
            ["Ⅴ-3", "安次快板", "曲艺", "区级|第一批|2009|", "曲艺", "一段。\n\n二段。"],
            ["Ⅴ-4", "西河大鼓", "曲艺", "区级|第一批|2009|", "", ""],
        ]
        path = self.write_csv(rows)
        self.run_import("heritage", path)
        first, second = HeritageItemPage.objects.order_by("key")
        page_count = HeritageItemPage.objects.count()
        revisions = (revisions_of(first), revisions_of(second))
        log_entries = PageLogEntry.objects.count()

        stdout, _stderr = self.run_import("heritage", path)

        self.assertEqual(HeritageItemPage.objects.count(), page_count)
        self.assertEqual((revisions_of(first), revisions_of(second)), revisions)
        self.assertEqual(PageLogEntry.objects.count(), log_entries)
        self.assertIn("2 条不变", stdout)

        rows[2][1] = "西河大鼓（安次）"
        self.run_import("heritage", self.write_csv(rows))

        self.assertEqual(HeritageItemPage.objects.count(), page_count)
        self.assertEqual(revisions_of(first), revisions[0])
        self.assertEqual(revisions_of(second), revisions[1] + 1)
        second.refresh_from_db()
        self.assertEqual(second.title, "西河大鼓（安次）")
        self.assertTrue(second.live)
        self.assertFalse(second.has_unpublished_changes)

    def test_a_row_keyed_with_latin_numerals_updates_the_item_keyed_with_roman_ones(self):
        self.run_import(
            "heritage",
            self.write_csv([HEADER, ["Ⅱ-28", "侗族大歌", "传统音乐", "国家级|第一批|2006|"]]),
        )
        item = HeritageItemPage.objects.get()

        self.run_import(
            "heritage",
            self.write_csv([HEADER, ["ii－28", "侗族大歌（新）", "2", "国家级|第一批|2006|"]]),
        )

        self.assertEqual(HeritageItemPage.objects.count(), 1)
        item.refresh_from_db()
        self.assertEqual(item.title, "侗族大歌（新）")
        self.assertEqual(item.key, "Ⅱ-28")

    def test_same_title_gets_a_unique_slug(self):
        self.run_import(
            "heritage",
            self.write_csv(
                [HEADER, ["Ⅴ-3", "快板", "曲艺", "区级"], ["Ⅴ-9", "快板", "曲艺", "区级"]]
            ),
        )

        self.assertEqual(
            sorted(HeritageItemPage.objects.values_list("slug", flat=True)),
            ["kuai-ban", "kuai-ban-2"],
        )


class HeritageValidationTests(ImportFilesMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()

    def test_dry_run_reports_every_bad_row_and_writes_nothing(self):
        (self.folder / "broken.png").write_bytes(b"not a png at all")
        self.write_png("good.png")
        path = self.write_csv(
            [
                [*HEADER, "images", "备注"],
                ["Ⅰ-1", "好项目", "民间文学", "区级", "good.png", ""],
                ["Ⅰ-2", "坏类别", "民间杂耍", "区级", "", ""],
                ["Ⅰ-3", "坏级别", "民间文学", "乡级|第一批|2009|", "", ""],
                ["I-1", "重复编号", "民间文学", "区级", "", ""],
                ["Ⅰ-5", "", "民间文学", "区级", "", ""],
                ["Ⅰ-6", "坏图片", "民间文学", "区级", "broken.png|说明文字", ""],
                ["Ⅰ-7", "坏年份", "民间文学", "区级|第一批|二〇〇九|", "", ""],
            ]
        )

        with self.assertRaises(CommandError):
            self.run_import("heritage", path, "--dry-run")

        problems = self.last_stderr.splitlines()
        for expected in (
            "row 1, column 备注: ",
            "row 3, column category: 未知的类别“民间杂耍”",
            "row 4, column listings: “乡级|第一批|2009|”：未知的级别“乡级”",
            "row 5, column key: 编号“I-1”与第 2 行重复",
            "row 6, column title: 必填",
            "row 7, column images: “broken.png”：",
            "row 8, column listings: ",
        ):
            self.assertTrue(
                any(line.startswith(expected) for line in problems),
                f"{expected!r} not in {problems}",
            )
        self.assertEqual(len(problems), 7)
        self.assertEqual(HeritageItemPage.objects.count(), 0)
        self.assertEqual(ArchiveImage.objects.count(), 0)

    def test_dry_run_of_a_valid_file_writes_nothing(self):
        path = self.write_csv(
            [[*HEADER, "region"], ["Ⅰ-1", "好项目", "民间文学", "区级", "新的乡"]]
        )

        stdout, _stderr = self.run_import("heritage", path, "--dry-run")

        self.assertIn("将新建 1 条", stdout)
        self.assertEqual(HeritageItemPage.objects.count(), 0)
        self.assertFalse(Region.objects.filter(name="新的乡").exists())

    def test_one_bad_row_means_nothing_is_written(self):
        self.write_png("good.png")
        path = self.write_csv(
            [
                [*HEADER, "region", "images"],
                ["Ⅰ-1", "好项目", "民间文学", "区级", "新的乡", "good.png|好图"],
                ["Ⅰ-2", "坏项目", "民间文学", "区级|第一批|1850|", "", ""],
            ]
        )

        with self.assertRaises(CommandError):
            self.run_import("heritage", path)

        self.assertIn("row 3, column listings:", self.last_stderr)
        self.assertEqual(HeritageItemPage.objects.count(), 0)
        self.assertEqual(ArchiveImage.objects.count(), 0)
        self.assertFalse(Region.objects.filter(name="新的乡").exists())

    def test_missing_required_column_is_reported(self):
        path = self.write_csv([["key", "title", "category"], ["Ⅰ-1", "好项目", "民间文学"]])

        with self.assertRaises(CommandError):
            self.run_import("heritage", path)

        self.assertIn("row 1, column listings: 缺少必填列", self.last_stderr)

    def test_unknown_inheritor_reference_is_reported(self):
        path = self.write_csv(
            [[*HEADER, "inheritors"], ["Ⅰ-1", "好项目", "民间文学", "区级", "不存在的人"]]
        )

        with self.assertRaises(CommandError):
            self.run_import("heritage", path)

        self.assertIn("row 2, column inheritors: 传承人“不存在的人”不在档案中", self.last_stderr)

    def test_media_paths_must_stay_inside_the_media_folder(self):
        media_dir = self.folder / "media"
        media_dir.mkdir()
        outside = self.write_png("outside.png")
        (media_dir / "link.png").symlink_to(outside)
        path = self.write_csv(
            [
                [*HEADER, "images"],
                ["Ⅰ-1", "一", "民间文学", "区级", "../outside.png"],
                ["Ⅰ-2", "二", "民间文学", "区级", str(outside)],
                ["Ⅰ-3", "三", "民间文学", "区级", "link.png"],
                ["Ⅰ-4", "四", "民间文学", "区级", "missing.png"],
            ]
        )

        with self.assertRaises(CommandError):
            self.run_import("heritage", path, "--media-dir", str(media_dir))

        stderr = self.last_stderr
        self.assertIn("row 2, column images: “../outside.png”不能包含“..”", stderr)
        self.assertIn("row 3, column images: ", stderr)
        self.assertIn("是绝对路径", stderr)
        self.assertIn("row 4, column images: “link.png”指向媒体文件夹之外", stderr)
        self.assertIn("row 5, column images: 找不到文件“missing.png”", stderr)

    def test_data_without_a_header_is_reported_and_empty_spacer_columns_are_not(self):
        path = self.write_csv(
            [
                ["key", "", "title", "category", "listings"],
                ["Ⅰ-1", "", "好项目", "民间文学", "区级"],
                ["Ⅰ-2", "", "另一个", "民间文学", "区级", "多出来的"],
            ]
        )

        with self.assertRaises(CommandError):
            self.run_import("heritage", path, "--dry-run")

        self.assertEqual(
            self.last_stderr.splitlines(), ["row 3, column 第 6 列: 这一列有内容但没有表头。"]
        )

    def test_unreadable_file_is_a_clear_error(self):
        path = self.folder / "records.xlsx"
        path.write_bytes(b"this is not a zip file")

        with self.assertRaisesMessage(CommandError, "无法读取 XLSX 文件"):
            self.run_import("heritage", path)


class FormulaGuardRoundTripTests(ImportFilesMixin, TestCase):
    """A cell the archive's own CSVs guarded with ``'`` imports as the text it was."""

    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()

    def test_guarded_cells_lose_their_guard(self):
        path = self.write_csv(
            [
                [*HEADER, "summary"],
                ["Ⅴ-4", "'=安次吹歌", "曲艺", "区级|第一批|2009|", "'-开头的简介"],
            ]
        )
        self.run_import("heritage", path)
        item = HeritageItemPage.objects.get()
        self.assertEqual((item.title, item.summary), ("=安次吹歌", "-开头的简介"))
