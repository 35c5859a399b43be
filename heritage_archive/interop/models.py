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
