"""One spreadsheet import started from the admin: its files, report, progress and result.

The uploaded sheet and the media ZIP live in a private folder of their own
under settings.IMPORT_WORK_ROOT (never under MEDIA_ROOT), named by the job's
id; the dry-run report and the result are stored here so that the report a
curator confirmed is the one shown afterwards.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportJob(models.Model):
    class Status(models.TextChoices):
        INVALID = "invalid", _("有问题，不能导入")
        READY = "ready", _("试运行通过，待确认")
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("导入中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败，未写入任何内容")

    RECORD_TYPES = [
        ("heritage", _("非遗项目")),
        ("inheritor", _("传承人")),
        ("figure", _("名人")),
    ]

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    record_type = models.CharField(_("记录类型"), max_length=20, choices=RECORD_TYPES)
    sheet_name = models.CharField(_("表格文件"), max_length=255)
    media_name = models.CharField(_("媒体压缩包"), max_length=255, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices)
    # {"rows": [...], "problems": [...], "counts": {...}}, see jobs.dry_run.
    report = models.JSONField(default=dict)
    result = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("导入任务")
        verbose_name_plural = _("导入任务")
        ordering = ["-created_at"]
        permissions = [("run_import", _("可以从表格导入记录"))]

    def __str__(self):
        return f"{self.get_record_type_display()} · {self.sheet_name}"

    @property
    def folder(self):
        return settings.IMPORT_WORK_ROOT / str(self.id)
