"""The designed search page: chips, kept query, pagination clamp, empty state, result cards.

The database backend answers (ELASTICSEARCH_URL=""); the page is the same
whichever backend answers, since both give the same result dicts.
"""

from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import Collection, CollectionViewRestriction

from heritage_archive.records.heritage.models import HeritageItemImage
from heritage_archive.site.news.models import ArticlePage
from tests.search.fixtures import create_fixture_records
from tests.search.test_contract import drain_all
from tests.utils import make_image

MANY_TAGS = [f"标签{number:02d}" for number in range(12)]


def params_of(href):
    return parse_qs(urlsplit(href).query)


@override_settings(ELASTICSEARCH_URL="")
class SearchPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = create_fixture_records()
        channel = cls.pages["article"].get_parent()
        article = ArticlePage(title="标签很多的文章", slug="many-tags", summary="京剧专题。")
        channel.add_child(instance=article)
        article.tags.add(*MANY_TAGS)
        article.save()
        article.save_revision().publish()
        # The opera item shows a picture from a private collection: a record
        # the public may see must not lend it its thumbnail.
        staff_only = Collection.get_first_root_node().add_child(name="检索页内部集合")
        CollectionViewRestriction.objects.create(
            collection=staff_only, restriction_type=CollectionViewRestriction.PASSWORD, password="x"
        )
        cls.private_image = make_image(title="内部图片")
        cls.private_image.collection = staff_only
        cls.private_image.save()
        jingju = cls.pages["jingju"]
        jingju.gallery_images = [HeritageItemImage(image=cls.private_image)]
        jingju.save_revision().publish()
        drain_all()

    def get(self, **params):
        response = self.client.get("/search/", params)
        self.assertEqual(response.status_code, 200)
        return response, BeautifulSoup(response.content, "html.parser")

    def card(self, tree, title):
        for card in tree.select(".result-card"):
            if card.select(".result-card__title a")[0].get_text() == title:
                return card
        raise AssertionError(f"no result card titled {title}")

    def test_active_filters_are_chips_that_each_remove_their_value(self):
        response, tree = self.get(q="京剧", type=["heritage", "inheritor"], sort="title")
        chips = tree.select("a.search-chip")
        self.assertEqual(
            [chip.get_text().replace("（移除）", "") for chip in chips],
            ["类型：非遗项目×", "类型：传承人×"],
        )
        for chip, kept in zip(chips, ["inheritor", "heritage"], strict=True):
            self.assertEqual(
                params_of(chip.get("href")), {"q": ["京剧"], "type": [kept], "sort": ["title"]}
            )
        clear = tree.select("a.search-chips__clear")[0]
        self.assertEqual(clear.get_text(), "清除全部")
        self.assertEqual(params_of(clear.get("href")), {"q": ["京剧"], "sort": ["title"]})

    def test_following_a_chip_drops_the_filter(self):
        _, tree = self.get(q="京剧", type="heritage")
        chip = tree.select("a.search-chip")[0]
        _, tree = self.get(**params_of(chip.get("href")))
        self.assertEqual(tree.select("a.search-chip"), [])
        types = {
            card.select(".result-card__type")[0].get_text() for card in tree.select(".result-card")
        }
        self.assertGreater(len(types), 1)

    def test_no_chips_without_filters(self):
        response, _ = self.get(q="京剧")
        self.assertNotContains(response, "search-chip")
        self.assertNotContains(response, "清除全部")

    def test_query_is_kept_in_the_page_box_and_the_header_box(self):
        _, tree = self.get(q="快板 <b>")
        self.assertEqual(tree.find(id="search-q").get("value"), "快板 <b>")
        self.assertEqual(tree.find(id="header-q").get("value"), "快板 <b>")

    def test_header_box_keeps_the_query_on_other_pages_too(self):
        response = self.client.get(self.pages["kuaiban"].url, {"q": "快板"})
        tree = BeautifulSoup(response.content, "html.parser")
        self.assertEqual(tree.find(id="header-q").get("value"), "快板")
        response = self.client.get(self.pages["kuaiban"].url)
        tree = BeautifulSoup(response.content, "html.parser")
        self.assertEqual(tree.find(id="header-q").get("value"), "")

    def test_a_page_past_the_last_shows_the_last(self):
        total = self.client.get("/api/search/").json()["total"]
        last = -(-total // 2)
        self.assertGreater(last, 2)
        response = self.client.get("/search/", {"page_size": 2, "page": 99, "sort": "title"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(
            params_of(response["Location"]),
            {"page_size": ["2"], "page": [str(last)], "sort": ["title"]},
        )
        response = self.client.get(response["Location"])
        self.assertContains(response, f"第 {last} / {last} 页")
        self.assertNotContains(response, "第 99")
        self.assertNotContains(response, 'rel="next"')

    def test_a_page_past_the_end_of_nothing_goes_to_page_one(self):
        response = self.client.get("/search/", {"q": "查无此词", "page": 5})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(params_of(response["Location"]), {"q": ["查无此词"]})

    def test_json_api_still_answers_an_empty_page_past_the_last(self):
        data = self.client.get("/api/search/", {"page": 99}).json()
        self.assertEqual((data["page"], data["results"]), (99, []))

    def test_zero_results_show_an_empty_state_without_exports_or_pages(self):
        response, tree = self.get(q="查无此词", type="heritage")
        self.assertContains(response, "共 0 条结果")
        empty = tree.select(".search-empty")[0]
        self.assertIn("没有找到符合条件的记录。", empty.get_text())
        self.assertIn("检查关键词的拼写", empty.get_text())
        self.assertIn("清除全部筛选", empty.get_text())
        self.assertEqual(tree.select("ol li"), [])
        self.assertNotContains(response, "导出 CSV")
        self.assertNotContains(response, "导出 JSON")
        self.assertNotContains(response, "/ 1 页")

    def test_cards_show_type_key_level_region_and_year(self):
        _, tree = self.get(q="王明")
        card = self.card(tree, "王明")
        self.assertEqual(card.select(".result-card__type")[0].get_text(), "传承人")
        meta = [span.get_text() for span in card.select(".result-card__meta span")]
        self.assertEqual(meta, ["CCR-001", "市级", "落垡镇", "2016 年"])
        _, tree = self.get(q="李清")
        self.assertEqual(self.card(tree, "李清").select(".result-card__type")[0].get_text(), "名人")

    def test_cards_have_a_thumbnail_only_from_a_public_image(self):
        _, tree = self.get(type="heritage")
        kuaiban = self.card(tree, "安次快板")
        self.assertEqual(len(kuaiban.select(".result-card__thumb img")), 1)
        # 京剧's only picture is in a private collection; 吹歌 has none.
        for title in ("安次京剧", "葛渔城吹歌"):
            card = self.card(tree, title)
            self.assertEqual(card.select(".result-card__thumb"), [], title)
            self.assertEqual(card.select(".thumb--empty"), [])

    def test_thumbnail_queries_do_not_grow_with_the_results(self):
        def queries(page_size):
            with CaptureQueriesContext(connection) as captured:
                self.get(page_size=page_size, sort="title", type="heritage")
            return len(captured)

        self.get(page_size=20, type="heritage")  # renditions made once, outside the counts
        # Two records with a public picture among them, then all four.
        self.assertEqual(queries(2), queries(20))

    def test_long_facets_show_eight_values_and_fold_the_rest(self):
        _, tree = self.get()
        tag_group = [
            group
            for group in tree.select("fieldset.facet")
            if group.select("legend")[0].get_text() == "标签"
        ][0]
        top = tag_group.select(":scope > ul > li")
        folded = tag_group.select("details.facet__more li")
        self.assertEqual(len(top), 8)
        tags = self.client.get("/api/search/").json()["facets"]["tag"]
        self.assertGreater(len(tags), len(MANY_TAGS))
        self.assertEqual(len(top) + len(folded), len(tags))
        self.assertIn("更多", tag_group.select("summary")[0].get_text())
        # Most frequent first: 戏曲 has three records.
        self.assertIn("戏曲", top[0].get_text())
        self.assertIsNone(tag_group.select("details")[0].get("open"))

    def test_a_selected_value_among_the_folded_ones_opens_more(self):
        _, tree = self.get(tag=MANY_TAGS[-1])
        details = tree.select("details.facet__more")
        self.assertTrue(any(d.get("open") is not None for d in details))
