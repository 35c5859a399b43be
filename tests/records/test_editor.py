"""The record editor's rough edges: autosave drafts, pinyin slugs, help text, tags."""

import re

from django.apps import apps
from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Page, PageLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from heritage_archive.core.drafts import AUTOSAVE_CREATED, DRAFT_KEPT
from heritage_archive.core.models import PinyinSlugMixin
from heritage_archive.records.heritage.models import HeritageItemPage, HeritageListing
from heritage_archive.records.inheritors.models import InheritorDesignation, InheritorPage
from tests.utils import build_site

JSON = {"accept": "application/json"}
LATIN = re.compile(r"[A-Za-z]{4,}")


def heritage_form(title="安次剪纸", key="Ⅶ-9", slug="", **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "key": key,
            "category": "traditional-art",
            "region": "",
            "protection_unit": "",
            "applicant": "",
            "summary": "",
            "body": streamfield([]),
            "listings": inline_formset(
                [
                    {
                        "level": "county",
                        "batch": "第一批",
                        "year": "2008",
                        "notice_number": "",
                        "project_number": "",
                        "listing_type": "new",
                    }
                ],
                min=1,
            ),
            "gallery_images": inline_formset([]),
            "media_items": inline_formset([]),
            "documents": inline_formset([]),
            "tags": "",
            "related_items": [],
            **extra,
        }
    )


class EditorTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()
        cls.index = cls.pages["heritage_items"]
        User = get_user_model()
        cls.curator = User.objects.create_superuser("curator", "c@example.org", "pw")
        cls.other = User.objects.create_superuser("other", "o@example.org", "pw")

    def setUp(self):
        self.client.force_login(self.curator)
        self.add_url = reverse(
            "wagtailadmin_pages:add", args=("heritage", "heritageitempage", self.index.pk)
        )

    def autosave(self, data):
        response = self.client.post(self.add_url, data, headers=JSON)
        return response


class AutosaveDraftTests(EditorTestCase):
    def test_autosave_marks_the_draft_it_creates(self):
        response = self.autosave(heritage_form())
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.json()["success"])
        page = HeritageItemPage.objects.get()
        self.assertFalse(page.live)
        self.assertTrue(PageLogEntry.objects.filter(page=page, action=AUTOSAVE_CREATED).exists())

    def test_starting_again_replaces_the_abandoned_autosave_draft(self):
        self.autosave(heritage_form(key="Ⅶ-9"))
        abandoned = HeritageItemPage.objects.get()

        # The curator opens a new form and types the same item, spelling the key otherwise.
        response = self.client.post(
            self.add_url, heritage_form(key="VII－9", **{"action-publish": "publish"})
        )
        self.assertEqual(response.status_code, 302, getattr(response, "context", None))
        page = HeritageItemPage.objects.get()
        self.assertNotEqual(page.pk, abandoned.pk)
        self.assertTrue(page.live)
        self.assertEqual(page.slug, "an-ci-jian-zhi")

    def test_an_autosave_of_the_new_form_replaces_it_too(self):
        self.autosave(heritage_form())
        first = HeritageItemPage.objects.get()
        response = self.autosave(heritage_form())
        self.assertTrue(response.json()["success"], response.content)
        self.assertEqual(HeritageItemPage.objects.get().pk, response.json()["pk"])
        self.assertNotEqual(response.json()["pk"], first.pk)

    def test_another_users_draft_is_not_replaced_and_the_error_is_chinese(self):
        self.client.force_login(self.other)
        self.autosave(heritage_form())
        theirs = HeritageItemPage.objects.get()

        self.client.force_login(self.curator)
        response = self.client.post(self.add_url, heritage_form(slug=theirs.slug))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(HeritageItemPage.objects.get().pk, theirs.pk)
        errors = response.context["form"].errors
        self.assertIn("项目编号 Ⅶ-9 已被“安次剪纸”使用", str(errors["key"]))
        self.assertIn("缩略名", str(errors["slug"]))
        for field_errors in errors.values():
            for message in field_errors:
                self.assertIsNone(LATIN.search(message.replace(theirs.slug, "")), message)

    def test_a_draft_saved_on_purpose_is_kept(self):
        self.autosave(heritage_form())
        draft = HeritageItemPage.objects.get()
        edit_url = reverse("wagtailadmin_pages:edit", args=(draft.pk,))
        response = self.client.post(edit_url, heritage_form(slug=draft.slug))
        self.assertEqual(response.status_code, 302)
        self.assertTrue(PageLogEntry.objects.filter(page=draft, action=DRAFT_KEPT).exists())

        response = self.client.post(self.add_url, heritage_form())
        self.assertEqual(response.status_code, 200)
        self.assertEqual(HeritageItemPage.objects.get().pk, draft.pk)
        self.assertIn("已被", str(response.context["form"].errors["key"]))

    def test_a_published_record_is_never_replaced(self):
        self.client.post(self.add_url, heritage_form(**{"action-publish": "publish"}))
        published = HeritageItemPage.objects.get()
        PageLogEntry.objects.log_action(published, AUTOSAVE_CREATED, user=self.curator)
        response = self.client.post(self.add_url, heritage_form())
        self.assertEqual(response.status_code, 200)
        self.assertEqual(HeritageItemPage.objects.get().pk, published.pk)

    def test_a_draft_with_another_key_in_another_tab_is_left_alone(self):
        self.autosave(heritage_form(title="安次剪纸", key="Ⅶ-9"))
        response = self.client.post(self.add_url, heritage_form(title="安次年画", key="Ⅶ-10"))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(HeritageItemPage.objects.count(), 2)


