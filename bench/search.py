"""Search benchmark: faceted query latency through the view, and bulk indexing speed.

Usage: .venv/bin/python bench/search.py --records 10000 [--queries 200] [--wagtail-pages 10000]

Creating N Wagtail pages takes far too long at these sizes, so the search
documents (and the database search table rows) are generated directly, with
Chinese text, every facet and the same tokens core.text makes for pages.
By default it uses its own SQLite file (.cache/bench-search.sqlite3) and the
index prefix "bench", so it never touches the site's data; set DATABASE_URL
to measure on PostgreSQL. Elasticsearch is measured when ELASTICSEARCH_URL is
set.

Wagtail's built-in search is measured over --wagtail-pages real, live
HeritageItemPages (default 10,000; 0 skips it) made from the same generated
texts: the project's default Wagtail backend (search.backends.wagtail_database),
Wagtail's stock database backend and Wagtail's Elasticsearch 8 backend. The
local Elasticsearch test distribution lacks analysis-common, so Wagtail's
ngram/edge_ngram/asciifolding index settings cannot be created there; this
script's SearchBackend replaces them with core-only analysis (standard
tokenizer + lowercase), which keeps search() working but gives up Wagtail's
partial-word autocomplete.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heritage_archive.settings.dev")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{BASE_DIR / '.cache' / 'bench-search.sqlite3'}")

WORDS = [
    "京剧",
    "快板",
    "剪纸",
    "高跷",
    "吹歌",
    "花会",
    "传承",
    "技艺",
    "民间",
    "曲艺",
    "表演",
    "节日",
    "庙会",
    "书法",
    "绘画",
    "少儿",
    "训练班",
    "唱腔",
    "锣鼓",
    "秧歌",
    "面塑",
    "泥塑",
    "刺绣",
    "风筝",
    "武术",
    "中幡",
    "评剧",
    "大鼓",
    "相声",
    "传统",
    "手工",
    "村落",
    "老艺人",
    "徒弟",
    "演出",
    "非遗",
    "保护",
    "文化馆",
    "展演",
    "舞台",
    "乐器",
    "唢呐",
    "笙管",
]
REGIONS = [
    "落垡镇",
    "码头镇",
    "葛渔城镇",
    "东沽港镇",
    "调河头乡",
    "杨税务乡",
    "仇庄乡",
    "银河南路街道",
]
TAGS = ["戏曲", "曲艺", "音乐", "舞蹈", "美术", "技艺", "民俗", "节日", "培训", "少儿"]
ERAS = ["明", "清", "民国", "当代"]
TYPES = ["heritage", "inheritor", "figure", "article", "artwork", "course", "event"]
WAGTAIL_ES_INDEX_PREFIX = "bench-wagtail-"
WAGTAIL_PAGE_SLUG_PREFIX = "bench-"
# Queries whose hit counts are printed for our search and Wagtail's, side by side.
HIT_COUNT_QUERIES = ["京剧", "训练班", "京劇", "kuaiban", "剧"]


def SearchBackend(params):  # noqa: N802 - the name Wagtail's backend loader looks for
    """Wagtail's Elasticsearch 8 backend with index analysis from Elasticsearch's core only.

    Wagtail's INDEX_SETTINGS are deep-merged into its defaults, so they can
    change the analyzers but never remove the ngram and edge_ngram filters and
    tokenizers, which need the analysis-common module the test distribution
    lacks. A subclass replaces the whole settings instead: both analyzers the
    mapping names become standard tokenizer + lowercase.
    """
    from modelsearch.backends.elasticsearch8 import Elasticsearch8SearchBackend

    core_analyzer = {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]}

    class CoreAnalysisElasticsearch8SearchBackend(Elasticsearch8SearchBackend):
        settings = {
            "settings": {
                "analysis": {
                    "analyzer": {
                        "ngram_analyzer": core_analyzer,
                        "edgengram_analyzer": core_analyzer,
                    }
                }
            }
        }

    return CoreAnalysisElasticsearch8SearchBackend(params)


def generate_records(count, seed=42):
    from heritage_archive.core.choices import Category, Level
    from heritage_archive.core.text import (
        fold_project_number,
        index_tokens,
        normalize,
        pinyin_sort_key,
        text_pinyin_tokens,
    )
    from search.documents import record_version

    rng = random.Random(seed)
    start = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    for number in range(1, count + 1):
        record_type = rng.choice(TYPES)
        title = "".join(rng.sample(WORDS, rng.randint(2, 3)))
        summary = "，".join("".join(rng.sample(WORDS, 3)) for _ in range(rng.randint(3, 6))) + "。"
        keyed = record_type in ("heritage", "inheritor", "figure")
        key = f"Ⅹ-{number}" if record_type == "heritage" else (f"K-{number}" if keyed else "")
        listed = record_type in ("heritage", "inheritor")
        record = {
            "record_id": f"{record_type}:{key or number}",
            "type": record_type,
            "key": key,
            "page_id": number,
            "title": title,
            "url": f"/bench/{number}/",
            "summary": summary,
            "text": " ".join(dict.fromkeys(index_tokens(f"{title} {summary}"))),
            "title_tokens": " ".join(dict.fromkeys(index_tokens(title))),
            "title_exact": normalize(title),
            "pinyin": " ".join(text_pinyin_tokens(f"{title} {summary}")[0]),
            "initials": " ".join(text_pinyin_tokens(f"{title} {summary}")[1]),
            "project_numbers": [fold_project_number(key)] if key else [],
            "category": rng.choice(Category.values) if record_type == "heritage" else "",
            "level": rng.choice(Level.values) if listed else "",
            "region": rng.choice(REGIONS) if listed else "",
            "year": rng.randint(2006, 2024) if listed else None,
            "tags": sorted(set(rng.sample(TAGS, rng.randint(0, 3)))),
            "media": sorted(set(rng.sample(["image", "audio", "video"], rng.randint(0, 2)))),
            "era": rng.choice(ERAS) if record_type == "figure" else "",
            "published_at": start + datetime.timedelta(hours=number * 7),
            "title_sort": pinyin_sort_key(title),
        }
        record["version"] = record_version(record)
        yield record


def clear_table():
    """Empty the database search table of an earlier run, outside the timed write."""
    from search.models import SearchRecord

    SearchRecord.objects.all().delete()


def write_table(records):
    """Write the database search table and its token index as the worker does, in bulk."""
    from search.backends.database import save_records

    save_records(records)


def random_params(rng):
    params = {"q": rng.choice(["", *WORDS, "kuaiban", "jingju", "jj", "京劇", "Ⅹ-12"])}
    for facet, values in (
        ("type", TYPES),
        ("region", REGIONS),
        ("tag", TAGS),
        ("level", ["county", "municipal", "provincial", "national"]),
    ):
        if rng.random() < 0.4:
            params[facet] = rng.sample(values, rng.randint(1, 2))
    params["sort"] = rng.choice(["relevance", "newest", "title"])
    return params


def measure_queries(count, elasticsearch_url, seed=7):
    from django.test import RequestFactory, override_settings

    from search.views import search_api

    factory = RequestFactory()
    rng = random.Random(seed)
    timings = []
    # One client sends every request, so the per-IP rate limit is off, as in
    # bench/pages.py; with it on, each request also reads and writes the cache.
    with override_settings(ELASTICSEARCH_URL=elasticsearch_url, RATELIMIT_ENABLE=False):
        for index in range(count + 10):
            request = factory.get("/api/search/", random_params(rng))
            started = time.perf_counter()
            response = search_api(request)
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                raise SystemExit(f"query failed: {response.content[:200]}")
            if index >= 10:  # the first queries warm caches
                timings.append(elapsed)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1]


def search_hit_counts(elasticsearch_url):
    """Totals of our search for HIT_COUNT_QUERIES, every record type."""
    import json

    from django.test import RequestFactory, override_settings

    from search.views import search_api

    factory = RequestFactory()
    counts = {}
    with override_settings(ELASTICSEARCH_URL=elasticsearch_url, RATELIMIT_ENABLE=False):
        for query in HIT_COUNT_QUERIES:
            response = search_api(factory.get("/api/search/", {"q": query}))
            counts[query] = json.loads(response.content)["total"]
    return counts


def wagtail_search_backends(elasticsearch_url):
    """The aliases measured, none updated on save: update_index is what is timed."""
    backends = {
        "default": {"BACKEND": "search.backends.wagtail_database", "AUTO_UPDATE": False},
        "stock": {"BACKEND": "modelsearch.backends.database", "AUTO_UPDATE": False},
    }
    if elasticsearch_url:
        backends["elasticsearch"] = {
            "BACKEND": "bench.search",
            "URLS": [elasticsearch_url],
            "INDEX_PREFIX": WAGTAIL_ES_INDEX_PREFIX,
            "AUTO_UPDATE": False,
            "TIMEOUT": 60,
        }
    return backends


def delete_wagtail_pages():
    """Remove the pages of an earlier run, without queueing them for our index."""
    from django.db.models.signals import post_delete

    from heritage_archive.records.heritage.models import HeritageItemPage
    from search.signal_handlers import on_deleted

    post_delete.disconnect(
        on_deleted, sender=HeritageItemPage, dispatch_uid=f"search-del-{HeritageItemPage}"
    )
    try:
        HeritageItemPage.objects.filter(slug__startswith=WAGTAIL_PAGE_SLUG_PREFIX).delete()
    finally:
        post_delete.connect(
            on_deleted, sender=HeritageItemPage, dispatch_uid=f"search-del-{HeritageItemPage}"
        )


def create_wagtail_pages(records):
    """Real, live HeritageItemPages under 项目名录, in one transaction.

    This is what add_child does (the next treebeard path, then save) without
    its two queries per page to find the last child and bump the parent's
    numchild, without full_clean, revisions or publishing: the pages are saved
    live with first_published_at set, so no page_published signal queues them
    for our index, and Wagtail's backends are not updated on save (AUTO_UPDATE
    is off) so that update_index is timed on its own.
    """
    from django.db import transaction
    from wagtail.models import Page

    from heritage_archive.core.choices import Category, Level
    from heritage_archive.core.models import Region
    from heritage_archive.core.site_tree import ensure_site_tree
    from heritage_archive.records.heritage.models import HeritageItemPage, HeritageListing

    regions = {name: Region.objects.get_or_create(name=name)[0] for name in REGIONS}
    with transaction.atomic():
        parent = Page.objects.get(pk=ensure_site_tree()["heritage_items"].pk)
        depth = parent.depth + 1
        # Read the children from the paths, not from numchild, which these writes bypass.
        children = Page.objects.filter(depth=depth, path__startswith=parent.path)
        last_path = children.order_by("-path").values_list("path", flat=True).first()
        next_position = 1 + (int(last_path[-Page.steplen :], 36) if last_path else 0)
        for offset, record in enumerate(records):
            number = record["page_id"]
            page = HeritageItemPage(
                title=record["title"],
                draft_title=record["title"],
                slug=f"{WAGTAIL_PAGE_SLUG_PREFIX}{number}",
                key=f"Ⅹ-{number}",
                category=record["category"] or Category.values[number % len(Category.values)],
                region=regions[record["region"] or REGIONS[number % len(REGIONS)]],
                summary=record["summary"],
                live=True,
                has_unpublished_changes=False,
                first_published_at=record["published_at"],
                last_published_at=record["published_at"],
                depth=depth,
                path=Page._get_path(parent.path, depth, next_position + offset),
                numchild=0,
            )
            page.listings.add(
                HeritageListing(level=record["level"] or Level.COUNTY, year=record["year"] or 2009)
            )
            page.save(clean=False)
        Page.objects.filter(pk=parent.pk).update(numchild=children.count())


def time_update_index(alias):
    """Run Wagtail's update_index for one alias; return (objects indexed, seconds)."""
    import io
    import re

    from django.core.management import call_command

    output = io.StringIO()
    started = time.perf_counter()
    call_command("update_index", backend_name=alias, stdout=output, stderr=output)
    seconds = time.perf_counter() - started
    indexed = sum(int(n) for n in re.findall(r"indexed (\d+) objects", output.getvalue()))
    return indexed, seconds


