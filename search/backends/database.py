"""The embedded search: the same QueryPlan answered in SQL on SearchRecord.

The text match goes through SearchRecordToken, an inverted index: a record
matches when it has a row for each query token, looked up by the (kind,
token, record) index rather than by scanning every record's text. The
matched set is computed once (a materialised CTE); the total and every
facet's counts come from it in one UNION ALL query, each facet applying
every other facet's filter, as Elasticsearch's post_filter and filtered
aggregations do. The SQL is portable between SQLite (3.35+) and PostgreSQL.
"""

from django.db import connection, transaction

from search.backends.base import SearchBackend
from search.documents import FACETS
from search.models import SearchRecord, SearchRecordMedia, SearchRecordTag, SearchRecordToken
from search.query import (
    MAX_RESULT_WINDOW,
    RESULT_FIELDS,
    SearchResult,
    format_facets,
    result_entry,
)

# Facets of one value per record are SearchRecord columns; the others have a side table.
SCALAR_FACETS = tuple(facet.field for facet in FACETS if not facet.many)
WRITE_CHUNK = 500

RECORDS = SearchRecord._meta.db_table
TOKENS = SearchRecordToken._meta.db_table
TAGS = SearchRecordTag._meta.db_table
MEDIA = SearchRecordMedia._meta.db_table
SIDE_TABLES = {"tag": (TAGS, "name"), "media": (MEDIA, "kind")}  # facet -> (table, value column)
NUMERIC_FACETS = {facet.name for facet in FACETS if facet.numeric}


def stored_token(token):
    return token[: SearchRecordToken.MAX_LENGTH]


def _placeholders(values):
    return ", ".join(["%s"] * len(values))


def _has_all_tokens(alias, kind, tokens):
    """SQL true when record ``alias`` has every token of ``kind`` (intersection of posting lists)."""
    return _has_all_pairs(alias, [(kind, token) for token in tokens])


def _has_all_pairs(alias, pairs):
    """SQL true when record ``alias`` has every (kind, token) of ``pairs``."""
    pairs = list(dict.fromkeys((str(kind), stored_token(token)) for kind, token in pairs))
    sql = " AND ".join(
        f"{alias}.id IN (SELECT record_id FROM {TOKENS} WHERE kind = %s AND token = %s)"
        for _pair in pairs
    )
    params = [value for pair in pairs for value in pair]
    return f"({sql})", params


def query_condition(plan, alias="r"):
    """(sql, params) a record must satisfy to match ``plan``; None matches every record."""
    if plan.is_empty:
        return None
    if not plan.can_match:
        return "1 = 0", []
    alternatives, params = [], []
    if plan.tokens:
        sql, token_params = _has_all_tokens(alias, SearchRecordToken.Kind.TEXT, plan.tokens)
        alternatives.append(sql)
        params += token_params
    for reading in plan.readings:
        # A reading's kinds ("text", "pinyin", "initials") are SearchRecordToken kinds.
        sql, token_params = _has_all_pairs(alias, reading.tokens)
        alternatives.append(sql)
        params += token_params
    if plan.project_number:
        sql, token_params = _has_all_tokens(
            alias, SearchRecordToken.Kind.KEY, [plan.project_number]
        )
        alternatives.append(sql)
        params += token_params
    return f"({' OR '.join(alternatives)})", params


def facet_condition(facet, values, request, alias):
    """(sql, params) for one facet's selected values: OR within the facet."""
    if facet == "tag":
        return (
            f"{alias}.id IN (SELECT record_id FROM {TAGS} WHERE name IN ({_placeholders(values)}))",
            list(values),
        )
    if facet == "media":
        return (
            f"{alias}.id IN (SELECT record_id FROM {MEDIA} WHERE kind IN ({_placeholders(values)}))",
            list(values),
        )
    if facet == "year":
        years = request.year_filter_values()
        if not years:
            return "1 = 0", []
        return f"{alias}.year IN ({_placeholders(years)})", years
    return f"{alias}.{facet} IN ({_placeholders(values)})", list(values)


def _where(conditions):
    """Join (sql, params) conditions with AND into a WHERE clause."""
    if not conditions:
        return "", []
    return (
        " WHERE " + " AND ".join(sql for sql, _params in conditions),
        [value for _sql, params in conditions for value in params],
    )


def _binary_collation():
    """Byte order, as Elasticsearch sorts keywords, whatever the database collation."""
    return '"C"' if connection.vendor == "postgresql" else "BINARY"


