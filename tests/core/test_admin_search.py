from django.contrib.auth import get_user_model
from django.test import TestCase
from wagtail.models import Page

from heritage_archive.core.choices import Category, Level
from heritage_archive.site.pages.models import StandardPage
from tests.factories import make_heritage_item
from tests.utils import build_site


class ChineseAdminSearchTests(TestCase):
    """Wagtail's stock database backend misses 京剧 inside 少儿京剧训练班; ours must not."""

    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()
        cls.admin = get_user_model().objects.create_superuser("admin", "a@example.com", "pw")
        cls.course_page = StandardPage(
            title="少儿京剧训练班",
            slug="shaoer-jingju",
            introduction="暑期公益课堂开设书法、快板等课程",
        )
        cls.pages["about"].add_child(instance=cls.course_page)
        cls.course_page.save_revision().publish()
        cls.kuaiban = make_heritage_item(cls.pages, title="安次快板", key="Ⅴ-3")
        cls.drum = make_heritage_item(
            cls.pages,
            title="落垡吹歌",
            key="Ⅱ-28",
            category=Category.TRADITIONAL_MUSIC,
            ladder=[(Level.COUNTY, 2009)],
            slug="luofa-chuige",
        )

    def setUp(self):
        self.client.force_login(self.admin)

    def search_titles(self, query):
        found = Page.objects.live().autocomplete(query)
        return {page.title for page in found}

    def test_two_character_word_inside_running_text(self):
        self.assertIn("少儿京剧训练班", self.search_titles("京剧"))

    def test_word_in_other_fields_and_traditional_query(self):
        self.assertIn("少儿京剧训练班", self.search_titles("快板"))
        self.assertIn("少儿京剧训练班", self.search_titles("京劇"))

    def test_pinyin_and_initials(self):
        self.assertIn("安次快板", self.search_titles("kuaiban"))
        self.assertIn("安次快板", self.search_titles("kb"))

    def test_three_characters_need_all_their_bigrams(self):
        self.assertEqual(self.search_titles("训练班"), {"少儿京剧训练班"})
        self.assertNotIn("安次快板", self.search_titles("京剧班"))

    def test_admin_page_search_view(self):
        response = self.client.get("/admin/pages/search/", {"q": "京剧"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "少儿京剧训练班")

    def test_record_listing_search_and_filters(self):
        response = self.client.get("/admin/heritage_items/", {"q": "吹歌"})
        self.assertContains(response, "落垡吹歌")
        self.assertNotContains(response, "安次快板")
        response = self.client.get("/admin/heritage_items/", {"category": "quyi"})
        self.assertContains(response, "安次快板")
        self.assertNotContains(response, "落垡吹歌")
        response = self.client.get("/admin/heritage_items/", {"level": "municipal"})
        self.assertContains(response, "安次快板")
        self.assertNotContains(response, "落垡吹歌")

    def test_project_number_search(self):
        self.assertIn("落垡吹歌", self.search_titles("II-28"))
