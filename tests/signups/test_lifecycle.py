"""The sign-up life cycle through the visitor's pages: open, full, waitlist, cancel, promote, close."""

import datetime
import re

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from heritage_archive.site.signups import booking, tokens
from heritage_archive.site.signups.forms import notice_version
from heritage_archive.site.signups.management.commands.purge_signups import purge_signups
from heritage_archive.site.signups.models import Signup
from tests.utils import build_site

from .helpers import form_data, make_course, make_event, phone_number


class SignupLifeCycleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()
        cls.event = make_event(cls.pages, capacity=2)

    def sign_up(self, phone, page=None, **extra):
        page = page or self.event
        return self.client.post(reverse("signups:form", args=[page.pk]), form_data(phone, **extra))

    def receipt(self, response):
        self.assertEqual(response.status_code, 302, getattr(response, "content", b"")[:500])
        return self.client.get(response["Location"])

    def cancel_url(self, receipt):
        return re.search(r'href="https?://[^/]+(/signup/cancel/[^"]+)"', receipt.content.decode())[
            1
        ]

    def test_event_page_shows_seats_left_and_the_way_in(self):
        response = self.client.get(self.event.url)
        self.assertContains(response, "在线报名")
        self.assertContains(response, reverse("signups:form", args=[self.event.pk]))
        self.assertContains(response, '<dd class="signup-seats-left">2</dd>', html=True)

    def test_form_shows_the_notice_before_submitting(self):
        response = self.client.get(reverse("signups:form", args=[self.event.pk]))
        content = response.content.decode()
        self.assertIn("个人信息处理说明", content)
        self.assertIn("活动结束 30 天后自动删除", content)
        self.assertLess(content.index("个人信息处理说明"), content.index('class="button">提交报名'))
        self.assertEqual(response["X-Robots-Tag"], "noindex, nofollow")
        self.assertIn("no-store", response["Cache-Control"])

    def test_open_full_waitlist_cancel_promote(self):
        first = self.receipt(self.sign_up(phone_number(1)))
        self.assertContains(first, "报名成功")
        self.assertContains(first, "139****0001")
        self.assertNotContains(first, phone_number(1))
        self.receipt(self.sign_up(phone_number(2)))
        waiting = self.receipt(self.sign_up(phone_number(3)))
        self.assertContains(waiting, "候补")
        self.assertEqual(booking.seats_of(self.event).left, 0)
        self.assertContains(self.client.get(self.event.url), "名额已满，登记候补")

        signup = Signup.objects.get(phone=phone_number(1))
        self.assertIsNotNone(signup.consent_at)
        self.assertEqual(signup.notice_version, notice_version())

        cancel_url = self.cancel_url(first)
        self.assertContains(self.client.get(cancel_url), "确认取消")
        self.assertContains(self.client.post(cancel_url), "已取消报名")
        signup.refresh_from_db()
        self.assertEqual(signup.status, Signup.Status.CANCELLED)
        promoted = Signup.objects.get(phone=phone_number(3))
        self.assertEqual(promoted.status, Signup.Status.CONFIRMED)
        self.assertIsNotNone(promoted.promoted_at)

        # The link works once.
        self.assertContains(self.client.post(cancel_url), "已使用或已失效", status_code=410)
        self.assertContains(self.client.get(cancel_url), "已使用或已失效", status_code=410)

    def test_cancelling_a_waitlisted_sign_up_promotes_nobody(self):
        for index in (1, 2, 3, 4):
            self.sign_up(phone_number(index))
        third = Signup.objects.get(phone=phone_number(3))
        booking.cancel(third.pk, third.cancel_nonce)
        self.assertEqual(Signup.objects.get(phone=phone_number(4)).status, "waitlisted")

    def test_promotion_keeps_the_order_of_the_waitlist(self):
        event = make_event(self.pages, capacity=2, per_person=2)
        make = lambda index, seats: booking.book(  # noqa: E731
            event, name="李四", phone=phone_number(index), seats=seats, extra={},
            notice_version="x",
        )  # fmt: skip
        first = make(1, 2)
        big = make(2, 2)
        small = make(3, 1)
        self.assertEqual((big.status, small.status), ("waitlisted", "waitlisted"))
        booking.cancel(first.pk, first.cancel_nonce)
        big.refresh_from_db()
        small.refresh_from_db()
        self.assertEqual((big.status, small.status), ("confirmed", "waitlisted"))

    def test_full_without_waitlist_is_refused_with_a_message(self):
        event = make_event(self.pages, capacity=1, waitlist=False)
        self.receipt(self.sign_up(phone_number(1), page=event))
        response = self.sign_up(phone_number(2), page=event)
        self.assertContains(response, "名额已满，本活动不设候补", status_code=409)
        self.assertEqual(Signup.objects.filter(page=event).count(), 1)

    def test_closed_before_opening_and_after_closing(self):
        now = timezone.now()
        later = make_event(self.pages, signup_opens_at=now + datetime.timedelta(days=1))
        closed = make_event(self.pages, signup_closes_at=now - datetime.timedelta(minutes=1))
        for page in (later, closed):
            self.assertContains(self.client.get(page.url), "当前不在报名时间内")
            response = self.sign_up(phone_number(9), page=page)
            self.assertContains(response, "当前不在报名时间内", status_code=409)
        self.assertFalse(Signup.objects.exists())

    def test_an_event_that_started_no_longer_takes_sign_ups(self):
        past = make_event(self.pages, days=-1)
        self.assertFalse(past.signup_is_open())

    def test_course_with_extra_field_shows_its_reason(self):
        course = make_course(
            self.pages,
            signup_extra_fields=[
                ("field", {"label": "年龄", "reason": "按年龄分班", "required": True})
            ],
            signup_per_person_limit=3,
        )
        form = self.client.get(reverse("signups:form", args=[course.pk]))
        self.assertContains(form, "收集原因：按年龄分班")
        missing = self.sign_up(phone_number(5), page=course, seats="1")
        self.assertContains(missing, "该字段是必填项")
        response = self.sign_up(phone_number(5), page=course, extra_0="9", seats="3")
        self.receipt(response)
        signup = Signup.objects.get(page=course)
        self.assertEqual((signup.extra, signup.seats), ({"年龄": "9"}, 3))

    def test_without_consent_nothing_is_saved(self):
        data = form_data(phone_number(1))
        del data["consent"]
        response = self.client.post(reverse("signups:form", args=[self.event.pk]), data)
        self.assertContains(response, "请阅读并同意个人信息处理说明")
        self.assertFalse(Signup.objects.exists())

    def test_bad_input_gets_a_message_and_keeps_what_was_typed(self):
        response = self.sign_up("12345", name="王五")
        self.assertContains(response, "请填写 11 位中国大陆手机号")
        self.assertContains(response, 'value="王五"')

    def test_forged_links_are_not_found(self):
        signup = booking.book(
            self.event, name="赵六", phone=phone_number(7), seats=1, extra={}, notice_version="x"
        )
        good = tokens.cancel_token(signup)
        for url in (
            reverse("signups:cancel", args=[good[:-2] + "xx"]),
            reverse("signups:receipt", args=["forged"]),
            reverse("signups:receipt", args=[good]),  # a cancel token is no receipt
        ):
            self.assertEqual(self.client.get(url).status_code, 404, url)

    def test_no_form_for_a_page_without_sign_up(self):
        plain = make_event(self.pages, signup_enabled=False)
        self.assertEqual(self.client.get(reverse("signups:form", args=[plain.pk])).status_code, 404)
        self.assertNotContains(self.client.get(plain.url), "在线报名")
        self.assertEqual(
            self.client.get(reverse("signups:form", args=[self.pages["events"].pk])).status_code,
            404,
        )

    def test_page_validation_of_the_settings(self):
        from django.core.exceptions import ValidationError

        self.event.signup_capacity = 0
        with self.assertRaises(ValidationError) as raised:
            self.event.full_clean()
        self.assertIn("signup_capacity", raised.exception.message_dict)
        course = make_course(self.pages)
        course.course_ends_at = None
        with self.assertRaises(ValidationError) as raised:
            course.full_clean()
        self.assertIn("course_ends_at", raised.exception.message_dict)


class RetentionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()

    def test_sign_ups_are_deleted_the_set_number_of_days_after_the_event(self):
        old = make_event(self.pages, days=-40)
        recent = make_event(self.pages, days=-10)
        course = make_course(self.pages)
        for page in (old, recent, course):
            Signup.objects.create(
                page=page, name="钱七", phone="13700000000", status="confirmed",
                consent_at=timezone.now(), notice_version="x",
            )  # fmt: skip
        call_command("purge_signups", stdout=open("/dev/null", "w"))  # noqa: SIM115
        self.assertEqual(
            set(Signup.objects.values_list("page_id", flat=True)), {recent.pk, course.pk}
        )
        self.assertEqual(purge_signups(days=5), 1)
        self.assertEqual(set(Signup.objects.values_list("page_id", flat=True)), {course.pk})
        course.course_ends_at = timezone.now() - datetime.timedelta(days=31)
        course.save()
        self.assertEqual(purge_signups(), 1)
        self.assertFalse(Signup.objects.exists())
