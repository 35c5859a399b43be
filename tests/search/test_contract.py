"""One contract, two backends: the same tests run on the database and on Elasticsearch.

ElasticsearchContractTests also asks the database backend every request and
asserts the same totals, ids and facet counts.
"""

from django.test import TestCase, override_settings

from search.indexing import drain_outbox
from search.models import IndexingOutboxEntry
from search.query import SearchRequest
from search.service import get_backend
from tests.search.fixtures import (
    ElasticsearchTestMixin,
    create_fixture_records,
)

HOSTILE_QUERIES = [
    "京" * 5000,
    '"京剧',
    "'快板",
    "title:(a OR b)~2",
    "/.*/",
    "\x00",
    "京剧\x00快板\x1f",
    "<script>alert(1)</script>",
    "*",
    "?",
    "a AND OR NOT",
    "\\",
    "{!lucene}",
    "field:[* TO *]",
    "(((",
    "京剧^100",
    "🎭🎭",
    "ＡＢＣ１２３",
    " ",
]


def drain_all():
    while IndexingOutboxEntry.objects.exists():
        applied, failed = drain_outbox()
        assert not failed, IndexingOutboxEntry.objects.values_list("last_error", flat=True).first()


class SearchContract:
    """The behaviours both backends must have; subclasses pick the backend."""

    backend_name = None

    @classmethod
    def setUpTestData(cls):
        cls.pages = create_fixture_records()
        drain_all()

    def search(self, **params):
        response = self.client.get("/api/search/", params)
        self.assertEqual(response.status_code, 200, response.content)
        data = response.json()
        self.assertEqual(data["backend"], self.backend_name)
        return data

    def ids(self, **params):
        return [result["id"] for result in self.search(**params)["results"]]

    def record_id(self, name):
        page = self.pages[name]
        key = getattr(page, "key", "")
        kind = {
            "kuaiban": "heritage", "jingju": "heritage", "chuige": "heritage",
            "gaoqiao": "heritage", "inheritor": "inheritor", "figure": "figure",
            "article": "article", "artwork": "artwork", "course": "course", "event": "event",
        }[name]  # fmt: skip
        return f"{kind}:{key or page.pk}"

    def assert_found(self, query, *names, exact=False):
        found = set(self.ids(q=query, page_size=100))
        expected = {self.record_id(name) for name in names}
        if exact:
            self.assertEqual(found, expected, query)
        else:
            self.assertLessEqual(expected, found, query)
        return found

    def test_empty_query_browses_every_record(self):
        data = self.search()
        self.assertEqual(data["total"], len(self.pages))

    def test_two_character_word_in_running_text(self):
        self.assert_found("京剧", "jingju", "article", "inheritor", "event", exact=True)

    def test_kuaiban_in_running_text(self):
        self.assert_found("快板", "kuaiban", "inheritor", "course", exact=True)

    def test_longer_word_needs_its_characters_together(self):
        self.assert_found("少儿京剧训练班", "jingju", "article", exact=True)

    def test_one_character_query(self):
        self.assert_found("板", "kuaiban", "inheritor", "course", exact=True)

    def test_traditional_query_finds_simplified_text(self):
        self.assertEqual(set(self.ids(q="京劇")), set(self.ids(q="京剧")))
        self.assert_found("傳承人", "inheritor", "gaoqiao", exact=True)

    def test_simplified_query_finds_traditional_text(self):
        self.assert_found("高跷", "gaoqiao", "event", exact=True)
        self.assert_found("传承人", "inheritor", "gaoqiao", exact=True)

    def test_pinyin_and_initials(self):
        # Pinyin reaches the running text: the inheritor's summary says 快板书.
        self.assert_found("kuaiban", "kuaiban", "inheritor", "course", exact=True)
        # 少儿京剧训练班开班 ends in 开班 (kaiban), whose initials are kb as well.
        self.assert_found("kb", "kuaiban", "inheritor", "course", "article", exact=True)
        self.assert_found("KuaiBan", "kuaiban", "inheritor", "course", exact=True)

    def test_project_number_in_any_spelling(self):
        for query in ("II-28", "Ⅱ-28", "ii－28", "2-28"):
            self.assertIn(self.record_id("chuige"), self.ids(q=query), query)

    def test_exact_title_ranks_first(self):
        self.assertEqual(self.ids(q="安次快板")[0], self.record_id("kuaiban"))
        self.assertEqual(self.ids(q="快板入门")[0], self.record_id("course"))

    def test_highlights_are_escaped_marks(self):
        result = next(
            r for r in self.search(q="京剧")["results"] if r["id"] == self.record_id("jingju")
        )
        self.assertEqual(result["highlight"]["title"], "安次<mark>京剧</mark>")
        self.assertIn("少儿<mark>京剧</mark>训练班", result["highlight"]["text"][0])

    def test_multi_select_is_or_within_and_across_facets(self):
        data = self.search(type="heritage", region=["落垡镇", "码头镇"])
        self.assertEqual(data["total"], 3)
        facets = {name: {v["value"]: (v["count"], v["selected"]) for v in values}
                  for name, values in data["facets"].items()}  # fmt: skip
        # Each facet counts with the other facets' filters only.
        self.assertEqual(
            facets["region"],
            {"落垡镇": (2, True), "码头镇": (1, True), "葛渔城镇": (1, False)},
        )
        self.assertEqual(facets["type"], {"heritage": (3, True), "inheritor": (1, False)})
        self.assertEqual(facets["tag"]["戏曲"], (2, False))
        self.assertEqual(facets["level"], {"county": (1, False), "municipal": (1, False),
                                           "provincial": (1, False)})  # fmt: skip
        self.assertEqual(facets["year"], {2013: (1, False), 2009: (1, False), 2015: (1, False)})
        self.assertEqual(facets["media"], {"image": (1, False)})

    def test_facet_labels_are_chinese(self):
        facets = self.search()["facets"]
        labels = {v["value"]: v["label"] for v in facets["type"]}
        self.assertEqual(labels["heritage"], "非遗项目")
        self.assertEqual(labels["inheritor"], "传承人")
        self.assertEqual({v["value"]: v["label"] for v in facets["category"]}["quyi"], "曲艺")

    def test_selected_value_without_hits_is_listed_with_zero(self):
        data = self.search(region="不存在的镇")
        self.assertEqual(data["total"], 0)
        self.assertIn(
            {"value": "不存在的镇", "label": "不存在的镇", "count": 0, "selected": True},
            data["facets"]["region"],
        )

    def test_unknown_facet_values_give_no_results(self):
        for params in ({"year": "abc"}, {"level": "galactic"}, {"type": "spaceship"},
                       {"media": "hologram"}):  # fmt: skip
            self.assertEqual(self.search(**params)["total"], 0, params)

    def test_sorts(self):
        titles = [r["title"] for r in self.search(sort="title", page_size=100)["results"]]
        self.assertEqual(titles[0], "安次京剧")  # an ci jing ju
        self.assertEqual(titles[-1], "元宵节花会展演")  # yuan xiao ...
        newest = self.ids(sort="newest", type="event")
        self.assertEqual(newest, [self.record_id("event")])
        oldest = self.ids(sort="oldest", page_size=100)
        self.assertEqual(oldest, list(reversed(self.ids(sort="newest", page_size=100))))

    def test_pagination(self):
        all_ids = self.ids(sort="title", page_size=100)
        self.assertEqual(self.ids(sort="title", page_size=3, page=2), all_ids[3:6])
        data = self.search(page=10**9)
        self.assertEqual(data["results"], [])
        self.assertEqual(data["total"], len(self.pages))

    def test_hostile_queries_never_fail(self):
        for query in HOSTILE_QUERIES:
            for path in ("/api/search/", "/search/", "/api/search/export.json"):
                response = self.client.get(path, {"q": query})
                self.assertEqual(response.status_code, 200, (path, query[:40]))
                if path == "/search/":
                    self.assertNotIn("<script>alert", response.content.decode())

    def test_bad_parameters_answer_400(self):
        for params in ({"page": 0}, {"page": -1}, {"page": "abc"}, {"page_size": 101},
                       {"page_size": 0}, {"sort": "random"}):  # fmt: skip
            response = self.client.get("/api/search/", params)
            self.assertEqual(response.status_code, 400, params)
            self.assertTrue(response.json()["error"])
            self.assertEqual(self.client.get("/search/", params).status_code, 400)