class DatabaseSearchBackend(SearchBackend):
    name = "database"

    def search(self, request):
        plan = request.plan()
        text = query_condition(plan)
        filters = {
            facet: facet_condition(facet, values, request, "m")
            for facet, values in request.filters.items()
        }
        total, counts = self._total_and_facet_counts(text, filters)
        results = []
        size = min(request.page_size, max(0, MAX_RESULT_WINDOW - request.offset))
        if request.offset < total and size:
            results = [
                result_entry(record, plan)
                for record in self._page(text, request, plan, request.offset, size)
            ]
        facets = format_facets(request, counts)
        return SearchResult(request, self.name, total, results, facets)

    def _total_and_facet_counts(self, text, filters):
        """The total and {facet: {value: count}} in one query over the matched set."""
        columns = ", ".join(["id", *SCALAR_FACETS])
        if text is None:
            # Browsing: every record matches, nothing to materialise.
            cte = f"matched AS NOT MATERIALIZED (SELECT {columns} FROM {RECORDS})"
            params = []
        else:
            cte = f"matched AS MATERIALIZED (SELECT {columns} FROM {RECORDS} r WHERE {text[0]})"
            params = list(text[1])
        parts = []
        where, where_params = _where(list(filters.values()))
        parts.append(f"SELECT '' AS facet, '' AS value, COUNT(*) AS n FROM matched m{where}")
        params += where_params
        for facet in FACETS:
            others = [condition for other, condition in filters.items() if other != facet.name]
            if facet.many:
                table, column = SIDE_TABLES[facet.name]
                source, value = f"{table} f JOIN matched m ON m.id = f.record_id", f"f.{column}"
            else:
                source, value = "matched m", f"m.{facet.field}"
                others = [*others, (f"{value} IS NOT NULL", [])]
                if not facet.numeric:
                    others.append((f"{value} <> ''", []))
            where, where_params = _where(others)
            # One column type for the UNION: years travel as text and come back as numbers.
            label = f"CAST({value} AS VARCHAR(255))" if facet.numeric else value
            parts.append(
                f"SELECT '{facet.name}' AS facet, {label} AS value, COUNT(*) AS n "
                f"FROM {source}{where} GROUP BY {value}"
            )
            params += where_params
        sql = f"WITH {cte} " + " UNION ALL ".join(parts)
        total = 0
        counts = {facet.name: {} for facet in FACETS}
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            for facet, value, count in cursor.fetchall():
                if facet == "":
                    total = count
                elif facet in NUMERIC_FACETS:
                    counts[facet][int(value)] = count
                else:
                    counts[facet][value] = count
        return total, counts

    def _page(self, text, request, plan, offset, size):
        conditions = [text] if text is not None else []
        conditions += [
            facet_condition(facet, values, request, "r")
            for facet, values in request.filters.items()
        ]
        where, params = _where(conditions)
        order, order_params = self._order_by(request, plan)
        columns = ", ".join(f"r.{name}" for name in RESULT_FIELDS)
        sql = f"SELECT {columns} FROM {RECORDS} r{where} ORDER BY {order} LIMIT %s OFFSET %s"
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, *order_params, size, offset])
            return [dict(zip(RESULT_FIELDS, row, strict=True)) for row in cursor.fetchall()]

    def _order_by(self, request, plan):
        sort = request.effective_sort
        if sort == "newest":
            return "r.published_at DESC, r.page_id", []
        if sort == "oldest":
            return "r.published_at ASC, r.page_id", []
        if sort == "title":
            return f"r.title_sort COLLATE {_binary_collation()}, r.page_id", []
        # Relevance: the exact title first, then titles with every token, then newest.
        order = ["CASE WHEN r.title_exact = %s THEN 0 ELSE 1 END"]
        params = [plan.exact_title]
        if plan.tokens:
            title_match, title_params = _has_all_tokens(
                "r", SearchRecordToken.Kind.TITLE, plan.tokens
            )
            order.append(f"CASE WHEN {title_match} THEN 0 ELSE 1 END")
            params += title_params
        order += ["r.published_at DESC", "r.page_id"]
        return ", ".join(order), params


def record_tokens(record):
    """{(kind, token)} of a search document, as SearchRecordToken stores them."""
    kinds = (
        (SearchRecordToken.Kind.TEXT, record["text"].split()),
        (SearchRecordToken.Kind.TITLE, record["title_tokens"].split()),
        (SearchRecordToken.Kind.PINYIN, record["pinyin"].split()),
        (SearchRecordToken.Kind.INITIALS, record["initials"].split()),
        (SearchRecordToken.Kind.KEY, record["project_numbers"]),
    )
    return {(str(kind), stored_token(token)) for kind, tokens in kinds for token in tokens if token}


def _row(record):
    return SearchRecord(
        record_id=record["record_id"],
        page_id=record["page_id"],
        type=record["type"],
        key=record["key"],
        title=record["title"][:255],
        url=record["url"],
        summary=record["summary"],
        title_exact=record["title_exact"][:255],
        category=record["category"],
        level=record["level"],
        region=record["region"],
        year=record["year"],
        era=record["era"],
        published_at=record["published_at"],
        title_sort=record["title_sort"][:500],
        version=record["version"],
    )


def save_records(records):
    """Write search documents to the table (insert or replace by page), in bulk.

    A record's old row goes, with its tags, media and tokens, and a new one
    is written; this also drops the row of a record whose key (and so id)
    changed, and any other page's row holding a record id now taken.
    """
    records = list(records)
    for start in range(0, len(records), WRITE_CHUNK):
        chunk = records[start : start + WRITE_CHUNK]
        with transaction.atomic():
            SearchRecord.objects.filter(page_id__in=[r["page_id"] for r in chunk]).delete()
            SearchRecord.objects.filter(record_id__in=[r["record_id"] for r in chunk]).delete()
            rows = SearchRecord.objects.bulk_create([_row(record) for record in chunk])
            pairs = list(zip(rows, chunk, strict=True))
            SearchRecordTag.objects.bulk_create(
                SearchRecordTag(record=row, name=name)
                for row, record in pairs
                for name in dict.fromkeys(record["tags"])
            )
            SearchRecordMedia.objects.bulk_create(
                SearchRecordMedia(record=row, kind=kind)
                for row, record in pairs
                for kind in dict.fromkeys(record["media"])
            )
            # About 90 tokens a record: plain executemany, as model instances cost
            # ten times the insert itself.
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {TOKENS} (record_id, kind, token) VALUES (%s, %s, %s)",
                    [
                        (row.pk, kind, token)
                        for row, record in pairs
                        for kind, token in record_tokens(record)
                    ],
                )


def delete_records(page_ids):
    SearchRecord.objects.filter(page_id__in=list(page_ids)).delete()