class PinyinSlugTests(EditorTestCase):
    def test_a_draft_with_an_empty_slug_gets_pinyin(self):
        response = self.client.post(self.add_url, heritage_form(slug=""))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(HeritageItemPage.objects.get().slug, "an-ci-jian-zhi")

    def test_a_draft_with_the_chinese_slug_the_admin_typed_gets_pinyin(self):
        response = self.client.post(self.add_url, heritage_form(slug="安次剪纸"))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(HeritageItemPage.objects.get().slug, "an-ci-jian-zhi")

    def test_an_autosaved_draft_gets_pinyin(self):
        self.autosave(heritage_form(slug="安次剪纸"))
        self.assertEqual(HeritageItemPage.objects.get().slug, "an-ci-jian-zhi")

    def test_a_chosen_ascii_slug_is_kept(self):
        self.client.post(self.add_url, heritage_form(slug="paper-cut"))
        self.assertEqual(HeritageItemPage.objects.get().slug, "paper-cut")

    def test_every_page_model_of_the_project_makes_pinyin_slugs(self):
        models = [
            model
            for model in apps.get_models()
            if issubclass(model, Page)
            and model is not Page
            and model.__module__.startswith("heritage_archive.")
        ]
        self.assertGreater(len(models), 10)
        for model in models:
            with self.subTest(model=model.__name__):
                self.assertTrue(issubclass(model, PinyinSlugMixin))


RECORD_APPS = ("heritage", "inheritors", "figures")


class HelpTextTests(TestCase):
    def test_every_editable_record_field_has_chinese_help_text(self):
        checked = 0
        for label in RECORD_APPS:
            for model in apps.get_app_config(label).get_models():
                if not issubclass(model, Page) and model not in (
                    HeritageListing,
                    InheritorDesignation,
                ):
                    continue
                own_fields = [
                    field
                    for field in model._meta.get_fields()
                    if getattr(field, "model", None) is model
                    and getattr(field, "editable", False)
                    and not field.auto_created
                    and field.name not in ("page", "sort_order", "introduction")
                    and getattr(field, "remote_field", None).__class__.__name__ != "ParentalKey"
                ]
                if model._meta.abstract or issubclass(model, Page) and not own_fields:
                    continue
                for field in own_fields:
                    if field.name.endswith("_ptr") or field.name == "key_folded":
                        continue
                    with self.subTest(model=model.__name__, field=field.name):
                        help_text = str(field.help_text)
                        self.assertTrue(help_text, "no help text")
                        self.assertRegex(help_text, r"[\u4e00-\u9fff]")
                    checked += 1
        self.assertGreater(checked, 40)

    def test_help_text_uses_the_vocabulary_of_the_ich_forms(self):
        texts = " ".join(
            str(field.help_text)
            for model in (HeritageItemPage, HeritageListing, InheritorPage)
            for field in model._meta.get_fields()
            if hasattr(field, "help_text")
        )
        for term in (
            "申报地区或单位",
            "保护单位",
            "公布批次",
            "传承谱系",
            "代表性传承人",
            "项目编号",
        ):
            self.assertIn(term, texts)

    def test_the_edit_form_shows_the_help_text(self):
        user = get_user_model().objects.create_superuser("admin", "a@example.org", "pw")
        self.client.force_login(user)
        index = build_site()["heritage_items"]
        response = self.client.get(
            reverse("wagtailadmin_pages:add", args=("heritage", "heritageitempage", index.pk))
        )
        self.assertContains(response, "项目保护单位：承担项目保护传承责任的单位")
        self.assertContains(response, "申报书中的申报地区或单位")
