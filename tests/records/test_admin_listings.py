"""The record listings and the explorer of the record index pages: the record's
own columns and filters in both, 25 rows a page.

At 10,000 items a listing of 50 rows took longer than 150 ms to render on the
reference machine whatever its queries (bench/admin.py), and the explorer of
项目名录 showed only Wagtail's generic page columns.
"""

from django.contrib.auth import get_user_model
from django.test import TestCase, override_settings
from django.urls import reverse

from heritage_archive.core.choices import Category, Level
from heritage_archive.core.models import Region
from heritage_archive.records.admin_listings import ROWS_PER_PAGE
from heritage_archive.records.heritage.models import HeritageItemPage, HeritageListing
from heritage_archive.records.inheritors.models import InheritorPage
from tests.utils import build_site

ITEMS = ROWS_PER_PAGE + 3


@override_settings(ELASTICSEARCH_URL="")
class RecordExplorerTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()
        cls.admin = get_user_model().objects.create_superuser("guanli", "g@example.com", "pw")
        cls.region = Region.objects.create(name="落垡镇")
        for i in range(1, ITEMS + 1):
            item = HeritageItemPage(
                title=f"测试项目{i}",
                slug=f"item-{i}",
                key=f"Ⅶ-{i}",
                category=Category.TRADITIONAL_ART if i == 1 else Category.TRADITIONAL_DRAMA,
                region=cls.region,
            )
            item.listings.add(HeritageListing(level=Level.COUNTY, year=2009))
            cls.pages["heritage_items"].add_child(instance=item)
        cls.pages["inheritors"].add_child(
            instance=InheritorPage(title="张传承", slug="zhang", key="CCR-1", region=cls.region)
        )

    def setUp(self):
        self.client.force_login(self.admin)

    def explore(self, key, query=""):
        response = self.client.get(
            reverse("wagtailadmin_explore", args=[self.pages[key].pk]) + query
        )
        self.assertEqual(response.status_code, 200)
        return response

    def assertShows(self, html, *texts):
        for text in texts:
            # Not assertIn: its failure message would be the whole page.
            self.assertTrue(text in html, f"{text!r} is not on the page")

    def test_the_explorer_of_the_item_list_shows_the_item_columns(self):
        html = self.explore("heritage_items").content.decode()
        self.assertShows(html, "项目编号", "类别", "最高级别", "所属地区")
        self.assertShows(html, "Ⅶ-1\n", "传统美术", "区级", "落垡镇")

    def test_the_explorer_of_the_inheritor_list_shows_the_inheritor_columns(self):
        html = self.explore("inheritors").content.decode()
        self.assertShows(html, "CCR-1", "落垡镇")

    def test_the_explorer_filters_by_the_record_facets(self):
        response = self.explore("heritage_items", f"?category={Category.TRADITIONAL_ART}")
        self.assertEqual([page.title for page in response.context["object_list"]], ["测试项目1"])

    def test_a_page_holds_25_rows_in_the_explorer_and_the_listing(self):
        for response in (
            self.explore("heritage_items"),
            self.client.get(reverse("heritage_items:index")),
        ):
            with self.subTest(response.request["PATH_INFO"]):
                page = response.context["page_obj"]
                self.assertEqual(len(page.object_list), ROWS_PER_PAGE)
                self.assertEqual(page.paginator.count, ITEMS)
        second = self.explore("heritage_items", "?p=2")
        self.assertEqual(len(second.context["page_obj"].object_list), ITEMS - ROWS_PER_PAGE)

    def test_the_other_explorers_keep_wagtails_columns(self):
        # 非遗保护 holds pages of several types: no record's columns there.
        html = self.explore("heritage").content.decode()
        self.assertFalse("项目编号" in html)
