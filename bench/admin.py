"""Admin benchmark: the editor's views on a generated site of many heritage items.

Usage: .venv/bin/python bench/admin.py [--records 10000] [--requests 20] [--keep DIR]
                                       [--database-url postgres://...]

It builds a throwaway site (SQLite in a temporary folder unless
--database-url names an empty database), with the production settings minus
rate limits (heritage_archive.settings.bench) and no Elasticsearch, so the
admin search answers from the database token index. The records are written
in bulk, outside any test: page rows with their tree paths computed here,
the item rows, one listing each, and the token table rebuilt once with
search.reindex. One item, made the ordinary way (revision, publish), links
three others; its edit form is the one measured.

Each admin view is requested N times in-process through Django's test client
as a superuser (no HTTP server, so the time is Django's own: middleware, view,
template), after one warm-up request. Printed: p50 and p95 per view, the size
of the edit form's HTML, queries per view, and the load average before and
after (a busy machine makes every number worse; say so with the results).
Targets (issue 14, idle machine, p50): edit form <= 300 ms, admin search <=
200 ms, listing and explorer <= 150 ms, edit form <= 300 KB.
"""

import argparse
import os
import secrets
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

TARGETS_MS = {
    "edit form": 300,
    "admin search 京剧": 200,
    "listing 非遗项目": 150,
    "explorer 项目名录": 150,
}
TARGET_FORM_BYTES = 300 * 1024
TITLES = ["京剧", "评剧", "剪纸", "快板", "花会", "高跷", "大鼓", "皮影", "武术", "风筝"]
BATCH = 1000


def configure(workdir, database_url):
    os.environ.update(
        DJANGO_SETTINGS_MODULE="heritage_archive.settings.bench",
        SECRET_KEY=os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(48),
        DATABASE_URL=database_url or f"sqlite:///{workdir / 'db.sqlite3'}",
        MEDIA_ROOT=str(workdir / "media"),
        STATIC_ROOT=str(workdir / "static"),
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        ELASTICSEARCH_URL="",
        SEARCH_INDEX_PREFIX="bench-admin",
    )
    import django

    django.setup()


