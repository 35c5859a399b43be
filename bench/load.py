"""Load benchmark: visitors and researchers against gunicorn on loopback.

Run everything (both search backends, 50 users for 60 s each):

    .venv/bin/python bench/load.py [--users 50] [--seconds 60] [--backend both|database|elasticsearch]

The script builds a throwaway SQLite site with the demo content (cached in
.cache/bench/), starts gunicorn with the production settings minus rate limits
(heritage_archive.settings.bench), runs this same file as a headless locustfile
and prints requests/s and p50/p95/p99 per mix and per kind of request. With
--backend elasticsearch (or both) it needs a node at ELASTICSEARCH_URL
(default http://127.0.0.1:9200) and indexes into its own "bench" alias.

Open-loop mode (--open-loop) measures capacity instead of an offered load:
requests arrive at a fixed rate whatever the server's speed (a closed loop of
users waits for each answer and so slows down with the server), the rate is
stepped up (--start-rate, --step, --max-rate, --step-seconds) until the p95
of a step passes 300 ms or a request fails, and the highest rate held is
reported, for the visitor mix and the researcher mix separately. Latency is
counted from the moment a request was due, so a queue in the client counts
against the server as it would for real visitors. With --target URL it
measures a server that is already running on loopback (with or without the
page cache, on SQLite or PostgreSQL, as that server is configured); without
it, it starts gunicorn on the demo site as above:

    .venv/bin/python bench/load.py --open-loop [--mix both|visitor|researcher]
        [--target http://127.0.0.1:8610] [--start-rate 10] [--step 10] [--max-rate 400]

Only page, search and export requests are made: static files are a web
server's job in production, so they are not requested. Every request carries
X-Forwarded-Proto: https, as it would behind the TLS proxy, so the production
SSL redirect does not answer it.
"""

import json
import os
import random
import re
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from locust import HttpUser, between, events, task

HEADERS = {"X-Forwarded-Proto": "https"}
INDEX_PAGES = [
    "/",
    "/feiyi/",
    "/feiyi/xiangmu/",
    "/feiyi/chuanchengren/",
    "/xinxi/",
    "/xinxi/ancizhiyun/mingrenlu/",
    "/yishu/",
    "/peixun/",
    "/huodong/",
    "/zongfenguan/",
    "/gaikuang/",
]
# Chinese words, traditional forms, pinyin and initials found in the demo content.
QUERIES = [
    "京剧",
    "快板",
    "剪纸",
    "高跷",
    "吹歌",
    "花会",
    "传承",
    "技艺",
    "民间",
    "评剧",
    "傳統",
    "kuaiban",
    "jingju",
    "kb",
    "jianzhi",
    "安次",
    "",
]
SEARCH_KINDS = {"search", "api search", "export csv", "export json"}
_discovered = {}
_samples = []


def site_from(api, gallery_index):
    """Record paths by kind and facet values, from a search API answer and the gallery index.

    The API gives absolute URLs (scheme, host and port of the Site); the load
    requests the path on the server under test.
    """
    pages = {"heritage item": [], "article": [], "gallery": [], "other record": []}
    for result in api["results"]:
        kind = {"heritage": "heritage item", "article": "article"}.get(
            result["type"], "other record"
        )
        if result["url"]:
            pages[kind].append(urlsplit(result["url"]).path)
    pages["gallery"] = sorted(set(re.findall(r'href="(/yishu/[^"#?]+/)"', gallery_index)))
    facets = {
        facet: [entry["value"] for entry in values if entry["count"]]
        for facet, values in api["facets"].items()
    }
    return {"pages": pages, "facets": facets}


def discover(client):
    """Page paths and facet values, read from the site once per locust process."""
    if _discovered:
        return _discovered
    api = client.get("/api/search/?page_size=100", headers=HEADERS, name="discovery").json()
    gallery_index = client.get("/yishu/", headers=HEADERS, name="discovery").text
    _discovered.update(site_from(api, gallery_index))
    return _discovered


class ArchiveUser(HttpUser):
    abstract = True
    wait_time = between(0.5, 2)

    def on_start(self):
        self.site = discover(self.client)

    def visit(self, url, kind):
        with self.client.get(
            url, headers=HEADERS, name=f"{self.mix}: {kind}", catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code} {response.error or ''}".strip())
            else:
                response.success()


