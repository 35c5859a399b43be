"""Unit tests of the text functions, the query plan, highlights and the Elasticsearch query."""

import json

from django.http import QueryDict
from django.test import SimpleTestCase

from heritage_archive.core.text import (
    fold_project_number,
    fold_tone_marks,
    index_tokens,
    looks_like_project_number,
    normalize,
    pinyin_readings,
    pinyin_sort_key,
    pinyin_tokens,
    query_tokens,
    segment_pinyin,
    text_pinyin_tokens,
)
from search.faceted import RecordFacetedSearch
from search.query import QueryPlan, SearchRequest, SearchRequestError, highlight


class TextTests(SimpleTestCase):
    def test_normalize_folds_width_traditional_and_case(self):
        self.assertEqual(normalize("京劇ＡＢＣ"), "京剧abc")
        self.assertEqual(normalize("a\x00b"), "a b")

    def test_index_tokens_are_unigrams_and_bigrams(self):
        self.assertEqual(index_tokens("快板书"), ["快", "板", "书", "快板", "板书"])
        self.assertIn("京剧", index_tokens("少儿京剧训练班"))

    def test_query_tokens(self):
        self.assertEqual(query_tokens("京劇"), ["京剧"])
        self.assertEqual(query_tokens("板"), ["板"])
        self.assertEqual(query_tokens("京剧团"), ["京剧", "剧团"])
        self.assertEqual(query_tokens("/.*/"), [])

    def test_pinyin_tokens(self):
        tokens = pinyin_tokens("快板")
        self.assertIn("kuaiban", tokens)
        self.assertIn("kb", tokens)

    def test_text_pinyin_tokens_cover_every_pair(self):
        syllables, initials = text_pinyin_tokens("安次快板，剪紙")
        self.assertEqual(
            syllables,
            ["an", "an'ci", "ci", "ci'kuai", "kuai", "kuai'ban", "ban", "jian", "jian'zhi", "zhi"],
        )
        self.assertEqual(initials, ["ac", "ck", "kb", "jz"])

    def test_pinyin_in_every_spelling_reads_alike(self):
        expected = pinyin_readings("kuaiban")
        self.assertEqual(expected[0].tokens, (("pinyin", "kuai'ban"),))
        for spelling in (
            "kuai ban",
            "kuài bǎn",
            "KuaiBan",
            "ｋｕａｉｂａｎ",
            "kuai4ban3",
            "KUÀI4BǍN3",
        ):
            self.assertEqual(pinyin_readings(spelling), expected, spelling)

    def test_tone_marks_fold(self):
        self.assertEqual(fold_tone_marks("kuàibǎn lǜ lü nü:"), "kuaiban lv lv nv:")
        self.assertEqual(segment_pinyin("lv4"), [("lv",)])
        self.assertEqual(segment_pinyin("xian"), [("xian",), ("xi", "an")])
        self.assertEqual(segment_pinyin("kb"), [])
        self.assertEqual(segment_pinyin("2-28"), [])

    def test_mixed_query_bridges_characters_and_pinyin(self):
        (reading,) = [
            r for r in pinyin_readings("安次kuaiban") if ("pinyin", "kuai'ban") in r.tokens
        ]
        self.assertEqual(
            reading.tokens,
            (("text", "安次"), ("pinyin", "an'ci"), ("pinyin", "ci'kuai"), ("pinyin", "kuai'ban")),
        )
        (initials,) = pinyin_readings("安次kb")
        self.assertEqual(
            initials.tokens,
            (("text", "安次"), ("initials", "ac"), ("initials", "ck"), ("initials", "kb")),
        )

    def test_characters_alone_have_no_pinyin_reading(self):
        self.assertEqual(pinyin_readings("快板"), ())
        self.assertEqual(pinyin_readings("/.*/"), ())

    def test_pinyin_sort_key_orders_by_reading(self):
        self.assertLess(pinyin_sort_key("安次"), pinyin_sort_key("北京"))

    def test_project_numbers_fold(self):
        for spelling in ("Ⅱ-28", "II-28", "ii－28", "2-28"):
            self.assertEqual(fold_project_number(spelling), "2-28")
            self.assertTrue(looks_like_project_number(spelling))


class QueryTests(SimpleTestCase):
    def test_plan(self):
        plan = QueryPlan.from_text("kb")
        self.assertEqual(plan.tokens, ("kb",))
        self.assertEqual([r.tokens for r in plan.readings], [(("initials", "kb"),)])
        self.assertEqual(QueryPlan.from_text("II-28").project_number, "2-28")
        self.assertFalse(QueryPlan.from_text("/.*/").can_match)

    def test_request_validation(self):
        for query in ("page=0", "page=x", "page_size=101", "page_size=0", "sort=x"):
            with self.assertRaises(SearchRequestError, msg=query):
                SearchRequest.from_params(QueryDict(query))
        request = SearchRequest.from_params(QueryDict("q=" + "京" * 500 + "&tag=a&tag=b&tag=a"))
        self.assertEqual(len(request.q), 200)
        self.assertEqual(request.filters, {"tag": ["a", "b"]})

    def test_highlight_escapes_and_marks(self):
        plan = QueryPlan.from_text("京劇")
        self.assertEqual(
            highlight("<b>少儿京剧</b>", plan), "&lt;b&gt;少儿<mark>京剧</mark>&lt;/b&gt;"
        )
        self.assertEqual(
            highlight("東沽港高蹺", QueryPlan.from_text("高跷")), "東沽港<mark>高蹺</mark>"
        )

    def test_elasticsearch_query_never_uses_query_string(self):
        for text in ("title:(a OR b)~2", "/.*/", '"京剧', "kb", "II-28", "京剧 快板"):
            request = SearchRequest.from_params(QueryDict(mutable=True) | {"q": text})
            body = RecordFacetedSearch(request, index="x", using="default")._s.to_dict()
            dumped = json.dumps(body, ensure_ascii=False)
            self.assertNotIn("query_string", dumped)
            self.assertNotIn("regexp", dumped)
            self.assertNotIn("wildcard", dumped)

    def test_facet_counts_use_the_other_facets_filters(self):
        query = QueryDict("type=heritage&region=落垡镇&region=码头镇")
        body = RecordFacetedSearch(
            SearchRequest.from_params(query), index="x", using="default"
        )._s.to_dict()
        self.assertEqual(
            body["aggs"]["_filter_region"]["filter"], {"terms": {"type": ["heritage"]}}
        )
        self.assertIn("post_filter", body)
