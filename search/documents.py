"""One search document per published record, for Elasticsearch and the database alike.

``build_record`` turns a live page into a plain dict of fields; the
database backend stores it as a SearchRecord row and the Elasticsearch
backend as a RecordDocument, so both backends answer from the same data.
Token fields carry the tokens of core.text (indexed in Elasticsearch with
the core ``whitespace`` analyzer), facet fields are keywords.
"""

import datetime
import hashlib
import json
from dataclasses import dataclass

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from elasticsearch.dsl import Date, Document, Integer, Keyword, MetaField, Text

from heritage_archive.core.choices import Category, Level
from heritage_archive.core.text import (
    fold_project_number,
    index_tokens,
    normalize,
    pinyin_sort_key,
    text_pinyin_tokens,
)
from heritage_archive.core.visibility import visible_pages
from heritage_archive.records.registry import record_type_named, record_type_of, record_types

# The version of the search document and its Elasticsearch mapping. Bump it
# whenever a field or the way its tokens are made changes: an index whose
# mapping carries an older version answers with old tokens until
# ``manage.py search_reindex`` rebuilds it (docs/deployment.md).
# 2: pinyin syllables and syllable pairs of the whole text, initials pairs.
SCHEMA_VERSION = 2

MEDIA_LABELS = {"image": _("图片"), "audio": _("音频"), "video": _("视频")}


@dataclass(frozen=True)
class Facet:
    """One facet of the search, declared once for the request, both backends and the page."""

    name: str  # the query parameter and the API's key
    title: str  # what a reader sees over its values
    field: str  # the RecordDocument field (the SearchRecord column, or side table when many)
    many: bool = False  # a record has several values (tags, media kinds)
    numeric: bool = False  # values are integers (years)


FACETS = (
    Facet("type", _("类型"), "type"),
    Facet("category", _("类别"), "category"),
    Facet("level", _("级别"), "level"),
    Facet("region", _("地区"), "region"),
    Facet("year", _("年份"), "year", numeric=True),
    Facet("tag", _("标签"), "tags", many=True),
    Facet("media", _("媒体"), "media", many=True),
    Facet("era", _("时代"), "era"),
)
FACET_NAMES = tuple(facet.name for facet in FACETS)


def facet_label(facet, value):
    """The label a reader sees for a facet value; the value itself when it has none."""
    record_type = record_type_named(value) if facet == "type" else None
    if record_type is not None:
        return str(record_type.label)
    if facet == "category" and value in Category.values:
        return str(Category(value).label)
    if facet == "level" and value in Level.values:
        return str(Level(value).label)
    if facet == "media" and value in MEDIA_LABELS:
        return str(MEDIA_LABELS[value])
    return str(value)


def _as_datetime(value):
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value
    return timezone.make_aware(datetime.datetime.combine(value, datetime.time()))


def _media_kinds(page):
    kinds = set()
    if getattr(page, "gallery_images", None) is not None and page.gallery_images.exists():
        kinds.add("image")
    for attribute in ("portrait_id", "cover_image_id", "image_id"):
        if getattr(page, attribute, None):
            kinds.add("image")
    media_items = getattr(page, "media_items", None)
    if media_items is not None:
        kinds.update(media_items.values_list("media__type", flat=True))
    kinds.update(page.search_facets().get("media", []))
    return sorted(kind for kind in kinds if kind in MEDIA_LABELS)


def _record_date(page):
    """The date newest/oldest sort by: an article's date, an event's start, else publication."""
    for attribute in ("date", "start_at"):
        value = getattr(page, attribute, None)
        if value:
            return _as_datetime(value)
    return page.first_published_at or page.last_published_at or timezone.now()


