"""The one search service behind /search/, /api/search/ and the exports.

It chooses the backend (Elasticsearch when configured, else the database),
falls back to the database when Elasticsearch cannot answer, and pages
through results for the exports. What a request and a result are lives in
search.query, which the backends share.
"""

import logging

from django.conf import settings

from search.backends.database import DatabaseSearchBackend
from search.backends.elasticsearch import UNAVAILABLE_ERRORS, ElasticsearchSearchBackend
from search.query import EXPORT_LIMIT, MAX_PAGE_SIZE, SearchRequest

logger = logging.getLogger(__name__)


def elasticsearch_configured():
    return bool(settings.ELASTICSEARCH_URL)


def get_backend(name=None):
    """The Elasticsearch backend when ELASTICSEARCH_URL is set, else the database one."""
    if name is None:
        name = "elasticsearch" if elasticsearch_configured() else "database"
    if name == "elasticsearch":
        return ElasticsearchSearchBackend()
    return DatabaseSearchBackend()


def run_search(request, *, backend=None):
    """Answer ``request``; if Elasticsearch is unreachable, answer from the database."""
    backend = backend or get_backend()
    try:
        return backend.search(request)
    except UNAVAILABLE_ERRORS as error:
        if backend.name == "database":
            raise
        logger.warning("Elasticsearch unavailable, searching the database: %s", error)
        result = get_backend("database").search(request)
        result.fallback = True
        return result


def iter_export_rows(request, *, backend=None):
    """Every matching result (up to EXPORT_LIMIT), page by page, for the exports."""
    page_size = MAX_PAGE_SIZE
    seen = 0
    page = 1
    while seen < EXPORT_LIMIT:
        page_request = SearchRequest(
            q=request.q, filters=request.filters, sort=request.sort, page=page, page_size=page_size
        )
        result = run_search(page_request, backend=backend)
        if not result.results:
            return
        yield from result.results[: EXPORT_LIMIT - seen]
        seen += len(result.results)
        if seen >= result.total:
            return
        page += 1
