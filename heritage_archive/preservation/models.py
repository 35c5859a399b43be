from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FixityAuditRun(models.Model):
    """One run of ``fixity_audit``: who started it, when, and what it found.

    Kept so that curators can show that the originals were checked, and when
    a file went wrong, from the admin rather than from server logs.
    """

    class Result(models.TextChoices):
        RUNNING = "running", _("进行中")
        OK = "ok", _("完好")
        FAILED = "failed", _("发现问题")

    started_at = models.DateTimeField(_("开始时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    initiator = models.CharField(_("发起人"), max_length=150)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    checked_count = models.PositiveIntegerField(_("核验文件数"), default=0)
    changed_count = models.PositiveIntegerField(_("被改动"), default=0)
    missing_count = models.PositiveIntegerField(_("缺失"), default=0)
    untracked_count = models.PositiveIntegerField(_("无记录文件"), default=0)
    # [{"kind": "changed"|"missing"|"untracked", "path": ..., "model": ..., "pk": ...,
    #   "expected": ..., "actual": ...}]
    findings = models.JSONField(_("发现"), default=list, blank=True)
    result = models.CharField(
        _("结果"), max_length=10, choices=Result.choices, default=Result.RUNNING
    )

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("文件核验记录")
        verbose_name_plural = _("文件核验记录")

    def __str__(self):
        return _("%(time)s 的文件核验（%(result)s）") % {
            "time": self.started_at.strftime("%Y-%m-%d %H:%M") if self.started_at else "",
            "result": self.get_result_display(),
        }
