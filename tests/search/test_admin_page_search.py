"""The admin's page search answers through the project's search, on both backends.

京剧, 京劇 and jingju find the public records the project's search finds
(through their summary and pinyin, not only the title); drafts and private
pages are found by title for the editors who may explore them, and an editor
never sees pages outside the part of the tree the editor may explore.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import TestCase, override_settings
from django.urls import reverse
from wagtail.models import GroupPagePermission, PageViewRestriction

from heritage_archive.core.choices import Category
from heritage_archive.records.heritage.models import HeritageItemPage
from tests.factories import make_heritage_item, make_inheritor
from tests.search.fixtures import ElasticsearchTestMixin
from tests.search.test_contract import drain_all
from tests.utils import build_site


class AdminPageSearchContract:
    @classmethod
    def setUpTestData(cls):
        pages = build_site()
        cls.pages = pages
        # Its title says nothing of 京剧: only the project's search (its
        # summary, in any spelling) finds it.
        cls.opera = make_heritage_item(
            pages,
            title="安次皮黄",
            key="Ⅳ-1",
            category=Category.TRADITIONAL_DRAMA,
            summary="安次一带流传的京剧唱腔与表演。",
        )
        cls.other = make_heritage_item(pages, title="安次快板", key="Ⅴ-3", summary="快板书。")
        cls.inheritor = make_inheritor(pages, title="京剧传承人王某", key="CCR-1")
        cls.draft = HeritageItemPage(
            title="京剧草稿项目",
            slug="draft",
            key="Ⅳ-9",
            category=Category.TRADITIONAL_DRAMA,
            live=False,
        )
        pages["heritage_items"].add_child(instance=cls.draft)
        cls.draft.save_revision()
        cls.private = make_heritage_item(pages, title="京剧内部项目", key="Ⅳ-8")
        PageViewRestriction.objects.create(
            page=cls.private, restriction_type=PageViewRestriction.PASSWORD, password="mima"
        )
        drain_all()
        cls.admin = get_user_model().objects.create_superuser("guanli", "g@example.com", "pw")
        # An editor of the inheritors only: may search, may not see the items.
        group = Group.objects.create(name="传承人编辑")
        group.permissions.add(Permission.objects.get(codename="access_admin"))
        GroupPagePermission.objects.create(
            group=group,
            page=pages["inheritors"],
            permission=Permission.objects.get(codename="change_page"),
        )
        cls.editor = get_user_model().objects.create_user("bianji", "b@example.com", "pw")
        cls.editor.groups.add(group)

    def titles(self, user, query):
        self.client.force_login(user)
        response = self.client.get(reverse("wagtailadmin_pages:search"), {"q": query})
        self.assertEqual(response.status_code, 200)
        return {
            page.title for page in response.context["pages"] if page.depth > 1
        }  # the view's page of results

    def test_the_project_search_finds_what_titles_do_not_say(self):
        for query in ("京剧", "京劇"):
            with self.subTest(query):
                self.assertIn("安次皮黄", self.titles(self.admin, query))  # by its summary
                self.assertNotIn("安次快板", self.titles(self.admin, query))
        # Pinyin of the title: no title holds "jingju", the project's search knows.
        titles = self.titles(self.admin, "jingju")
        self.assertIn("京剧传承人王某", titles)
        self.assertNotIn("安次快板", titles)

    def test_drafts_and_private_pages_are_found_by_title_for_editors(self):
        titles = self.titles(self.admin, "京剧")
        self.assertLessEqual({"京剧草稿项目", "京剧内部项目", "京剧传承人王某"}, titles)
        # Traditional characters fold to simplified for titles as well.
        self.assertIn("京剧草稿项目", self.titles(self.admin, "京劇草稿"))

    def test_an_editor_sees_only_the_pages_they_may_explore(self):
        titles = self.titles(self.editor, "京剧")
        self.assertIn("京剧传承人王某", titles)
        self.assertFalse(titles & {"安次皮黄", "京剧草稿项目", "京剧内部项目"}, titles)

    def test_the_record_listing_search_uses_it_too(self):
        self.client.force_login(self.admin)
        response = self.client.get(reverse("heritage_items:index"), {"q": "京劇"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "安次皮黄")
        self.assertNotContains(response, "安次快板")

    def test_odd_queries_answer_without_error(self):
        for query in ("", " ", "\x00京剧", "京" * 5000, "live:yes 京剧", '"unclosed', "%_"):
            with self.subTest(query=query[:20]):
                self.client.force_login(self.admin)
                response = self.client.get(reverse("wagtailadmin_pages:search"), {"q": query})
                self.assertEqual(response.status_code, 200)


@override_settings(ELASTICSEARCH_URL="")
class DatabaseAdminPageSearchTests(AdminPageSearchContract, TestCase):
    pass


class ElasticsearchAdminPageSearchTests(ElasticsearchTestMixin, AdminPageSearchContract, TestCase):
    pass


class BackendTests(TestCase):
    def test_the_admin_backend_is_the_project_page_search(self):
        from wagtail.search.backends import get_search_backend

        from search.admin_search import ProjectPageSearchMixin

        self.assertIsInstance(get_search_backend(), ProjectPageSearchMixin)
