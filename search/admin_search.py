"""The admin's page search, answered by the project's own search.

Wagtail's page search (and the record listings' search box) asks the
WAGTAILSEARCH_BACKENDS backend to autocomplete the query over the pages the
editor may explore. Matching the query's Chinese tokens against modelsearch's
index scanned every page: 5.9 s for 京剧 at 10,000 items. This backend keeps
Wagtail's view, its permission filter and its facets, and answers the text
part itself:

- the published, public records come from ``search.service.run_search``
  (Elasticsearch, or the database token index when it is not configured or
  does not answer), which already knows traditional characters (京劇) and
  pinyin (jingju);
- every other page the editor may explore (drafts, private pages, pages that
  are not records) is matched on its title, as typed and folded to
  simplified characters, so the editor still finds work that the public
  index rightly does not hold.

Only the ids of the matches reach Wagtail's queryset, which is still the
editor's explorable pages: the search widens nothing the editor may see.
Models other than pages go to the Chinese database backend unchanged.
"""

import logging

from django.db.models import Q, QuerySet
from modelsearch.query import MATCH_ALL, PlainText
from wagtail.models import Page

from heritage_archive.core.text import normalize
from search.backends import wagtail_database
from search.query import MAX_PAGE_SIZE, SearchRequest, SearchRequestError, normalize_query_text

logger = logging.getLogger(__name__)

# The most relevant public matches that the admin lists (two pages of the
# project's search); title matches come on top of these, without a limit.
PROJECT_SEARCH_PAGES = 2


def _query_text(query):
    if isinstance(query, str):
        return query
    if isinstance(query, PlainText):
        return query.query_string
    return None


def project_search_page_ids(text):
    """Page ids of the public records the project's search finds for ``text``."""
    from search.service import run_search

    ids = []
    for page in range(1, PROJECT_SEARCH_PAGES + 1):
        try:
            result = run_search(SearchRequest(q=text, page=page, page_size=MAX_PAGE_SIZE))
        except SearchRequestError:
            return ids
        ids.extend(entry["page_id"] for entry in result.results if entry.get("page_id"))
        if len(result.results) < MAX_PAGE_SIZE:
            break
    return ids


def matching_pages(text):
    """The condition on pages that matches ``text`` (see the module docstring)."""
    condition = Q(title__icontains=text)
    simplified = normalize(text)
    if simplified and simplified != text.lower():
        condition |= Q(title__icontains=simplified)
    ids = project_search_page_ids(text)
    if ids:
        condition |= Q(pk__in=ids)
    return condition


class ProjectPageSearchMixin:
    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        queryset = (
            model_or_queryset
            if isinstance(model_or_queryset, QuerySet)
            else model_or_queryset._default_manager.all()
        )
        text = normalize_query_text(_query_text(query) or "")
        if not (text and issubclass(queryset.model, Page)):
            return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)
        queryset = queryset.filter(matching_pages(text))
        # The matches are already chosen; Wagtail's backend only pages and
        # counts them, in the view's order (or the tree's).
        kwargs["order_by_relevance"] = False
        return super()._search(query_compiler_class, MATCH_ALL, queryset, **kwargs)


def SearchBackend(params):  # noqa: N802 - the name Wagtail's backend loader looks for
    return wagtail_database.SearchBackend(params, ProjectPageSearchMixin)