class Visitor(ArchiveUser):
    """Reads the site: home, section indexes, records, galleries, articles."""

    mix = "visitor"
    weight = 3

    @task(2)
    def home(self):
        self.visit("/", "home")

    @task(3)
    def section_index(self):
        self.visit(random.choice(INDEX_PAGES[1:]), "section index")

    @task(4)
    def heritage_item(self):
        self.visit_one_of("heritage item")

    @task(2)
    def gallery(self):
        self.visit_one_of("gallery")

    @task(2)
    def article(self):
        self.visit_one_of("article")

    @task(1)
    def other_record(self):
        self.visit_one_of("other record")

    def visit_one_of(self, kind):
        urls = self.site["pages"][kind] or ["/"]
        self.visit(random.choice(urls), kind)


class Researcher(ArchiveUser):
    """Searches with random facet combinations, Chinese and pinyin, and exports."""

    mix = "researcher"
    weight = 2

    def random_params(self):
        params = [("q", random.choice(QUERIES))]
        facets = self.site["facets"]
        for facet in random.sample(sorted(facets), k=min(len(facets), random.randint(0, 3))):
            if facets[facet]:
                for value in random.sample(facets[facet], k=min(2, len(facets[facet]))):
                    params.append((facet, value))
        params.append(("sort", random.choice(["relevance", "newest", "title"])))
        return params

    def query(self, path, kind):
        with self.client.get(
            path,
            params=self.random_params(),
            headers=HEADERS,
            name=f"{self.mix}: {kind}",
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code} {response.error or ''}".strip())
            else:
                response.success()

    @task(4)
    def search_page(self):
        self.query("/search/", "search")

    @task(4)
    def search_api(self):
        self.query("/api/search/", "api search")

    @task(1)
    def export_csv(self):
        self.query("/api/search/export.csv", "export csv")

    @task(1)
    def export_json(self):
        self.query("/api/search/export.json", "export json")


@events.request.add_listener
def record_sample(name, response_time, exception, response, **kwargs):
    if name == "discovery":
        return
    status = getattr(response, "status_code", 0) if response is not None else 0
    _samples.append((name, response_time, exception is None, status, time.time()))


@events.quitting.add_listener
def write_samples(environment, **kwargs):
    path = os.environ.get("BENCH_SAMPLES")
    if path:
        Path(path).write_text(json.dumps(_samples))


# --- The driver: run as a script (locust imports this file as a module) ---


def percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def summarise(samples, seconds):
    """Rows per mix and per group (pages vs searches): count, rps, percentiles, errors."""
    groups = {}
    for name, response_time, ok, status, _finished in samples:
        mix, kind = name.split(": ", 1)
        group = "searches" if kind in SEARCH_KINDS else "pages"
        for key in ((mix, group), (mix, "all"), ("all", "all")):
            groups.setdefault(key, []).append((response_time, ok, status))
    rows = []
    for (mix, group), entries in sorted(groups.items()):
        times = [entry[0] for entry in entries]
        rows.append(
            {
                "mix": mix,
                "group": group,
                "requests": len(entries),
                "rps": len(entries) / seconds,
                "p50": percentile(times, 0.50),
                "p95": percentile(times, 0.95),
                "p99": percentile(times, 0.99),
                "errors": sum(1 for entry in entries if not entry[1]),
                "5xx": sum(1 for entry in entries if entry[2] >= 500 or entry[2] == 0),
            }
        )
    return rows


def targets_hold(rows):
    """Zero errors; p95 <= 300 ms for pages and <= 500 ms for searches."""
    verdicts = []
    for row in rows:
        if row["group"] == "pages":
            verdicts.append(row["errors"] == 0 and row["p95"] <= 300)
        elif row["group"] == "searches":
            verdicts.append(row["errors"] == 0 and row["p95"] <= 500)
    return all(verdicts)


def format_rows(rows):
    lines = [
        "| mix | requests | req/s | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['mix']} / {row['group']} | {row['requests']} | {row['rps']:.1f} | "
            f"{row['p50']:.0f} | {row['p95']:.0f} | {row['p99']:.0f} | {row['errors']} |"
        )
    return "\n".join(lines)


