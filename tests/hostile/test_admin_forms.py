"""Hostile values in the admin's page form, typed by a logged-in superuser.

What cannot be stored (too long, NUL) is refused with the form's message and
nothing is saved; text that can be stored (markup, direction overrides) is
kept as typed and shown as text, never as markup.
"""

from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, streamfield

from heritage_archive.site.news.models import ArticlePage
from tests.utils import build_site

SCRIPT_TITLE = "<script>alert(1)</script>公告"
RTL_TITLE = "\u202egpj.exe\u202c 通知"


class HostilePageFormTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()
        cls.channel = cls.pages["news_center"]
        cls.admin = get_user_model().objects.create_superuser("admin", "a@example.org", "pw")

    def setUp(self):
        self.client.force_login(self.admin)

    def create(self, title, slug="hostile", **fields):
        data = nested_form_data(
            {
                "title": title,
                "slug": slug,
                "date": "2024-08-01",
                "source": fields.pop("source", ""),
                "editor": "",
                "summary": fields.pop("summary", ""),
                "body": streamfield([]),
                "tags": "",
                "action-publish": "publish",
                **fields,
            }
        )
        return self.client.post(
            reverse("wagtailadmin_pages:add", args=("news", "articlepage", self.channel.pk)),
            data,
        )

    def assert_refused(self, response, field):
        self.assertEqual(response.status_code, 200)
        self.assertFalse(ArticlePage.objects.exists())
        form = response.context["form"]
        self.assertIn(field, form.errors)
        return str(form.errors[field])

    def test_very_long_title_is_refused(self):
        message = self.assert_refused(self.create("长" * 300), "title")
        self.assertIn("255", message)

    def test_very_long_slug_and_source_are_refused(self):
        self.assert_refused(self.create("正常标题", slug="a" * 300), "slug")
        self.assert_refused(self.create("正常标题", source="来" * 5000), "source")

    def test_nul_characters_are_refused(self):
        self.assert_refused(self.create("标题\x00截断"), "title")
        self.assert_refused(self.create("正常标题", summary="摘要\x00"), "summary")

    def test_markup_and_direction_overrides_are_kept_as_text(self):
        for number, title in enumerate((SCRIPT_TITLE, RTL_TITLE, "响铃\x07与退格\x08")):
            with self.subTest(title=title):
                response = self.create(title, slug=f"hostile-{number}")
                self.assertEqual(response.status_code, 302)
                page = ArticlePage.objects.get(slug=f"hostile-{number}")
                self.assertEqual(page.title, title.strip())
                public = self.client.get(page.url)
                self.assertEqual(public.status_code, 200)
                self.assertNotContains(public, "<script>alert(1)</script>")
        self.assertContains(
            self.client.get(ArticlePage.objects.get(slug="hostile-0").url),
            "&lt;script&gt;alert(1)&lt;/script&gt;公告",
        )
