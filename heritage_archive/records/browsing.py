"""Browsing the record lists (项目名录, 传承人名录, 安次名人录): filters, sorts, one page.

The lists take the parameters of the public search (docs/formats/search-api.md:
``q``, ``category``, ``level``, ``region``, ``year``, ``era``, ``sort``,
``page``) with the same meaning, so a list address is a search restricted to
one record type; ``level_min`` adds "this level and above" (市级及以上 also
shows provincial, national and UNESCO items). docs/formats/list-pages.md
describes them. Records cannot import the search app, so the filters run in the
ORM over the visible pages and the keyword goes through Wagtail's own search
index, which holds the same Chinese tokens and pinyin (core.models).

Nothing a reader types is an error here: a value that is not a category,
level or year, or an unknown sort, is ignored.
"""

import re
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _

from heritage_archive.core.choices import (
    CATEGORY_NUMBERS,
    LEVEL_RANKS,
    Category,
    Level,
    parse_category,
    parse_level,
)
from heritage_archive.core.templatetags.archive_tags import PAGE_SIZE, prefetched
from heritage_archive.core.text import pinyin_sort_key

MAX_VALUES = 20
MAX_VALUE_LENGTH = 100
MAX_QUERY_LENGTH = 200

SORT_LABELS = {
    "": _("名录顺序"),
    "newest": _("最新公布"),
    "oldest": _("最早公布"),
    "title": _("标题拼音"),
}


def _clean(text, limit):
    # As the search does: control characters become spaces, length is bounded.
    return re.sub(r"[\x00-\x1f\x7f]", " ", str(text or ""))[:limit].strip()


def _values(params, name, parse=None):
    values = []
    for raw in params.getlist(name)[:MAX_VALUES]:
        value = _clean(raw, MAX_VALUE_LENGTH)
        value = parse(value) if parse and value else value
        if value and value not in values:
            values.append(value)
    return values


def _year(value):
    return int(value) if re.fullmatch(r"[0-9]{1,4}", value) else None


def _number_key(folded_key):
    """Project numbers in numeric order: 2-1, 2-2, 2-10 (not 2-1, 2-10, 2-2)."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part)
        for part in (folded_key or "").split("-")
    )


@dataclass
class ListQuery:
    q: str = ""
    category: list = field(default_factory=list)
    level: list = field(default_factory=list)
    level_min: str = ""
    region: list = field(default_factory=list)
    year: list = field(default_factory=list)
    era: list = field(default_factory=list)
    sort: str = ""

    @classmethod
    def from_params(cls, params):
        sort = params.get("sort", "")
        level_min = parse_level(_clean(params.get("level_min", ""), MAX_VALUE_LENGTH)) or ""
        return cls(
            q=_clean(params.get("q", ""), MAX_QUERY_LENGTH),
            category=_values(params, "category", parse_category),
            level=_values(params, "level", parse_level),
            level_min=level_min,
            region=_values(params, "region"),
            year=_values(params, "year", _year),
            era=_values(params, "era"),
            # "relevance" is the search's default; with no ranking to do here
            # it means the list's own order, as an unknown sort does.
            sort=sort if sort in SORT_LABELS else "",
        )

    @property
    def is_filtered(self):
        return bool(
            self.q or self.category or self.level or self.level_min or self.region
            or self.year or self.era
        )  # fmt: skip

    def levels_from_min(self):
        rank = LEVEL_RANKS[Level(self.level_min)]
        return [level for level in Level if LEVEL_RANKS[level] >= rank]

    def apply(self, items):
        """``items`` (visible pages) narrowed by every filter the model has."""
        fields = {f.name for f in items.model._meta.get_fields()}
        if self.category and "category" in fields:
            items = items.filter(category__in=self.category)
        if self.level and "level" in fields:
            items = items.filter(level__in=self.level)
        if self.level_min and "level" in fields:
            items = items.filter(level__in=self.levels_from_min())
        if self.region and "region" in fields:
            items = items.filter(region__name__in=self.region)
        if self.year and "level_year" in fields:
            items = items.filter(level_year__in=self.year)
        if self.era and "era" in fields:
            items = items.filter(era__in=self.era)
        if self.q:
            # Wagtail's search index of the page model, tokenised as the public
            # search tokenises (search_text); only the ids are read.
            matches = items.model.objects.search(self.q, order_by_relevance=False)
            items = items.filter(pk__in=[page.pk for page in matches])
        return items


def _catalogue_key(default_order):
    """The list's own order: category Ⅰ…Ⅹ and project number, else ``default_order``."""

    def key(row):
        category_number = CATEGORY_NUMBERS.get(row["category"], 99) if row["category"] else 0
        rest = tuple((row[name] is None, row[name] or 0) for name in default_order)
        return (category_number, _number_key(row["key_folded"]), *rest, row["pk"])

    return key


