"""Rebuilding and reconciling the search data: the work behind search_reindex and search_reconcile."""

from django.conf import settings
from django.db import transaction

from search.backends.database import save_records
from search.documents import build_record, live_record_pages
from search.models import SearchRecord

PROGRESS_EVERY = 500


def build_all_records(progress=None):
    records = []
    for count, page in enumerate(live_record_pages(), start=1):
        records.append(build_record(page))
        if progress and count % PROGRESS_EVERY == 0:
            progress(f"已生成 {count} 条检索文档")
    return records


def rebuild_database_table(records):
    live_page_ids = {record["page_id"] for record in records}
    with transaction.atomic():
        SearchRecord.objects.exclude(page_id__in=live_page_ids).delete()
        save_records(records)


def reindex(*, progress=print, between_steps=None):
    """Rebuild the table, build a new index, swap the alias, then catch up on changes.

    Searches read the alias, which keeps pointing at the old, complete index
    until the swap. ``between_steps`` (if given) runs after each step, so the
    tests can search while the reindex is under way.
    """

    def step(message):
        progress(message)
        if between_steps:
            between_steps(message)

    records = build_all_records(progress)
    rebuild_database_table(records)
    step(f"数据库检索表已重建：{len(records)} 条")
    if not settings.ELASTICSEARCH_URL:
        return {"records": len(records), "index": None}
    from search.backends import elasticsearch as es

    client = es.get_client()
    es.ensure_alias(client)
    new_index = es.new_index_name()
    es.create_index(client, new_index, building=True)
    step(f"已创建新索引 {new_index}")
    indexed = 0
    for start in range(0, len(records), 1000):
        indexed += es.bulk_index(records[start : start + 1000], index=new_index, client=client)
        progress(f"已写入 {indexed}/{len(records)} 条")
    es.finish_index(client, new_index)
    step(f"新索引已写入 {indexed} 条")
    old = es.swap_alias(client, new_index)
    step(f"别名已切换到 {new_index}，已删除旧索引：{', '.join(old) or '无'}")
    # Changes saved while the new index was built went to the old one; the
    # table has them, so a reconcile pass brings the new index up to date.
    drift = reconcile(repair=True, progress=progress)
    return {"records": len(records), "index": new_index, "caught_up": drift}


def _diff(expected, actual):
    missing = sorted(set(expected) - set(actual))
    extra = sorted(set(actual) - set(expected))
    stale = sorted(rid for rid in set(expected) & set(actual) if expected[rid] != actual[rid])
    return {"missing": missing, "stale": stale, "extra": extra}


def reconcile(*, repair=False, progress=print):
    """Compare live records with the table and the index; repair the drift if asked.

    Returns {target: {"missing": [...], "stale": [...], "extra": [...]}}.
    """
    records = {record["record_id"]: record for record in build_all_records(progress)}
    expected = {record_id: record["version"] for record_id, record in records.items()}
    table = dict(SearchRecord.objects.values_list("record_id", "version"))
    report = {"database": _diff(expected, table)}
    if settings.ELASTICSEARCH_URL:
        from search.backends import elasticsearch as es

        report["elasticsearch"] = _diff(expected, es.indexed_versions())
    for target, drift in report.items():
        progress(
            f"{target}: 缺失 {len(drift['missing'])}，过期 {len(drift['stale'])}，"
            f"多余 {len(drift['extra'])}"
        )
    if repair:
        database = report["database"]
        with transaction.atomic():
            save_records([records[rid] for rid in database["missing"] + database["stale"]])
            SearchRecord.objects.filter(record_id__in=database["extra"]).delete()
        if "elasticsearch" in report:
            from search.backends import elasticsearch as es

            drift = report["elasticsearch"]
            es.bulk_index([records[rid] for rid in drift["missing"] + drift["stale"]], refresh=True)
            es.delete_documents(drift["extra"])
    return report


def has_drift(report):
    return any(any(drift.values()) for drift in report.values())
