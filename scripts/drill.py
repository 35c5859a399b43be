"""Fault drill: break Elasticsearch, PostgreSQL and the media folder under a running site.

    .venv/bin/python scripts/drill.py [--only es-import,es-load,db-restart,media-readonly,media-full]

Run as root on a machine with the Elasticsearch distribution in
.cache/elasticsearch/ (scripts/elasticsearch.sh start fetches it) and
PostgreSQL 15 installed. Each scenario prints PASSED or FAILED with what it saw;
the exit status is 1 when any failed.

The drill never touches the services others use: it starts its own
Elasticsearch node (port 9250, data in a temporary folder) and kills that one,
and creates its own PostgreSQL cluster ("drill", port 5439) and restarts that
one. The site is a copy of the demo content under gunicorn with the
production settings minus rate limits (heritage_archive.settings.bench).

  es-import       the node is killed while import_records writes 200 heritage
                  items: the import succeeds, searches fall back to the
                  database and say so; after a restart search_worker --once
                  drains the outbox and search_reconcile finds no drift.
  es-load         the node is killed during a 20-user load run: no 5xx, and
                  searches fall back.
  db-restart      PostgreSQL is stopped and started during a load run:
                  requests fail cleanly with the 500 page (no hang) only while
                  it is down, and succeed again without restarting gunicorn.
  media-readonly  MEDIA_ROOT is a read-only tmpfs: the admin upload is refused
                  with a clear message, no row and no file.
  media-full      MEDIA_ROOT is a 1 MB tmpfs and the upload is bigger: same.
"""

import argparse
import csv
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench.harness import (  # noqa: E402
    PYTHON,
    Gunicorn,
    demo_site,
    fetch_json,
    manage,
    run_locust,
    site_env,
)

ES_PORT = 9250
PG_CLUSTER = ("15", "drill")
PG_PORT = 5439
STORAGE_MESSAGE = "存储空间不足或不可写，文件未保存。"
FALLBACK_NOTICE = "全文检索服务暂时不可用"
SERVER_ERROR_PAGE = "服务器暂时出错"
WORKDIR = Path(tempfile.gettempdir()) / "anci-drill"


class Scenario:
    def __init__(self, name):
        self.name = name
        self.checks = []

    def check(self, description, ok, detail=""):
        self.checks.append((description, bool(ok), detail))
        mark = "ok  " if ok else "FAIL"
        print(f"  [{mark}] {description}{f' ({detail})' if detail else ''}", flush=True)
        return ok

    @property
    def passed(self):
        return bool(self.checks) and all(ok for _description, ok, _detail in self.checks)


# --- A private Elasticsearch node ------------------------------------------


class ElasticsearchNode:
    """A single node of the cached distribution on port 9250, ours to kill."""

    def __init__(self, root):
        versions = sorted(
            path
            for path in (BASE_DIR / ".cache" / "elasticsearch").glob("8.*/elasticsearch-8.*")
            if path.is_dir()
        )
        if not versions:
            raise RuntimeError(
                "no Elasticsearch 8 in .cache/elasticsearch; run scripts/elasticsearch.sh start once"
            )
        self.home = versions[-1]
        self.root = Path(root)
        self.pid_file = self.root / "es.pid"
        self.url = f"http://127.0.0.1:{ES_PORT}"

    def start(self):
        for folder in ("data", "logs"):
            (self.root / folder).mkdir(parents=True, exist_ok=True)
        subprocess.run(["chown", "-R", "elasticsearch:", str(self.root)], check=True)
        settings = [
            "-Ediscovery.type=single-node",
            "-Enetwork.host=127.0.0.1",
            f"-Ehttp.port={ES_PORT}",
            f"-Epath.data={self.root / 'data'}",
            f"-Epath.logs={self.root / 'logs'}",
            "-Ecluster.routing.allocation.disk.threshold_enabled=false",
        ]
        if (self.home / "modules" / "x-pack-security").is_dir():
            settings.append("-Expack.security.enabled=false")
        self.pid_file.unlink(missing_ok=True)
        subprocess.run(
            [
                "runuser", "-u", "elasticsearch", "--", "env",
                f"HOME={self.root}",
                "ES_JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64",
                "ES_JAVA_OPTS=-Xms384m -Xmx384m",
                str(self.home / "bin" / "elasticsearch"), "-d", "-p", str(self.pid_file),
                *settings,
            ],
            cwd=self.root / "logs",
            check=True,
            capture_output=True,
        )  # fmt: skip
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                health = fetch_json(self.url + "/_cluster/health?wait_for_status=yellow&timeout=5s")
                if health.get("status") in ("yellow", "green"):
                    return
            except OSError:
                pass
            time.sleep(2)
        raise RuntimeError("the drill's Elasticsearch node did not start within 180 s")

    @property
    def pid(self):
        return int(self.pid_file.read_text()) if self.pid_file.exists() else None

    def kill(self):
        """SIGKILL, as the OOM killer or a pulled plug would do it."""
        pid = self.pid
        if pid:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                return
            for _ in range(50):
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    return
                time.sleep(0.2)


