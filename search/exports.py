"""What the search exports hold: columns, readable values, the download's name.

A researcher opens an export in a spreadsheet, away from the site: the
columns are named in Chinese (or in English with ``headers=en``), types,
categories and levels are the labels the site shows (传统音乐, not
traditional-music), links are absolute, and the file says what was searched
and when. docs/formats/search-api.md describes the result.
"""

import re
from dataclasses import dataclass
from urllib.parse import quote

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from heritage_archive.core.addresses import site_root_url
from search.documents import facet_label
from search.query import rooted_url


@dataclass(frozen=True)
class ExportColumn:
    field: str  # the result field (search.query.result_entry)
    zh: str
    en: str
    labelled: bool = False  # a code shown as its facet label


EXPORT_COLUMNS = (
    ExportColumn("id", _("记录标识"), "id"),
    ExportColumn("type", _("类型"), "type", labelled=True),
    ExportColumn("key", _("编号"), "key"),
    ExportColumn("title", _("标题"), "title"),
    ExportColumn("url", _("链接"), "url"),
    ExportColumn("summary", _("简介"), "summary"),
    ExportColumn("category", _("类别"), "category", labelled=True),
    ExportColumn("level", _("级别"), "level", labelled=True),
    ExportColumn("year", _("年份"), "year"),
    ExportColumn("region", _("地区"), "region"),
)

# The ``headers`` parameter; anything else means Chinese.
HEADER_LANGUAGES = ("zh", "en")

FILENAME_PREFIX = "安次非遗检索"
ASCII_FILENAME_PREFIX = "anci-search"
# Characters no file system or browser accepts in a file name, and spaces.
_NOT_IN_FILENAME = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|\s]+')
MAX_FILENAME_QUERY = 40


def header_language(params):
    language = params.get("headers", "")
    return language if language in HEADER_LANGUAGES else "zh"


def export_headers(language):
    return [column.en if language == "en" else str(column.zh) for column in EXPORT_COLUMNS]


class RowMaker:
    """Turns result entries into export rows; reads the site's address once."""

    def __init__(self, request):
        self.root = site_root_url(request)

    def values(self, entry):
        values = []
        for column in EXPORT_COLUMNS:
            value = entry[column.field]
            if column.labelled and value:
                value = facet_label(column.field, value)
            elif column.field == "url":
                value = rooted_url(value, self.root)
            values.append(value)
        return values


def export_filename(search_request, extension, *, today=None):
    """``(name, ascii_name)``: 安次非遗检索_<query>_<date>.<ext> and its ASCII fallback."""
    today = (today or timezone.localdate()).isoformat()
    query = _NOT_IN_FILENAME.sub("_", search_request.q).strip("_.")[:MAX_FILENAME_QUERY]
    name = "_".join(part for part in (FILENAME_PREFIX, query, today) if part)
    ascii_query = "_".join(re.findall(r"[A-Za-z0-9]+", query))
    ascii_name = "_".join(part for part in (ASCII_FILENAME_PREFIX, ascii_query, today) if part)
    return f"{name}.{extension}", f"{ascii_name}.{extension}"


def content_disposition(name, ascii_name):
    """An attachment header with the UTF-8 name (RFC 6266 / 5987) and an ASCII fallback."""
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"
