"""Indexing that loses nothing: the outbox, the worker, reindex and reconcile."""

import io
import threading

from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings
from wagtail.models import Page

from search.backends.elasticsearch import (
    ElasticsearchSearchBackend,
    delete_all_indices,
    delete_documents,
    indexed_versions,
)
from search.models import IndexingOutboxEntry, SearchRecord
from search.query import SearchRequest
from search.reindex import reindex
from search.service import get_backend
from tests.search.fixtures import (
    ElasticsearchTestMixin,
    create_fixture_records,
)
from tests.search.test_contract import _query_dict, drain_all

CLOSED_PORT_URL = "http://127.0.0.1:9"


def search_ids(backend_name, **params):
    result = get_backend(backend_name).search(SearchRequest.from_params(_query_dict(params)))
    return [entry["id"] for entry in result.results]


def quiet(message):
    pass


@override_settings(ELASTICSEARCH_URL="")
class OutboxTests(TestCase):
    """Without Elasticsearch: the outbox row is written with the change and drained after commit."""

    @classmethod
    def setUpTestData(cls):
        cls.pages = create_fixture_records()
        drain_all()

    def test_publish_writes_outbox_row_in_the_same_transaction(self):
        page = self.pages["kuaiban"]
        page.title = "安次快板书"
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            page.save_revision().publish()
            self.assertTrue(IndexingOutboxEntry.objects.filter(page_id=page.pk).exists())
        self.assertNotIn("heritage:Ⅴ-3", search_ids("database", q="快板书"))
        for callback in callbacks:  # what the commit runs
            callback()
        self.assertIn("heritage:Ⅴ-3", search_ids("database", q="快板书"))
        self.assertFalse(IndexingOutboxEntry.objects.exists())

    def test_drain_after_commit_applies_rename_and_tags(self):
        page = self.pages["course"]
        page.title = "数来宝入门"
        page.tags.add("曲艺")
        with self.captureOnCommitCallbacks(execute=True):
            page.save_revision().publish()
        self.assertFalse(IndexingOutboxEntry.objects.exists())
        self.assertEqual(search_ids("database", q="数来宝"), [f"course:{page.pk}"])
        self.assertIn(f"course:{page.pk}", search_ids("database", tag="曲艺"))

    def test_unpublish_and_delete_leave_the_search(self):
        with self.captureOnCommitCallbacks(execute=True):
            self.pages["figure"].unpublish()
        self.assertEqual(search_ids("database", q="李清"), [])
        with self.captureOnCommitCallbacks(execute=True):
            Page.objects.get(pk=self.pages["artwork"].pk).delete()
        self.assertEqual(search_ids("database", q="墨竹"), [])
        self.assertFalse(SearchRecord.objects.filter(type__in=["figure", "artwork"]).exists())

    def test_move_updates_urls(self):
        from heritage_archive.site.galleries.models import GalleryPage

        artwork = Page.objects.get(pk=self.pages["artwork"].pk)
        other = (
            artwork.get_parent()
            .get_parent()
            .add_child(instance=GalleryPage(title="新展", slug="xinzhan"))
        )
        with self.captureOnCommitCallbacks(execute=True):
            artwork.move(other, pos="last-child")
        self.assertEqual(SearchRecord.objects.get(page_id=artwork.pk).url, "/yishu/xinzhan/mozhu/")

    def test_worker_drains_the_outbox(self):
        page = self.pages["event"]
        page.title = "元宵节灯会"
        page.save_revision().publish()  # no on_commit here: only the worker applies it
        call_command("search_worker", "--once", stdout=_Sink())
        self.assertFalse(IndexingOutboxEntry.objects.exists())
        self.assertEqual(search_ids("database", q="灯会"), [f"event:{page.pk}"])

    def test_reindex_command_rebuilds_the_table(self):
        SearchRecord.objects.all().delete()
        output = io.StringIO()
        call_command("search_reindex", stdout=output)
        self.assertEqual(SearchRecord.objects.count(), len(self.pages))
        self.assertIn("重建完成", output.getvalue())

    def test_reconcile_reports_and_repairs_the_table(self):
        SearchRecord.objects.filter(type="figure").delete()
        SearchRecord.objects.filter(type="course").update(version="old")
        with self.assertRaises(CommandError):
            call_command("search_reconcile", stdout=_Sink())
        call_command("search_reconcile", "--repair", stdout=_Sink())
        call_command("search_reconcile", stdout=_Sink())  # no drift left