# --- Load with a fault in the middle ----------------------------------------


def load_with_fault(server, workdir, fault, *, users=20, seconds=20, fault_at=7):
    """Run locust; call ``fault()`` after ``fault_at`` s; return the timed samples."""
    samples_path = workdir / f"samples-{time.monotonic_ns()}.json"
    os.environ["BENCH_SAMPLES"] = str(samples_path)
    timer = threading.Timer(fault_at, fault)
    timer.start()
    try:
        run_locust(server.url, users=users, seconds=seconds, csv_prefix=str(workdir / "drill"))
    finally:
        timer.join()
    return json.loads(samples_path.read_text())


def count_5xx(samples):
    return sum(1 for sample in samples if sample[3] >= 500 or sample[3] == 0)


# --- Scenarios --------------------------------------------------------------


def heritage_csv(path, rows=200):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["key", "title", "category", "listings", "summary", "tags"])
        for number in range(1, rows + 1):
            writer.writerow(
                [
                    f"演练-{number}",
                    f"演练项目第{number}号",
                    "传统音乐",
                    "区级|第一批|2009|",
                    f"故障演练导入的第{number}条非遗项目。",
                    "演练、导入",
                ]
            )


def imported_count(database):
    # The importer holds the write lock while it commits; wait for it.
    with sqlite3.connect(database, timeout=60) as connection:
        return connection.execute(
            "SELECT count(*) FROM wagtailcore_page WHERE title LIKE '演练项目第%'"
        ).fetchone()[0]


def search_says_fallback(server):
    api = fetch_json(server.url + "/api/search/?q=jingju")
    page = _get_text(server.url + "/search/?q=%E4%BA%AC%E5%89%A7")
    return api["backend"] == "database", FALLBACK_NOTICE in page


def _get_text(url, timeout=15):
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read().decode()
    except urllib.error.HTTPError as error:
        return error.read().decode()


def elasticsearch_scenarios(selected, results):
    workdir = WORKDIR / "es"
    demo_site(workdir / "site")
    node = ElasticsearchNode(workdir / "node")
    print("starting the drill's own Elasticsearch node ...", flush=True)
    node.start()
    env = site_env(workdir / "site", elasticsearch_url=node.url, index_prefix="drill")
    manage(env, "search_reindex")
    try:
        with Gunicorn(env, 8071) as server:
            if "es-load" in selected:
                scenario = Scenario("es-load: Elasticsearch killed during a load run")
                results.append(scenario)
                scenario.check(
                    "searches use Elasticsearch before the fault",
                    fetch_json(server.url + "/api/search/?q=jingju")["backend"] == "elasticsearch",
                )
                samples = load_with_fault(server, workdir, node.kill)
                scenario.check("no 5xx during the run", count_5xx(samples) == 0,
                               f"{len(samples)} requests, {count_5xx(samples)} 5xx")  # fmt: skip
                api_fallback, page_notice = search_says_fallback(server)
                scenario.check('/api/search/ answers with backend "database"', api_fallback)
                scenario.check("/search/ shows the fallback notice", page_notice)
                print("restarting the node ...", flush=True)
                node.start()
            if "es-import" in selected:
                es_import(server, env, node, workdir, results)
    finally:
        node.kill()