def check_wagtail_index(alias, page_count):
    """update_index logs indexing errors and goes on: make sure every page is searchable."""
    from modelsearch.backends import get_search_backend
    from modelsearch.query import MATCH_ALL

    from heritage_archive.records.heritage.models import HeritageItemPage

    backend = get_search_backend(alias)
    index = backend.get_index_for_model(HeritageItemPage)
    if hasattr(index, "refresh"):
        index.refresh()
    found = HeritageItemPage.objects.live().search(MATCH_ALL, backend=alias).count()
    if found < page_count:
        raise RuntimeError(f"update_index left {found} of {page_count} pages searchable")


def wagtail_search(params, alias):
    """The query mix through Wagtail's search API: filters, search, a page of results, a facet.

    Only HeritageItemPage's filter fields can filter (level, region) and sort
    (first_published_at, title); type and tag filters of the mix do not apply
    to a single page type. Returns (total, whether the category facet ran).
    """
    from modelsearch.query import MATCH_ALL

    from heritage_archive.records.heritage.models import HeritageItemPage

    pages = HeritageItemPage.objects.live()
    if params.get("level"):
        pages = pages.filter(level__in=params["level"])
    if params.get("region"):
        pages = pages.filter(region__in=list(region_ids(params["region"])))
    order_by_relevance = True
    if params["sort"] == "newest" or not params["q"]:
        pages = pages.order_by("-first_published_at")
        order_by_relevance = False
    elif params["sort"] == "title":
        pages = pages.order_by("title")
        order_by_relevance = False
    results = pages.search(
        params["q"] or MATCH_ALL, backend=alias, order_by_relevance=order_by_relevance
    )
    list(results[:20])
    total = results.count()
    try:
        results.facet("category")
    except NotImplementedError:
        return total, False
    return total, True


