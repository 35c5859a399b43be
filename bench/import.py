"""Import benchmark: import_records on a generated heritage spreadsheet, in rows/s.

    .venv/bin/python bench/import.py [--rows 10000] [--format csv|xlsx]
        [--database-url postgres://...] [--twice]

The script migrates a throwaway SQLite site once (cached in .cache/bench/),
copies it for every run, writes a heritage sheet in the import format of
docs/formats/records-csv.md (key, title, category, listings, region, tags,
protection unit, summary, body; no media, as a provincial list arrives), runs
``manage.py import_records --type heritage`` with the production settings
(heritage_archive.settings.bench) and prints the wall time, rows/s and what
the import left behind: pages, revisions, tags and search outbox rows.

With --database-url the run writes to that PostgreSQL database instead; it
must be empty of records (it is migrated first; nothing is dropped).
With --twice the same file is imported a second time: every row is unchanged,
which measures the comparison path.
"""

import argparse
import csv
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench.harness import CACHE_DIR, PYTHON, manage, site_env  # noqa: E402

CATEGORIES = [
    "民间文学",
    "传统音乐",
    "传统舞蹈",
    "传统戏剧",
    "曲艺",
    "传统美术",
    "传统技艺",
    "民俗",
]
LEVELS = ["区级", "市级", "省级"]
REGIONS = [
    "杨税务乡",
    "落垡镇",
    "码头镇",
    "葛渔城镇",
    "东沽港镇",
    "调河头乡",
    "仇庄乡",
    "光明西道街道",
]
TAGS = [
    "曲艺",
    "说唱",
    "技艺",
    "民俗",
    "花会",
    "剪纸",
    "武术",
    "戏曲",
    "音乐",
    "舞蹈",
    "庙会",
    "手工",
]
ROMAN = ["Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ", "Ⅵ", "Ⅶ", "Ⅷ", "Ⅸ", "Ⅹ"]
HEADER = [
    "key",
    "title",
    "category",
    "listings",
    "region",
    "tags",
    "protection_unit",
    "summary",
    "body",
]

COUNTS = """
import json
from taggit.models import Tag
from wagtail.models import PageLogEntry, Revision
from heritage_archive.records.heritage.models import HeritageItemPage
from search.models import IndexingOutboxEntry
print(json.dumps({
    "pages": HeritageItemPage.objects.count(),
    "live": HeritageItemPage.objects.filter(live=True).count(),
    "revisions": Revision.page_revisions.count(),
    "log entries": PageLogEntry.objects.count(),
    "tags": Tag.objects.count(),
    "outbox rows left": IndexingOutboxEntry.objects.count(),
}))
"""


def generate(path, rows):
    """A heritage sheet of ``rows`` distinct items, written row by row (nothing held)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for number in range(1, rows + 1):
            roman = ROMAN[number % len(ROMAN)]
            level = LEVELS[number % len(LEVELS)]
            year = 2006 + number % 18
            writer.writerow(
                [
                    f"{roman}-{number}",
                    f"安次传统项目{number}号",
                    CATEGORIES[number % len(CATEGORIES)],
                    f"{level}|第{number % 7 + 1}批|{year}|安政〔{year}〕{number % 90 + 1}号",
                    REGIONS[number % len(REGIONS)],
                    "、".join({TAGS[number % len(TAGS)], TAGS[(number * 7) % len(TAGS)]}),
                    f"{REGIONS[number % len(REGIONS)]}文化站",
                    f"第{number}号项目的简介。",
                    f"第{number}号项目的第一段。\n\n第二段，讲述传承脉络。",
                ]
            )
    return path


def to_xlsx(csv_path):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    with csv_path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            sheet.append(row)
    xlsx_path = csv_path.with_suffix(".xlsx")
    workbook.save(xlsx_path)
    return xlsx_path


def empty_site(workdir):
    """A migrated SQLite site without content, copied from a cached build."""
    template = CACHE_DIR / "empty-site"
    if not (template / "db.sqlite3").exists():
        print("migrating an empty site once ...", flush=True)
        building = CACHE_DIR / "empty-site.building"
        shutil.rmtree(building, ignore_errors=True)
        building.mkdir(parents=True)
        manage(site_env(building), "migrate", "--noinput", "-v0")
        shutil.rmtree(template, ignore_errors=True)
        building.rename(template)
    shutil.rmtree(workdir, ignore_errors=True)
    shutil.copytree(template, workdir)


def timed_import(env, sheet):
    """(wall seconds, CPU seconds of the import process, its last line of output)."""
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.run(
        [PYTHON, "manage.py", "import_records", "--type", "heritage", str(sheet)],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    seconds = time.perf_counter() - started
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    if process.returncode:
        raise SystemExit(f"import failed:\n{process.stdout[-2000:]}\n{process.stderr[-4000:]}")
    return seconds, cpu, process.stdout.strip().splitlines()[-1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    parser.add_argument("--database-url", help="a PostgreSQL database to write (default: SQLite)")
    parser.add_argument("--twice", action="store_true", help="import the same file again")
    args = parser.parse_args()
    if not 1 <= args.rows <= 100_000:
        parser.error("--rows must be between 1 and 100000")

    workdir = Path("/tmp/anci-import-bench")
    if args.database_url:
        shutil.rmtree(workdir, ignore_errors=True)
        workdir.mkdir(parents=True)
        env = site_env(workdir, database_url=args.database_url)
        manage(env, "migrate", "--noinput", "-v0")
    else:
        empty_site(workdir)
        env = site_env(workdir)
    # Indexing into the database table only: the import's own cost, no search node.
    env["ELASTICSEARCH_URL"] = ""
    sheet = generate(workdir / "heritage.csv", args.rows)
    if args.format == "xlsx":
        sheet = to_xlsx(sheet)
    database = "PostgreSQL" if args.database_url else "SQLite"
    load_before = os.getloadavg()
    print(
        f"{args.rows} rows ({args.format}) on {database}; load {load_before[0]:.2f} ...", flush=True
    )
    # On a shared machine the wall time mostly measures the other sessions; the
    # CPU time of the import process (Django start-up included) says what it costs.
    for label in ("first", "second") if args.twice else ("first",):
        seconds, cpu, summary = timed_import(env, sheet)
        print(
            f"{label} import: {seconds:.1f} s wall, {args.rows / seconds:.1f} rows/s; "
            f"{cpu:.1f} s CPU, {args.rows / cpu:.1f} rows per CPU second — {summary}"
        )
    counts = json.loads(manage(env, "shell", "-c", COUNTS).stdout.strip().splitlines()[-1])
    load_after = os.getloadavg()
    print(json.dumps(counts, ensure_ascii=False))
    print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
