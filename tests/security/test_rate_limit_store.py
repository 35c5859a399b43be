"""Rate-limit counters in the store they are kept in: Redis (REDIS_URL), atomic, never culled.

Without REDIS_URL on a workstation these tests skip; in CI (env CI set) a
missing or unreachable Redis fails them, the way the Elasticsearch tests do
(tests/search/fixtures.py). Each test counts under a key prefix of its own,
so runs sharing one Redis database do not see each other's counts.
"""

import os
import threading
import unittest
import uuid
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory, TestCase, override_settings

from heritage_archive.core.security import rate_limited
from tests.utils import build_site

REDIS_BACKEND = "django_redis.cache.RedisCache"


def require_redis():
    """Skip without Redis on a workstation; in CI (env CI set) a missing Redis fails."""
    in_ci = bool(os.environ.get("CI"))
    if not settings.REDIS_URL:
        if in_ci:
            raise AssertionError("CI 环境必须设置 REDIS_URL。")
        raise unittest.SkipTest("REDIS_URL is not set")
    if settings.CACHES["default"]["BACKEND"] != REDIS_BACKEND:
        raise AssertionError(f"REDIS_URL is set but the default cache is not {REDIS_BACKEND}")
    from django_redis import get_redis_connection

    try:
        get_redis_connection("default").ping()
    except Exception as error:
        if in_ci:
            raise AssertionError(f"Redis 无法连接：{error}") from error
        raise unittest.SkipTest(f"Redis unreachable: {error}") from error


# The search endpoints' own limiter (search/views.py), around a view that needs
# no database, so threads can call it concurrently.
@rate_limited("search", "SEARCH_RATE_LIMIT")
def limited_search_view(request):
    return HttpResponse("ok")


class RedisStoreTestCase(TestCase):
    """Limits on, counted in the configured default cache under a fresh key prefix."""

    rate = "60/7d"  # a window of a week, so the count never starts over mid-test

    @classmethod
    def setUpClass(cls):
        require_redis()
        super().setUpClass()

    def setUp(self):
        self.prefix = f"rl-test-{uuid.uuid4().hex}:"
        self.enterContext(
            override_settings(
                RATELIMIT_ENABLE=True,
                RATELIMIT_CACHE_PREFIX=self.prefix,
                SEARCH_RATE_LIMIT=self.rate,
            )
        )
        self.factory = RequestFactory()

    def tearDown(self):
        from django_redis import get_redis_connection

        connection = get_redis_connection("default")
        keys = list(connection.scan_iter(match=f"*{self.prefix}*"))
        if keys:
            connection.delete(*keys)

    def search_as(self, address):
        request = self.factory.get("/api/search/", {"q": "快板"}, REMOTE_ADDR=address)
        return limited_search_view(request).status_code


class OverLimitClientStaysLimitedTests(RedisStoreTestCase):
    # A window of a week: no client's window starts over during the test.
    rate = "5/7d"
    limited_clients = [f"192.0.2.{number}" for number in range(1, 31)]
    other_clients = [f"10.{number // 250}.{number % 250}.1" for number in range(400)]

    @classmethod
    def setUpTestData(cls):
        build_site()

    def test_clients_over_their_limit_stay_limited_after_400_other_clients(self):
        # Thirty clients over the limit: a store that evicts counters (Django's
        # DatabaseCache culls a third of its keys, by key order, past 300
        # entries) lets some of them through again; one client alone might
        # happen to sort where the cull does not reach.
        for address in self.limited_clients:
            answers = [self.search_as(address) for _ in range(6)]
            self.assertEqual(answers, [200] * 5 + [429], address)
        for address in self.other_clients:
            self.assertEqual(self.search_as(address), 200, address)
        through_again = []
        for address in self.limited_clients:
            response = self.client.get("/api/search/", {"q": "快板"}, REMOTE_ADDR=address)
            if response.status_code != 429:
                through_again.append(address)
            else:
                self.assertIn("请求过于频繁", response.json()["error"])
        self.assertEqual(through_again, [], "limited clients answered again after others searched")


class AtomicIncrementTests(RedisStoreTestCase):
    threads = 8
    requests_per_thread = 25

    def test_concurrent_requests_from_one_client_let_exactly_the_limit_through(self):
        start = threading.Barrier(self.threads)

        def burst(_):
            start.wait(timeout=30)
            return [self.search_as("198.51.100.20") for _ in range(self.requests_per_thread)]

        with ThreadPoolExecutor(max_workers=self.threads) as pool:
            answers = [code for codes in pool.map(burst, range(self.threads)) for code in codes]

        self.assertEqual(len(answers), 200)
        self.assertEqual(answers.count(200), 60)
        self.assertEqual(answers.count(429), 140)

    def test_the_counter_expires_with_its_window(self):
        from django_redis import get_redis_connection

        with self.settings(SEARCH_RATE_LIMIT="5/h"):
            for _ in range(3):
                self.assertEqual(self.search_as("198.51.100.30"), 200)
            connection = get_redis_connection("default")
            keys = list(connection.scan_iter(match=f"*{self.prefix}*"))
            self.assertEqual(len(keys), 1, keys)
            # Set by cache.add with the window plus django-ratelimit's 5 s
            # fudge, and kept by the INCRs after it: never a key without expiry.
            self.assertEqual(int(connection.get(keys[0])), 3)
            self.assertTrue(3500 < connection.ttl(keys[0]) <= 3605, connection.ttl(keys[0]))

    def test_other_clients_count_apart(self):
        for _ in range(60):
            self.assertEqual(self.search_as("198.51.100.40"), 200)
        self.assertEqual(self.search_as("198.51.100.40"), 429)
        self.assertEqual(self.search_as("198.51.100.41"), 200)


class RedisDownTests(TestCase):
    """A Redis that refuses connections: search still answers (the limits open), never a 500."""

    @classmethod
    def setUpTestData(cls):
        build_site()

    def setUp(self):
        require_redis()  # the settings under test are the Redis ones
        unreachable = {
            **settings.CACHES["default"],
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        }
        override = override_settings(CACHES={**settings.CACHES, "default": unreachable})
        override.enable()
        self.addCleanup(override.disable)

    def test_search_and_export_answer_while_redis_is_down(self):
        for url in ("/api/search/?q=剪纸", "/search/?q=剪纸", "/api/search/export.csv?q=剪纸"):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)
