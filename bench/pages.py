"""Page benchmark: p50/p95 time per page type on the demo content under gunicorn.

Usage: .venv/bin/python bench/pages.py [--requests 200] [--workers 2] [--keep DIR]
       [--cached [--redis-url redis://127.0.0.1:6379/N]]

It builds a throwaway site in a temporary folder (SQLite database, media and
collected static files; `migrate` then `load_demo_content`, which makes every
rendition on upload), starts gunicorn on a free loopback port with the
production settings (heritage_archive.settings.bench: production without the
per-IP rate limits), and requests each page type N times over one keep-alive
connection (http.client). The time reported is the client's wall time per
request on loopback, from sending the request to reading the whole body: the
server's time plus a loopback round trip (tens of microseconds). There is no
cache in front of Django, and by default the page cache is off (PAGE_CACHE=0).
With --cached it is on (PAGE_CACHE=1, kept in the Redis of --redis-url, which
defaults to $REDIS_URL; the database number should be one nobody else uses):
every measured answer must then come from it (`X-Page-Cache: HIT`), so the
table is the cached p50. `X-Forwarded-Proto: https` is sent because the
production settings redirect plain HTTP to HTTPS.
"""

import argparse
import http.client
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST = "127.0.0.1"

# Page types and how to find one page of each on the demo site: a fixed URL,
# or the first live page of a model (found through the Django shell).
PAGE_TYPES = [
    ("首页 home", "/"),
    ("非遗项目 heritage item", "heritage.HeritageItemPage"),
    ("项目名录 heritage index", "/feiyi/xiangmu/"),
    ("传承人 inheritor", "inheritors.InheritorPage"),
    ("传承人名录 inheritor index", "/feiyi/chuanchengren/"),
    ("名人 figure", "figures.FigurePage"),
    ("文章 article", "news.ArticlePage"),
    ("新闻栏目 news channel", "/xinxi/guanwudongtai/"),
    ("图集 gallery", "galleries.GalleryPage"),
    ("艺术欣赏 gallery index", "/yishu/"),
    ("活动 event", "events.EventPage"),
    ("活动开展 event index", "/huodong/"),
    ("分馆 branch", "branches.BranchPage"),
    ("总分馆 branch index", "/zongfenguan/"),
]

FIND_URLS = """
from django.apps import apps
import json, sys
urls = {}
for label in sys.argv[1:]:
    model = apps.get_model(label)
    page = model.objects.live().public().order_by("path").first()
    urls[label] = page.url if page else None
print(json.dumps(urls))
"""


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def environment(workdir, redis_url=None):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="heritage_archive.settings.bench",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS=HOST,
        DATABASE_URL=f"sqlite:///{workdir / 'bench-pages.sqlite3'}",
        MEDIA_ROOT=str(workdir / "media"),
        STATIC_ROOT=str(workdir / "static"),
        PYTHONPATH=str(BASE_DIR),
    )
    env.pop("ELASTICSEARCH_URL", None)
    if redis_url:
        env.update(PAGE_CACHE="1", PAGE_CACHE_SECONDS="3600", REDIS_URL=redis_url)
    else:
        env["PAGE_CACHE"] = "0"
    return env


