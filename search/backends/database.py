"""The embedded search: the same QueryPlan answered by the ORM on SearchRecord.

Token columns are stored as " a b c ", so ``contains " b "`` is a whole-token
match on SQLite and PostgreSQL alike. Facet counts apply every other facet's
filter, as Elasticsearch's post_filter and filtered aggregations do.
"""

from django.db import connection
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.db.models.functions import Collate

from search.models import SearchRecord, SearchRecordMedia, SearchRecordTag
from search.service import (
    MAX_RESULT_WINDOW,
    SearchResult,
    format_facets,
    result_entry,
)

RECORD_FIELDS = [
    "record_id",
    "type",
    "key",
    "page_id",
    "title",
    "url",
    "summary",
    "category",
    "level",
    "year",
    "region",
]


def _whole_token(field, token):
    return Q(**{f"{field}__contains": f" {token} "})


def query_filter(plan):
    """The Q a record must satisfy to match ``plan`` (None: every record)."""
    if plan.is_empty:
        return None
    if not plan.can_match:
        return Q(pk__in=[])
    condition = Q(pk__in=[])
    if plan.tokens:
        all_tokens = Q()
        for token in plan.tokens:
            all_tokens &= _whole_token("text", token)
        condition |= all_tokens
    if plan.pinyin:
        condition |= _whole_token("pinyin", plan.pinyin)
    if plan.project_number:
        condition |= _whole_token("project_numbers", plan.project_number)
    return condition


def facet_filter(facet, values, request):
    if facet == "tag":
        return Q(pk__in=SearchRecordTag.objects.filter(name__in=values).values("record_id"))
    if facet == "media":
        return Q(pk__in=SearchRecordMedia.objects.filter(kind__in=values).values("record_id"))
    if facet == "year":
        return Q(year__in=request.year_filter_values())
    return Q(**{f"{facet}__in": values})


def _binary(field):
    """Byte order, as Elasticsearch sorts keywords, whatever the database collation."""
    return Collate(field, "C" if connection.vendor == "postgresql" else "BINARY")


class DatabaseSearchBackend:
    name = "database"

    def search(self, request):
        plan = request.plan()
        base = SearchRecord.objects.all()
        condition = query_filter(plan)
        if condition is not None:
            base = base.filter(condition)
        filters = {
            facet: facet_filter(facet, values, request) for facet, values in request.filters.items()
        }
        matching = base
        for facet_q in filters.values():
            matching = matching.filter(facet_q)
        total = matching.count()
        results = []
        size = min(request.page_size, max(0, MAX_RESULT_WINDOW - request.offset))
        if request.offset < total and size:
            ordered = self._ordered(matching, request, plan)
            page = ordered.values(*RECORD_FIELDS)[request.offset : request.offset + size]
            results = [result_entry(record, plan) for record in page]
        facets = format_facets(request, self._facet_counts(base, filters))
        return SearchResult(request, self.name, total, results, facets)

    def _ordered(self, queryset, request, plan):
        sort = request.effective_sort
        if sort == "newest":
            return queryset.order_by("-published_at", "page_id")
        if sort == "oldest":
            return queryset.order_by("published_at", "page_id")
        if sort == "title":
            return queryset.order_by(_binary("title_sort"), "page_id")
        ranks = {
            "exact_rank": Case(
                When(title_exact=plan.exact_title, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            "title_rank": Value(1, output_field=IntegerField()),
        }
        if plan.tokens:
            title_match = Q()
            for token in plan.tokens:
                title_match &= _whole_token("title_tokens", token)
            ranks["title_rank"] = Case(
                When(title_match, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        return queryset.annotate(**ranks).order_by(
            "exact_rank", "title_rank", "-published_at", "page_id"
        )

    def _facet_counts(self, base, filters):
        counts = {}
        for facet in ("type", "category", "level", "region", "year", "era", "tag", "media"):
            scoped = base
            for other, facet_q in filters.items():
                if other != facet:
                    scoped = scoped.filter(facet_q)
            if facet == "tag":
                rows = (
                    SearchRecordTag.objects.filter(record__in=scoped.values("pk"))
                    .values_list("name")
                    .annotate(count=Count("record_id", distinct=True))
                )
            elif facet == "media":
                rows = (
                    SearchRecordMedia.objects.filter(record__in=scoped.values("pk"))
                    .values_list("kind")
                    .annotate(count=Count("record_id", distinct=True))
                )
            else:
                rows = (
                    scoped.exclude(**{f"{facet}__isnull": True})
                    .exclude(**{facet: ""} if facet != "year" else {})
                    .order_by()
                    .values_list(facet)
                    .annotate(count=Count("pk"))
                )
            counts[facet] = dict(rows)
        return counts


def save_records(records):
    """Write search documents to the table (insert or replace by page)."""
    for record in records:
        fields = {
            "record_id": record["record_id"],
            "type": record["type"],
            "key": record["key"],
            "title": record["title"][:255],
            "url": record["url"],
            "summary": record["summary"],
            "text": SearchRecord.padded(record["text"].split()),
            "title_tokens": SearchRecord.padded(record["title_tokens"].split()),
            "title_exact": record["title_exact"][:255],
            "pinyin": SearchRecord.padded(record["pinyin"].split()),
            "project_numbers": SearchRecord.padded(record["project_numbers"]),
            "category": record["category"],
            "level": record["level"],
            "region": record["region"],
            "year": record["year"],
            "era": record["era"],
            "published_at": record["published_at"],
            "title_sort": record["title_sort"][:500],
            "version": record["version"],
        }
        # A renamed key changes the record id: drop any other row of this page first.
        SearchRecord.objects.filter(record_id=record["record_id"]).exclude(
            page_id=record["page_id"]
        ).delete()
        row, _created = SearchRecord.objects.update_or_create(
            page_id=record["page_id"], defaults=fields
        )
        row.tag_rows.exclude(name__in=record["tags"]).delete()
        existing = set(row.tag_rows.values_list("name", flat=True))
        SearchRecordTag.objects.bulk_create(
            [
                SearchRecordTag(record=row, name=name)
                for name in record["tags"]
                if name not in existing
            ]
        )
        row.media_rows.exclude(kind__in=record["media"]).delete()
        existing = set(row.media_rows.values_list("kind", flat=True))
        SearchRecordMedia.objects.bulk_create(
            [
                SearchRecordMedia(record=row, kind=kind)
                for kind in record["media"]
                if kind not in existing
            ]
        )


def delete_records(page_ids):
    SearchRecord.objects.filter(page_id__in=list(page_ids)).delete()
