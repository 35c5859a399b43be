"""Abuse: rate limits per IP and per phone, the honeypot, duplicates."""

import uuid

from django.core.cache import cache
from django.test import TestCase, override_settings
from django.urls import reverse

from heritage_archive.site.signups.models import Signup
from tests.utils import build_site

from .helpers import form_data, make_event, phone_number


@override_settings(RATELIMIT_ENABLE=True, SIGNUP_RATE_LIMIT="3/d", SIGNUP_PHONE_RATE_LIMIT="2/d")
class SignupAbuseTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()
        cls.event = make_event(cls.pages, capacity=50)

    def setUp(self):
        # The cache is not rolled back with each test's rows: every test
        # counts under a key prefix of its own.
        self.prefix = f"rl-signup-{uuid.uuid4().hex}:"
        self.enterContext(override_settings(RATELIMIT_CACHE_PREFIX=self.prefix))

    def tearDown(self):
        if hasattr(cache, "delete_pattern"):  # django-redis
            cache.delete_pattern(f"{self.prefix}*")

    def post(self, data, address="192.0.2.30", page=None):
        page = page or self.event
        return self.client.post(reverse("signups:form", args=[page.pk]), data, REMOTE_ADDR=address)

    def test_one_address_is_limited(self):
        statuses = [self.post(form_data(phone_number(n))).status_code for n in range(4)]
        self.assertEqual(statuses, [302, 302, 302, 429])
        response = self.post(form_data(phone_number(9)))
        self.assertContains(response, "报名提交过于频繁", status_code=429)
        self.assertEqual(Signup.objects.count(), 3)
        # Another address is not held back.
        self.assertEqual(
            self.post(form_data(phone_number(9)), address="192.0.2.31").status_code, 302
        )

    def test_one_phone_is_limited_from_any_address(self):
        other = make_event(self.pages)
        third = make_event(self.pages)
        statuses = [
            self.post(form_data("13855556666"), address=f"192.0.2.{40 + n}", page=page).status_code
            for n, page in enumerate((self.event, other, third))
        ]
        self.assertEqual(statuses, [302, 302, 429])
        self.assertEqual(Signup.objects.filter(phone="13855556666").count(), 2)

    def test_the_limits_count_only_submissions(self):
        for _ in range(5):
            self.assertEqual(
                self.client.get(reverse("signups:form", args=[self.event.pk]), REMOTE_ADDR="192.0.2.50").status_code,
                200,
            )  # fmt: skip

    def test_the_honeypot_refuses_and_saves_nothing(self):
        response = self.post(form_data(phone_number(1), website="http://spam.example"))
        self.assertContains(response, "提交未通过校验", status_code=400)
        self.assertFalse(Signup.objects.exists())

    def test_a_duplicate_phone_is_refused_with_a_clear_message(self):
        self.assertEqual(self.post(form_data("13812345678")).status_code, 302)
        response = self.post(form_data("138 1234 5678", name="另一个名字"), address="192.0.2.32")
        self.assertContains(response, "该手机号已报名本活动", status_code=409)
        self.assertEqual(Signup.objects.filter(phone="13812345678").count(), 1)

    def test_after_cancelling_the_phone_may_sign_up_again(self):
        from heritage_archive.site.signups import booking

        self.post(form_data("13812345678"))
        signup = Signup.objects.get()
        booking.cancel(signup.pk, signup.cancel_nonce)
        self.assertEqual(self.post(form_data("13812345678")).status_code, 302)
        self.assertEqual(Signup.objects.exclude(status="cancelled").count(), 1)

    def test_strange_input_never_answers_500(self):
        for number, data in enumerate(
            (
                {"name": "x" * 500, "phone": "1" * 500, "consent": "on"},
                {"name": "\x00", "phone": "１３８１２３４５６７８", "consent": "yes"},
                {"seats": "abc", **form_data(phone_number(3))},
                {"seats": "99", **form_data(phone_number(4))},
                {},
            )
        ):
            response = self.post(data, address=f"192.0.2.{60 + number}")
            self.assertIn(response.status_code, (200, 302, 409), data)
        self.assertEqual(self.client.get("/signup/999999/").status_code, 404)
        self.assertIn(self.client.get("/signup/cancel/%00/").status_code, (400, 404))
