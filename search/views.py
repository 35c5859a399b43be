"""The search page, the JSON API and the exports: thin views over search.service."""

import codecs
import csv
import io
import json

from django.http import JsonResponse, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

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
from search.query import SORTS, SearchRequest, SearchRequestError
from search.service import iter_export_rows, run_search

SORT_LABELS = {
    "relevance": _("相关度"),
    "newest": _("最新"),
    "oldest": _("最早"),
    "title": _("标题拼音"),
}


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
    return JsonResponse(result.as_json(), json_dumps_params={"ensure_ascii": False})


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
    last_page = max(1, -(-result.total // search_request.page_size))
    facet_groups = [
        {
            "name": facet.name,
            "title": facet.title,
            "values": result.facets[facet.name],
        }
        for facet in FACETS
        if result.facets[facet.name]
    ]
    for group in facet_groups:
        for value in group["values"]:
            value["label"] = facet_label(group["name"], value["value"])
    context.update(
        query=search_request.q,
        search=search_request,
        result=result,
        facet_groups=facet_groups,
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