_REGION_IDS = {}


def region_ids(names):
    from heritage_archive.core.models import Region

    for name in names:
        if name not in _REGION_IDS:
            _REGION_IDS[name] = Region.objects.get(name=name).pk
        yield _REGION_IDS[name]


def measure_wagtail_queries(count, alias, seed=7):
    rng = random.Random(seed)
    timings = []
    faceted = True
    for index in range(count + 10):
        params = random_params(rng)
        started = time.perf_counter()
        _total, ran_facet = wagtail_search(params, alias)
        elapsed = (time.perf_counter() - started) * 1000
        faceted = faceted and ran_facet
        if index >= 10:
            timings.append(elapsed)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], faceted


def wagtail_hit_counts(alias):
    from heritage_archive.records.heritage.models import HeritageItemPage

    return {
        query: HeritageItemPage.objects.live().search(query, backend=alias).count()
        for query in HIT_COUNT_QUERIES
    }


def measure_wagtail(page_count, query_count, elasticsearch_url):
    """Rows for Wagtail's backends and the hit counts of each, or why a backend did not run."""
    from django.test import override_settings

    rows, hits, notes = [], {}, []
    with override_settings(WAGTAILSEARCH_BACKENDS=wagtail_search_backends(elasticsearch_url)):
        delete_wagtail_pages()
        records = list(generate_records(page_count))
        print(f"Creating {page_count} live HeritageItemPages under 项目名录…", flush=True)
        started = time.perf_counter()
        create_wagtail_pages(records)
        seconds = time.perf_counter() - started
        notes.append(
            f"page creation: {page_count} HeritageItemPages in {seconds:.1f} s "
            f"({page_count / seconds:.0f} pages/s; one transaction, treebeard paths "
            f"computed as add_child does, no revisions)"
        )
        aliases = [
            ("wagtail ours", "default"),
            ("wagtail stock", "stock"),
            ("wagtail es8", "elasticsearch"),
        ]
        for label, alias in aliases:
            if alias == "elasticsearch" and not elasticsearch_url:
                rows.append((label, "not runnable: ELASTICSEARCH_URL is not set"))
                continue
            print(f"Wagtail backend {alias!r}: update_index and queries…", flush=True)
            try:
                indexed, seconds = time_update_index(alias)
                check_wagtail_index(alias, page_count)
                p50, p95, faceted = measure_wagtail_queries(query_count, alias)
                hits[label] = wagtail_hit_counts(alias)
            except Exception as error:  # noqa: BLE001 - the table says why it did not run
                reason = " ".join(f"{type(error).__name__}: {error}".split())[:160]
                rows.append((label, f"not runnable: {reason}"))
                continue
            rows.append((label, indexed / seconds, p50, p95))
            if not faceted:
                notes.append(f"{label}: no .facet() in this backend; search timed alone")
            notes.append(f"{label}: update_index indexed {indexed} objects in {seconds:.1f} s")
    return rows, hits, notes


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument(
        "--wagtail-pages",
        type=int,
        default=10_000,
        help="real pages for Wagtail's built-in search (0 skips it)",
    )
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    # The benchmark's documents go to indices of their own, never the site's.
    settings.SEARCH_INDEX_PREFIX = "bench"

    print("load average at start: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()), flush=True)
    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    print(
        f"Generating {args.records} search documents directly (not Wagtail pages) "
        f"on {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}…",
        flush=True,
    )
    started = time.perf_counter()
    records = list(generate_records(args.records))
    generate_seconds = time.perf_counter() - started

    rows = []
    clear_table()
    started = time.perf_counter()
    write_table(records)
    table_rate = args.records / (time.perf_counter() - started)
    rows.append(("database", table_rate, *measure_queries(args.queries, "")))
    hits = {"database": search_hit_counts("")}

    url = settings.ELASTICSEARCH_URL
    if url:
        from search.backends import elasticsearch as es

        client = es.get_client()
        index = es.new_index_name()
        es.create_index(client, index, building=True)
        started = time.perf_counter()
        es.bulk_index(records, index=index, client=client)
        es.finish_index(client, index)
        es_rate = args.records / (time.perf_counter() - started)
        es.swap_alias(client, index)
        rows.append(("elasticsearch", es_rate, *measure_queries(args.queries, url)))
        hits["elasticsearch"] = search_hit_counts(url)
    else:
        print("ELASTICSEARCH_URL is not set: Elasticsearch not measured.")

    notes = []
    if args.wagtail_pages > 0:
        wagtail_rows, wagtail_hits, notes = measure_wagtail(args.wagtail_pages, args.queries, url)
        rows += wagtail_rows
        hits.update(wagtail_hits)

    print(f"\nrecords: {args.records}  queries per backend: {args.queries}  "
          f"(document generation: {args.records / generate_seconds:.0f} records/s)")  # fmt: skip
    print(
        f"data: {args.records} search documents of every type generated directly (seeded, "
        "Chinese titles and summaries from a fixed word list, every facet)"
    )
    if args.wagtail_pages > 0:
        print(
            f"Wagtail's backends: {args.wagtail_pages} real live HeritageItemPages made from "
            "the first of the same generated texts, queried with the same query mix (q, level "
            "and region filters, sort) through HeritageItemPage.objects.live().search() "
            "plus .facet('category')"
        )
    print(f"{'backend':<15}{'bulk index rec/s':>18}{'p50 ms':>10}{'p95 ms':>10}")
    for name, *measures in rows:
        if len(measures) == 1:
            print(f"{name:<15}{measures[0]}")
            continue
        rate, p50, p95 = measures
        print(f"{name:<15}{rate:>18.0f}{p50:>10.1f}{p95:>10.1f}")
    for note in notes:
        print(note)
    if args.wagtail_pages > 0:
        print(
            "note: pages also index search_text (ChineseSearchableMixin: unigrams, bigrams, "
            "pinyin), so even Wagtail's stock backends find 1- and 2-character words; "
            "3-character words and traditional-character queries show what they miss"
        )
    print(
        "hits (ours: every record type; Wagtail's: HeritageItemPages from the same texts, "
        "so the counts compare directly when --records equals --wagtail-pages):"
    )
    print(f"{'backend':<15}" + "".join(f"{query:>10}" for query in HIT_COUNT_QUERIES))
    for name, counts in hits.items():
        print(f"{name:<15}" + "".join(f"{counts[query]:>10}" for query in HIT_COUNT_QUERIES))
    print("load average at end: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
