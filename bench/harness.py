"""The pieces bench/load.py and scripts/drill.py share: a throwaway site, gunicorn, locust.

Everything runs on loopback with the production settings minus rate limits
(heritage_archive.settings.bench). Processes started here are stopped by their
own pid, never by name.
"""

import csv
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = str(BASE_DIR / ".venv" / "bin" / "python")
GUNICORN = str(BASE_DIR / ".venv" / "bin" / "gunicorn")
LOCUST = str(BASE_DIR / ".venv" / "bin" / "locust")
CACHE_DIR = BASE_DIR / ".cache" / "bench"
# Two workers per core is gunicorn's usual starting point; threads let a
# worker keep serving while another request waits on the search node.
GUNICORN_WORKERS = 4
GUNICORN_THREADS = 2
GUNICORN_TIMEOUT = 30


def site_env(workdir, *, database_url=None, elasticsearch_url="", index_prefix="bench"):
    """Environment for manage.py and gunicorn running the site from ``workdir``."""
    workdir = Path(workdir)
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="heritage_archive.settings.bench",
        SECRET_KEY=env.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(48),
        DATABASE_URL=database_url or f"sqlite:///{workdir / 'db.sqlite3'}",
        MEDIA_ROOT=str(workdir / "media"),
        STATIC_ROOT=str(workdir / "static"),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        ELASTICSEARCH_URL=elasticsearch_url,
        SEARCH_INDEX_PREFIX=index_prefix,
        PYTHONUNBUFFERED="1",
    )
    # The production settings keep pages for anonymous visitors when REDIS_URL
    # is set; a benchmark measures the uncached site unless PAGE_CACHE=1 says so.
    env["PAGE_CACHE"] = os.environ.get("PAGE_CACHE", "0")
    return env


def manage(env, *args, check=True, timeout=1800):
    """Run manage.py; return the finished process (output captured)."""
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        check=check,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def demo_site(workdir, log=print):
    """A SQLite site with the demo content in ``workdir``, copied from a cached build.

    load_demo_content takes minutes on a busy two-core machine, so the first
    build is kept in .cache/bench/demo-site and copied for every later run.
    """
    workdir = Path(workdir)
    template = CACHE_DIR / "demo-site"
    if not (template / "db.sqlite3").exists():
        log("building the demo site once (migrate + load_demo_content) ...")
        building = CACHE_DIR / "demo-site.building"
        shutil.rmtree(building, ignore_errors=True)
        building.mkdir(parents=True)
        env = site_env(building)
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_demo_content")
        shutil.rmtree(template, ignore_errors=True)
        building.rename(template)
    shutil.rmtree(workdir, ignore_errors=True)
    shutil.copytree(template, workdir)
    env = site_env(workdir)
    manage(env, "collectstatic", "--noinput", "-v0")
    return workdir


class Gunicorn:
    """gunicorn serving the site on 127.0.0.1:<port>; a context manager."""

    def __init__(self, env, port, *, workers=GUNICORN_WORKERS, threads=GUNICORN_THREADS):
        self.env = env
        self.port = port
        self.workers = workers
        self.threads = threads
        self.process = None
        self.url = f"http://127.0.0.1:{port}"

    @property
    def config(self):
        return (
            f"gunicorn {self.workers} sync workers x {self.threads} threads "
            f"(gthread), timeout {GUNICORN_TIMEOUT}s"
        )

    def __enter__(self):
        log_path = Path(self.env["MEDIA_ROOT"]).parent / f"gunicorn-{self.port}.log"
        self.log = open(log_path, "w")  # noqa: SIM115 - closed in __exit__
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "heritage_archive.wsgi:application",
                f"--bind=127.0.0.1:{self.port}",
                f"--workers={self.workers}",
                f"--threads={self.threads}",
                f"--timeout={GUNICORN_TIMEOUT}",
                "--graceful-timeout=5",
            ],
            cwd=BASE_DIR,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {log_path}")
            if fetch_status(self.url + "/") == 200:
                return self
            time.sleep(0.5)
        # __exit__ does not run when __enter__ raises: stop the server here.
        self.__exit__(None, None, None)
        raise RuntimeError(f"gunicorn did not answer within 60 s; see {log_path}")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def fetch_status(url, *, timeout=10):
    """HTTP status of a GET as a visitor behind the HTTPS proxy; 0 when nothing answered."""
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, OSError):
        return 0


def fetch_json(url, *, timeout=10):
    import json

    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read())


def run_locust(host, *, users, seconds, csv_prefix, user_classes=(), spawn_rate=10):
    """Run bench/load.py headless; return {name: row} from locust's stats CSV."""
    command = [
        LOCUST,
        "-f",
        str(BASE_DIR / "bench" / "load.py"),
        "--headless",
        f"--host={host}",
        f"--users={users}",
        f"--spawn-rate={spawn_rate}",
        f"--run-time={seconds}s",
        "--stop-timeout=10",
        f"--csv={csv_prefix}",
        "--only-summary",
        "--exit-code-on-error=0",
        *user_classes,
    ]
    subprocess.run(
        command,
        cwd=BASE_DIR,
        check=True,
        timeout=seconds + 120,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    with open(f"{csv_prefix}_stats.csv", newline="") as stats:
        return {row["Name"]: row for row in csv.DictReader(stats)}


def python_has_module(name):
    return subprocess.run([PYTHON, "-c", f"import {name}"], capture_output=True).returncode == 0


if __name__ == "__main__":
    sys.exit("bench/harness.py is a library; run bench/load.py or scripts/drill.py")
