"""The search page, the JSON API and the exports: thin views over search.service."""

import codecs
import csv
import io
import json

from django.http import JsonResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from heritage_archive.core.addresses import site_root_url
from heritage_archive.core.security import rate_limited
from heritage_archive.core.spreadsheets import spreadsheet_safe
from search.documents import FACETS, facet_label
from search.exports import (
    RowMaker,
    content_disposition,
    export_filename,
    export_headers,
    header_language,
)
from search.query import MAX_RESULT_WINDOW, SORTS, SearchRequest, SearchRequestError
from search.service import iter_export_rows, run_search
from search.thumbnails import result_images

SORT_LABELS = {
    "relevance": _("相关度"),
    "newest": _("最新"),
    "oldest": _("最早"),
    "title": _("标题拼音"),
}
# A facet shows its most frequent values (the API orders by count) and folds
# the rest behind 更多: the tag facet alone has about a hundred.
FACET_VALUES_SHOWN = 8


def _bad_request(error):
    return JsonResponse({"error": str(error)}, status=400)


@require_GET
@rate_limited("search", "SEARCH_RATE_LIMIT")
def search_api(request):
    try:
        search_request = SearchRequest.from_params(request.GET)
    except SearchRequestError as error:
        return _bad_request(error)
    result = run_search(search_request)
    return JsonResponse(
        result.as_json(site_root_url(request)), json_dumps_params={"ensure_ascii": False}
    )


def _csv_lines(search_request, rows, headers):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    yield codecs.BOM_UTF8.decode()
    writer.writerow(headers)
    for entry in iter_export_rows(search_request):
        writer.writerow([spreadsheet_safe(value) for value in rows.values(entry)])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def _json_chunks(search_request, rows, headers):
    yield "["
    for index, entry in enumerate(iter_export_rows(search_request)):
        row = dict(zip(headers, rows.values(entry), strict=True))
        yield ("," if index else "") + json.dumps(row, ensure_ascii=False)
    yield "]"


def _export(request, chunks, content_type, extension):
    """Stream the whole result set (up to the export limit) as a download."""
    try:
        search_request = SearchRequest.from_params(request.GET)
    except SearchRequestError as error:
        return _bad_request(error)
    headers = export_headers(header_language(request.GET))
    response = StreamingHttpResponse(
        chunks(search_request, RowMaker(request), headers), content_type=content_type
    )
    response["Content-Disposition"] = content_disposition(
        *export_filename(search_request, extension)
    )
    return response


@require_GET
@rate_limited("export", "EXPORT_RATE_LIMIT")
def export_csv(request):
    return _export(request, _csv_lines, "text/csv; charset=utf-8", "csv")


@require_GET
@rate_limited("export", "EXPORT_RATE_LIMIT")
def export_json(request):
    return _export(request, _json_chunks, "application/json; charset=utf-8", "json")


def _query_string(params, **changes):
    """The current parameters with some replaced (None removes one)."""
    query = params.copy()
    for name, value in changes.items():
        query.pop(name, None)
        if value is not None:
            query[name] = value
    return query.urlencode()


def _without_value(params, name, value):
    """The current parameters minus one selected facet value, back on page 1."""
    query = params.copy()
    query.setlist(name, [kept for kept in query.getlist(name) if kept != str(value)])
    query.pop("page", None)
    return query.urlencode()


def _clear_filters(params):
    """The same search with no facet selected: the query and the sort stay."""
    query = QueryDict(mutable=True)
    for name in ("q", "sort"):
        if params.get(name):
            query[name] = params[name]
    return query.urlencode()


def _facet_groups(facets, params):
    """Each facet with values as the page shows them: the first few, the rest behind 更多."""
    groups = []
    for facet in FACETS:
        values = facets[facet.name]
        if not values:
            continue
        for value in values:
            value["label"] = facet_label(facet.name, value["value"])
            value["remove_url"] = "?" + _without_value(params, facet.name, value["value"])
        more = values[FACET_VALUES_SHOWN:]
        groups.append(
            {
                "name": facet.name,
                "title": facet.title,
                "values": values,
                "top": values[:FACET_VALUES_SHOWN],
                "more": more,
                "more_open": any(value["selected"] for value in more),
                "selected": [value for value in values if value["selected"]],
            }
        )
    return groups


def _result_cards(results, request):
    """The results with what a card shows beside them: type and level labels, thumbnail."""
    images = result_images([item.get("page_id") for item in results], request)
    return [
        {
            **item,
            "type_label": facet_label("type", item["type"]),
            "level_label": facet_label("level", item["level"]) if item["level"] else "",
            "image": images.get(item.get("page_id")),
        }
        for item in results
    ]


@require_GET
@rate_limited("search", "SEARCH_RATE_LIMIT")
def search_page(request):
    context = {"sorts": [(sort, SORT_LABELS[sort]) for sort in SORTS]}
    try:
        search_request = SearchRequest.from_params(request.GET)
    except SearchRequestError as error:
        context.update(error=str(error), query=request.GET.get("q", "")[:200])
        return TemplateResponse(request, "search/search.html", context, status=400)
    result = run_search(search_request)
    # Pages past the engine's result window answer empty, so they are not offered either.
    reachable = min(result.total, MAX_RESULT_WINDOW)
    last_page = max(1, -(-reachable // search_request.page_size))
    if search_request.page > last_page:
        # A page past the last (an old link, a hand-typed number) shows the last page.
        page = str(last_page) if last_page > 1 else None
        return redirect(request.path + "?" + _query_string(request.GET, page=page))
    facet_groups = _facet_groups(result.facets, request.GET)
    context.update(
        query=search_request.q,
        search=search_request,
        result=result,
        cards=_result_cards(result.results, request),
        facet_groups=facet_groups,
        chips=[
            {"title": group["title"], **value}
            for group in facet_groups
            for value in group["selected"]
        ],
        clear_url="?" + _clear_filters(request.GET),
        last_page=last_page,
        previous_url=(
            "?" + _query_string(request.GET, page=str(search_request.page - 1))
            if search_request.page > 1
            else ""
        ),
        next_url=(
            "?" + _query_string(request.GET, page=str(search_request.page + 1))
            if search_request.page < last_page
            else ""
        ),
        export_query=_query_string(request.GET, page=None),
    )
    return TemplateResponse(request, "search/search.html", context)
