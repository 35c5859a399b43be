"""Rate limits on search and exports; admin login lockout after repeated failures."""

import uuid

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import TestCase, override_settings

from heritage_archive.settings import base as base_settings
from tests.utils import build_site


class ConfiguredLimitTests(TestCase):
    """The limits a real site runs with (the test settings turn them off elsewhere)."""

    @classmethod
    def setUpTestData(cls):
        build_site()

    def setUp(self):
        prefix = f"rl-configured-{uuid.uuid4().hex}:"
        self.enterContext(
            override_settings(
                RATELIMIT_ENABLE=base_settings.RATELIMIT_ENABLE, RATELIMIT_CACHE_PREFIX=prefix
            )
        )
        self.addCleanup(
            lambda: cache.delete_pattern(f"{prefix}*") if hasattr(cache, "delete_pattern") else None
        )

    def statuses(self, url, count, address):
        return [self.client.get(url, REMOTE_ADDR=address).status_code for _ in range(count)]

    def test_sixty_searches_a_minute_then_429(self):
        statuses = self.statuses("/api/search/", 61, "192.0.2.60")
        self.assertEqual(statuses[:60], [200] * 60)
        self.assertEqual(statuses[60], 429)

    def test_ten_exports_a_minute_then_429(self):
        statuses = self.statuses("/api/search/export.csv", 11, "192.0.2.61")
        self.assertEqual(statuses[:10], [200] * 10)
        self.assertEqual(statuses[10], 429)


# A window of a day, so the count never starts over in the middle of a test.
@override_settings(RATELIMIT_ENABLE=True, SEARCH_RATE_LIMIT="5/d", EXPORT_RATE_LIMIT="3/d")
class RateLimitTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_site()

    def setUp(self):
        # The cache is not rolled back with each test's rows: every test
        # counts under a key prefix of its own.
        self.prefix = f"rl-test-{uuid.uuid4().hex}:"
        self.enterContext(override_settings(RATELIMIT_CACHE_PREFIX=self.prefix))

    def tearDown(self):
        if hasattr(cache, "delete_pattern"):  # django-redis
            cache.delete_pattern(f"{self.prefix}*")

    def exhaust(self, url, limit, address="192.0.2.10"):
        for number in range(limit):
            response = self.client.get(url, {"q": "快板"}, REMOTE_ADDR=address)
            self.assertEqual(response.status_code, 200, f"request {number + 1} of {limit}")
        return self.client.get(url, {"q": "快板"}, REMOTE_ADDR=address)

    def test_search_api_answers_429_in_json_over_the_limit(self):
        response = self.exhaust("/api/search/", 5)
        self.assertEqual(response.status_code, 429)
        self.assertIn("请求过于频繁", response.json()["error"])
        self.assertEqual(response["Retry-After"], "60")

    def test_search_page_answers_429_with_a_page(self):
        response = self.exhaust("/search/", 5)
        self.assertContains(response, "请求过于频繁", status_code=429)
        self.assertIn("text/html", response["Content-Type"])

    def test_search_page_and_api_share_one_count(self):
        for _ in range(3):
            self.client.get("/search/", REMOTE_ADDR="192.0.2.11")
        for _ in range(2):
            self.assertEqual(
                self.client.get("/api/search/", REMOTE_ADDR="192.0.2.11").status_code, 200
            )
        self.assertEqual(self.client.get("/api/search/", REMOTE_ADDR="192.0.2.11").status_code, 429)

    def test_exports_have_a_lower_limit(self):
        for url in ("/api/search/export.csv", "/api/search/export.json"):
            with self.subTest(url=url):
                response = self.exhaust(url, 3, address=f"192.0.2.{20 + len(url)}")
                self.assertEqual(response.status_code, 429)
                self.assertIn("请求过于频繁", response.json()["error"])

    def test_other_addresses_are_not_limited(self):
        self.assertEqual(self.exhaust("/api/search/", 5).status_code, 429)
        response = self.client.get("/api/search/", {"q": "快板"}, REMOTE_ADDR="198.51.100.7")
        self.assertEqual(response.status_code, 200)

    def test_under_the_limit_everything_answers(self):
        for _ in range(5):
            self.assertEqual(self.client.get("/search/", REMOTE_ADDR="192.0.2.30").status_code, 200)


