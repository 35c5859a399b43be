"""Where an uncached page's time goes: a profile per page type, in-process.

Usage: .venv/bin/python bench/profile_pages.py [--requests 50] [--path /feiyi/xiangmu/ ...]

It copies the demo site bench/load.py builds (cached in .cache/bench/demo-site),
sets up Django with the production settings minus rate limits
(heritage_archive.settings.bench, page cache off, no Elasticsearch) and requests
each page through Django's test client N times after a warm-up, under cProfile.
Printed per page: milliseconds per request (profiled, so slower than
bench/pages.py's figures, but in the same proportions), the profile's own time
grouped by where the code lives (Django's templates, Wagtail, the project,
the database driver, ...), then the functions with the most own time. The
group shares say why a page misses its target; bench/pages.py says by how much.
"""

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import harness  # noqa: E402

DEFAULT_PATHS = [
    "/",
    "/feiyi/xiangmu/yong-ding-he-chuan-shuo/",
    "/feiyi/xiangmu/",
    "/feiyi/chuanchengren/ccr-001/",
    "/yishu/qiaoshou-jiangxin/",
]

# Ordered: the first prefix a function's file path contains names its group.
GROUPS = [
    ("django/template", "Django templates"),
    ("wagtail/", "Wagtail"),
    ("modelsearch/", "Wagtail"),
    ("treebeard/", "Wagtail"),
    ("django/db", "Django ORM"),
    ("sqlite3", "database driver"),
    ("psycopg", "database driver"),
    ("django/", "Django (other)"),
    ("heritage_archive/", "project"),
    ("/search/", "project"),
    ("PIL/", "Pillow"),
]


def group_of(filename):
    for prefix, name in GROUPS:
        if prefix in filename:
            return name
    if filename.startswith("~") or filename.startswith("<"):
        return "Python builtins"
    return "other libraries"


def profile_path(client, path, requests):
    headers = {"HTTP_X_FORWARDED_PROTO": "https", "HTTP_HOST": "localhost"}
    for _ in range(3):
        response = client.get(path, **headers)
        if response.status_code != 200:
            return f"{path}: HTTP {response.status_code}, skipped\n"

    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for _ in range(requests):
        client.get(path, **headers)
    profiler.disable()
    per_request = (time.perf_counter() - started) * 1000 / requests

    stats = pstats.Stats(profiler)
    by_group = defaultdict(float)
    total = 0.0
    for (filename, _line, _name), (_cc, _nc, own, _cum, _callers) in stats.stats.items():
        by_group[group_of(filename)] += own
        total += own
    lines = [
        f"{path}: {per_request:.1f} ms per request profiled "
        "(queries per page: tests/pages/test_query_counts.py)",
        "  own time by group: "
        + ", ".join(
            f"{name} {share / total:.0%}"
            for name, share in sorted(by_group.items(), key=lambda item: -item[1])
            if share / total >= 0.01
        ),
        "  most own time:",
    ]
    ranked = sorted(stats.stats.items(), key=lambda item: -item[1][2])[:12]
    for (filename, line, name), (_cc, calls, own, cum, _callers) in ranked:
        short = filename.split("site-packages/")[-1].split("/work/")[-1]
        lines.append(
            f"    {own / requests * 1000:6.2f} ms own {cum / requests * 1000:7.2f} ms cum "
            f"{calls // requests:6d} calls  {short}:{line} {name}"
        )
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--path", action="append", help="a page path (repeatable)")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="anci-profile-"))
    harness.demo_site(workdir / "site", log=lambda message: print(message, file=sys.stderr))
    env = harness.site_env(workdir / "site")
    env["PAGE_CACHE"] = "0"
    env.pop("REDIS_URL", None)
    os.environ.update(env)
    os.environ.pop("REDIS_URL", None)

    import django

    django.setup()
    from django.test import Client

    print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    client = Client()
    for path in args.path or DEFAULT_PATHS:
        print(profile_path(client, path, args.requests))
    print("load average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
