"""The record lists as browsing: catalogue order, filters, sorts, and "the same as a search"."""

from bs4 import BeautifulSoup
from django.test import TestCase, override_settings
from wagtail.models import PageViewRestriction

from heritage_archive.core.models import Region
from heritage_archive.records.heritage.models import HeritageItemPage, HeritageListing
from heritage_archive.records.inheritors.models import InheritorDesignation, InheritorPage
from tests.search.fixtures import create_fixture_records
from tests.search.test_contract import drain_all


def _item(parent, title, key, category, listings, region=None, publish=True):
    page = HeritageItemPage(
        title=title, slug=f"item-{key}".lower(), key=key, category=category, region=region
    )
    page.listings = [HeritageListing(level=level, year=year) for level, year in listings]
    parent.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    else:
        page.live = False
        page.save()
    return page


@override_settings(ELASTICSEARCH_URL="")
class ListPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = create_fixture_records()
        index = cls.pages["kuaiban"].get_parent()
        matou = Region.objects.get(name="码头镇")
        # Ⅱ-1, Ⅱ-10 and Ⅱ-28 of one category: numeric, not string, order.
        cls.national = _item(
            index, "安次吹打乐", "Ⅱ-1", "traditional-music",
            [("county", 2006), ("national", 2008)], matou,
        )  # fmt: skip
        cls.unesco = _item(
            index, "安次古琴", "Ⅱ-10", "traditional-music",
            [("national", 2006), ("unesco", 2009)], matou,
        )  # fmt: skip
        _item(index, "安次花会", "Ⅹ-2", "folk-custom", [("county", 2015)])
        _item(index, "安次传说", "Ⅰ-4", "folk-literature", [("municipal", 2011)])
        _item(index, "未公开项目", "Ⅱ-3", "traditional-music", [("national", 2008)], publish=False)
        restricted = _item(
            index, "受限项目", "Ⅱ-4", "traditional-music", [("national", 2008)], matou
        )
        PageViewRestriction.objects.create(page=restricted, restriction_type="login")
        inheritors = cls.pages["inheritor"].get_parent()
        person = InheritorPage(title="张古琴", slug="zhang-guqin", key="CCR-002", region=matou)
        person.designations = [InheritorDesignation(level="national", year=2012)]
        inheritors.add_child(instance=person)
        person.save_revision().publish()
        drain_all()
        cls.index_url = index.url
        cls.inheritors_url = inheritors.url

    def titles(self, url, params=None):
        response = self.client.get(url, params or {})
        self.assertEqual(response.status_code, 200)
        soup = BeautifulSoup(response.content, "html.parser")
        return [title.get_text(strip=True) for title in soup.select("main .card__title")]

    def search_titles(self, record_type, params):
        response = self.client.get(
            "/api/search/", {**params, "type": record_type, "page_size": 100}
        )
        self.assertEqual(response.status_code, 200)
        return [result["title"] for result in response.json()["results"]]

    def test_catalogue_order_is_category_numeral_then_project_number(self):
        self.assertEqual(
            self.titles(self.index_url),
            [
                "安次传说",  # Ⅰ-4
                "安次吹打乐",  # Ⅱ-1
                "安次古琴",  # Ⅱ-10
                "葛渔城吹歌",  # Ⅱ-28
                "東沽港高蹺",  # Ⅲ-5
                "安次京剧",  # Ⅳ-1
                "安次快板",  # Ⅴ-3
                "安次花会",  # Ⅹ-2
            ],
        )

    def test_private_records_are_absent(self):
        for params in ({}, {"level_min": "national"}, {"q": "项目"}, {"sort": "title"}):
            with self.subTest(params=params):
                titles = self.titles(self.index_url, params)
                self.assertNotIn("未公开项目", titles)
                self.assertNotIn("受限项目", titles)

    def test_each_filter(self):
        cases = [
            ({"category": "traditional-music"}, ["安次吹打乐", "安次古琴", "葛渔城吹歌"]),
            ({"category": "传统音乐"}, ["安次吹打乐", "安次古琴", "葛渔城吹歌"]),
            ({"level": "county"}, ["葛渔城吹歌", "東沽港高蹺", "安次花会"]),
            ({"region": "码头镇"}, ["安次吹打乐", "安次古琴", "安次京剧"]),
            ({"year": "2015"}, ["葛渔城吹歌", "東沽港高蹺", "安次花会"]),
            ({"q": "京剧"}, ["安次京剧"]),
            ({"q": "kuaiban"}, ["安次快板"]),
            ({"region": "落垡镇", "year": "2015"}, ["東沽港高蹺"]),
        ]
        for params, expected in cases:
            with self.subTest(params=params):
                self.assertEqual(self.titles(self.index_url, params), expected)

    def test_level_and_above(self):
        self.assertEqual(
            self.titles(self.index_url, {"level_min": "municipal"}),
            ["安次传说", "安次吹打乐", "安次古琴", "安次京剧", "安次快板"],
        )
        self.assertEqual(
            self.titles(self.index_url, {"level_min": "provincial"}),
            ["安次吹打乐", "安次古琴", "安次京剧"],
        )

    def test_national_includes_items_also_on_the_unesco_list(self):
        self.assertEqual(
            self.titles(self.index_url, {"level_min": "national"}), ["安次吹打乐", "安次古琴"]
        )
        # The filter offers 国家级及以上 because some item reaches it.
        content = self.client.get(self.index_url).content.decode()
        self.assertIn('<option value="national">国家级及以上</option>', content)

    def test_sorts(self):
        self.assertEqual(
            self.titles(self.index_url, {"sort": "newest"})[:3],
            ["葛渔城吹歌", "東沽港高蹺", "安次花会"],
        )
        self.assertEqual(self.titles(self.index_url, {"sort": "oldest"})[0], "安次吹打乐")
        self.assertEqual(
            self.titles(self.index_url, {"sort": "title"}),
            self.search_titles("heritage", {"sort": "title"}),
        )

    def test_filters_offer_only_values_that_exist(self):
        soup = BeautifulSoup(self.client.get(self.index_url).content, "html.parser")
        categories = [o["value"] for o in soup.select("#filter-category option") if o["value"]]
        self.assertEqual(
            categories,
            [
                "folk-literature",
                "traditional-music",
                "traditional-dance",
                "traditional-drama",
                "quyi",
                "folk-custom",
            ],
        )
        regions = {o["value"] for o in soup.select("#filter-region option") if o["value"]}
        self.assertEqual(regions, {"落垡镇", "码头镇", "葛渔城镇"})

    def test_bad_parameters_are_ignored(self):
        everything = self.titles(self.index_url)
        for params in (
            {"category": "nonsense"},
            {"level": "<script>"},
            {"level_min": "x" * 500},
            {"year": "二〇一五"},
            {"year": "99999999999999"},
            {"sort": "DROP TABLE"},
            {"page": "-1"},
            {"page": "99"},
            {"q": "\x00\x01"},
        ):
            with self.subTest(params=params):
                self.assertEqual(self.client.get(self.index_url, params).status_code, 200)
        self.assertEqual(self.titles(self.index_url, {"category": "nonsense"}), everything)
        self.assertEqual(self.titles(self.index_url, {"q": "没有这个词"}), [])
        self.assertContains(
            self.client.get(self.index_url, {"q": "没有这个词"}), "没有符合筛选条件"
        )

    def test_list_filters_equal_the_same_search(self):
        cases = [
            ({}, {}),
            ({"category": "traditional-music"}, {"category": "traditional-music"}),
            ({"level": "county"}, {"level": "county"}),
            ({"level_min": "national"}, {"level": ["national", "unesco"]}),
            (
                {"level_min": "municipal", "region": "码头镇"},
                {"level": ["municipal", "provincial", "national", "unesco"], "region": "码头镇"},
            ),
            ({"region": "落垡镇", "year": "2015"}, {"region": "落垡镇", "year": "2015"}),
            ({"q": "京剧"}, {"q": "京剧"}),
            ({"q": "安次", "category": "traditional-music"}, None),
            ({"q": "kuaiban"}, {"q": "kuaiban"}),
            ({"year": "2008"}, {"year": "2008"}),
        ]
        for list_params, search_params in cases:
            with self.subTest(params=list_params):
                shown = self.titles(self.index_url, list_params)
                found = self.search_titles("heritage", search_params or list_params)
                self.assertEqual(sorted(shown), sorted(found))
                self.assertTrue(shown)

    def test_inheritor_filters_equal_the_same_search(self):
        cases = [
            ({}, {}),
            (
                {"level_min": "municipal"},
                {"level": ["municipal", "provincial", "national", "unesco"]},
            ),
            ({"level_min": "national"}, {"level": ["national", "unesco"]}),
            ({"region": "码头镇"}, {"region": "码头镇"}),
            ({"year": "2016"}, {"year": "2016"}),
            ({"q": "王明"}, {"q": "王明"}),
        ]
        for list_params, search_params in cases:
            with self.subTest(params=list_params):
                shown = self.titles(self.inheritors_url, list_params)
                found = self.search_titles("inheritor", search_params)
                self.assertTrue(shown)
                self.assertEqual(sorted(shown), sorted(found))
