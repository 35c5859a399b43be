"""安次名人录 on every admin path: 信息编辑 hold page permissions on the news
channel around it, but may change no figure there (core/roles.py).

Each refusal is checked in the database (still live, not moved, not
deleted, not copied), and one allowed group proves each request well-formed.
"""

from django.test import TestCase
from django.urls import reverse
from wagtail.models import Page

from heritage_archive.core.roles import NEWS_EDITORS
from heritage_archive.records.figures.models import FigureIndexPage, FigurePage

from .test_roles import CuratorRolesMixin, user_in


def bulk_url(action, *pages):
    ids = "&".join(f"id={page.pk}" for page in pages)
    return reverse("wagtail_bulk_action", args=["wagtailcore", "page", action]) + "?" + ids


class FigurePermissionTests(CuratorRolesMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.index = cls.pages["figures"]
        cls.figure = FigurePage(title="示例人物", slug="shili-renwu", key="MR-001")
        cls.index.add_child(instance=cls.figure)
        cls.first_revision = cls.figure.save_revision()
        cls.first_revision.publish()
        cls.figure.title = "示例人物（修订）"
        cls.figure.save_revision().publish()

    def setUp(self):
        self.client.force_login(self.editor)

    def assert_figure_untouched(self):
        figure = FigurePage.objects.get(pk=self.figure.pk)
        self.assertTrue(figure.live)
        self.assertEqual(figure.title, "示例人物（修订）")
        self.assertEqual(figure.get_parent().pk, self.index.pk)
        index = FigureIndexPage.objects.get(pk=self.index.pk)
        self.assertTrue(index.live)
        self.assertEqual(index.get_parent().pk, self.pages["news_charm"].pk)
        self.assertEqual(FigurePage.objects.count(), 1)
        self.assertEqual(FigureIndexPage.objects.count(), 1)

    def assert_refused(self, response):
        self.assertIn(response.status_code, (302, 403), response)
        if response.status_code == 302:
            self.assertNotEqual(response.url, "", response)
        self.assert_figure_untouched()

    # --- bulk actions in the page explorer --------------------------------

    def test_bulk_unpublish_is_refused(self):
        for user in (self.editor, self.manager):
            with self.subTest(user=user.username):
                self.client.force_login(user)
                response = self.client.post(
                    bulk_url("unpublish", self.figure), {"include_descendants": "on"}
                )
                self.assert_refused(response)

    def test_bulk_unpublish_by_a_reviewer_works(self):
        self.client.force_login(self.reviewer)
        self.client.post(bulk_url("unpublish", self.figure))
        self.assertFalse(FigurePage.objects.get(pk=self.figure.pk).live)

    def test_bulk_delete_is_refused(self):
        for user in (self.editor, self.manager):
            with self.subTest(user=user.username):
                self.client.force_login(user)
                self.assert_refused(self.client.post(bulk_url("delete", self.figure)))
                self.assert_refused(self.client.post(bulk_url("delete", self.index)))

    def test_bulk_publish_is_refused(self):
        self.figure.save_revision(user=self.manager)  # a draft waiting for review
        response = self.client.post(bulk_url("publish", self.figure))
        self.assert_refused(response)
        self.assertTrue(FigurePage.objects.get(pk=self.figure.pk).has_unpublished_changes)

    def test_bulk_move_is_refused(self):
        destination = self.pages["news_center"]
        response = self.client.post(bulk_url("move", self.index), {"chooser": destination.pk})
        self.assert_refused(response)

    def test_bulk_move_by_a_superuser_works(self):
        # The request itself is well-formed: someone allowed moves the list.
        admin = user_in(NEWS_EDITORS, "admin")
        admin.is_superuser = True
        admin.save()
        self.client.force_login(admin)
        destination = self.pages["news_center"]
        self.client.post(bulk_url("move", self.index), {"chooser": destination.pk})
        self.assertEqual(Page.objects.get(pk=self.index.pk).get_parent().pk, destination.pk)

    # --- single-page views ------------------------------------------------

    def test_unpublish_delete_move_copy_are_refused(self):
        urls = [
            (reverse("wagtailadmin_pages:unpublish", args=[self.figure.pk]), {}),
            (reverse("wagtailadmin_pages:delete", args=[self.figure.pk]), {}),
            (reverse("wagtailadmin_pages:delete", args=[self.index.pk]), {}),
            (
                reverse(
                    "wagtailadmin_pages:move_confirm",
                    args=[self.index.pk, self.pages["news_center"].pk],
                ),
                {},
            ),
            (
                reverse("wagtailadmin_pages:copy", args=[self.figure.pk]),
                {
                    "new_title": "复制的人物",
                    "new_slug": "fuzhi-renwu",
                    "new_parent_page": self.index.pk,
                    "publish_copies": "on",
                },
            ),
        ]
        for url, data in urls:
            with self.subTest(url=url):
                self.assert_refused(self.client.post(url, data))

    def test_revision_revert_and_unschedule_are_refused(self):
        revert = reverse(
            "wagtailadmin_pages:revisions_revert", args=[self.figure.pk, self.first_revision.pk]
        )
        self.assert_refused(self.client.get(revert))
        self.assert_refused(
            self.client.post(
                revert,
                {
                    "title": "示例人物",
                    "slug": "shili-renwu",
                    "key": "MR-001",
                    "revision": self.first_revision.pk,
                    "action-publish": "action-publish",
                },
            )
        )
        unschedule = reverse(
            "wagtailadmin_pages:revisions_unschedule",
            args=[self.figure.pk, self.first_revision.pk],
        )
        self.assert_refused(self.client.post(unschedule))

    def test_news_editor_has_no_permission_on_figures(self):
        for page in (self.figure, self.index):
            perms = page.permissions_for_user(self.editor)
            # Also a plain Page, as bulk actions and the explorer load them.
            plain = Page.objects.get(pk=page.pk).permissions_for_user(self.editor)
            for tester in (perms, plain):
                with self.subTest(page=page.title, tester=type(tester).__name__):
                    self.assertFalse(tester.can_edit())
                    self.assertFalse(tester.can_delete())
                    self.assertFalse(tester.can_unpublish())
                    self.assertFalse(tester.can_publish())
                    self.assertFalse(tester.can_move())
                    self.assertFalse(tester.can_lock())
                    self.assertFalse(tester.can_add_subpage())
        self.assertFalse(self.figure.permissions_for_user(self.editor).can_copy_to(self.index))
        # The rest of the news channel stays theirs.
        self.assertTrue(
            self.pages["news_charm"].permissions_for_user(self.editor).can_add_subpage()
        )

    # --- a news page that holds the list ----------------------------------

    def test_deleting_or_copying_the_channel_that_holds_the_list_is_refused(self):
        channel = self.pages["news_charm"]
        # Wagtail lets only holders of bulk_delete delete a page with subpages.
        self.assertFalse(channel.permissions_for_user(self.editor).can_delete())
        self.assert_refused(
            self.client.post(reverse("wagtailadmin_pages:delete", args=[channel.pk]))
        )
        self.assert_refused(self.client.post(bulk_url("delete", channel)))
        copy = self.client.post(
            reverse("wagtailadmin_pages:copy", args=[channel.pk]),
            {
                "new_title": "安次之韵副本",
                "new_slug": "anci-zhiyun-fuben",
                "new_parent_page": self.pages["news"].pk,
                "copy_subpages": "on",
            },
        )
        self.assert_refused(copy)
        self.assertTrue(Page.objects.filter(pk=channel.pk).exists())

    def test_channel_without_figures_is_still_the_news_editors(self):
        channel = self.pages["news_center"]
        self.client.post(bulk_url("delete", channel))
        self.assertFalse(Page.objects.filter(pk=channel.pk).exists())
