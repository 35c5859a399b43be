"""`make production-smoke`: run the site from the files in deploy/ and check it end to end.

On this machine, as root, on loopback only, without systemd or containers:
the nginx site, the gunicorn config, the env file and the systemd units of
deploy/ are rendered into a temporary folder with this machine's paths and
free ports, and each unit's ExecStart line is run as a child process, so the
unit files are what runs. PostgreSQL (database anci_smoke, role anci),
Redis (db SMOKE_REDIS_DB, 9 by default) and Elasticsearch (an index prefix of
its own) are the services already running. Everything is torn down at the
end, also on failure. Exit code 0 only if every check passed.
"""

import configparser
import html.parser
import http.client
import os
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import psycopg
import redis
import requests
import urllib3

REPO = Path(__file__).resolve().parent.parent
DEPLOY = REPO / "deploy"
PG = {"host": "127.0.0.1", "port": 5432, "user": "anci", "password": "anci", "dbname": "postgres"}
DB_NAME = "anci_smoke"
# The scratch database the backup is restored into.
RESTORE_DB = "anci_smoke_restore"
REDIS_DB = int(os.environ.get("SMOKE_REDIS_DB", "9"))
ES_URL = (
    os.environ.get("SMOKE_ELASTICSEARCH_URL")
    or os.environ.get("ELASTICSEARCH_URL")
    or "http://127.0.0.1:9200"
)
CRAWL_MAX_PAGES = 300
CRAWL_MAX_SECONDS = 240
# Pages that count against the per-address search limit (60/m) are sampled,
# not walked exhaustively: the limit is deliberate.
CRAWL_MAX_SEARCH_PAGES = 15
SEARCH_WITHIN = 5.0
CURATOR = ("smoke-curator", secrets.token_urlsafe(16))
SECRET_BYTES = b"%PDF-1.4\n% smoke private document " + secrets.token_hex(8).encode() + b"\n"

results = []
processes = {}


def check(name, ok, figures=""):
    results.append(ok)
    print(f"{'PASS' if ok else 'FAIL'}  {name}: {figures}", flush=True)
    return ok


