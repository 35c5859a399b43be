"""Fault drill: break Elasticsearch, PostgreSQL and the media folder under a running site.

    .venv/bin/python scripts/drill.py [--only es-import,es-load,db-restart,media-readonly,media-full,cluster]

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
  cluster         two gunicorn instances (deploy/gunicorn.conf.py, ports 8301
                  and 8302) behind nginx (deploy/nginx/anci.conf rendered
                  with both upstream, https on 8380), sharing a PostgreSQL
                  cluster of its own ("drillcluster", port 5441), Redis and
                  one media folder, over a two-node Elasticsearch cluster
                  (9251/9252, 2 shards, 1 replica). A curator saves 60 title
                  changes while 6 workers load pages and searches; 15 s in,
                  one node and one instance get SIGKILL. Zero failed
                  requests, no search falls back, every update is in
                  PostgreSQL and, after the outbox drains, in the index.
"""

import argparse
import contextlib
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
    GUNICORN,
    PYTHON,
    Gunicorn,
    demo_site,
    fetch_json,
    fetch_status,
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
    """A node of the cached distribution (a single node on port 9250 by default), ours to kill.

    ``settings`` replaces the single-node discovery with a cluster's; the
    node gets a copy of the distribution's config folder, so nothing of the
    distribution (which another node may be running from) is written.
    """

    def __init__(self, root, *, port=ES_PORT, settings=("-Ediscovery.type=single-node",)):
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
        self.port = port
        self.cluster_settings = list(settings)
        self.url = f"http://127.0.0.1:{port}"

    def start(self, *, wait=True):
        for folder in ("data", "logs"):
            (self.root / folder).mkdir(parents=True, exist_ok=True)
        if not (self.root / "config").exists():
            shutil.copytree(self.home / "config", self.root / "config")
        subprocess.run(["chown", "-R", "elasticsearch:", str(self.root)], check=True)
        settings = [
            *self.cluster_settings,
            "-Enetwork.host=127.0.0.1",
            f"-Ehttp.port={self.port}",
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
                f"ES_PATH_CONF={self.root / 'config'}",
                "ES_JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64",
                "ES_JAVA_OPTS=-Xms384m -Xmx384m",
                str(self.home / "bin" / "elasticsearch"), "-d", "-p", str(self.pid_file),
                *settings,
            ],
            cwd=self.root / "logs",
            check=True,
            capture_output=True,
        )  # fmt: skip
        if wait:
            self.wait_for()

    def wait_for(self):
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


def create_drill_database(cluster=PG_CLUSTER, port=PG_PORT):
    """A fresh PostgreSQL cluster of the drill's own with an empty database; its URL."""
    subprocess.run(["pg_dropcluster", "--stop", *cluster], capture_output=True)
    subprocess.run(["pg_createcluster", "-p", str(port), *cluster], check=True, capture_output=True)
    subprocess.run(["pg_ctlcluster", *cluster, "start"], check=True, capture_output=True)
    for statement in (
        "CREATE ROLE anci LOGIN CREATEDB PASSWORD 'anci'",
        "CREATE DATABASE drill OWNER anci",
    ):
        subprocess.run(
            ["runuser", "-u", "postgres", "--", "psql", "-p", str(port), "-q", "-c", statement],
            check=True,
            capture_output=True,
        )
    return f"postgres://anci:anci@127.0.0.1:{port}/drill"


def database_restart(results):
    scenario = Scenario("db-restart: PostgreSQL stopped and started during a load run")
    results.append(scenario)
    workdir = WORKDIR / "pg"
    shutil.rmtree(workdir, ignore_errors=True)
    (workdir / "media").mkdir(parents=True)
    env = site_env(workdir, database_url=create_drill_database())
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


# --- Two app instances behind nginx, a two-node Elasticsearch cluster -------

