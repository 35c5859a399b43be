"""The site's health, for monitoring (/healthz) and the admin dashboard panel.

Core checks what it owns, the database and the cache. The apps above it add
their own checks through Wagtail's hook ``register_health_check`` (search:
Elasticsearch and the indexing outbox; preservation: the fixity audit and the
backup), because core may import none of them (tests/test_architecture.py).

A check reports figures and times only, never a record's title, address or
error text, since /healthz answers anyone: an error is named by its class.
"""

import datetime
import secrets
import time
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

HOOK = "register_health_check"


@dataclass
class Health:
    """One part's state: ``name`` is its key in /healthz, ``label`` and ``summary`` the panel's text."""

    name: str
    label: str
    ok: bool
    summary: str
    facts: dict = field(default_factory=dict)


def timestamp(moment):
    """ISO 8601 in UTC, or None."""
    return moment.astimezone(datetime.UTC).isoformat(timespec="seconds") if moment else None


def age_seconds(moment):
    return None if moment is None else max(0, int((timezone.now() - moment).total_seconds()))


def health_check(name, label):
    """Name a check, so that one that raises is still reported under its name."""

    def decorate(function):
        function.health_name, function.health_label = name, label
        return function

    return decorate


@health_check("database", _("数据库"))
def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return Health("database", _("数据库"), True, _("可以连接"), {"vendor": connection.vendor})


@health_check("cache", _("缓存"))
def check_cache():
    # A round trip through the default cache (Redis in production): it is
    # configured to ignore its errors, so a down Redis only shows as a miss.
    key, value = f"healthz:{secrets.token_hex(4)}", secrets.token_hex(8)
    cache.set(key, value, 30)
    ok = cache.get(key) == value
    cache.delete(key)
    return Health("cache", _("缓存"), ok, _("读写正常") if ok else _("无法读写（Redis 不可用？）"))


def run_checks():
    """Every check, core's first; a check that raises is reported as failed, by its error's class."""
    results = []
    for function in [check_database, check_cache, *hooks.get_hooks(HOOK)]:
        started = time.monotonic()
        try:
            health = function()
        except Exception as error:  # noqa: BLE001 (a broken part is a finding, not a crash)
            health = Health(
                getattr(function, "health_name", function.__name__),
                getattr(function, "health_label", function.__name__),
                False,
                _("检查出错：%(error)s") % {"error": type(error).__name__},
                {"error": type(error).__name__},
            )
        health.facts["seconds"] = round(time.monotonic() - started, 3)
        results.append(health)
    return results


def as_json(results):
    """The /healthz document: overall status, then each part's ok flag and figures."""
    return {
        "status": "ok" if all(health.ok for health in results) else "fail",
        "failing": [health.name for health in results if not health.ok],
        "checks": {health.name: {"ok": health.ok, **health.facts} for health in results},
    }