def http_session(cert):
    """A session that checks nginx's certificate against the one this run made.

    trust_env is off because requests lets REQUESTS_CA_BUNDLE or CURL_CA_BUNDLE
    from the environment override Session.verify (psf/requests#3829: the cause
    of an earlier "self-signed certificate" failure at the admin login), and a
    loopback run must not go through a proxy named in the environment either.
    """
    session = requests.Session()
    session.trust_env = False
    session.verify = cert
    return session


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Smoke:
    def __init__(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="anci-smoke-"))
        # nginx's workers run as an unprivileged user and must read static/ and media/.
        self.tmp.chmod(0o755)
        self.ports = {name: free_port() for name in ("app", "http", "https")}
        self.base = f"https://127.0.0.1:{self.ports['https']}"
        self.prefix = f"smoke-{secrets.token_hex(4)}"
        # The replacements that turn deploy/'s production paths into this run's.
        self.replacements = [
            ("/srv/anci/app", str(REPO)),
            ("/etc/anci/anci.env", str(self.tmp / "anci.env")),
            ("/etc/ssl/certs/anci.pem", str(self.tmp / "cert.pem")),
            ("/etc/ssl/private/anci.key", str(self.tmp / "key.pem")),
            ("/srv/anci", str(self.tmp)),
            ("127.0.0.1:8001", f"127.0.0.1:{self.ports['app']}"),
            ("listen 80;", f"listen 127.0.0.1:{self.ports['http']};"),
            ("listen 443 ssl;", f"listen 127.0.0.1:{self.ports['https']} ssl;"),
        ]
        self.env = None

    # --- rendering -------------------------------------------------------
    def render(self, relative):
        text = (DEPLOY / relative).read_text()
        for old, new in self.replacements:
            text = text.replace(old, new)
        return text

    def write_env(self):
        """The env file: deploy/anci.env.example with this run's values (all its keys, no others)."""
        values = {
            "SECRET_KEY": secrets.token_urlsafe(50),
            "BACKUP_SIGNING_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": f"postgres://anci:anci@127.0.0.1:5432/{DB_NAME}",
            "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
            "ELASTICSEARCH_URL": ES_URL,
            "SEARCH_INDEX_PREFIX": self.prefix,
            "ALLOWED_HOSTS": "127.0.0.1",
            "CSRF_TRUSTED_ORIGINS": self.base,
            "WAGTAILADMIN_BASE_URL": self.base,
            # Absolute links (IIIF, OAI-PMH, feeds, citations) point at this run's
            # nginx, so the crawl follows them instead of skipping www.example.org.
            "SITE_BASE_URL": self.base,
            "GUNICORN_WORKERS": "2",
        }
        lines, env = [], {}
        for line in self.render("anci.env.example").splitlines():
            if line.strip() and not line.startswith("#"):
                key, _sep, value = line.partition("=")
                value = values.pop(key, value)
                env[key] = value
                line = f"{key}={value}"
            lines.append(line)
        if values:
            raise SystemExit(f"deploy/anci.env.example lacks {sorted(values)}")
        (self.tmp / "anci.env").write_text("\n".join(lines) + "\n")
        # What systemd gives a service: a bare environment plus EnvironmentFile=.
        self.env = {
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "HOME": str(self.tmp),
        }
        self.env.update(env)

    def unit(self, name):
        parser = configparser.ConfigParser(interpolation=None, strict=False)
        parser.optionxform = str
        parser.read_string(self.render(f"systemd/{name}"))
        service = parser["Service"]
        env_file = service["EnvironmentFile"]
        if env_file != str(self.tmp / "anci.env"):
            raise SystemExit(f"{name}: unexpected EnvironmentFile {env_file}")
        return shlex.split(service["ExecStart"]), service["WorkingDirectory"]

    def write_nginx(self):
        conf = self.tmp / "nginx"
        for sub in ("logs", "temp"):
            (conf / sub).mkdir(parents=True)
        (conf / "anci.conf").write_text(self.render("nginx/anci.conf"))
        temp = conf / "temp"
        # The main file Debian's /etc/nginx/nginx.conf would be, with every
        # path of its own so it touches nothing of the system's nginx.
        (conf / "nginx.conf").write_text(
            f"""daemon off;
worker_processes 1;
pid {conf}/nginx.pid;
error_log {conf}/logs/error.log;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {conf}/logs/access.log;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    sendfile on;
    include {conf}/anci.conf;
}}
"""
        )
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
             "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
             "-keyout", str(self.tmp / "key.pem"), "-out", str(self.tmp / "cert.pem")],
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip
        self.nginx = ["/usr/sbin/nginx", "-p", str(conf), "-c", str(conf / "nginx.conf")]
        test = subprocess.run([*self.nginx, "-t"], capture_output=True, text=True, timeout=30)
        return test.returncode == 0, test.stderr.strip().splitlines()[-1:]

    # --- processes -------------------------------------------------------
    def manage(self, *args, timeout=1500, stdin=None):
        started = time.monotonic()
        done = subprocess.run(
            [str(REPO / ".venv/bin/python"), "manage.py", *args],
            cwd=REPO, env=self.env, capture_output=True, text=True, timeout=timeout, input=stdin,
        )  # fmt: skip
        if done.returncode:
            print(done.stdout[-2000:], done.stderr[-3000:], file=sys.stderr)
        return done, time.monotonic() - started

    def shell(self, code, timeout=120):
        done, _seconds = self.manage("shell", "-c", code, timeout=timeout)
        if done.returncode:
            raise RuntimeError(f"manage.py shell failed: {done.stderr[-500:]}")
        return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""

    def start(self, name, command, cwd):
        log = open(self.tmp / f"{name}.log", "ab")  # noqa: SIM115 (closed with the process)
        processes[name] = (
            subprocess.Popen(
                command, cwd=cwd, env=self.env, stdout=log, stderr=log, start_new_session=True
            ),
            log,
        )

    def start_unit(self, name):
        command, cwd = self.unit(f"{name}.service")
        self.start(name, command, cwd)

    def stop(self, name, timeout=20):
        process, log = processes.pop(name)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(10)
        log.close()
        return process.returncode

    def wait_for(self, url, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                response = http_session(self.cert).get(url, timeout=30, allow_redirects=False)
                if response.status_code < 500:
                    return response
            except requests.RequestException:  # not listening yet, or a worker still booting
                pass
            time.sleep(0.5)
        return None

    # --- setup and teardown ----------------------------------------------
    def create_database(self):
        drop_databases(DB_NAME, RESTORE_DB)
        with psycopg.connect(**PG, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {DB_NAME} OWNER anci")
        redis.Redis(db=REDIS_DB).flushdb()

    def teardown(self):
        if not all(results):
            # The logs go with the temp dir: show their ends first.
            for log in sorted(self.tmp.glob("*.log")) + sorted(
                self.tmp.glob("nginx/logs/error.log")
            ):
                print(
                    f"--- {log.name}", *log.read_text(errors="replace").splitlines()[-15:], sep="\n"
                )
        for name in list(processes):
            try:
                self.stop(name)
            except Exception as error:  # noqa: BLE001 (teardown goes on whatever happened)
                print(f"teardown: stopping {name}: {error}", file=sys.stderr)
        steps = [
            ("database", lambda: drop_databases(DB_NAME, RESTORE_DB)),
            ("elasticsearch", self.delete_indices),
            ("redis", lambda: redis.Redis(db=REDIS_DB).flushdb()),
            ("temp dir", lambda: shutil.rmtree(self.tmp)),
        ]  # fmt: skip
        for name, step in steps:
            try:
                step()
            except Exception as error:  # noqa: BLE001
                print(f"teardown: {name}: {error}", file=sys.stderr)
        print(
            f"torn down: processes, databases {DB_NAME} and {RESTORE_DB}, indices {self.prefix}-*, redis db {REDIS_DB}"
        )

    def delete_indices(self):
        # By name: Elasticsearch refuses wildcard deletes by default.
        listed = requests.get(
            f"{ES_URL}/_cat/indices/{self.prefix}-*", params={"format": "json"}, timeout=30
        )
        for index in listed.json():
            requests.delete(f"{ES_URL}/{index['index']}", timeout=30).raise_for_status()

    # --- the run ---------------------------------------------------------
    def run(self):
        self.write_env()
        self.create_database()
        for args in (("migrate", "--noinput"), ("collectstatic", "--noinput"), ("load_demo_content",),
                     ("search_reindex",), ("check", "--deploy")):  # fmt: skip
            done, seconds = self.manage(*args)
            figures = f"{seconds:.1f} s"
            if args[0] == "check":
                figures += f", {done.stderr.strip() or done.stdout.strip()}"
            if not check(f"manage.py {' '.join(args)}", done.returncode == 0, figures):
                return
            if args[0] == "migrate":
                # The restore check's empty, migrated database (what a new
                # server has after step 5's migrate), copied in a second now
                # instead of migrated again at the end.
                with psycopg.connect(**PG, autocommit=True) as conn:
                    conn.execute(f"CREATE DATABASE {RESTORE_DB} TEMPLATE {DB_NAME} OWNER anci")
        ok, figures = self.write_nginx()
        if not check("nginx -t on the rendered deploy/nginx/anci.conf", ok, figures):
            return
        self.setup_records()
        for name in ("anci-web", "anci-search-worker", "anci-tasks"):
            self.start_unit(name)
        self.start("nginx", self.nginx, self.tmp)
        started = time.monotonic()
        up = self.wait_for(f"{self.base}/")
        if not check("site up through nginx", up is not None and up.status_code == 200,
                     f"{time.monotonic() - started:.1f} s"):  # fmt: skip
            return
        self.check_http_redirect()
        self.crawl()
        self.check_static()
        session = self.login()
        if session is None:
            return
        self.check_private_document(session)
        self.publish_through_admin(session)
        self.check_tasks()
        self.restart_and_queue(session)
        self.scheduled_jobs()
        self.check_restore()
        self.check_healthz()

    @property
    def cert(self):
        return str(self.tmp / "cert.pem")

    def setup_records(self):
        """A curator, a private document and a draft record, made with manage.py (no public form for them)."""
        env_password = {"DJANGO_SUPERUSER_PASSWORD": CURATOR[1]}
        self.env.update(env_password)
        done, _seconds = self.manage("createsuperuser", "--noinput", "--username", CURATOR[0], "--email",
                                     "curator@example.org")  # fmt: skip
        for key in env_password:
            del self.env[key]
        assert done.returncode == 0, done.stderr
        self.document = self.shell(
            "from django.core.files.base import ContentFile\n"
            "from wagtail.models import Collection, CollectionViewRestriction\n"
            "from wagtail.documents import get_document_model\n"
            "root = Collection.get_first_root_node()\n"
            "private = root.add_child(name='内部资料（冒烟测试）')\n"
            "CollectionViewRestriction.objects.create(collection=private, restriction_type='login')\n"
            "doc = get_document_model()(title='内部文档', collection=private)\n"
            f"doc.file.save('smoke-private.pdf', ContentFile({SECRET_BYTES!r}))\n"
            "print(doc.url + ' ' + doc.file.name)"
        ).split()
        self.token = f"smoke{secrets.token_hex(4)}"
        self.draft_id = int(self.shell(self.draft_code(self.token, "SMOKE-1")))

    @staticmethod
    def draft_code(token, key, publish=False):
        return (
            "from heritage_archive.core.choices import Category\n"
            "from heritage_archive.records.heritage.models import HeritageIndexPage, HeritageItemPage\n"
            f"item = HeritageItemPage(title='冒烟检验 {token}', slug='{token}', key='{key}',\n"
            f"    category=Category.QUYI, summary='{token} 部署检验', live=False)\n"
            "HeritageIndexPage.objects.first().add_child(instance=item)\n"
            "revision = item.save_revision()\n"
            + ("revision.publish()\n" if publish else "")
            + "print(item.pk)"
        )

    def search(self, token, session=None):
        client = session or http_session(self.cert)
        response = client.get(f"{self.base}/api/search/", params={"q": token}, timeout=10)
        return response.status_code, response.json().get("total", 0) if response.ok else -1

    def check_http_redirect(self):
        response = http_session(self.cert).get(
            f"http://127.0.0.1:{self.ports['http']}/", allow_redirects=False, timeout=10
        )
        check("plain HTTP redirects to HTTPS", response.status_code == 301
              and response.headers.get("Location", "").startswith("https://"),
              f"{response.status_code} -> {response.headers.get('Location')}")  # fmt: skip

    def crawl(self):
        started = time.monotonic()
        seen, queue, failures, statuses, search_pages = {"/"}, ["/"], [], {}, 0
        visited = 0
        anonymous = http_session(self.cert)
        while (
            queue and visited < CRAWL_MAX_PAGES and time.monotonic() - started < CRAWL_MAX_SECONDS
        ):
            path = queue.pop(0)
            response = anonymous.get(self.base + path, timeout=30, allow_redirects=False)
            visited += 1
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            if response.status_code >= 400:
                failures.append(f"{response.status_code} {path}")
                continue
            if not response.headers.get("Content-Type", "").startswith("text/html"):
                continue
            for link in LinkParser.links(response.text):
                url = urllib.parse.urlsplit(urllib.parse.urljoin(self.base + path, link))
                if url.netloc != urllib.parse.urlsplit(self.base).netloc:
                    continue
                target = url.path + (f"?{url.query}" if url.query else "")
                if target in seen or url.path.startswith(("/admin/", "/static/", "/media/")):
                    continue
                if url.path.startswith(("/search/", "/api/search/")):
                    if search_pages >= CRAWL_MAX_SEARCH_PAGES or "export" in url.path:
                        continue
                    search_pages += 1
                seen.add(target)
                queue.append(target)
        seconds = time.monotonic() - started
        check("crawl of the public site through nginx, no 4xx/5xx", not failures and visited > 20,
              f"{visited} pages in {seconds:.1f} s, {len(queue)} left unvisited, statuses {statuses}"
              + (f", failures {failures[:10]}" if failures else ""))  # fmt: skip
        self.home = anonymous.get(self.base + "/", timeout=30).text

    def check_static(self):
        assets = [link for link in LinkParser.links(self.home) if link.startswith("/static/")]
        css = next((a for a in assets if a.endswith(".css")), None)
        js = next((a for a in assets if a.endswith(".js")), None)
        for asset in filter(None, (css, js)):
            response = http_session(self.cert).get(
                self.base + asset, timeout=10, headers={"Accept-Encoding": "gzip"}
            )
            cache = response.headers.get("Cache-Control", "")
            check(f"static {asset} hashed, cached a year, gzip",
                  response.status_code == 200 and "max-age=31536000" in cache
                  and response.headers.get("Content-Encoding") == "gzip",
                  f"{response.status_code}, Cache-Control: {cache}, "
                  f"Content-Encoding: {response.headers.get('Content-Encoding')}")  # fmt: skip
        check("home page links a stylesheet and a script", bool(css and js), f"{css}, {js}")

    def login(self):
        session = http_session(self.cert)
        login_url = f"{self.base}/admin/login/"
        form = session.get(login_url, timeout=10)
        token = LinkParser.csrf(form.text)
        response = session.post(
            login_url,
            data={
                "username": CURATOR[0],
                "password": CURATOR[1],
                "csrfmiddlewaretoken": token,
                "next": "/admin/",
            },
            headers={"Referer": login_url},
            allow_redirects=False,
            timeout=20,
        )
        secure = all(cookie.secure for cookie in session.cookies)
        dashboard = session.get(f"{self.base}/admin/", timeout=20, allow_redirects=False)
        ok = response.status_code == 302 and dashboard.status_code == 200 and secure
        check("curator logs in to the admin through nginx (CSRF, secure cookies)", ok,
              f"login {response.status_code}, dashboard {dashboard.status_code}, "
              f"cookies {sorted(c.name for c in session.cookies)} secure={secure}")  # fmt: skip
        return session if ok else None

    def check_private_document(self, session):
        url, name = self.document
        anonymous = http_session(self.cert).get(self.base + url, timeout=10, allow_redirects=False)
        check("private document refused anonymously",
              anonymous.status_code in (302, 403) and SECRET_BYTES not in anonymous.content,
              f"{anonymous.status_code} -> {anonymous.headers.get('Location', '')[:60]}")  # fmt: skip
        direct = http_session(self.cert).get(f"{self.base}/media/{name}", timeout=10)
        check("private document not served from /media/ directly", direct.status_code == 404,
              f"{direct.status_code}")  # fmt: skip
        served = session.get(self.base + url, timeout=10)
        check("private document served to the curator by nginx",
              served.status_code == 200 and served.content == SECRET_BYTES
              and "X-Accel-Redirect" not in served.headers,
              f"{served.status_code}, {len(served.content)} bytes, "
              f"X-Accel-Redirect to client: {served.headers.get('X-Accel-Redirect')}")  # fmt: skip
        # The same request straight to gunicorn, as nginx sends it.
        # The session cookie by hand: requests keeps a Secure cookie off plain HTTP.
        # http.client, because gunicorn announces the file's length (for nginx)
        # and sends no bytes, which requests reports as a broken connection.
        cookie = "; ".join(f"{c.name}={c.value}" for c in session.cookies)
        conn = http.client.HTTPConnection("127.0.0.1", self.ports["app"], timeout=10)
        try:
            conn.request("GET", url, headers={
                "Host": "127.0.0.1", "X-Forwarded-Proto": "https", "X-Real-IP": "127.0.0.1",
                "Cookie": cookie})  # fmt: skip
            upstream = conn.getresponse()
            try:
                body = upstream.read()
            except http.client.IncompleteRead as short:
                body = short.partial
            accel = upstream.getheader("X-Accel-Redirect")
        finally:
            conn.close()
        check("gunicorn answers the document with X-Accel-Redirect and no body",
              accel == f"/media/{name}" and not body,
              f"{upstream.status}, X-Accel-Redirect: {accel}, {len(body)} bytes")  # fmt: skip

    def publish_through_admin(self, session):
        status, total = self.search(self.token)
        check(
            "draft record absent from /api/search/",
            status == 200 and total == 0,
            f"{status}, total {total}",
        )
        # Wagtail's bulk publish: a plain confirmation form (the page edit form's
        # StreamFields are built by the admin's JavaScript, so a script cannot post it).
        url = f"{self.base}/admin/bulk/wagtailcore/page/publish/?id={self.draft_id}&next=/admin/"
        form = session.get(url, timeout=20)
        response = session.post(url, data={"csrfmiddlewaretoken": LinkParser.csrf(form.text)},
                                headers={"Referer": url}, allow_redirects=False, timeout=30)  # fmt: skip
        published = time.monotonic()
        total = 0
        while time.monotonic() - published < SEARCH_WITHIN and total == 0:
            time.sleep(0.2)
            status, total = self.search(self.token)
        check("record published through the admin's bulk publish form is found in /api/search/",
              response.status_code == 302 and total == 1,
              f"form {form.status_code}/{response.status_code}, found after "
              f"{time.monotonic() - published:.1f} s (limit {SEARCH_WITHIN} s), total {total}")  # fmt: skip

    def check_tasks(self):
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            counts = dict(
                self.sql(
                    "SELECT status, count(*) FROM django_tasks_database_dbtaskresult GROUP BY status"
                )
            )
            if counts and set(counts) == {"SUCCESSFUL"}:
                break
            time.sleep(0.5)
        check("Wagtail's background tasks run by db_worker", bool(counts) and set(counts) == {"SUCCESSFUL"},
              f"task results by status {counts}")  # fmt: skip

    def sql(self, query, params=None, dbname=DB_NAME):
        with psycopg.connect(**{**PG, "dbname": dbname}) as conn:
            return conn.execute(query, params).fetchall()

    def restart_and_queue(self, session):
        stopped = self.stop("anci-search-worker")
        self.stop("anci-web")
        self.start_unit("anci-web")
        up = self.wait_for(f"{self.base}/")
        still = session.get(f"{self.base}/admin/", timeout=20, allow_redirects=False)
        check("gunicorn restarted; the curator's session survives",
              up is not None and still.status_code == 200,
              f"worker exit {stopped}, dashboard after restart {still.status_code}")  # fmt: skip
        # A publish whose process dies before its after-commit drain (the case
        # the worker exists for): the shell skips that drain, leaving the row.
        token = f"smoke{secrets.token_hex(4)}"
        self.shell("import search.indexing\nsearch.indexing.drain_after_commit = lambda page_ids: None\n"
                   + self.draft_code(token, "SMOKE-2", publish=True))  # fmt: skip
        waiting = self.sql("SELECT count(*) FROM search_indexingoutboxentry")[0][0]
        status, before = self.search(token, session)
        self.start_unit("anci-search-worker")
        started, total = time.monotonic(), 0
        while time.monotonic() - started < SEARCH_WITHIN + 10 and total == 0:
            time.sleep(0.3)
            status, total = self.search(token, session)
        _status, earlier = self.search(self.token, session)
        check("publish queued while the worker was down is indexed once it is back; "
              "the record published before the restarts is still found",
              waiting > 0 and before == 0 and total == 1 and earlier == 1,
              f"{waiting} outbox rows waiting, found {before} before, {total} "
              f"{time.monotonic() - started:.1f} s after the worker started; earlier record {earlier}")  # fmt: skip

    def scheduled_jobs(self):
        for unit in ("anci-reconcile", "anci-viewcounts", "anci-fixity"):
            command, cwd = self.unit(f"{unit}.service")
            started = time.monotonic()
            done = subprocess.run(
                command, cwd=cwd, env=self.env, capture_output=True, text=True, timeout=600
            )
            check(f"{unit}.service runs", done.returncode == 0,
                  f"exit {done.returncode} in {time.monotonic() - started:.1f} s: "
                  f"{(done.stdout.strip().splitlines() or [''])[-1][:100]}")  # fmt: skip
        command, cwd = self.unit("anci-backup.service")
        command[-1] = "1"  # keep one, to see the rotation
        started = time.monotonic()
        codes = [subprocess.run(command, cwd=cwd, env=self.env, capture_output=True, timeout=900).returncode
                 for _run in range(2)]  # fmt: skip
        kept = sorted(path.name for path in (self.tmp / "backups").glob("anci-*"))
        check("anci-backup.service twice with KEEP=1 leaves the newest package",
              codes == [0, 0] and len(kept) == 1 and (self.tmp / "backups" / kept[0] / "bagit.txt").exists(),
              f"exits {codes}, kept {kept}, {time.monotonic() - started:.1f} s")  # fmt: skip

    def check_restore(self):
        """The newest backup restored into a scratch database holds what the site holds.

        README "Deploying" and docs/preservation.md: import_archive into an
        empty, migrated database (copied right after the site's migrate), with
        this run's signing key; its search
        runs on the database so the restore touches no index of the site.
        """
        package = max((self.tmp / "backups").glob("anci-*"))
        stamp = (self.tmp / "backups" / "last-backup").read_text().strip()
        check("backup.sh writes its stamp file after the package", stamp == package.name,
              f"last-backup says {stamp!r}, newest package {package.name}")  # fmt: skip
        site_env = self.env
        self.env = {**site_env, "DATABASE_URL": f"postgres://anci:anci@127.0.0.1:5432/{RESTORE_DB}",
                    "MEDIA_ROOT": str(self.tmp / "restored-media"), "ELASTICSEARCH_URL": ""}  # fmt: skip
        started = time.monotonic()
        try:
            restored, _seconds = self.manage("import_archive", str(package))
        finally:
            self.env = site_env
        query = "SELECT count(*) FILTER (WHERE live), count(*) FROM wagtailcore_page"
        record = "SELECT live, title FROM wagtailcore_page WHERE slug = %s"
        site = (self.sql(query)[0], self.sql(record, [self.token]))
        copy = (
            (self.sql(query, dbname=RESTORE_DB)[0], self.sql(record, [self.token], dbname=RESTORE_DB))
            if restored.returncode == 0 else None
        )  # fmt: skip
        check("backup restored into a scratch database: same pages, the published record live",
              restored.returncode == 0 and copy == site
              and site[1] and site[1][0][0] is True,
              f"import_archive exit {restored.returncode} in {time.monotonic() - started:.1f} s; "
              f"(live, all) pages site {site[0]}, restored {copy[0] if copy else None}; "
              f"published record restored {bool(copy and copy[1] == site[1])}")  # fmt: skip

    def check_healthz(self):
        """/healthz through nginx after the timers' jobs: every part healthy, fixity and backup known."""
        response = http_session(self.cert).get(f"{self.base}/healthz", timeout=20)
        document = (
            response.json() if response.headers.get("Content-Type") == "application/json" else {}
        )
        checks = document.get("checks", {})
        ok = (
            response.status_code == 200 and document.get("status") == "ok"
            and {"database", "cache", "elasticsearch", "outbox", "fixity", "backup"} <= set(checks)
            and checks["elasticsearch"].get("configured") is True
            and checks["fixity"].get("result") == "ok" and checks["backup"].get("last_at")
            and self.token not in response.text
        )  # fmt: skip
        check("/healthz through nginx: 200, every part healthy", ok,
              f"{response.status_code}, failing {document.get('failing')}, outbox backlog "
              f"{checks.get('outbox', {}).get('backlog')}, last backup {checks.get('backup', {}).get('last_at')}, "
              f"last fixity {checks.get('fixity', {}).get('last_at')}")  # fmt: skip


def drop_databases(*names):
    with psycopg.connect(**PG, autocommit=True) as conn:
        for name in names:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


class LinkParser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.found, self.token = [], ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src"):
            if attrs.get(name) and not attrs[name].startswith(
                ("mailto:", "tel:", "javascript:", "#", "data:")
            ):
                self.found.append(attrs[name].split("#")[0])
        if tag == "input" and attrs.get("name") == "csrfmiddlewaretoken":
            self.token = attrs.get("value", "")

    @classmethod
    def links(cls, text):
        parser = cls()
        parser.feed(text)
        return [link for link in parser.found if link]

    @classmethod
    def csrf(cls, text):
        parser = cls()
        parser.feed(text)
        return parser.token


def main():
    if os.geteuid() != 0:
        raise SystemExit("make production-smoke runs as root (nginx, as on the server).")
    urllib3.disable_warnings()
    started = time.monotonic()
    smoke = Smoke()
    try:
        smoke.run()
    except Exception as error:  # noqa: BLE001 (reported as a failed check, then torn down)
        check("smoke run", False, f"{type(error).__name__}: {error}")
    finally:
        smoke.teardown()
    passed = sum(results)
    print(f"{passed}/{len(results)} checks passed in {time.monotonic() - started:.0f} s")
    # The closing line CI reads as a test count.
    print(f"production-smoke: {passed} passed, {len(results) - passed} failed")
    return 0 if results and all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
