"""python manage.py fixity_audit [--user USERNAME]

Re-hashes every original image, document, audio and video file against the
SHA-256 stored when it was uploaded, lists changed, missing and untracked
files, records the run for the admin and exits non-zero on any finding.
"""

import getpass

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from heritage_archive.preservation.fixity import CHANGED, MISSING, UNTRACKED, audit
from heritage_archive.preservation.models import FixityAuditRun

BAR_WIDTH = 30
# A line every this many files, so long audits show life without flooding logs.
PROGRESS_EVERY = 100


def progress_bar(done, total):
    filled = BAR_WIDTH * done // total if total else BAR_WIDTH
    percent = 100 * done // total if total else 100
    return f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total} {percent}%"


def user_by_name(username):
    User = get_user_model()
    try:
        return User.objects.get(**{User.USERNAME_FIELD: username})
    except User.DoesNotExist:
        raise CommandError(_("找不到用户 %(name)s。") % {"name": username}) from None


class Command(BaseCommand):
    help = _("重新计算全部原始文件的 SHA-256，报告被改动、缺失和无记录的文件。")

    def add_arguments(self, parser):
        parser.add_argument("--user", help=_("以此用户名记录本次核验（默认：当前系统用户）"))

    def handle(self, *args, user=None, **options):
        account = user_by_name(user) if user else None
        run = FixityAuditRun.objects.create(initiator=user or self.system_user(), user=account)
        checked, findings = audit(progress=self.progress)
        run.finished_at = timezone.now()
        run.checked_count = checked
        run.findings = [finding.as_dict() for finding in findings]
        counts = {
            kind: sum(1 for finding in findings if finding.kind == kind)
            for kind in (CHANGED, MISSING, UNTRACKED)
        }
        run.changed_count = counts[CHANGED]
        run.missing_count = counts[MISSING]
        run.untracked_count = counts[UNTRACKED]
        run.result = FixityAuditRun.Result.FAILED if findings else FixityAuditRun.Result.OK
        run.save()

        labels = {
            CHANGED: _("内容被改动"),
            MISSING: _("文件缺失"),
            UNTRACKED: _("无记录引用"),
        }
        for finding in findings:
            line = f"{labels[finding.kind]}: {finding.path}"
            if finding.kind == CHANGED:
                line += " " + _("（应为 %(expected)s，实为 %(actual)s）") % {
                    "expected": finding.expected,
                    "actual": finding.actual,
                }
            self.stderr.write(line)
        summary = _(
            "核验 %(checked)s 个文件：%(changed)s 个被改动，%(missing)s 个缺失，"
            "%(untracked)s 个无记录。"
        ) % {
            "checked": checked,
            "changed": counts[CHANGED],
            "missing": counts[MISSING],
            "untracked": counts[UNTRACKED],
        }
        if findings:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))

    def progress(self, done, total):
        if done % PROGRESS_EVERY == 0 or done == total:
            self.stdout.write(progress_bar(done, total))

    @staticmethod
    def system_user():
        try:
            return getpass.getuser()
        except (KeyError, OSError):
            return "system"
