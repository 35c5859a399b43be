"""Elasticsearch: the client, the versioned index behind its alias, writes and searches.

Searches and writes go through the alias ``<prefix>-records``; a reindex
builds ``<prefix>-records-<timestamp>`` beside it and swaps the alias in
one atomic call, so searches keep answering throughout.
"""

import datetime
import threading
import time
from functools import lru_cache

from django.conf import settings
from elastic_transport import ConnectionError as TransportConnectionError
from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch, NotFoundError, helpers

from search.backends.base import SearchBackend
from search.documents import RecordDocument
from search.faceted import RecordFacetedSearch
from search.query import MAX_RESULT_WINDOW, SearchResult, format_facets, result_entry

# A search waits settings.ELASTICSEARCH_SEARCH_TIMEOUT (1 s by default) for a
# node before the database answers instead; writes (the worker, reindex) run
# outside requests and may wait longer.
WRITE_TIMEOUT = 10.0
# After a node fails to answer, searches and request-time writes skip it for
# this long, so a hung node costs one short wait, not one per request.
BREAKER_COOLDOWN = 30.0


class ElasticsearchUnavailable(ConnectionError):
    """The circuit breaker is open: the node failed recently and is not asked."""


# Anything that means "Elasticsearch cannot answer now": the caller falls
# back to the database (searches) or keeps the outbox row (writes).
UNAVAILABLE_ERRORS = (TransportConnectionError, TransportError, ApiError, ConnectionError)
# The failures that say the node itself is unreachable or hung (not a bad request).
NODE_FAILURES = (TransportConnectionError, TransportError, ConnectionError)


class CircuitBreaker:
    """Per process: open for BREAKER_COOLDOWN seconds after a node failure."""

    def __init__(self, cooldown):
        self.cooldown = cooldown
        self._open_until = 0.0
        self._lock = threading.Lock()

    @property
    def is_open(self):
        return time.monotonic() < self._open_until

    def check(self):
        if self.is_open:
            raise ElasticsearchUnavailable("Elasticsearch 暂不可用（断路器打开）")

    def trip(self):
        with self._lock:
            self._open_until = time.monotonic() + self.cooldown

    def reset(self):
        with self._lock:
            self._open_until = 0.0

    def call(self, function, *args, **kwargs):
        """Run ``function`` unless the breaker is open; a node failure opens it."""
        self.check()
        try:
            return function(*args, **kwargs)
        except ElasticsearchUnavailable:
            raise
        except NODE_FAILURES:
            self.trip()
            raise


_breakers = {}
_breakers_lock = threading.Lock()


def breaker():
    """The circuit breaker of the configured node (one per URL, per process)."""
    url = settings.ELASTICSEARCH_URL
    with _breakers_lock:
        if url not in _breakers:
            _breakers[url] = CircuitBreaker(BREAKER_COOLDOWN)
        return _breakers[url]


def reset_breakers():
    with _breakers_lock:
        for node_breaker in _breakers.values():
            node_breaker.reset()


def node_urls(url=None):
    """The node URLs in ELASTICSEARCH_URL (one, or several separated by commas)."""
    url = settings.ELASTICSEARCH_URL if url is None else url
    return [part.strip() for part in url.split(",") if part.strip()]


@lru_cache(maxsize=8)
def _client(url, timeout):
    nodes = node_urls(url)
    # A refused connection is retried once on each other node (the transport
    # marks the failed one dead and skips it for a while), so a killed node
    # of a cluster costs no request. A timeout is not retried: a hung node
    # must not hold anyone for longer than one timeout.
    return Elasticsearch(
        nodes, request_timeout=timeout, max_retries=len(nodes) - 1, retry_on_timeout=False
    )


def get_client():
    """The client for writes and maintenance (worker, reindex, reconcile)."""
    return _client(settings.ELASTICSEARCH_URL, WRITE_TIMEOUT)


def get_search_client():
    """The client for searches, with the short timeout a waiting reader can afford."""
    return _client(settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_SEARCH_TIMEOUT)


def alias_name():
    return f"{settings.SEARCH_INDEX_PREFIX}-records"


def new_index_name():
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d%H%M%S%f")
    return f"{alias_name()}-{stamp}"


def create_index(client, name, *, building=False):
    """Create an index with RecordDocument's mapping.

    A ``building`` index is not searched until the alias moves to it, so it
    skips refreshes while the bulk load runs (about twice as fast); call
    ``finish_index`` before swapping.
    """
    index = RecordDocument._index.clone(name=name, using=client)
    index.settings(
        number_of_shards=settings.ELASTICSEARCH_SHARDS,
        number_of_replicas=settings.ELASTICSEARCH_REPLICAS,
    )
    if building:
        index.settings(refresh_interval="-1")
    index.create()


def finish_index(client, name):
    client.indices.put_settings(index=name, settings={"refresh_interval": None})
    client.indices.refresh(index=name)


def ensure_alias(client=None):
    """Create the first index and its alias when there is none yet."""
    client = client or get_client()
    if client.indices.exists_alias(name=alias_name()):
        return
    name = new_index_name()
    create_index(client, name)
    client.indices.put_alias(index=name, name=alias_name())


def index_schema_version(client=None):
    """The oldest search.documents.SCHEMA_VERSION among the indices behind the alias.

    None when there is no index, or one made before versions were recorded
    (its mapping has no _meta): either way it needs ``search_reindex``.
    """
    client = client or get_client()
    if not client.indices.exists_alias(name=alias_name()):
        return None
    versions = [
        (mapping.get("mappings", {}).get("_meta") or {}).get("schema_version")
        for mapping in client.indices.get_mapping(index=alias_name()).body.values()
    ]
    if not versions or None in versions:
        return None
    return min(versions)


