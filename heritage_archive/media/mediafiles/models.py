"""Documents and audio/video, each keeping the SHA-256 of its original."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document
from wagtailmedia.models import AbstractMedia

from heritage_archive.core.checksums import ChecksummedFileMixin


class ArchiveDocument(ChecksummedFileMixin, AbstractDocument):
    is_sample = models.BooleanField(_("示例数据"), default=False)

    admin_form_fields = Document.admin_form_fields

    class Meta(AbstractDocument.Meta):
        verbose_name = _("文档")
        verbose_name_plural = _("文档")


class ArchiveMedia(ChecksummedFileMixin, AbstractMedia):
    """Audio or video (wagtailmedia), e.g. a recording of a performance."""

    is_sample = models.BooleanField(_("示例数据"), default=False)

    class Meta:
        verbose_name = _("音视频")
        verbose_name_plural = _("音视频")
