"""Delete sign-ups SIGNUP_RETENTION_DAYS after their event or course ended (PIPL art. 19).

Run daily by deploy/systemd/anci-signup-purge.timer. It prints counts only,
never a name or a phone number.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from ...models import Signup
from ...staff import signup_page_models


def expired_page_ids(now=None, days=None):
    """Ids of the pages whose sign-ups are past their retention."""
    now = now or timezone.now()
    days = settings.SIGNUP_RETENTION_DAYS if days is None else days
    cutoff = now - datetime.timedelta(days=days)
    ids = []
    for model in signup_page_models():
        field = model.signup_finished_field
        ids.extend(model.objects.filter(**{f"{field}__lte": cutoff}).values_list("pk", flat=True))
    return ids


def purge_signups(now=None, days=None):
    deleted, _by_model = Signup.objects.filter(page_id__in=expired_page_ids(now, days)).delete()
    return deleted


class Command(BaseCommand):
    help = _("删除活动或课程结束超过保存期限的报名信息。")

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=_("保存天数（默认为 SIGNUP_RETENTION_DAYS 设置）。"),
        )

    def handle(self, *args, days=None, **options):
        if days is not None and days < 0:
            self.stderr.write(_("保存天数不能为负数。"))
            return
        deleted = purge_signups(days=days)
        self.stdout.write(_("已删除 %(count)s 条过期报名信息。") % {"count": deleted})
