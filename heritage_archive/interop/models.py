from django.db import models
from django.utils.translation import gettext_lazy as _


class OaiTombstone(models.Model):
    """A record harvesters have seen and that is gone (deleted or unpublished).

    OAI-PMH with deletedRecord=persistent promises to report such records
    forever, so the identifier, the time it went and the sets it was in are
    kept here. The row goes away when the record is published again.
    """

    identifier = models.CharField(_("OAI 标识符"), max_length=255, unique=True)
    datestamp = models.DateTimeField(_("删除时间"))
    sets = models.JSONField(_("所属集合"), default=list, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("已删除的 OAI 记录")
        verbose_name_plural = _("已删除的 OAI 记录")

    def __str__(self):
        return self.identifier


class OaiRecordState(models.Model):
    """What harvesters were last shown of a public record, to date its changes.

    A record's Dublin Core also carries its relations (the titles and URLs of
    related records), which change without the record being published again.
    The digest of the last metadata shown decides whether the datestamp
    moves; ``neighbours`` are the records it was related to then, which must
    be looked at again when it changes. The page id is no foreign key, so the
    row outlives a deleted page long enough to bury it.
    """

    page_id = models.PositiveBigIntegerField(_("页面"), unique=True)
    identifier = models.CharField(_("OAI 标识符"), max_length=255)
    sets = models.JSONField(_("所属集合"), default=list, blank=True)
    digest = models.CharField(_("元数据摘要"), max_length=64)
    neighbours = models.JSONField(_("相关记录"), default=list, blank=True)
    datestamp = models.DateTimeField(_("最近变更时间"), db_index=True)

    class Meta:
        verbose_name = _("OAI 记录状态")
        verbose_name_plural = _("OAI 记录状态")

    def __str__(self):
        return self.identifier
