"""Search benchmark: faceted query latency through the view, and bulk indexing speed.

Usage: .venv/bin/python bench/search.py --records 10000 [--queries 200]

Creating N Wagtail pages takes far too long at these sizes, so the search
documents (and the database search table rows) are generated directly, with
Chinese text, every facet and the same tokens search.text makes for pages.
By default it uses its own SQLite file (.cache/bench-search.sqlite3) and the
index prefix "bench", so it never touches the site's data; set DATABASE_URL
to measure on PostgreSQL. Elasticsearch is measured when ELASTICSEARCH_URL is
set. Wagtail's built-in search (its Elasticsearch and database backends over
10,000 real pages) is not measured yet: see docs/benchmarks.md.
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


def generate_records(count, seed=42):
    from heritage_archive.core.choices import Category, Level
    from search.documents import record_version
    from search.text import (
        fold_project_number,
        index_tokens,
        normalize,
        pinyin_sort_key,
        pinyin_tokens,
    )

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
            "pinyin": " ".join(pinyin_tokens(title)),
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


def write_table(records):
    """Write the database search table and its token index as the worker does, in bulk."""
    from search.backends.database import save_records
    from search.models import SearchRecord

    SearchRecord.objects.all().delete()
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
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
    started = time.perf_counter()
    write_table(records)
    table_rate = args.records / (time.perf_counter() - started)
    rows.append(("database", table_rate, *measure_queries(args.queries, "")))

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
    else:
        print("ELASTICSEARCH_URL is not set: Elasticsearch not measured.")

    print(f"\nrecords: {args.records}  queries per backend: {args.queries}  "
          f"(document generation: {args.records / generate_seconds:.0f} records/s)")  # fmt: skip
    print(f"{'backend':<15}{'bulk index rec/s':>18}{'p50 ms':>10}{'p95 ms':>10}")
    for name, rate, p50, p95 in rows:
        print(f"{name:<15}{rate:>18.0f}{p50:>10.1f}{p95:>10.1f}")
    print("load average at end: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
