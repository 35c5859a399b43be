"""Production logs are JSON lines, Django's and gunicorn's alike (heritage_archive/core/log_format.py)."""

import json
import logging
import runpy
from pathlib import Path

from django.conf import settings
from gunicorn.glogging import SafeAtoms

from heritage_archive.core.log_format import ArchiveJsonFormatter, logging_config

GUNICORN_CONF = Path(settings.BASE_DIR) / "deploy" / "gunicorn.conf.py"


def formatted(name, message, args):
    record = logging.LogRecord(name, logging.INFO, __file__, 1, message, args, None)
    return ArchiveJsonFormatter().format(record)


def test_a_django_record_is_one_json_line_with_time_level_logger_message():
    line = formatted("search.worker", "索引了 %s 条", (3,))
    assert "\n" not in line
    data = json.loads(line)
    assert data["level"] == "INFO"
    assert data["logger"] == "search.worker"
    assert data["message"] == "索引了 3 条"
    assert data["time"]


def test_a_gunicorn_access_record_carries_its_figures_but_no_headers_or_query():
    atoms = SafeAtoms({
        "h": "127.0.0.1", "m": "GET", "U": "/search/", "q": "q=秘密", "s": "200", "B": 1024,
        "M": 12, "a": "Mozilla/5.0", "r": "GET /search/?q=秘密 HTTP/1.1",
        "{cookie}i": "sessionid=abc", "{x-real-ip}i": "203.0.113.9",
    })  # fmt: skip
    access_format = runpy.run_path(str(GUNICORN_CONF))["access_log_format"]
    data = json.loads(formatted("gunicorn.access", access_format, atoms))
    assert data["message"] == '127.0.0.1 "GET /search/" 200 1024 12ms'
    assert data["path"] == "/search/"
    assert (data["method"], data["status"], data["bytes"], data["duration_ms"]) == (
        "GET", "200", 1024, 12,
    )  # fmt: skip
    assert "sessionid" not in json.dumps(data)
    assert "秘密" not in json.dumps(data, ensure_ascii=False)


def test_gunicorn_and_django_share_the_formatter():
    conf = runpy.run_path(str(GUNICORN_CONF))["logconfig_dict"]
    assert conf["formatters"]["json"]["()"] is ArchiveJsonFormatter
    assert {"gunicorn.error", "gunicorn.access"} <= set(conf["loggers"])
    assert logging_config()["formatters"] == conf["formatters"]