class _Sink:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass


class ElasticsearchIndexingTests(ElasticsearchTestMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = create_fixture_records()
        drain_all()

    def setUp(self):
        # Elasticsearch is not rolled back with each test: start from the database's state.
        reindex(progress=quiet)

    def test_save_while_elasticsearch_is_down_waits_in_the_outbox(self):
        page = self.pages["jingju"]
        page.title = "安次京剧团"
        with override_settings(ELASTICSEARCH_URL=CLOSED_PORT_URL):
            with self.captureOnCommitCallbacks(execute=True):
                page.save_revision().publish()  # must not raise
            entry = IndexingOutboxEntry.objects.get(page_id=page.pk)
            self.assertEqual(entry.attempts, 1)
            self.assertIn("Connection", entry.last_error)
            call_command("search_worker", "--once", stdout=_Sink(), stderr=_Sink())
            self.assertTrue(IndexingOutboxEntry.objects.filter(page_id=page.pk).exists())
            # The page answers from the database and says so.
            response = self.client.get("/search/", {"q": "京剧团"})
            self.assertContains(response, "全文检索服务暂时不可用")
            self.assertContains(response, "安次<mark>京剧</mark><mark>团</mark>".replace(
                "</mark><mark>", ""))  # fmt: skip
            self.assertEqual(self.client.get("/api/search/").json()["backend"], "database")
        self.assertNotIn("heritage:Ⅳ-1", search_ids("elasticsearch", q="京剧团"))
        call_command("search_worker", "--once", stdout=_Sink())
        self.assertFalse(IndexingOutboxEntry.objects.exists())
        self.assertEqual(search_ids("elasticsearch", q="京剧团"), ["heritage:Ⅳ-1"])

    def test_key_change_replaces_the_document(self):
        page = self.pages["chuige"]
        page.key = "Ⅱ-29"
        with self.captureOnCommitCallbacks(execute=True):
            page.save_revision().publish()
        versions = indexed_versions()
        self.assertIn("heritage:Ⅱ-29", versions)
        self.assertNotIn("heritage:Ⅱ-28", versions)

    def test_reindex_keeps_answering(self):
        expected = len(self.pages)
        backend = ElasticsearchSearchBackend()
        request = SearchRequest.from_params(_query_dict({"q": ""}))
        totals, errors = [], []
        stop = threading.Event()

        def keep_searching():
            while not stop.is_set():
                try:
                    totals.append(backend.search(request).total)
                except Exception as error:  # noqa: BLE001 - collected and asserted below
                    errors.append(error)

        def between_steps(message):
            totals.append(backend.search(request).total)

        thread = threading.Thread(target=keep_searching)
        thread.start()
        try:
            summary = reindex(progress=quiet, between_steps=between_steps)
        finally:
            stop.set()
            thread.join()
        self.assertEqual(errors, [])
        self.assertGreater(len(totals), 4)
        self.assertEqual(set(totals), {expected})
        self.assertTrue(summary["index"].startswith("test-"))

    def test_reconcile_finds_and_repairs_index_drift(self):
        delete_documents(["heritage:Ⅴ-3"])
        with self.assertRaises(CommandError):
            call_command("search_reconcile", stdout=_Sink())
        call_command("search_reconcile", "--repair", stdout=_Sink())
        self.assertIn("heritage:Ⅴ-3", indexed_versions())
        call_command("search_reconcile", stdout=_Sink())

    def test_search_on_a_fresh_node_creates_the_empty_index(self):
        delete_all_indices()
        data = self.client.get("/api/search/", {"q": "京剧"}).json()
        self.assertEqual((data["backend"], data["total"]), ("elasticsearch", 0))