def generate(records, log):
    """``records`` heritage items under 项目名录, in bulk; returns (index, probe item)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Page

    from heritage_archive.core.choices import Category, Level
    from heritage_archive.core.models import Region
    from heritage_archive.core.site_tree import ensure_site_tree
    from heritage_archive.core.text import fold_project_number
    from heritage_archive.records.heritage.models import HeritageItemPage, HeritageListing

    tree = ensure_site_tree()
    index = tree["heritage_items"]
    region = Region.objects.get_or_create(name="落垡镇")[0]
    content_type = ContentType.objects.get_for_model(HeritageItemPage)
    categories = list(Category.values)
    now = timezone.now()
    started = time.monotonic()
    with transaction.atomic():
        first = index.numchild
        for batch_start in range(0, records, BATCH):
            numbers = range(batch_start, min(batch_start + BATCH, records))
            bases = []
            for i in numbers:
                title = f"{TITLES[i % len(TITLES)]}{i}号"
                slug = f"gen-{i}"
                bases.append(
                    Page(
                        title=title,
                        draft_title=title,
                        slug=slug,
                        content_type=content_type,
                        path=Page._get_path(index.path, index.depth + 1, first + i + 1),
                        depth=index.depth + 1,
                        numchild=0,
                        url_path=f"{index.url_path}{slug}/",
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=now,
                        last_published_at=now,
                        locale_id=index.locale_id,
                        translation_key=uuid.uuid4(),
                    )
                )
            Page.objects.bulk_create(bases)
            listings = []
            for i, base in zip(numbers, bases, strict=True):
                key = f"安次-Ⅶ-{i + 1}"
                item = HeritageItemPage(
                    page_ptr=base,
                    key=key,
                    key_folded=fold_project_number(key),
                    category=categories[i % len(categories)],
                    region=region,
                    summary=f"{base.title}的简介，第{i}条生成记录。",
                    protection_unit="安次区文化馆",
                    level=Level.COUNTY,
                    level_year=2009,
                )
                # The page row exists: insert only the item's own table (no
                # save(), no signals: the token table is rebuilt once below).
                item._save_table(raw=True, cls=HeritageItemPage, force_insert=True)
                listings.append(
                    HeritageListing(page_id=base.pk, level=Level.COUNTY, year=2009, sort_order=0)
                )
            HeritageListing.objects.bulk_create(listings)
            log(f"  {batch_start + len(numbers)} items")
        Page.objects.filter(pk=index.pk).update(numchild=first + records)
    log(f"generated {records} items in {time.monotonic() - started:.0f} s")

    index.refresh_from_db()
    probe = HeritageItemPage(
        title="安次京剧（测量用）",
        slug="probe",
        key="Ⅳ-9999",
        category=Category.TRADITIONAL_DRAMA,
        region=region,
    )
    probe.listings.add(HeritageListing(level=Level.COUNTY, year=2009))
    index.add_child(instance=probe)
    probe.related_items.set(HeritageItemPage.objects.exclude(pk=probe.pk)[:3])
    probe.save_revision().publish()

    from search.reindex import build_all_records, rebuild_database_table

    started = time.monotonic()
    rebuild_database_table(build_all_records())
    log(f"token table rebuilt in {time.monotonic() - started:.0f} s")
    return index, probe


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def measure(urls, requests, user):
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    rows = []
    for name, url in urls.items():
        response = client.get(url, secure=True)
        assert response.status_code == 200, (name, response.status_code)
        size = len(response.content)
        # Counted by a wrapper: Django empties its query log at every request.
        queries = QueryCounter()
        with connection.execute_wrapper(queries):
            client.get(url, secure=True)
        times = []
        for _ in range(requests):
            started = time.perf_counter()
            client.get(url, secure=True)
            times.append((time.perf_counter() - started) * 1000)
        p50 = statistics.median(times)
        p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]
        rows.append((name, p50, p95, queries.count, size))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=10000)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--keep", help="build the site in this folder and keep it")
    args = parser.parse_args()
    if not 1 <= args.records <= 200000 or not 1 <= args.requests <= 1000:
        parser.error("--records 1..200000, --requests 1..1000")

    workdir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-admin-"))
    workdir.mkdir(parents=True, exist_ok=True)
    load_before = os.getloadavg()
    try:
        configure(workdir, args.database_url)
        from django.contrib.auth import get_user_model
        from django.core.management import call_command
        from django.urls import reverse

        print(f"site in {workdir}; migrating ...", flush=True)
        call_command("migrate", "--noinput", verbosity=0)
        call_command("collectstatic", "--noinput", verbosity=0)
        index, probe = generate(args.records, lambda message: print(message, flush=True))
        user = get_user_model().objects.create_superuser(
            "bench", "bench@example.com", secrets.token_urlsafe(16)
        )
        urls = {
            "edit form": reverse("wagtailadmin_pages:edit", args=[probe.pk]),
            "admin search 京剧": reverse("wagtailadmin_pages:search") + "?q=京剧",
            "listing 非遗项目": reverse("heritage_items:index"),
            "explorer 项目名录": reverse("wagtailadmin_explore", args=[index.pk]),
        }
        rows = measure(urls, args.requests, user)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    load_after = os.getloadavg()

    print(f"\n{args.records} heritage items, {args.requests} requests per view")
    print(f"{'view':<20} {'p50 ms':>8} {'p95 ms':>8} {'target':>8} {'queries':>8} {'KB':>8}")
    for name, p50, p95, queries, size in rows:
        print(
            f"{name:<20} {p50:8.0f} {p95:8.0f} {TARGETS_MS[name]:8d} {queries:8d} "
            f"{size / 1024:8.0f}"
        )
    edit_size = rows[0][4]
    print(f"edit form size {edit_size / 1024:.0f} KB (target {TARGET_FORM_BYTES // 1024} KB)")
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*load_before))
    print("load average after:  {:.2f} {:.2f} {:.2f}".format(*load_after))


if __name__ == "__main__":
    main()