# Node a is master-eligible and holds data; node b only holds data. A cluster
# of two master-eligible nodes loses its quorum with either one (the voting
# configuration of two needs both), so the node the drill kills is the one
# whose loss the cluster can survive: b. Surviving the loss of either node
# takes three master-eligible nodes (docs/reliability.md).
CLUSTER_NODES = (
    ("drill-a", 9251, 9351, "master,data,ingest"),
    ("drill-b", 9252, 9352, "data,ingest"),
)
APP_PORTS = (8301, 8302)
NGINX_PORT = 8380
NGINX_HTTP_PORT = 8381
# A PostgreSQL cluster apart from db-restart's, so the two scenarios never share one.
CLUSTER_PG = (("15", "drillcluster"), 5441)
CLUSTER_REDIS_URL = os.environ.get("DRILL_REDIS_URL", "redis://127.0.0.1:6379/6")
CLUSTER_PREFIX = "drill-cluster"
CLUSTER_ITEMS = 30
LOAD_WORKERS = 6
LOAD_REQUESTS = 100  # per worker
LOAD_CAP = 80  # seconds, whatever the count reached
FAULT_AT = 15  # seconds into the load
UPDATES = 60
UPDATE_INTERVAL = 0.3
CLUSTER_SEARCH_TIMEOUT = os.environ.get("DRILL_SEARCH_TIMEOUT", "5")

CURATOR = r"""
import json, os, time
from search.indexing import wait_for_background_indexing
from heritage_archive.records.heritage.models import HeritageItemPage

base = {page.pk: page.title for page in HeritageItemPage.objects.filter(title__startswith="演练项目第").order_by("pk")}
pks = sorted(base)
with open(os.environ["DRILL_UPDATE_LOG"], "a", encoding="utf-8") as log:
    for number in range(int(os.environ["DRILL_UPDATES"])):
        pk = pks[number % len(pks)]
        title = f"{base[pk]}·修订{number:03d}"
        started = time.time()
        entry = {"n": number, "page": pk, "title": title, "at": started}
        try:
            page = HeritageItemPage.objects.get(pk=pk)
            page.title = title
            page.save_revision().publish()
            entry["ok"] = True
        except Exception as error:  # the drill counts it as a failed update
            entry.update(ok=False, error=repr(error)[:300])
        entry["seconds"] = time.time() - started
        log.write(json.dumps(entry, ensure_ascii=False) + "\n")
        log.flush()
        time.sleep(float(os.environ["DRILL_UPDATE_INTERVAL"]))
wait_for_background_indexing(timeout=120)
"""

VERIFY = r"""
import json, os
from wagtail.models import Revision
from heritage_archive.records.heritage.models import HeritageItemPage
from search.models import IndexingOutboxEntry

updates = [json.loads(line) for line in open(os.environ["DRILL_UPDATE_LOG"], encoding="utf-8")]
found = sum(
    1 for update in updates if update["ok"]
    and Revision.objects.filter(object_id=str(update["page"]), content__title=update["title"]).exists()
)
last = {update["page"]: update["title"] for update in updates if update["ok"]}
live = dict(HeritageItemPage.objects.filter(pk__in=last).values_list("pk", "title"))
print(json.dumps({
    "revisions_found": found,
    "live_last": sum(1 for pk, title in last.items() if live.get(pk) == title),
    "pages": len(last),
    "outbox": IndexingOutboxEntry.objects.count(),
}))
"""


def cluster_nodes(workdir):
    seeds = ",".join(f"127.0.0.1:{transport}" for _name, _http, transport, _roles in CLUSTER_NODES)
    return [
        ElasticsearchNode(
            workdir / name,
            port=http,
            settings=(
                "-Ecluster.name=anci-drill",
                f"-Enode.name={name}",
                f"-Enode.roles={roles}",
                f"-Etransport.port={transport}",
                f"-Ediscovery.seed_hosts={seeds}",
                f"-Ecluster.initial_master_nodes={CLUSTER_NODES[0][0]}",
            ),
        )
        for name, http, transport, roles in CLUSTER_NODES
    ]


def cluster_health(node, **params):
    query = "&".join(f"{key}={value}" for key, value in params.items())
    try:
        return fetch_json(f"{node.url}/_cluster/health?{query}", timeout=40)
    except OSError as error:
        return {"status": f"unreachable: {error}"}


def wait_for_health(node, status, nodes, limit=180):
    """Seconds until the cluster, asked through ``node``, has ``nodes`` nodes and ``status``."""
    started = time.monotonic()
    while time.monotonic() - started < limit:
        health = cluster_health(node, wait_for_nodes=nodes, wait_for_status=status, timeout="2s")
        if health.get("number_of_nodes") == nodes and health.get("status") == status:
            return time.monotonic() - started
        time.sleep(0.25)
    return None


