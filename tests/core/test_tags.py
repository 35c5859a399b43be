from django.test import TestCase
from taggit.utils import edit_string_for_tags, parse_tags

from tests.factories import make_heritage_item
from tests.utils import build_site


class ChineseTagParsingTests(TestCase):
    def test_every_list_separator_splits(self):
        self.assertEqual(
            parse_tags("快板,曲艺，说唱、廊坊;传统；民俗"),
            sorted(["快板", "曲艺", "说唱", "廊坊", "传统", "民俗"]),
        )

    def test_spaces_stay_inside_a_tag(self):
        self.assertEqual(parse_tags("少儿 京剧、书法"), ["书法", "少儿 京剧"])

    def test_duplicates_and_blanks_are_dropped(self):
        self.assertEqual(parse_tags("快板、、快板， "), ["快板"])

    def test_edit_string_round_trips(self):
        class Tag:
            def __init__(self, name):
                self.name = name

        text = edit_string_for_tags([Tag("快板"), Tag("曲艺")])
        self.assertEqual(parse_tags(text), ["快板", "曲艺"])


class ChineseTagPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()
        cls.item = make_heritage_item(cls.pages)
        cls.item.tags.set(parse_tags("快板、曲艺"))
        cls.item.save_revision().publish()

    def test_tags_keep_chinese_names_and_slugs(self):
        tag = self.item.tags.get(name="快板")
        self.assertEqual(tag.slug, "快板")

    def test_tag_url_lists_tagged_records(self):
        response = self.client.get("/tags/快板/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "安次快板")

    def test_unknown_tag_is_404_not_500(self):
        self.assertEqual(self.client.get("/tags/没有这个标签/").status_code, 404)
