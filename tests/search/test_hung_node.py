"""A node that accepts connections and never answers: saves and searches must not wait on it.

docs/reliability.md reports the figures this test measures.
"""

import socket
import threading
import time

from django.test import TransactionTestCase, override_settings
from wagtail.models import Page

from search.indexing import wait_for_background_indexing
from search.models import IndexingOutboxEntry, SearchRecord
from tests.search.fixtures import create_fixture_records
from tests.search.test_contract import drain_all

# Generous bounds: the design answers in about 0.05 s (publish) and 1 s (first search).
PUBLISH_BOUND = 1.0
FIRST_SEARCH_BOUND = 1.5
LATER_SEARCH_BOUND = 0.5


class HungNode:
    """A loopback socket that accepts every connection and never sends a byte."""

    def __init__(self, lifetime=60):
        self.lifetime = lifetime
        self.connections = []

    def __enter__(self):
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(64)
        self.server.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self.server.getsockname()[1]}"
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()
        return self

    def _accept(self):
        deadline = time.monotonic() + self.lifetime
        while not self.stopped.is_set() and time.monotonic() < deadline:
            try:
                connection, _address = self.server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections.append(connection)

    def __exit__(self, *exc_info):
        self.stopped.set()
        self.thread.join(timeout=2)
        for connection in self.connections:
            connection.close()
        self.server.close()


class HungElasticsearchTests(TransactionTestCase):
    # The background drain needs committed rows; the migrated rows (the page
    # tree root, content types) come back for the tests after this one.
    serialized_rollback = True

    def setUp(self):
        with override_settings(ELASTICSEARCH_URL=""):
            self.pages = create_fixture_records()
            drain_all()

    def test_publish_and_search_do_not_wait_for_a_hung_node(self):
        page = Page.objects.get(pk=self.pages["jingju"].pk).specific
        page.title = "安次京剧社"
        with (
            HungNode() as node,
            override_settings(ELASTICSEARCH_URL=node.url, SEARCH_INDEX_IN_BACKGROUND=True),
        ):
            started = time.monotonic()
            page.save_revision().publish()  # commits at once: no test transaction here
            publish_seconds = time.monotonic() - started

            started = time.monotonic()
            first = self.client.get("/api/search/", {"q": "京剧社"})
            first_seconds = time.monotonic() - started
            started = time.monotonic()
            later = self.client.get("/api/search/", {"q": "京剧社"})
            later_seconds = time.monotonic() - started

            # The background drain wrote the table before it tried the node, so
            # the fallback already answers with the new title.
            self.assertEqual(first.json()["backend"], "database")
            self.assertEqual(later.json()["backend"], "database")
            titles = [hit["title"] for hit in later.json()["results"]]
            print(
                f"hung node: publish {publish_seconds:.3f} s, first search "
                f"{first_seconds:.3f} s, next search {later_seconds:.3f} s"
            )
            wait_for_background_indexing(timeout=30)
        self.assertLess(publish_seconds, PUBLISH_BOUND)
        self.assertLess(first_seconds, FIRST_SEARCH_BOUND)
        self.assertLess(later_seconds, LATER_SEARCH_BOUND)
        self.assertIn("安次京剧社", titles)
        self.assertEqual(SearchRecord.objects.get(page_id=page.pk).title, "安次京剧社")
        # Nothing is lost: the row waits, released, for the worker.
        entry = IndexingOutboxEntry.objects.get(page_id=page.pk)
        self.assertEqual(entry.claimed_by, "")