def _sort_key(sort, default_order):
    """The Python sort key of one row (see ``_rows``) for ``sort``."""
    catalogue = _catalogue_key(default_order)
    if sort == "title":
        return lambda row: (pinyin_sort_key(row["title"]), row["pk"])
    # Records without a year come last in both directions.
    if sort == "newest":
        return lambda row: (row["level_year"] is None, -(row["level_year"] or 0), catalogue(row))
    if sort == "oldest":
        return lambda row: (row["level_year"] is None, row["level_year"] or 0, catalogue(row))
    return catalogue


def _rows(items, default_order):
    model_fields = {f.name for f in items.model._meta.get_fields()}
    names = list(
        dict.fromkeys(["pk", "title", "category", "level_year", "key_folded", *default_order])
    )
    present = [name for name in names if name == "pk" or name in model_fields]
    rows = []
    for values in items.values_list(*present):
        row = dict.fromkeys(names)
        row.update(zip(present, values, strict=True))
        rows.append(row)
    return rows


def browse_page(items, query, request, *, prefetch="", related=(), default_order=()):
    """One page of ``items`` in the order of ``query.sort``, as a Paginator page.

    The order needs Python (numeric project numbers, pinyin titles), so the
    ids and sort fields of the filtered list are read in one query, sorted,
    and only the page's records are loaded, with ``related`` joined and
    ``prefetch`` (as the ``paginate`` tag takes it) applied: the query count
    does not grow with the list. ``default_order`` names the fields that
    order records without a category or project number (e.g. ``key``).
    """
    rows = sorted(_rows(items, default_order), key=_sort_key(query.sort, default_order))
    page_obj = Paginator([row["pk"] for row in rows], PAGE_SIZE).get_page(request.GET.get("page"))
    ids = list(page_obj.object_list)
    if ids:
        loaded = prefetched(
            items.model.objects.filter(pk__in=ids).select_related(*related), prefetch
        )
        by_id = {page.pk: page for page in loaded}
        page_obj.object_list = [by_id[pk] for pk in ids if pk in by_id]
    return page_obj


def filter_options(items):
    """The values the filters offer: only those some visible record has, in one query."""
    model_fields = {f.name for f in items.model._meta.get_fields()}
    names = [n for n in ("category", "level", "region__name", "level_year", "era")
             if n.split("__")[0] in model_fields]  # fmt: skip
    seen = {name: set() for name in names}
    for values in items.order_by().values_list(*names).distinct():
        for name, value in zip(names, values, strict=True):
            if value not in (None, ""):
                seen[name].add(value)
    levels = [level for level in Level if level in seen.get("level", ())]
    return {
        "categories": [(c.value, c.label) for c in Category if c in seen.get("category", ())],
        "levels": [(level.value, level.label) for level in levels],
        # "X 及以上" for each level some record reaches; UNESCO has nothing above it.
        "level_mins": [
            (
                level.value,
                level.label
                if level == Level.UNESCO
                else _("%(level)s及以上") % {"level": level.label},
            )
            for level in levels
        ],
        "regions": sorted(seen.get("region__name", ()), key=pinyin_sort_key),
        "years": sorted(seen.get("level_year", ()), reverse=True),
        "eras": sorted(seen.get("era", ()), key=pinyin_sort_key),
    }


def browse_context(items, request, *, sorts=tuple(SORT_LABELS), **kwargs):
    """The context of a list page: the query, the filter options, the page of records.

    ``sorts`` are the sorts this list offers; any other is the list's own order.
    """
    query = ListQuery.from_params(request.GET)
    if query.sort not in sorts:
        query.sort = ""
    options = filter_options(items)
    options["sorts"] = [(value, SORT_LABELS[value]) for value in sorts]
    return {
        "query": query,
        "options": options,
        "page_obj": browse_page(query.apply(items), query, request, **kwargs),
    }