def run_backend(backend, *, users, seconds, port):
    from bench.harness import Gunicorn, demo_site, fetch_json, manage, run_locust, site_env

    workdir = Path(f"/tmp/anci-load-{backend}")
    demo_site(workdir, log=print)
    elasticsearch_url = ""
    if backend == "elasticsearch":
        elasticsearch_url = os.environ.get("ELASTICSEARCH_URL") or "http://127.0.0.1:9200"
    env = site_env(workdir, elasticsearch_url=elasticsearch_url, index_prefix="bench-load")
    if elasticsearch_url:
        manage(env, "search_reindex")
    samples_path = workdir / "samples.json"
    os.environ["BENCH_SAMPLES"] = str(samples_path)
    with Gunicorn(env, port) as server:
        print(f"{backend}: {server.config}; {users} users for {seconds} s ...", flush=True)
        api = fetch_json(server.url + "/api/search/?q=jingju")
        if api["backend"] != backend:
            raise SystemExit(f"expected backend {backend}, the site answers with {api['backend']}")
        run_locust(server.url, users=users, seconds=seconds, csv_prefix=str(workdir / "locust"))
    samples = json.loads(samples_path.read_text())
    return summarise(samples, seconds), server.config


# --- Open loop: a fixed arrival rate, stepped up (no locust: it only closes the loop) ---

OPEN_LOOP_P95_MS = 300
# More requests waiting than this and the client itself is the bottleneck:
# the step fails with "dropped" errors rather than queueing without bound.
OPEN_LOOP_MAX_IN_FLIGHT = 200
OPEN_LOOP_TIMEOUT = 10
OPEN_LOOP_MAX_STEPS = 40


def loopback_url(url):
    parts = urlsplit(url)
    if parts.scheme != "http" or parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit(f"--target must be an http URL on loopback, not {url!r}")
    return url.rstrip("/")


def open_get(url, timeout=OPEN_LOOP_TIMEOUT):
    """(status, body) of a GET; status 0 when the connection failed."""
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers=HEADERS)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""
    except OSError:
        return 0, b""


def open_discover(base):
    """What discover() finds, read with urllib."""
    status, body = open_get(base + "/api/search/?page_size=100")
    if status != 200:
        raise SystemExit(f"{base}/api/search/ answered {status}")
    _status, gallery_index = open_get(base + "/yishu/")
    return site_from(json.loads(body), gallery_index.decode("utf-8", "replace"))


def open_request(mix, site, rng):
    """(kind, path) of one request of the mix, chosen with the same weights as the users."""
    from urllib.parse import urlencode

    user_class = Visitor if mix == "visitor" else Researcher
    # Locust lists a task as many times as its weight, so a uniform choice keeps the mix.
    name = rng.choice(user_class.tasks).__name__
    if mix == "visitor":
        if name == "home":
            return "home", "/"
        if name == "section_index":
            return "section index", rng.choice(INDEX_PAGES[1:])
        kind = {"heritage_item": "heritage item"}.get(name, name.replace("_", " "))
        return kind, rng.choice(site["pages"][kind] or ["/"])
    path, kind = {
        "search_page": ("/search/", "search"),
        "search_api": ("/api/search/", "api search"),
        "export_csv": ("/api/search/export.csv", "export csv"),
        "export_json": ("/api/search/export.json", "export json"),
    }[name]
    from types import SimpleNamespace

    # The same parameters the researcher users send (random_params reads self.site only).
    params = Researcher.random_params(SimpleNamespace(site=site))
    return kind, f"{path}?{urlencode(params)}"