def indices_behind_alias(client):
    if not client.indices.exists_alias(name=alias_name()):
        return []
    return sorted(client.indices.get_alias(name=alias_name()))


def swap_alias(client, new_index):
    """Point the alias at ``new_index`` in one call, then delete the old indices."""
    old = indices_behind_alias(client)
    actions = [{"remove": {"index": name, "alias": alias_name()}} for name in old]
    actions.append({"add": {"index": new_index, "alias": alias_name()}})
    client.indices.update_aliases(actions=actions)
    for name in old:
        client.indices.delete(index=name, ignore_unavailable=True)
    return old


def delete_all_indices(client=None):
    """Delete the alias's indices and any unfinished ones of this prefix (tests, resets)."""
    client = client or get_client()
    # Elasticsearch 8 refuses wildcard deletes (action.destructive_requires_name): name them.
    names = list(client.indices.get(index=f"{alias_name()}-*", allow_no_indices=True))
    if names:
        client.indices.delete(index=",".join(names), ignore_unavailable=True)


def _index_actions(records, index):
    # A record's values are already plain JSON types (or datetimes, which the
    # client serialises), named as RecordDocument's fields: send them as they are.
    for record in records:
        yield {"_op_type": "index", "_index": index, "_id": record["record_id"], "_source": record}


def bulk_index(records, *, index=None, client=None, refresh=False):
    """Index search documents in bulk; raise when any of them fails."""
    client = client or get_client()
    count = 0
    # Two threads keep the node busy while Python serialises the next chunk;
    # a failed document raises BulkIndexError.
    for _ok, _info in helpers.parallel_bulk(
        client, _index_actions(records, index or alias_name()), thread_count=2, chunk_size=500
    ):
        count += 1
    if refresh:
        client.indices.refresh(index=index or alias_name())
    return count


def apply_changes(records, page_ids, *, client=None, refresh=True):
    """Bring the index in line for ``page_ids``: index ``records``, delete any other doc of them.

    Deleting by page rather than by id also removes the old document of a
    record whose key (and so id) changed.
    """
    breaker().call(_apply_changes, records, page_ids, client=client, refresh=refresh)


def _apply_changes(records, page_ids, *, client=None, refresh=True):
    client = client or get_client()
    ensure_alias(client)
    if records:
        bulk_index(records, client=client)
    current_ids = {record["record_id"] for record in records}
    if page_ids:
        # delete_by_query lives in the reindex module, which the minimal
        # distribution lacks: find the page's documents, then delete by id.
        response = client.search(
            index=alias_name(),
            query={"terms": {"page_id": list(page_ids)}},
            source=False,
            size=10_000,
        )
        stale = [hit["_id"] for hit in response["hits"]["hits"] if hit["_id"] not in current_ids]
        if stale:
            delete_documents(stale, client=client)
    if refresh:
        client.indices.refresh(index=alias_name())


def indexed_versions(client=None):
    """{record id: version} of every document behind the alias."""
    client = client or get_client()
    ensure_alias(client)
    versions = {}
    for hit in helpers.scan(
        client, index=alias_name(), query={"query": {"match_all": {}}}, _source=["version"]
    ):
        versions[hit["_id"]] = hit["_source"].get("version", "")
    return versions


def delete_documents(record_ids, *, client=None):
    client = client or get_client()
    actions = (
        {"_op_type": "delete", "_index": alias_name(), "_id": record_id} for record_id in record_ids
    )
    helpers.bulk(client, actions, raise_on_error=False, refresh=True)


class ElasticsearchSearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(self, client=None):
        self.client = client or get_search_client()

    def search(self, request):
        return breaker().call(self._search, request)

    def _search(self, request):
        faceted = RecordFacetedSearch(request, index=alias_name(), using=self.client)
        size = min(request.page_size, max(0, MAX_RESULT_WINDOW - request.offset))
        start = request.offset if size else 0
        # FacetedSearch builds the request, sent as one msearch of two
        # searches; the answer is read as the plain JSON it is, which spares
        # wrapping every hit and bucket in objects.
        hits_body, facets_body = faceted.request_bodies(start, size)
        searches = [{}, hits_body, {"request_cache": True}, facets_body]
        try:
            responses = self._msearch(searches)
        except NotFoundError:
            # A fresh node has no index yet: create it empty rather than fall back.
            ensure_alias(self.client)
            responses = self._msearch(searches)
        hits_response, facets_response = responses
        plan = faceted.plan
        hits = hits_response["hits"]["hits"]
        results = [result_entry(hit["_source"], plan) for hit in hits] if size else []
        facets = format_facets(request, faceted.facet_counts(facets_response))
        total = facets_response["hits"]["total"]["value"]
        return SearchResult(request, self.name, total, results, facets)

    def _msearch(self, searches):
        """Both responses of an msearch; a failed search raises as a plain search would."""
        answer = self.client.msearch(index=alias_name(), searches=searches)
        responses = answer.body["responses"]
        for response in responses:
            if "error" in response:
                error = response["error"]
                error_class = NotFoundError if response.get("status") == 404 else ApiError
                raise error_class(
                    message=str(error.get("reason") or error),
                    meta=answer.meta,
                    body=response,
                )
        return responses