def build_record(page):
    """The search document of a live record page, as a dict of plain values."""
    page = page.specific
    record_type = record_type_of(page)
    facets = page.search_facets()
    key = getattr(page, "key", "") if record_type.keyed else ""
    record_id = f"{record_type.name}:{key}" if key else f"{record_type.name}:{page.pk}"
    summary = strip_tags(
        getattr(page, "summary", "") or getattr(page, "description", "") or ""
    ).strip()
    text_parts = [page.title, *page.get_search_text_parts()]
    text = " ".join(strip_tags(str(part)) for part in text_parts if part)
    project_numbers = [key, *facets.get("project_numbers", [])] if key else []
    region = getattr(page, "region", None)
    tags = sorted({tag.name for tag in page.tags.all()}) if hasattr(page, "tags") else []
    syllables, _initials = text_pinyin_tokens(text)
    # Initials are two letters a pair, so over a long text nearly any pair
    # turns up; they come from what a reader sees of a result (title, summary,
    # tags) to keep ``kb`` near what 快板 finds and the index small.
    _syllables, initials = text_pinyin_tokens(" ".join([page.title, summary, *tags]))
    record = {
        "record_id": record_id,
        "type": record_type.name,
        "key": key,
        "page_id": page.pk,
        "title": page.title,
        "url": page.get_url() or "",
        "summary": summary[:1000],
        "text": " ".join(dict.fromkeys(index_tokens(text))),
        "title_tokens": " ".join(dict.fromkeys(index_tokens(page.title))),
        "title_exact": normalize(page.title).strip(),
        "pinyin": " ".join(syllables),
        "initials": " ".join(initials),
        "project_numbers": sorted({fold_project_number(n) for n in project_numbers if n}),
        "category": getattr(page, "category", "") or "",
        "level": facets.get("level") or "",
        "region": region.name if region else "",
        "year": facets.get("year"),
        "tags": tags,
        "media": _media_kinds(page),
        "era": facets.get("era") or "",
        "published_at": _record_date(page),
        "title_sort": pinyin_sort_key(page.title),
    }
    record["version"] = record_version(record)
    return record


def record_version(record):
    """A digest of a record's content: reconcile compares it to find stale copies."""
    content = {name: value for name, value in record.items() if name != "version"}
    payload = json.dumps(content, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha1(payload.encode()).hexdigest()


def live_record_pages():
    """Every searchable record page, type by type, with what build_record reads."""
    for record_type in record_types():
        queryset = visible_pages(record_type.model.objects.all()).order_by("pk")
        if any(field.name == "region" for field in record_type.model._meta.get_fields()):
            queryset = queryset.select_related("region")
        yield from queryset.iterator(chunk_size=500)


# Facet fields build their global ordinals at refresh rather than on the
# first search after it, so no reader waits for them.
FACET_KEYWORD = {"eager_global_ordinals": True}

# The whitespace analyzer keeps core.text's tokens as they are; it is in
# Elasticsearch's core server, so the minimal test distribution has it.
TOKENS = {"analyzer": "whitespace", "search_analyzer": "whitespace"}


class RecordDocument(Document):
    record_id = Keyword()
    type = Keyword(**FACET_KEYWORD)
    key = Keyword()
    page_id = Integer()
    title = Keyword(index=False)
    url = Keyword(index=False)
    summary = Keyword(index=False)
    text = Text(**TOKENS)
    title_tokens = Text(**TOKENS)
    title_exact = Keyword()
    pinyin = Text(**TOKENS)
    initials = Text(**TOKENS)
    project_numbers = Keyword()
    category = Keyword(**FACET_KEYWORD)
    level = Keyword(**FACET_KEYWORD)
    region = Keyword(**FACET_KEYWORD)
    year = Integer()
    tags = Keyword(**FACET_KEYWORD)
    media = Keyword(**FACET_KEYWORD)
    era = Keyword(**FACET_KEYWORD)
    published_at = Date()
    title_sort = Keyword()
    version = Keyword()

    class Index:
        # The real name is chosen at run time from SEARCH_INDEX_PREFIX (see
        # search.backends.elasticsearch); this one is never written to.
        name = "records"
        settings = {"number_of_shards": 1, "number_of_replicas": 0}

    class Meta:
        # Read back by search.backends.elasticsearch.index_schema_version.
        meta = MetaField({"schema_version": SCHEMA_VERSION})