def open_loop_step(base, mix, site, rate, seconds, rng):
    """Offer ``rate`` requests/s for ``seconds``; return the step's row."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    samples = []
    in_flight = threading.BoundedSemaphore(OPEN_LOOP_MAX_IN_FLIGHT)
    lock = threading.Lock()

    def fire(due, path):
        try:
            status, _body = open_get(base + path)
            elapsed = (time.monotonic() - due) * 1000
            with lock:
                samples.append((elapsed, status == 200, status))
        finally:
            in_flight.release()

    total = int(rate * seconds)
    dropped = 0
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=OPEN_LOOP_MAX_IN_FLIGHT) as pool:
        for number in range(total):
            due = started + number / rate
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            _kind, path = open_request(mix, site, rng)
            if not in_flight.acquire(blocking=False):
                dropped += 1
                continue
            pool.submit(fire, due, path)
    times = [sample[0] for sample in samples]
    errors = sum(1 for sample in samples if not sample[1]) + dropped
    return {
        "rate": rate,
        "requests": total,
        "achieved": len(samples) / max(time.monotonic() - started, seconds),
        "p50": percentile(times, 0.50),
        "p95": percentile(times, 0.95),
        "p99": percentile(times, 0.99),
        "errors": errors,
        "dropped": dropped,
        # What the failures were (status 0: no answer within the timeout or refused).
        "error_statuses": sorted({sample[2] for sample in samples if not sample[1]}),
    }


def open_loop(base, mixes, *, start_rate, step, max_rate, step_seconds, seed=15):
    """{mix: (steps, highest rate held)}; a step holds with p95 <= 300 ms and no error."""
    rng = random.Random(seed)
    site = open_discover(base)
    results = {}
    for mix in mixes:
        steps, held, rate = [], 0, start_rate
        while rate <= max_rate and len(steps) < OPEN_LOOP_MAX_STEPS:
            row = open_loop_step(base, mix, site, rate, step_seconds, rng)
            row["held"] = row["errors"] == 0 and row["p95"] <= OPEN_LOOP_P95_MS
            steps.append(row)
            print(
                f"{mix} {rate} req/s: p50 {row['p50']:.0f} ms, p95 {row['p95']:.0f} ms, "
                f"errors {row['errors']} {row['error_statuses'] or ''} "
                f"-> {'held' if row['held'] else 'NOT held'}",
                flush=True,
            )
            if not row["held"]:
                break
            held = rate
            rate += step
            # Let the server drain what the last step left before the next one.
            time.sleep(2)
        results[mix] = (steps, held)
    return results


def format_open_loop(results, step_seconds):
    lines = [
        "| mix | offered req/s | requests | p50 ms | p95 ms | p99 ms | errors | held |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for mix, (steps, _held) in results.items():
        for row in steps:
            lines.append(
                f"| {mix} | {row['rate']} | {row['requests']} | {row['p50']:.0f} | "
                f"{row['p95']:.0f} | {row['p99']:.0f} | {row['errors']} | "
                f"{'yes' if row['held'] else 'no'} |"
            )
    lines.append("")
    for mix, (_steps, held) in results.items():
        lines.append(
            f"- {mix}: highest rate held {held} req/s "
            f"(steps of {step_seconds} s, p95 <= {OPEN_LOOP_P95_MS} ms, zero errors)"
        )
    return "\n".join(lines)


def run_open_loop(args):
    mixes = ["visitor", "researcher"] if args.mix == "both" else [args.mix]
    options = {
        "start_rate": args.start_rate,
        "step": args.step,
        "max_rate": args.max_rate,
        "step_seconds": args.step_seconds,
    }
    load_before = os.getloadavg()[0]
    if args.target:
        base = loopback_url(args.target)
        config = f"the server at {base}"
        results = open_loop(base, mixes, **options)
    else:
        from bench.harness import Gunicorn, demo_site, site_env

        workdir = Path("/tmp/anci-load-open")
        demo_site(workdir, log=print)
        with Gunicorn(site_env(workdir), args.port) as server:
            config = f"{server.config}, SQLite, database search backend"
            results = open_loop(server.url, mixes, **options)
    load_after = os.getloadavg()[0]
    print(f"\n## open loop — {config}\n")
    print(format_open_loop(results, args.step_seconds))
    print(f"\nload average before {load_before:.2f}, after {load_after:.2f}\n", flush=True)
    return 0


def main():
    import argparse

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--backend", choices=["both", "database", "elasticsearch"], default="both")
    parser.add_argument("--port", type=int, default=8061)
    parser.add_argument("--open-loop", action="store_true", help="fixed arrival rate, stepped up")
    parser.add_argument("--mix", choices=["both", "visitor", "researcher"], default="both")
    parser.add_argument("--target", help="a running server on loopback (default: start gunicorn)")
    parser.add_argument("--start-rate", type=int, default=10)
    parser.add_argument("--step", type=int, default=10)
    parser.add_argument("--max-rate", type=int, default=400)
    parser.add_argument("--step-seconds", type=int, default=20)
    args = parser.parse_args()
    if args.open_loop:
        if not (1 <= args.start_rate <= args.max_rate <= 2000 and args.step >= 1):
            parser.error("need 1 <= --start-rate <= --max-rate <= 2000 and --step >= 1")
        if not 1 <= args.step_seconds <= 300:
            parser.error("--step-seconds must be between 1 and 300")
        return run_open_loop(args)
    backends = ["elasticsearch", "database"] if args.backend == "both" else [args.backend]
    failed = False
    for backend in backends:
        rows, config = run_backend(backend, users=args.users, seconds=args.seconds, port=args.port)
        hold = targets_hold(rows)
        failed |= not hold
        print(f"\n## {backend} backend — {config}, {args.users} users, {args.seconds} s\n")
        print(format_rows(rows))
        print(f"\ntargets hold: {'yes' if hold else 'NO'}\n", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