def es_import(server, env, node, workdir, results):
    scenario = Scenario("es-import: Elasticsearch killed during a bulk import")
    results.append(scenario)
    source = workdir / "drill-heritage.csv"
    heritage_csv(source)
    database = Path(env["DATABASE_URL"].removeprefix("sqlite:///"))
    before = imported_count(database)
    importer = subprocess.Popen(
        [PYTHON, "manage.py", "import_records", "--type", "heritage", str(source)],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    # import_records writes every row in one transaction, so progress is not
    # visible from outside; the node dies a few seconds in, while rows are
    # being written, and the rows' indexing all happens with the node down.
    killed_at = None
    started = time.monotonic()
    try:
        while importer.poll() is None:
            if killed_at is None and time.monotonic() - started >= 4:
                node.kill()
                killed_at = imported_count(database) - before
            time.sleep(0.5)
    finally:
        # A drill that fails here must not leave the import running behind it.
        if importer.poll() is None:
            importer.kill()
    output = importer.stdout.read()
    if killed_at is None:
        scenario.check("the node was killed mid-import", False, "import finished first")
        node.kill()
    else:
        scenario.check(
            "the node was killed mid-import",
            True,
            f"4 s in, {killed_at} of 200 rows committed at that moment",
        )
    scenario.check("import_records succeeded", importer.returncode == 0, output.strip()[-200:])
    scenario.check("all 200 items saved", imported_count(database) - before == 200,
                   f"{imported_count(database) - before} saved")  # fmt: skip
    api_fallback, page_notice = search_says_fallback(server)
    scenario.check('/api/search/ answers with backend "database"', api_fallback)
    scenario.check("/search/ shows the fallback notice", page_notice)
    found = fetch_json(server.url + "/api/search/?q=%E6%BC%94%E7%BB%83%E9%A1%B9%E7%9B%AE")
    scenario.check("the database fallback finds the imported items", found["total"] >= 200,
                   f"{found['total']} found")  # fmt: skip
    print("restarting the node ...", flush=True)
    node.start()
    worker = manage(env, "search_worker", "--once", check=False)
    scenario.check("search_worker --once drains the outbox", worker.returncode == 0,
                   worker.stdout.strip().splitlines()[-1] if worker.stdout.strip() else worker.stderr[-200:])  # fmt: skip
    reconcile = manage(env, "search_reconcile", check=False)
    scenario.check("search_reconcile finds zero drift", reconcile.returncode == 0,
                   (reconcile.stdout + reconcile.stderr).strip()[-200:])  # fmt: skip
    found = fetch_json(server.url + "/api/search/?q=%E6%BC%94%E7%BB%83%E9%A1%B9%E7%9B%AE")
    scenario.check("Elasticsearch answers again and finds all 200",
                   found["backend"] == "elasticsearch" and found["total"] >= 200,
                   f"backend {found['backend']}, {found['total']} found")  # fmt: skip


def pg(*args):
    return subprocess.run(["pg_ctlcluster", *PG_CLUSTER, *args], capture_output=True, text=True)


def database_restart(results):
    scenario = Scenario("db-restart: PostgreSQL stopped and started during a load run")
    results.append(scenario)
    workdir = WORKDIR / "pg"
    shutil.rmtree(workdir, ignore_errors=True)
    (workdir / "media").mkdir(parents=True)
    subprocess.run(["pg_dropcluster", "--stop", *PG_CLUSTER], capture_output=True)
    subprocess.run(
        ["pg_createcluster", "-p", str(PG_PORT), *PG_CLUSTER], check=True, capture_output=True
    )
    pg("start")
    for statement in (
        "CREATE ROLE anci LOGIN CREATEDB PASSWORD 'anci'",
        "CREATE DATABASE drill OWNER anci",
    ):
        subprocess.run(
            ["runuser", "-u", "postgres", "--", "psql", "-p", str(PG_PORT), "-q", "-c", statement],
            check=True,
            capture_output=True,
        )
    env = site_env(workdir, database_url=f"postgres://anci:anci@127.0.0.1:{PG_PORT}/drill")
    try:
        print("migrating a PostgreSQL site ...", flush=True)
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "setup_site")
        source = workdir / "items.csv"
        heritage_csv(source, rows=20)
        manage(env, "import_records", "--type", "heritage", str(source))
        manage(env, "collectstatic", "--noinput", "-v0")
        with Gunicorn(env, 8072) as server:
            window = {}

            def restart():
                window["start"] = time.time()
                pg("stop", "-m", "fast")
                window["stopped"] = True
                # While it is down: a page must answer quickly with the 500 page.
                began = time.monotonic()
                status = _status_and_text(server.url + "/feiyi/xiangmu/")
                window["down_answer"] = (status, time.monotonic() - began)
                time.sleep(3)
                pg("start")
                window["end"] = time.time()

            samples = load_with_fault(server, workdir, restart, seconds=25, fault_at=8)
            after_status, _text = _status_and_text(server.url + "/feiyi/xiangmu/")
        status_text, seconds_taken = window["down_answer"]
        scenario.check(
            "while down, a page answers at once with the static 500 page",
            status_text[0] == 500 and SERVER_ERROR_PAGE in status_text[1] and seconds_taken < 10,
            f"HTTP {status_text[0]} in {seconds_taken:.1f} s",
        )
        grace = 5
        outside = [
            sample for sample in samples
            if (sample[3] >= 500 or sample[3] == 0)
            and not window["start"] - 1 <= sample[4] <= window["end"] + grace
        ]  # fmt: skip
        scenario.check("5xx only while the database was down", not outside,
                       f"{count_5xx(samples)} 5xx in the window, {len(outside)} outside, {len(samples)} requests")  # fmt: skip
        slowest = max((sample[1] for sample in samples), default=0) / 1000
        scenario.check("no request hung", slowest < 30, f"slowest {slowest:.1f} s")
        scenario.check("pages answer again without restarting gunicorn", after_status == 200)
    finally:
        subprocess.run(["pg_dropcluster", "--stop", *PG_CLUSTER], capture_output=True)


