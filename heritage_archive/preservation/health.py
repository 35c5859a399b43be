"""Preservation's part of the site's health (heritage_archive/core/health.py): fixity and backup."""

import datetime
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from heritage_archive.core.health import Health, age_seconds, health_check, timestamp
from heritage_archive.preservation.models import FixityAuditRun

# The fixity timer runs weekly (Sunday 04:00) and the backup nightly
# (deploy/systemd/*.timer); a day's grace beyond each before it counts as missed.
DEFAULT_FIXITY_MAX_AGE = 8 * 24 * 3600
DEFAULT_BACKUP_MAX_AGE = 2 * 24 * 3600
# deploy/backup.sh writes it after a package is complete.
STAMP_NAME = "last-backup"


def stamp_path():
    return Path(settings.BACKUP_DIR) / STAMP_NAME


@health_check("fixity", _("文件核验"))
def check_fixity():
    run = FixityAuditRun.objects.exclude(result=FixityAuditRun.Result.RUNNING).first()
    limit = getattr(settings, "HEALTH_FIXITY_MAX_AGE", DEFAULT_FIXITY_MAX_AGE)
    facts = {"max_age_seconds": limit}
    if run is None:
        # A new installation before its first Sunday: reported, not an alarm.
        return Health("fixity", _("文件核验"), True, _("尚未运行"), {**facts, "last_at": None})
    moment = run.finished_at or run.started_at
    age = age_seconds(moment)
    passed = run.result == FixityAuditRun.Result.OK
    ok = passed and age <= limit
    if not passed:
        summary = _("最近一次（%(time)s）发现问题：改动 %(changed)s，缺失 %(missing)s") % {
            "time": timezone.localtime(moment).strftime("%Y-%m-%d %H:%M"),
            "changed": run.changed_count,
            "missing": run.missing_count,
        }
    else:
        summary = _("最近一次 %(time)s，核验 %(count)s 个文件，完好") % {
            "time": timezone.localtime(moment).strftime("%Y-%m-%d %H:%M"),
            "count": run.checked_count,
        }
        if not ok:
            summary = _("已超过 %(days)s 天未核验；") % {"days": limit // 86400} + summary
    return Health(
        "fixity",
        _("文件核验"),
        ok,
        summary,
        {
            **facts,
            "last_at": timestamp(moment),
            "age_seconds": age,
            "result": run.result,
            "checked": run.checked_count,
            "changed": run.changed_count,
            "missing": run.missing_count,
            "untracked": run.untracked_count,
        },
    )


@health_check("backup", _("备份"))
def check_backup():
    limit = getattr(settings, "HEALTH_BACKUP_MAX_AGE", DEFAULT_BACKUP_MAX_AGE)
    facts = {"max_age_seconds": limit}
    try:
        mtime = stamp_path().stat().st_mtime
    except FileNotFoundError:
        return Health("backup", _("备份"), True, _("尚无备份记录"), {**facts, "last_at": None})
    moment = datetime.datetime.fromtimestamp(mtime, tz=datetime.UTC)
    age = age_seconds(moment)
    ok = age <= limit
    summary = _("最近一次 %(time)s") % {
        "time": timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")
    }
    if not ok:
        summary = _("已超过 %(days)s 天没有新备份；") % {"days": limit // 86400} + summary
    return Health(
        "backup",
        _("备份"),
        ok,
        summary,
        {**facts, "last_at": timestamp(moment), "age_seconds": age},
    )