def manage(env, *args):
    subprocess.run(
        [PYTHON, str(BASE_DIR / "manage.py"), *args],
        cwd=BASE_DIR, env=env, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip


def build_site(env):
    started = time.perf_counter()
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "load_demo_content")
    print(f"site built in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def page_urls(env):
    import json

    labels = [target for _name, target in PAGE_TYPES if not target.startswith("/")]
    output = subprocess.run(
        [PYTHON, "-c", "import django; django.setup()\n" + FIND_URLS, *labels],
        cwd=BASE_DIR, env=env, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    found = json.loads(output.strip().splitlines()[-1])
    urls = []
    for name, target in PAGE_TYPES:
        url = target if target.startswith("/") else found.get(target)
        if url:
            urls.append((name, urlsplit(url).path))
        else:
            print(f"no page of type {target}; skipped", file=sys.stderr)
    return urls


def start_gunicorn(env, port, workers):
    process = subprocess.Popen(
        [
            PYTHON, "-m", "gunicorn", "heritage_archive.wsgi:application",
            "--bind", f"{HOST}:{port}", "--workers", str(workers),
            "--worker-class", "sync", "--keep-alive", "30", "--log-level", "warning",
        ],
        cwd=BASE_DIR, env=env,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("gunicorn did not start")


class Client:
    """One keep-alive connection; reconnects if the server closes it."""

    headers = {"Host": HOST, "X-Forwarded-Proto": "https", "Connection": "keep-alive"}

    def __init__(self, port):
        self.port = port
        self.connection = http.client.HTTPConnection(HOST, port, timeout=30)

    def get(self, path):
        for attempt in range(2):
            try:
                started = time.perf_counter()
                self.connection.request("GET", path, headers=self.headers)
                response = self.connection.getresponse()
                body = response.read()
                elapsed = time.perf_counter() - started
                self.last_cache_status = response.getheader("X-Page-Cache", "")
                if response.getheader("Connection", "").lower() == "close":
                    self.connection.close()
                return response.status, body, elapsed
            except (http.client.HTTPException, ConnectionError):
                self.connection.close()
                self.connection = http.client.HTTPConnection(HOST, self.port, timeout=30)
                if attempt:
                    raise
        raise AssertionError("unreachable")


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def measure(client, urls, requests_per_page, warmup, cached=False):
    results = []
    for name, path in urls:
        for _ in range(warmup):
            status, _body, _elapsed = client.get(path)
            if status != 200:
                raise SystemExit(f"{path} answered {status}")
        times = []
        size = 0
        for _ in range(requests_per_page):
            status, body, elapsed = client.get(path)
            if status != 200:
                raise SystemExit(f"{path} answered {status}")
            if cached and client.last_cache_status != "HIT":
                raise SystemExit(f"{path} was not answered from the page cache")
            times.append(elapsed * 1000)
            size = len(body)
        results.append((name, path, times, size))
    return results


def print_table(results, requests_per_page, workers, cached=False):
    cache = "page cache on, every answer a hit" if cached else "page cache off"
    print(f"\n{requests_per_page} requests per page type, gunicorn sync workers: {workers}; "
          f"{cache}; client wall time per request on loopback (ms)\n")  # fmt: skip
    print("| page type | URL | p50 ms | p95 ms | mean ms | KiB |")
    print("|---|---|---:|---:|---:|---:|")
    for name, path, times, size in results:
        print(
            f"| {name} | `{path}` | {statistics.median(times):.1f} | "
            f"{percentile(times, 0.95):.1f} | {statistics.fmean(times):.1f} | {size / 1024:.0f} |"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="requests per page type")
    parser.add_argument("--warmup", type=int, default=10, help="unmeasured requests first")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--keep", help="build the site in this folder and keep it")
    parser.add_argument("--cached", action="store_true", help="measure with the page cache on")
    parser.add_argument(
        "--redis-url", default=os.environ.get("REDIS_URL", ""), help="Redis for --cached"
    )
    options = parser.parse_args()
    if options.cached and not options.redis_url:
        parser.error("--cached needs Redis: --redis-url or REDIS_URL")

    workdir = Path(options.keep or tempfile.mkdtemp(prefix="anci-bench-pages-"))
    workdir.mkdir(parents=True, exist_ok=True)
    env = environment(workdir, options.redis_url if options.cached else None)
    server = None
    try:
        if not (workdir / "bench-pages.sqlite3").exists():
            build_site(env)
        urls = page_urls(env)
        port = free_port()
        server = start_gunicorn(env, port, options.workers)
        results = measure(Client(port), urls, options.requests, options.warmup, options.cached)
        print_table(results, options.requests, options.workers, options.cached)
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        if not options.keep:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
