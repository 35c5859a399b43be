"""Staff: the lists per page with status, check-in, counts on the dashboard, query counts."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from heritage_archive.site.signups import booking
from heritage_archive.site.signups.models import Signup
from heritage_archive.site.signups.roles import SIGNUP_STAFF
from tests.utils import build_site

from .helpers import make_course, make_event, phone_number


class SignupStaffTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()
        cls.event = make_event(cls.pages, capacity=2, title="剪纸体验")
        cls.signups = [
            booking.book(cls.event, name=f"甲{n}", phone=phone_number(n), seats=1, extra={},
                         notice_version="x")
            for n in range(3)
        ]  # fmt: skip
        cls.user = get_user_model().objects.create_user("staff", password="x")
        cls.user.groups.add(Group.objects.get(name=SIGNUP_STAFF))

    def setUp(self):
        self.client.force_login(self.user)

    def test_list_shows_status_and_promotion(self):
        first = self.signups[0]
        booking.cancel(first.pk, first.cancel_nonce)
        response = self.client.get(reverse("signups_admin:list", args=[self.event.pk]))
        self.assertContains(response, "已取消")
        self.assertContains(response, "已确认", count=2 + 1)  # two rows and the filter option
        promoted = Signup.objects.get(pk=self.signups[2].pk)
        self.assertContains(response, promoted.promoted_at.astimezone().strftime("%Y-%m-%d"))
        index = self.client.get(reverse("signups_admin:index"))
        self.assertContains(index, "剪纸体验")
        waiting = self.client.get(
            reverse("signups_admin:list", args=[self.event.pk]), {"status": "waitlisted"}
        )
        self.assertContains(waiting, "暂无报名")

    def test_check_in_and_undo(self):
        signup = self.signups[0]
        url = reverse("signups_admin:check_in", args=[signup.pk])
        self.assertEqual(self.client.get(url).status_code, 405)
        self.client.post(url)
        signup.refresh_from_db()
        self.assertIsNotNone(signup.checked_in_at)
        self.client.post(url)
        signup.refresh_from_db()
        self.assertIsNone(signup.checked_in_at)
        waiting = self.signups[2]
        self.client.post(reverse("signups_admin:check_in", args=[waiting.pk]))
        waiting.refresh_from_db()
        self.assertIsNone(waiting.checked_in_at)

    def test_dashboard_counts(self):
        self.signups[0].checked_in_at = timezone.now()
        self.signups[0].save()
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, "活动报名")
        self.assertContains(response, "<td>2/2</td><td>1</td><td>1</td>", html=False)

    def test_query_counts_do_not_grow_with_sign_ups(self):
        course = make_course(self.pages, capacity=100)
        for n in range(30):
            booking.book(course, name="乙", phone=phone_number(100 + n), seats=1, extra={},
                         notice_version="x")  # fmt: skip
        for url in (
            reverse("signups_admin:index"),
            reverse("signups_admin:list", args=[course.pk]),
            reverse("signups_admin:export", args=[course.pk]),
        ):
            with CaptureQueriesContext(connection) as few:
                self.client.get(reverse("signups_admin:list", args=[self.event.pk]))
            with CaptureQueriesContext(connection) as many:
                self.client.get(url)
            self.assertLessEqual(len(many), len(few) + 3, url)

    def test_the_page_editor_has_the_sign_up_settings(self):
        self.user.is_superuser = True
        self.user.save()
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[self.event.pk]))
        self.assertContains(response, "在线报名")
        self.assertContains(response, "名额已满时接受候补")
        self.assertContains(response, 'name="signup_capacity"')