def _status_and_text(url):
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return (response.status, response.read().decode())
    except urllib.error.HTTPError as error:
        return (error.code, error.read().decode())
    except OSError:
        return (0, "")


UPLOAD_PROBE = r"""
import io, os, sys, json, random
import django
django.setup()
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image
from heritage_archive.media.images.models import ArchiveImage

user, _ = get_user_model().objects.get_or_create(username="drill-admin", defaults={"is_superuser": True, "is_staff": True})
client = Client(HTTP_X_FORWARDED_PROTO="https")
client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
# Noise compresses badly, so this PNG is bigger than the 1 MB disk.
image = Image.frombytes("RGB", (800, 600), random.randbytes(800 * 600 * 3))
buffer = io.BytesIO()
image.save(buffer, "PNG")
title = "演练上传 " + sys.argv[1]
before = ArchiveImage.objects.count()
response = client.post("/admin/images/add/", {
    "title": title, "description": "演练上传的替代文字",
    "file": SimpleUploadedFile("drill.png", buffer.getvalue(), content_type="image/png"),
}, HTTP_HOST="127.0.0.1")
print(json.dumps({
    "status": response.status_code,
    "message": "存储空间不足或不可写，文件未保存。" in response.content.decode(),
    "rows": ArchiveImage.objects.count() - before,
    "bytes": len(buffer.getvalue()),
}))
"""


def media_fault(results, name, mount_options, description):
    scenario = Scenario(f"{name}: {description}")
    results.append(scenario)
    workdir = WORKDIR / name
    site = demo_site(workdir / "site")
    media = workdir / "mount"
    media.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", mount_options, "tmpfs", str(media)],
        capture_output=True,
        text=True,
    )
    if not scenario.check(
        f"tmpfs mounted ({mount_options})", mounted.returncode == 0, mounted.stderr.strip()
    ):
        return
    try:
        env = site_env(site)
        env["MEDIA_ROOT"] = str(media)
        probe = subprocess.run(
            [PYTHON, "-c", UPLOAD_PROBE, name],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
        )
        if not scenario.check(
            "the upload request completed", probe.returncode == 0, probe.stderr.strip()[-300:]
        ):
            return
        outcome = json.loads(probe.stdout.strip().splitlines()[-1])
        scenario.check(
            "answered with the form (no 500)", outcome["status"] == 200, f"HTTP {outcome['status']}"
        )
        scenario.check("the message says the file was not saved", outcome["message"])
        scenario.check("no image row created", outcome["rows"] == 0, f"{outcome['rows']} rows")
        leftovers = [str(path) for path in media.rglob("*") if path.is_file()]
        scenario.check(
            "no file (or partial file) left in MEDIA_ROOT", not leftovers, ", ".join(leftovers[:5])
        )
    finally:
        subprocess.run(["umount", str(media)], capture_output=True)


SCENARIOS = ["es-import", "es-load", "db-restart", "media-readonly", "media-full"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--only", default=",".join(SCENARIOS), help="comma-separated scenario names"
    )
    args = parser.parse_args()
    selected = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = set(selected) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenarios: {', '.join(sorted(unknown))}")
    if os.geteuid() != 0:
        sys.exit("The drill mounts file systems and runs its own services: run it as root.")
    results = []
    steps = [
        ({"es-load", "es-import"}, lambda: elasticsearch_scenarios(selected, results)),
        ({"db-restart"}, lambda: database_restart(results)),
        ({"media-readonly"}, lambda: media_fault(results, "media-readonly", "ro,size=8m", "MEDIA_ROOT read-only")),
        ({"media-full"}, lambda: media_fault(results, "media-full", "size=1m", "MEDIA_ROOT full (1 MB tmpfs)")),
    ]  # fmt: skip
    for names, step in steps:
        if names & set(selected):
            try:
                step()
            except Exception as error:  # a broken step fails its scenarios, the rest still run
                failed = Scenario(f"{'/'.join(sorted(names & set(selected)))}: drill step crashed")
                failed.check(type(error).__name__, False, str(error)[:300])
                results.append(failed)
    print("\nSummary")
    for scenario in results:
        print(f"  {'PASSED' if scenario.passed else 'FAILED'}  {scenario.name}")
    return 0 if results and all(scenario.passed for scenario in results) else 1


if __name__ == "__main__":
    sys.exit(main())
