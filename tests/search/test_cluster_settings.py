"""A cluster of Elasticsearch nodes: shards and replicas from the settings, a node list in the URL.

Both run against the real node of the test run (ELASTICSEARCH_URL); the
two-node drill in scripts/drill.py (scenario "cluster") kills a real node.
"""

import socket
import time

from django.conf import settings
from django.test import TestCase, override_settings

from search.backends import elasticsearch as es
from tests.search.fixtures import require_elasticsearch
from tests.search.test_hung_node import HungNode


def closed_port_url():
    """The URL of a loopback port nothing listens on: a node that was killed."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


class ClusterSettingsTests(TestCase):
    def setUp(self):
        require_elasticsearch()
        es.reset_breakers()
        self.addCleanup(es.reset_breakers)

    def test_new_index_has_the_configured_shards_and_replicas(self):
        prefix = f"{settings.SEARCH_INDEX_PREFIX}-cluster"
        with override_settings(
            SEARCH_INDEX_PREFIX=prefix, ELASTICSEARCH_SHARDS=3, ELASTICSEARCH_REPLICAS=1
        ):
            client = es.get_client()
            self.addCleanup(self._delete, prefix)
            es.ensure_alias(client)
            (index,) = es.indices_behind_alias(client)
            values = client.indices.get_settings(index=index)[index]["settings"]["index"]
        self.assertEqual(values["number_of_shards"], "3")
        self.assertEqual(values["number_of_replicas"], "1")

    def test_default_is_one_shard_no_replica(self):
        self.assertEqual((settings.ELASTICSEARCH_SHARDS, settings.ELASTICSEARCH_REPLICAS), (1, 0))

    def test_a_dead_node_in_the_list_costs_no_search(self):
        live = settings.ELASTICSEARCH_URL
        prefix = f"{settings.SEARCH_INDEX_PREFIX}-nodes"
        self.addCleanup(self._delete, prefix)
        with override_settings(SEARCH_INDEX_PREFIX=prefix):
            es.ensure_alias(es.get_client())
        urls = f"{closed_port_url()}, {live}"
        with override_settings(ELASTICSEARCH_URL=urls, SEARCH_INDEX_PREFIX=prefix):
            # Round robin reaches the dead node within two requests; every
            # answer must still come from Elasticsearch, none from the breaker.
            for _attempt in range(4):
                response = self.client.get("/api/search/", {"q": "京剧"})
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.json()["backend"], "elasticsearch")
            self.assertFalse(es.breaker().is_open)
            self.assertEqual(es.node_urls(), [urls.split(",")[0], live])

    def test_search_timeout_comes_from_the_settings(self):
        # A node that never answers: the search waits the configured 0.2 s,
        # not the default 1 s, before the database answers.
        with (
            HungNode() as node,
            override_settings(ELASTICSEARCH_URL=node.url, ELASTICSEARCH_SEARCH_TIMEOUT=0.2),
        ):
            started = time.monotonic()
            response = self.client.get("/api/search/", {"q": "京剧"})
            seconds = time.monotonic() - started
            es.reset_breakers()
        self.assertEqual(response.json()["backend"], "database")
        self.assertLess(seconds, 0.8)

    @staticmethod
    def _delete(prefix):
        with override_settings(SEARCH_INDEX_PREFIX=prefix):
            es.delete_all_indices()
