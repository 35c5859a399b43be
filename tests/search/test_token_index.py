"""The database backend's inverted index: what SearchRecordToken holds and how it stays current."""

import io

from django.core.management import call_command
from django.test import TestCase, override_settings

from heritage_archive.core.text import index_text
from search.backends.database import record_tokens, save_records
from search.documents import build_record
from search.models import SearchRecord, SearchRecordToken
from tests.search.fixtures import create_fixture_records
from tests.search.test_contract import drain_all
from tests.search.test_indexing import search_ids


def stored_tokens(page):
    record = SearchRecord.objects.get(page_id=page.pk)
    return set(record.token_rows.values_list("kind", "token"))


class TokenIndexTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = create_fixture_records()
        drain_all()

    def test_every_token_kind_is_stored(self):
        tokens = stored_tokens(self.pages["course"])  # 快板入门: 学习快板的基本打法。
        self.assertIn(("text", "快板"), tokens)
        self.assertIn(("text", "打"), tokens)  # unigrams too, for 1-character queries
        self.assertIn(("title", "入门"), tokens)
        self.assertNotIn(("title", "打法"), tokens)  # only the title's own tokens
        self.assertIn(("pinyin", "kuai'ban"), tokens)  # pairs of syllables
        self.assertIn(("pinyin", "da"), tokens)  # and syllables, from the text too
        self.assertIn(("initials", "kb"), tokens)
        self.assertEqual(tokens, record_tokens(build_record(self.pages["course"])))

    def test_project_numbers_are_key_tokens(self):
        tokens = stored_tokens(self.pages["inheritor"])
        self.assertIn(("key", "ccr-001"), tokens)

    def test_a_changed_record_replaces_its_tokens(self):
        page = self.pages["course"]
        record = build_record(page)
        record["text"] = index_text("数来宝")
        save_records([record])
        tokens = stored_tokens(page)
        self.assertIn(("text", "来宝"), tokens)
        self.assertNotIn(("text", "快板"), tokens)
        self.assertEqual(search_ids("database", q="数来宝"), [f"course:{page.pk}"])
        self.assertEqual(SearchRecord.objects.filter(page_id=page.pk).count(), 1)

    def test_deleting_a_record_deletes_its_tokens(self):
        SearchRecord.objects.filter(page_id=self.pages["course"].pk).delete()
        self.assertFalse(
            SearchRecordToken.objects.filter(record__page_id=self.pages["course"].pk).exists()
        )
        self.assertNotIn(f"course:{self.pages['course'].pk}", search_ids("database", q="快板"))

    def test_overlong_tokens_are_cut_alike_when_stored_and_searched(self):
        page = self.pages["course"]
        record = build_record(page)
        word = "x" * 300
        record["text"] = word
        save_records([record])
        self.assertIn(("text", "x" * SearchRecordToken.MAX_LENGTH), stored_tokens(page))
        self.assertEqual(search_ids("database", q=word[:200]), [])

    @override_settings(ELASTICSEARCH_URL="")
    def test_reindex_fills_the_token_table(self):
        SearchRecordToken.objects.all().delete()
        call_command("search_reindex", stdout=io.StringIO())
        self.assertEqual(
            stored_tokens(self.pages["course"]), record_tokens(build_record(self.pages["course"]))
        )
        self.assertIn(f"course:{self.pages['course'].pk}", search_ids("database", q="kb"))
