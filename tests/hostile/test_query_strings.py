"""Hostile query strings and URL parameters: a clear answer, never a 500, never reflected raw."""

from urllib.parse import quote

from django.test import TestCase

from tests.factories import make_heritage_item
from tests.hostile.corpus import query_values
from tests.utils import build_site

SEARCH_URLS = ["/search/", "/api/search/", "/api/search/export.csv", "/api/search/export.json"]
SEARCH_PARAMS = ["q", "page", "page_size", "sort", "category", "level", "type", "year", "tag"]
INDEX_URLS = ["/feiyi/xiangmu/", "/feiyi/chuanchengren/", "/xinxi/guanwudongtai/", "/yishu/"]
INDEX_PARAMS = ["page", "category", "level"]
RAW_MARKUP = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"]


def short_values():
    """A sample of the corpus for parameters that take a word or a number, not free text."""
    values = query_values()
    return [*values[:12], "-1", "99999999999999999999999999", "快" * 2048]


class HostileQueryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()
        make_heritage_item(cls.pages)
        cls.item_count = len(cls.pages)

    def body(self, response):
        if response.streaming:
            return b"".join(response.streaming_content).decode("utf-8", errors="replace")
        return response.content.decode("utf-8", errors="replace")

    def assert_answers_cleanly(self, url, params):
        response = self.client.get(url, params)
        body = self.body(response)
        self.assertLess(response.status_code, 500)
        self.assertIn(response.status_code, (200, 400, 404))
        # JSON and CSV may carry the text back as data; HTML must escape it.
        if response["Content-Type"].startswith("text/html"):
            for markup in RAW_MARKUP:
                self.assertNotIn(markup, body)
        if response.status_code == 400:
            if response["Content-Type"].startswith("application/json"):
                self.assertTrue(response.json()["error"])
            else:
                self.assertIn("<h1>", body)  # a page that says what went wrong
        return response

    def test_search_and_exports(self):
        for url in SEARCH_URLS:
            for param in SEARCH_PARAMS:
                for value in query_values() if param == "q" else short_values():
                    with self.subTest(url=url, param=param, value=value[:20]):
                        self.assert_answers_cleanly(url, {param: value})

    def test_repeated_and_many_parameters(self):
        for url in SEARCH_URLS:
            with self.subTest(url=url):
                self.assert_answers_cleanly(url, {"category": ["曲艺"] * 500, "q": "快板"})
                self.assert_answers_cleanly(
                    url, {f"p{n}": "<script>alert(1)</script>" for n in range(500)}
                )

    def test_bad_search_parameters_are_explained(self):
        for params in ({"page": "-1"}, {"page": "abc"}, {"page_size": "100000"}, {"sort": "x"}):
            with self.subTest(params=params):
                response = self.client.get("/api/search/", params)
                self.assertEqual(response.status_code, 400)
                self.assertTrue(response.json()["error"])

    def test_index_pages(self):
        for url in INDEX_URLS:
            for param in INDEX_PARAMS:
                for value in query_values():
                    with self.subTest(url=url, param=param, value=value[:20]):
                        self.assert_answers_cleanly(url, {param: value})

    def test_tag_pages(self):
        for value in query_values():
            if not value.strip() or "/" in value:
                continue  # not a path segment the tag route accepts
            with self.subTest(value=value[:20]):
                self.assert_answers_cleanly(f"/tags/{quote(value, safe='')}/", {})
                self.assert_answers_cleanly("/tags/快板/", {"page": value})

    def test_nothing_is_stored_by_reading(self):
        from wagtail.models import Page

        pages_before = Page.objects.count()
        for url in SEARCH_URLS + INDEX_URLS:
            self.client.get(url, {"q": "<script>alert(1)</script>", "page": "99999999"})
        self.assertEqual(Page.objects.count(), pages_before)
