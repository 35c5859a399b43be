"""Pinyin in every spelling, and its highlights, on both backends (issue 16).

Each spelling of a word must find exactly what the word typed in characters
finds, and mark the same characters of the original text; the
Elasticsearch class also asks the database and compares whole answers.
"""

from django.test import TestCase, override_settings

from search.query import SearchRequest
from search.service import get_backend
from tests.search.fixtures import ElasticsearchTestMixin, create_fixture_records
from tests.search.test_contract import _query_dict, drain_all

# (query, the character query it must equal)
SPELLINGS = [
    ("京劇", "京剧"),  # traditional
    ("jingju", "京剧"),  # full pinyin, joined
    ("jing ju", "京剧"),  # spaced
    ("jīngjù", "京剧"),  # tone marks
    ("jing1ju4", "京剧"),  # tone numbers
    ("JingJu", "京剧"),  # upper case
    ("ｊｉｎｇｊｕ", "京剧"),  # full width
    ("kuaiban", "快板"),
    ("kuài bǎn", "快板"),
    ("KUAI4BAN3", "快板"),
    ("安次kuaiban", "安次快板"),  # mixed with characters
    ("安次 kuai ban", "安次 快板"),
    ("传承ren", "传承人"),
    ("gaoqiao", "高跷"),  # 高蹺 in the event's text, folded before pinyin
    ("chuige", "吹歌"),
]

# (query, its character query, the record, its title marked)
HIGHLIGHTS = [
    ("kuaiban", "快板", "kuaiban", "安次<mark>快板</mark>"),
    ("kb", "快板", "kuaiban", "安次<mark>快板</mark>"),
    ("kuài bǎn", "快板", "kuaiban", "安次<mark>快板</mark>"),
    ("安次kb", "安次快板", "kuaiban", "<mark>安次快板</mark>"),
    ("jingju", "京剧", "jingju", "安次<mark>京剧</mark>"),
    ("jj", "京剧", "jingju", "安次<mark>京剧</mark>"),
    ("京劇", "京剧", "jingju", "安次<mark>京剧</mark>"),
    ("JĪNG JÙ", "京剧", "jingju", "安次<mark>京剧</mark>"),
]


class PinyinContract:
    backend_name = None

    @classmethod
    def setUpTestData(cls):
        cls.pages = create_fixture_records()
        drain_all()

    def search(self, q):
        response = self.client.get("/api/search/", {"q": q, "page_size": 100})
        self.assertEqual(response.status_code, 200, response.content)
        data = response.json()
        self.assertEqual(data["backend"], self.backend_name)
        return data

    def ids(self, q):
        return {result["id"] for result in self.search(q)["results"]}

    def test_every_spelling_finds_what_the_characters_find(self):
        for query, characters in SPELLINGS:
            expected = self.ids(characters)
            self.assertTrue(expected, characters)
            self.assertEqual(self.ids(query), expected, query)

    def test_initials_find_at_least_what_the_characters_find(self):
        # Initials are ambiguous by nature (kb is 快板 and 开班 alike).
        for query, characters in (("kb", "快板"), ("jj", "京剧"), ("安次kb", "安次快板")):
            self.assertLessEqual(self.ids(characters), self.ids(query), query)

    def test_pinyin_and_initials_mark_the_characters(self):
        for query, characters, name, title in HIGHLIGHTS:
            page = self.pages[name]
            results = {r["title"]: r for r in self.search(query)["results"]}
            self.assertEqual(results[page.title]["highlight"]["title"], title, query)
            expected_text = {
                r["title"]: r["highlight"]["text"] for r in self.search(characters)["results"]
            }[page.title]
            self.assertEqual(results[page.title]["highlight"]["text"], expected_text, query)

    def test_running_text_is_marked(self):
        inheritor = next(r for r in self.search("kuaiban")["results"] if r["title"] == "王明")
        self.assertEqual(inheritor["highlight"]["title"], "王明")
        self.assertEqual(
            inheritor["highlight"]["text"], ["京剧传承人，也擅长<mark>快板</mark>书。"]
        )

    def test_highlights_stay_html_safe(self):
        for query in ("<b>kuaiban</b>", "kuaiban<script>", "kb&lt;"):
            for result in self.search(query)["results"]:
                for text in [result["highlight"]["title"], *result["highlight"]["text"]]:
                    self.assertNotIn("<b>", text)
                    self.assertNotIn("<script", text)

    def test_letters_that_are_no_pinyin_find_nothing_odd(self):
        self.assertEqual(self.ids("xyzq"), set())
        self.assertEqual(self.search("zzzzzzzzzzzzzzzzzzzzzzzz" * 8)["total"], 0)


@override_settings(ELASTICSEARCH_URL="")
class DatabasePinyinTests(PinyinContract, TestCase):
    backend_name = "database"


class ElasticsearchPinyinTests(ElasticsearchTestMixin, PinyinContract, TestCase):
    backend_name = "elasticsearch"

    def test_same_answers_as_the_database(self):
        queries = {q for pair in SPELLINGS for q in pair} | {h[0] for h in HIGHLIGHTS}
        for query in sorted(queries):
            request = SearchRequest.from_params(_query_dict({"q": query, "page_size": 100}))
            es = get_backend("elasticsearch").search(request)
            db = get_backend("database").search(request)
            self.assertEqual(es.total, db.total, query)
            self.assertEqual(es.facets, db.facets, query)
            self.assertEqual(
                sorted(es.results, key=lambda r: r["id"]),
                sorted(db.results, key=lambda r: r["id"]),
                query,
            )