@override_settings(ELASTICSEARCH_URL="")
class DatabaseContractTests(SearchContract, TestCase):
    backend_name = "database"


class ElasticsearchContractTests(ElasticsearchTestMixin, SearchContract, TestCase):
    backend_name = "elasticsearch"

    COMPARED_REQUESTS = [
        {},
        {"q": "京剧"},
        {"q": "快板", "sort": "title"},
        {"q": "kb"},
        {"q": "kuàibǎn"},
        {"q": "安次kb"},
        {"q": "II-28"},
        {"q": "傳承人", "sort": "newest"},
        {"type": "heritage", "region": ["落垡镇", "码头镇"], "sort": "oldest"},
        {"tag": ["戏曲", "曲艺"], "level": "municipal", "sort": "title"},
        {"media": "image"},
        {"year": ["2015", "abc"], "sort": "newest"},
        {"era": "清"},
        {"q": "/.*/"},
        {"sort": "title", "page": 2, "page_size": 3},
    ]

    def test_same_answers_as_the_database(self):
        for params in self.COMPARED_REQUESTS:
            query = _query_dict(params)
            request = SearchRequest.from_params(query)
            es = get_backend("elasticsearch").search(request)
            db = get_backend("database").search(request)
            self.assertEqual(es.total, db.total, params)
            self.assertEqual(es.facets, db.facets, params)
            if request.effective_sort == "relevance":
                self.assertEqual(
                    sorted(es.results, key=lambda r: r["id"]),
                    sorted(db.results, key=lambda r: r["id"]),
                    params,
                )
            else:
                self.assertEqual(es.results, db.results, params)


def _query_dict(params):
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for name, value in params.items():
        query.setlist(name, [str(v) for v in value] if isinstance(value, list) else [str(value)])
    return query
