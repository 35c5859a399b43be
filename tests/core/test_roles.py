from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import TestCase
from django.urls import reverse
from wagtail.models import WorkflowState

from heritage_archive.core.roles import (
    HERITAGE_MANAGERS,
    NEWS_EDITORS,
    REVIEWERS,
    ensure_roles,
)
from heritage_archive.records.figures.models import FigurePage
from heritage_archive.site.news.models import ArticlePage
from tests.factories import make_heritage_item
from tests.utils import build_site


def user_in(group_name, username):
    user = get_user_model().objects.create_user(username, f"{username}@example.com", "pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


class CuratorRolesMixin:
    """The site tree, its roles, and one user in each: 非遗管理, 信息编辑, 审核."""

    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()
        ensure_roles(cls.pages)
        cls.manager = user_in(HERITAGE_MANAGERS, "feiyi")
        cls.editor = user_in(NEWS_EDITORS, "xinxi")
        cls.reviewer = user_in(REVIEWERS, "shenhe")


class CuratorRoleTests(CuratorRolesMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.item = make_heritage_item(cls.pages)
        cls.article = ArticlePage(title="暑期公益课堂开课", slug="shuqi-ketang")
        cls.pages["news_center"].add_child(instance=cls.article)
        cls.article.save_revision().publish()
        cls.figure = FigurePage(title="示例人物", slug="shili-renwu", key="MR-001")
        cls.pages["figures"].add_child(instance=cls.figure)
        cls.figure.save_revision().publish()

    def perms(self, page, user):
        return page.permissions_for_user(user)

    def test_roles_are_idempotent(self):
        ensure_roles(self.pages)
        self.assertEqual(
            Group.objects.filter(name__in=[HERITAGE_MANAGERS, NEWS_EDITORS, REVIEWERS]).count(), 3
        )

    def test_heritage_manager_edits_records_but_cannot_publish(self):
        self.assertTrue(self.perms(self.item, self.manager).can_edit())
        self.assertFalse(self.perms(self.item, self.manager).can_publish())
        self.assertTrue(self.perms(self.pages["heritage_items"], self.manager).can_add_subpage())
        self.assertTrue(self.perms(self.figure, self.manager).can_edit())

    def test_heritage_manager_cannot_touch_news(self):
        self.assertFalse(self.perms(self.article, self.manager).can_edit())
        self.assertFalse(self.perms(self.pages["news_public"], self.manager).can_add_subpage())
        self.assertFalse(self.perms(self.pages["events"], self.manager).can_add_subpage())

    def test_news_editor_publishes_news_and_events_only(self):
        self.assertTrue(self.perms(self.article, self.editor).can_publish())
        self.assertTrue(self.perms(self.pages["events"], self.editor).can_add_subpage())
        self.assertFalse(self.perms(self.item, self.editor).can_edit())
        self.assertFalse(self.perms(self.pages["heritage_items"], self.editor).can_add_subpage())

    def test_news_editor_is_kept_out_of_figures_inside_the_news_channel(self):
        self.client.force_login(self.editor)
        # Wagtail's admin answers a PermissionDenied by sending the user back
        # to the dashboard with an error message.
        edit = self.client.get(reverse("wagtailadmin_pages:edit", args=[self.figure.pk]))
        self.assertRedirects(edit, "/admin/", fetch_redirect_response=False)
        add = self.client.get(
            reverse(
                "wagtailadmin_pages:add",
                args=["figures", "figurepage", self.pages["figures"].pk],
            )
        )
        self.assertRedirects(add, "/admin/", fetch_redirect_response=False)
        article_edit = self.client.get(reverse("wagtailadmin_pages:edit", args=[self.article.pk]))
        self.assertEqual(article_edit.status_code, 200)

    def test_reviewer_publishes_heritage_but_adds_nothing(self):
        self.assertTrue(self.perms(self.item, self.reviewer).can_publish())
        self.assertFalse(self.perms(self.pages["heritage_items"], self.reviewer).can_add_subpage())
        self.assertFalse(self.perms(self.article, self.reviewer).can_edit())

    def test_manager_submits_and_reviewer_approves(self):
        self.client.force_login(self.manager)
        item = self.item
        edit_url = reverse("wagtailadmin_pages:edit", args=[item.pk])
        response = self.client.get(edit_url)
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, 'name="action-publish"')

        item.summary = "新的简介，等待审核"
        revision = item.save_revision(user=self.manager)
        workflow = item.get_workflow()
        self.assertEqual(workflow.name, "非遗审核")
        workflow_state = workflow.start(item, self.manager)
        self.assertEqual(workflow_state.status, WorkflowState.STATUS_IN_PROGRESS)
        task_state = workflow_state.current_task_state
        task = task_state.task.specific

        self.assertEqual(task.get_actions(item, self.manager), [])
        self.assertIn("approve", [name for name, *_ in task.get_actions(item, self.reviewer)])

        task.on_action(task_state, self.reviewer, "approve")
        item.refresh_from_db()
        workflow_state.refresh_from_db()
        self.assertEqual(workflow_state.status, WorkflowState.STATUS_APPROVED)
        self.assertEqual(item.live_revision_id, revision.pk)
        self.assertEqual(item.summary, "新的简介，等待审核")

    def test_admin_menus_follow_the_roles(self):
        self.client.force_login(self.manager)
        self.assertEqual(self.client.get("/admin/").status_code, 200)
        self.assertEqual(self.client.get("/admin/heritage_items/").status_code, 200)
        self.client.force_login(self.editor)
        self.assertEqual(self.client.get("/admin/").status_code, 200)