class AppInstance:
    """gunicorn with deploy/gunicorn.conf.py on one port, in a session of its own.

    SIGKILL to the whole session stops the master and its workers at once,
    as a machine that dies would.
    """

    def __init__(self, env, port, log_dir):
        self.env = dict(env, GUNICORN_BIND=f"127.0.0.1:{port}")
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.log_path = Path(log_dir) / f"gunicorn-{port}.log"
        self.process = None

    def start(self):
        self.log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [GUNICORN, "-c", str(BASE_DIR / "deploy" / "gunicorn.conf.py"),
             "heritage_archive.wsgi:application"],
            cwd=BASE_DIR, env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log_path}")
            if fetch_status(self.url + "/") == 200:
                return
            time.sleep(0.5)
        raise RuntimeError(f"gunicorn on {self.port} did not answer within 120 s")

    def kill(self, sig=signal.SIGKILL):
        if self.process and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, sig)

    def stop(self):
        if self.process is None:
            return
        self.kill(signal.SIGTERM)
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.kill()
            self.process.wait()
        self.log.close()


class Nginx:
    """Debian's nginx running deploy/nginx/anci.conf with both app instances upstream."""

    def __init__(self, workdir):
        self.root = Path(workdir)
        self.conf = self.root / "nginx"
        self.url = f"https://127.0.0.1:{NGINX_PORT}"
        self.process = None

    def render(self):
        for sub in ("logs", "temp"):
            (self.conf / sub).mkdir(parents=True, exist_ok=True)
        cert, key = self.conf / "cert.pem", self.conf / "key.pem"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
             "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip
        servers = "".join(f"    server 127.0.0.1:{port};\n" for port in APP_PORTS)
        site = (BASE_DIR / "deploy" / "nginx" / "anci.conf").read_text()
        for old, new in (
            ("    server 127.0.0.1:8001;\n", servers),
            ("/etc/ssl/certs/anci.pem", str(cert)),
            ("/etc/ssl/private/anci.key", str(key)),
            ("/srv/anci", str(self.root)),
            ("listen 80;", f"listen 127.0.0.1:{NGINX_HTTP_PORT};"),
            ("listen 443 ssl;", f"listen 127.0.0.1:{NGINX_PORT} ssl;"),
        ):
            if old not in site:
                raise RuntimeError(f"deploy/nginx/anci.conf no longer contains {old!r}")
            site = site.replace(old, new)
        if "proxy_next_upstream " not in site:
            raise RuntimeError("deploy/nginx/anci.conf has no proxy_next_upstream")
        (self.conf / "anci.conf").write_text(site)
        temp = self.conf / "temp"
        (self.conf / "nginx.conf").write_text(
            f"""daemon off;
worker_processes 1;
pid {self.conf}/nginx.pid;
error_log {self.conf}/logs/error.log;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {self.conf}/logs/access.log;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {self.conf}/anci.conf;
}}
"""
        )
        self.command = [
            "/usr/sbin/nginx",
            "-p",
            str(self.conf),
            "-c",
            str(self.conf / "nginx.conf"),
        ]
        test = subprocess.run([*self.command, "-t"], capture_output=True, text=True, timeout=30)
        if test.returncode:
            raise RuntimeError(f"nginx -t: {test.stderr.strip()[-300:]}")

    def start(self):
        self.process = subprocess.Popen(
            self.command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
        time.sleep(1)

    def retried(self):
        """Lines of nginx's error log that mean a request went on to the other instance."""
        log = self.conf / "logs" / "error.log"
        text = log.read_text(errors="replace") if log.exists() else ""
        return [line for line in text.splitlines() if "upstream" in line]

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def cluster_load(base_url, item_paths):
    """LOAD_WORKERS threads, LOAD_REQUESTS each, at most LOAD_CAP s: page views and searches."""
    import random

    import requests
    import urllib3

    urllib3.disable_warnings()
    queries = ["演练", "演练项目", "传统音乐", "yanlian", "修订", "第一批"]
    samples = []
    stop_at = time.monotonic() + LOAD_CAP

    def choose(rng):
        roll = rng.random()
        if roll < 0.15:
            return "page", "/"
        if roll < 0.3:
            return "page", "/feiyi/xiangmu/"
        if roll < 0.6:
            return "page", rng.choice(item_paths)
        if roll < 0.85:
            return "api", f"/api/search/?q={rng.choice(queries)}"
        return "search", f"/search/?q={rng.choice(queries)}"

    def worker(number):
        rng = random.Random(number)
        session = requests.Session()
        for _request in range(LOAD_REQUESTS):
            if time.monotonic() > stop_at:
                return
            kind, path = choose(rng)
            started = time.time()
            clock = time.monotonic()
            status, backend, error = 0, "", ""
            try:
                # verify per request: a session's verify loses to REQUESTS_CA_BUNDLE.
                response = session.get(
                    base_url + path, timeout=30, allow_redirects=False, verify=False
                )
                status = response.status_code
                if kind == "api" and status == 200:
                    backend = response.json().get("backend", "")
                elif kind == "search" and status == 200:
                    backend = "database" if FALLBACK_NOTICE in response.text else "elasticsearch"
            except Exception as exc:  # a failed request, counted and shown
                error = f"{type(exc).__name__}: {exc}"[:200]
            samples.append(
                {"kind": kind, "path": path, "status": status, "ms": (time.monotonic() - clock) * 1000,
                 "at": started, "backend": backend, "error": error}
            )  # fmt: skip
            time.sleep(rng.uniform(0.05, 0.3))

    threads = [threading.Thread(target=worker, args=(number,)) for number in range(LOAD_WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return samples


def percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def load_average():
    return "/".join(f"{value:.2f}" for value in os.getloadavg())


def cluster_drill(results):
    scenario = Scenario(
        "cluster: one of two Elasticsearch nodes and one of two app instances killed under load"
    )
    results.append(scenario)
    workdir = WORKDIR / "cluster"
    shutil.rmtree(workdir, ignore_errors=True)
    (workdir / "media").mkdir(parents=True)
    # nginx's workers run unprivileged and serve static/ and media/ from here.
    for folder in (WORKDIR, workdir):
        folder.chmod(0o755)
    print(f"load average at the start: {load_average()}", flush=True)
    node_a, node_b = nodes = cluster_nodes(workdir / "es")
    apps = []
    nginx = Nginx(workdir)
    curator = None
    try:
        print("starting the two-node Elasticsearch cluster ...", flush=True)
        for node in nodes:
            node.start(wait=False)
        formed = wait_for_health(node_a, "green", 2)
        if not scenario.check("the two nodes form one green cluster", formed is not None):
            return
        env = site_env(
            workdir,
            database_url=create_drill_database(*CLUSTER_PG),
            elasticsearch_url=",".join(node.url for node in nodes),
            index_prefix=CLUSTER_PREFIX,
        )
        env.update(
            ELASTICSEARCH_SHARDS="2",
            ELASTICSEARCH_REPLICAS="1",
            REDIS_URL=CLUSTER_REDIS_URL,
            GUNICORN_WORKERS="2",
            # This two-core machine is shared (load average 5-10): at the
            # default 1 s a search now and then times out for the machine's
            # sake, not the cluster's, and opens its process's breaker for
            # 30 s. The drill measures the cluster, so it allows 5 s.
            ELASTICSEARCH_SEARCH_TIMEOUT=CLUSTER_SEARCH_TIMEOUT,
        )
        print("migrating the shared PostgreSQL site and indexing it ...", flush=True)
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "setup_site")
        source = workdir / "items.csv"
        heritage_csv(source, rows=CLUSTER_ITEMS)
        manage(env, "import_records", "--type", "heritage", str(source))
        manage(env, "collectstatic", "--noinput", "-v0")
        manage(env, "search_reindex")
        if not scenario.check("the index is green with a replica of each shard on the other node",
                              wait_for_health(node_a, "green", 2, limit=60) is not None):  # fmt: skip
            return
        shards = fetch_json(f"{node_a.url}/_cat/shards/{CLUSTER_PREFIX}-records?format=json")
        on_b = sorted(
            f"{row['shard']}{row['prirep']}" for row in shards if row["node"] == "drill-b"
        )
        scenario.check(
            "2 primaries and 2 replicas over the two nodes",
            len(shards) == 4 and len({row["node"] for row in shards}) == 2,
            f"on drill-b: {', '.join(on_b)} (p = primary, r = replica)",
        )
        for port in APP_PORTS:
            app = AppInstance(env, port, workdir)
            app.start()
            apps.append(app)
        nginx.render()
        nginx.start()
        listing = fetch_json_https(nginx.url + "/api/search/?q=%E6%BC%94%E7%BB%83&page_size=100")
        item_paths = [urllib_path(hit["url"]) for hit in listing["results"]]
        scenario.check("nginx answers through both instances; search uses Elasticsearch",
                       listing["backend"] == "elasticsearch" and len(item_paths) == CLUSTER_ITEMS,
                       f"{len(item_paths)} items")  # fmt: skip

        update_log = workdir / "updates.jsonl"
        curator_env = dict(
            env,
            DRILL_UPDATE_LOG=str(update_log),
            DRILL_UPDATES=str(UPDATES),
            DRILL_UPDATE_INTERVAL=str(UPDATE_INTERVAL),
        )
        fault = {}

        def kill_both():
            fault["load_before"] = load_average()
            fault["at"] = time.time()
            node_b.kill()
            apps[1].kill()
            fault["yellow"] = wait_for_health(node_a, "yellow", 1, limit=60)

        print(f"load average before the load: {load_average()}", flush=True)
        print(f"load: {LOAD_WORKERS} workers x {LOAD_REQUESTS} requests (cap {LOAD_CAP} s), "
              f"{UPDATES} updates; drill-b and the app on {APP_PORTS[1]} are killed at {FAULT_AT} s",
              flush=True)  # fmt: skip
        curator = subprocess.Popen(
            [PYTHON, "manage.py", "shell", "-c", CURATOR],
            cwd=BASE_DIR, env=curator_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        # The load starts once the curator saves (Django's start-up takes a
        # while on a busy machine), so the kill lands among the updates.
        started = time.monotonic()
        while not (update_log.exists() and update_log.read_text().strip()):
            if curator.poll() is not None or time.monotonic() - started > 180:
                raise RuntimeError(f"the curator did not start: {curator.stdout.read()[-300:]}")
            time.sleep(0.5)
        timer = threading.Timer(FAULT_AT, kill_both)
        timer.start()
        load_started = time.monotonic()
        samples = cluster_load(nginx.url, item_paths)
        load_seconds = time.monotonic() - load_started
        timer.join()
        curator_output, _ = curator.communicate(timeout=300)
        print(f"load average after the load: {load_average()}", flush=True)

        failed = [sample for sample in samples if sample["status"] != 200]
        scenario.check(
            "zero failed requests",
            samples and not failed,
            f"{len(samples)} requests in {load_seconds:.0f} s, {len(failed)} failed"
            + (f": {failed[:3]}" if failed else ""),
        )
        after = [sample for sample in samples if sample["at"] >= fault.get("at", 0)]
        scenario.check("requests ran on after the kill", len(after) > 0, f"{len(after)} after it")
        fallbacks = [sample for sample in samples if sample["backend"] == "database"]
        scenario.check(
            "every search answered by Elasticsearch (no database fallback)",
            not fallbacks,
            f"{sum(1 for s in samples if s['backend'])} searches, {len(fallbacks)} fell back"
            f" ({sum(1 for s in fallbacks if s['at'] >= fault.get('at', 0))} after the kill)",
        )
        for kind in ("page", "api", "search"):
            times = [sample["ms"] for sample in samples if sample["kind"] == kind]
            print(f"  {kind}: {len(times)} requests, p50 {percentile(times, 0.5):.0f} ms, "
                  f"p95 {percentile(times, 0.95):.0f} ms", flush=True)  # fmt: skip
        times = [sample["ms"] for sample in samples]
        print(f"  all: p50 {percentile(times, 0.5):.0f} ms, p95 {percentile(times, 0.95):.0f} ms,"
              f" max {max(times, default=0):.0f} ms", flush=True)  # fmt: skip
        retried = nginx.retried()
        print(f"  nginx error log: {len(retried)} upstream lines, e.g. "
              f"{retried[0][-160:] if retried else '-'}", flush=True)  # fmt: skip
        scenario.check(
            "the cluster turned yellow (replicas promoted) after drill-b was killed",
            fault.get("yellow") is not None,
            f"{fault['yellow']:.1f} s after the kill" if fault.get("yellow") is not None else "",
        )
        scenario.check("the killed instance is gone, the other still serves",
                       apps[1].process.poll() is not None and fetch_status(apps[0].url + "/") == 200)  # fmt: skip

        updates = [json.loads(line) for line in update_log.read_text().splitlines()]
        issued = len(updates)
        ok_updates = sum(1 for update in updates if update["ok"])
        scenario.check(
            "every update saved without an error",
            curator.returncode == 0 and issued == UPDATES and ok_updates == issued,
            f"{issued} issued, {ok_updates} saved; "
            + (
                f"errors: {[u['error'] for u in updates if not u['ok']][:2]}"
                if ok_updates < issued
                else ""
            )
            + (curator_output.strip()[-200:] if curator.returncode else ""),
        )
        during = [u for u in updates if fault.get("at", 0) <= u["at"] <= fault.get("at", 0) + 30]
        print(f"  updates from {updates[0]['at'] - fault['at']:+.1f} s to "
              f"{updates[-1]['at'] - fault['at']:+.1f} s of the kill, {len(during)} in the 30 s "
              f"after it; slowest save {max(u['seconds'] for u in updates):.1f} s", flush=True)  # fmt: skip

        print("restarting drill-b ...", flush=True)
        restarted = time.monotonic()
        node_b.start(wait=False)
        green = wait_for_health(node_a, "green", 2, limit=180)
        green_seconds = None if green is None else time.monotonic() - restarted
        scenario.check("green again after drill-b restarts", green is not None,
                       f"{green_seconds:.1f} s after the restart" if green is not None else "")  # fmt: skip
        worker = manage(env, "search_worker", "--once", check=False)
        scenario.check("search_worker --once drains the outbox", worker.returncode == 0,
                       (worker.stdout + worker.stderr).strip()[-200:])  # fmt: skip
        verify = manage(
            dict(env, DRILL_UPDATE_LOG=str(update_log)), "shell", "-c", VERIFY, check=False
        )
        found = json.loads(verify.stdout.strip().splitlines()[-1]) if verify.returncode == 0 else {}
        scenario.check(
            "zero lost updates in PostgreSQL",
            found.get("revisions_found") == ok_updates
            and found.get("live_last") == found.get("pages"),
            f"{found.get('revisions_found')} of {ok_updates} revisions found; live title is the last"
            f" update on {found.get('live_last')} of {found.get('pages')} pages; outbox {found.get('outbox')}"
            + (verify.stderr[-200:] if verify.returncode else ""),
        )
        last = {update["page"]: update["title"] for update in updates if update["ok"]}
        hits = fetch_json(
            f"{node_a.url}/{CLUSTER_PREFIX}-records/_search?size=500&_source=page_id,title"
        )["hits"]["hits"]
        indexed = {hit["_source"]["page_id"]: hit["_source"]["title"] for hit in hits}
        in_index = sum(1 for page, title in last.items() if indexed.get(page) == title)
        scenario.check("zero lost updates in the search index", in_index == len(last),
                       f"the last title of {in_index} of {len(last)} updated pages is indexed")  # fmt: skip
        reconcile = manage(env, "search_reconcile", check=False)
        scenario.check("search_reconcile finds zero drift", reconcile.returncode == 0,
                       (reconcile.stdout + reconcile.stderr).strip()[-200:])  # fmt: skip
    finally:
        if curator and curator.poll() is None:
            curator.kill()
        nginx.stop()
        for app in apps:
            app.stop()
        for node in nodes:
            node.kill()
        subprocess.run(["pg_dropcluster", "--stop", *CLUSTER_PG[0]], capture_output=True)
        print(f"load average at the end: {load_average()}", flush=True)


def fetch_json_https(url):
    import requests
    import urllib3

    urllib3.disable_warnings()
    return requests.get(url, verify=False, timeout=30).json()


def urllib_path(url):
    from urllib.parse import urlsplit

    return urlsplit(url).path or "/"


SCENARIOS = ["es-import", "es-load", "db-restart", "media-readonly", "media-full", "cluster"]


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
        ({"cluster"}, lambda: cluster_drill(results)),
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