@override_settings(RATELIMIT_ENABLE=True)
class LoginLockoutTests(TestCase):
    password = "正确的密码-Correct-1"

    @classmethod
    def setUpTestData(cls):
        cls.curator = get_user_model().objects.create_superuser(
            "curator", "curator@example.org", cls.password
        )
        cls.editor = get_user_model().objects.create_superuser(
            "editor", "editor@example.org", cls.password
        )

    def login(self, username, password, address="203.0.113.5"):
        return self.client.post(
            "/admin/login/",
            {"username": username, "password": password},
            REMOTE_ADDR=address,
        )

    def fail_five_times(self, username="curator", address="203.0.113.5"):
        responses = [self.login(username, f"wrong-{n}", address) for n in range(5)]
        for response in responses[:4]:
            self.assertEqual(response.status_code, 200)  # the form again, with its error
        return responses[-1]

    def assert_logged_in(self, response):
        self.assertEqual(response.status_code, 302)
        self.assertIn("_auth_user_id", self.client.session)

    def test_fifth_failure_locks_out_with_a_chinese_message(self):
        response = self.fail_five_times()
        self.assertContains(response, "登录失败次数过多", status_code=429)
        self.assertContains(response, "15 分钟", status_code=429)

    def test_right_password_is_refused_while_locked_out(self):
        self.fail_five_times()
        response = self.login("curator", self.password)
        self.assertEqual(response.status_code, 429)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_another_user_from_the_same_address_is_not_locked(self):
        self.fail_five_times()
        self.assert_logged_in(self.login("editor", self.password))

    def test_same_user_from_another_address_is_not_locked(self):
        self.fail_five_times()
        self.assert_logged_in(self.login("curator", self.password, address="198.51.100.9"))

    def test_a_success_resets_the_count(self):
        for n in range(4):
            self.login("curator", f"wrong-{n}")
        self.assert_logged_in(self.login("curator", self.password))
        self.client.logout()
        for n in range(4):
            self.assertEqual(self.login("curator", f"wrong-again-{n}").status_code, 200)
        self.assert_logged_in(self.login("curator", self.password))

    def test_force_login_still_works_in_tests(self):
        self.client.force_login(self.curator)
        self.assertEqual(self.client.get("/admin/").status_code, 200)


# What settings/production.py configures: behind nginx every request comes
# from 127.0.0.1 and the client's own address is in X-Real-IP.
BEHIND_PROXY = {
    "RATELIMIT_ENABLE": True,
    "RATELIMIT_IP_META_KEY": "heritage_archive.core.security.client_ip",
    "AXES_CLIENT_IP_CALLABLE": "heritage_archive.core.security.client_ip",
    "TRUSTED_PROXIES": ["127.0.0.1"],
    "SEARCH_RATE_LIMIT": "3/d",
}


@override_settings(**BEHIND_PROXY)
class BehindProxyTests(TestCase):
    """Limits and lockouts count per client behind nginx, and a client cannot pick its address."""

    password = "正确的密码-Correct-1"

    @classmethod
    def setUpTestData(cls):
        build_site()

    def setUp(self):
        prefix = f"rl-proxy-{uuid.uuid4().hex}:"
        self.enterContext(override_settings(RATELIMIT_CACHE_PREFIX=prefix))
        self.addCleanup(
            lambda: cache.delete_pattern(f"{prefix}*") if hasattr(cache, "delete_pattern") else None
        )

    def search(self, peer, real_ip):
        return self.client.get("/api/search/", REMOTE_ADDR=peer, HTTP_X_REAL_IP=real_ip).status_code

    def test_clients_behind_the_proxy_are_counted_apart(self):
        statuses = [self.search("127.0.0.1", "192.0.2.70") for _ in range(4)]
        self.assertEqual(statuses, [200, 200, 200, 429])
        # Another visitor through the same nginx is not limited by the first one.
        self.assertEqual(self.search("127.0.0.1", "192.0.2.71"), 200)

    def test_forged_header_from_an_untrusted_peer_is_ignored(self):
        # A client reaching Django directly cannot escape its limit by
        # sending a new X-Real-IP each time.
        statuses = [self.search("198.51.100.9", f"192.0.2.{n}") for n in range(4)]
        self.assertEqual(statuses, [200, 200, 200, 429])

    def test_login_lockout_keys_by_the_client_behind_the_proxy(self):
        get_user_model().objects.create_superuser("curator", "c@example.org", self.password)
        for n in range(5):
            self.client.post(
                "/admin/login/",
                {"username": "curator", "password": f"wrong-{n}"},
                REMOTE_ADDR="127.0.0.1",
                HTTP_X_REAL_IP="203.0.113.80",
            )
        other_client = self.client.post(
            "/admin/login/",
            {"username": "curator", "password": self.password},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_REAL_IP="203.0.113.81",
        )
        self.assertEqual(other_client.status_code, 302)
