"""Hostile path segments: every URL with a parameter, given bytes no record holds.

A NUL byte in a query reaches PostgreSQL as an error ("A string literal
cannot contain NUL"), not as "no such row"; so every route that looks
something up by a path segment must answer 404 (or its own 4xx), never 500.
"""

import itertools
from urllib.parse import quote

from django.test import TestCase

from tests.security.test_anonymous_access import leaf_patterns, resolves_to, url_templates
from tests.utils import build_site

# Raw NUL, NUL inside a word, a lone control character, an overlong UTF-8
# slash, invalid UTF-8, and a path-traversal try; percent-encoded as a client sends them.
HOSTILE_SEGMENTS = ["\x00", "剪纸\x00", "a\x1fb", "%C0%AF", "%FF%FE", "..%2F..%2Fetc"]
MAX_URLS_PER_PATTERN = 12


def hostile_urls():
    for chain, pattern in leaf_patterns():
        found = 0
        for template, params in url_templates(chain):
            if not params:
                continue
            for combination in itertools.product(HOSTILE_SEGMENTS, repeat=len(params)):
                values = {
                    name: value if value.startswith(("%", "..")) else quote(value, safe="")
                    for name, value in zip(params, combination, strict=True)
                }
                url = "/" + template % values
                if resolves_to(url, pattern) and found < MAX_URLS_PER_PATTERN:
                    found += 1
                    yield url


class HostilePathSegmentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_site()

    def test_no_route_answers_500_to_a_hostile_segment(self):
        urls = sorted(set(hostile_urls()))
        self.assertGreater(len(urls), 10)  # the routes with parameters were found
        failures = []
        for url in urls:
            response = self.client.get(url)
            if response.status_code >= 500:
                failures.append(f"{url} -> {response.status_code}")
        self.assertEqual(failures, [])

    def test_a_nul_byte_in_an_oai_identifier_is_an_oai_error(self):
        response = self.client.get(
            "/oai/", {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:x:\x00"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(b'<error code="badArgument"', response.content)

    def test_a_control_character_in_the_path_is_a_clear_400(self):
        response = self.client.get("/no-such-page-%00/")  # a 404 path: the redirect lookup too
        self.assertEqual(response.status_code, 400)
        self.assertIn("控制字符", response.content.decode())
