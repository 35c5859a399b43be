from django.test import SimpleTestCase

from heritage_archive.core.choices import (
    Category,
    Level,
    category_numeral,
    highest_level,
    parse_category,
    parse_level,
)
from heritage_archive.core.text import fold_project_number


class CategoryParsingTests(SimpleTestCase):
    def test_every_spelling_of_traditional_music(self):
        for spelling in [
            "传统音乐",
            "民间音乐",
            "傳統音樂",
            "Ⅱ",
            "II",
            "ii",
            "2",
            "２",
            "traditional-music",
        ]:
            with self.subTest(spelling=spelling):
                self.assertEqual(parse_category(spelling), Category.TRADITIONAL_MUSIC)

    def test_old_names_map_to_current_categories(self):
        self.assertEqual(parse_category("民间舞蹈"), Category.TRADITIONAL_DANCE)
        self.assertEqual(parse_category("杂技与竞技"), Category.SPORTS_GAMES_ACROBATICS)
        self.assertEqual(parse_category("民间美术"), Category.TRADITIONAL_ART)
        self.assertEqual(parse_category("传统手工技艺"), Category.TRADITIONAL_CRAFTSMANSHIP)

    def test_numbers_cover_all_ten_categories_in_national_order(self):
        self.assertEqual(parse_category("1"), Category.FOLK_LITERATURE)
        self.assertEqual(parse_category("Ⅹ"), Category.FOLK_CUSTOM)
        self.assertEqual(parse_category("X"), Category.FOLK_CUSTOM)
        self.assertEqual(parse_category("10"), Category.FOLK_CUSTOM)
        self.assertEqual(category_numeral(Category.QUYI), "Ⅴ")

    def test_unknown_values_are_rejected(self):
        for spelling in ["", "相声", "11", "0", "XI", None]:
            with self.subTest(spelling=spelling):
                self.assertIsNone(parse_category(spelling))


class LevelTests(SimpleTestCase):
    def test_chinese_labels(self):
        self.assertEqual(parse_level("区级"), Level.COUNTY)
        self.assertEqual(parse_level("县级"), Level.COUNTY)
        self.assertEqual(parse_level("國家級"), Level.NATIONAL)
        self.assertEqual(parse_level("联合国教科文组织"), Level.UNESCO)
        self.assertIsNone(parse_level("乡级"))

    def test_highest_level_is_by_rank_not_by_order(self):
        self.assertEqual(highest_level(["provincial", "county", "municipal"]), Level.PROVINCIAL)
        self.assertEqual(highest_level(["national", "unesco"]), Level.UNESCO)
        self.assertIsNone(highest_level([]))


class ProjectNumberFoldingTests(SimpleTestCase):
    def test_same_number_however_typed(self):
        folded = {fold_project_number(n) for n in ["Ⅱ-28", "II-28", "ii－28", "2-28", " Ⅱ—28 "]}
        self.assertEqual(folded, {"2-28"})

    def test_prefixed_local_numbers(self):
        self.assertEqual(fold_project_number("安次-Ⅴ-3"), fold_project_number("安次-5-3"))
        self.assertNotEqual(fold_project_number("Ⅴ-3"), fold_project_number("Ⅴ-4"))
