from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image

from heritage_archive.core.checksums import ChecksummedFileMixin


class ArchiveImage(ChecksummedFileMixin, AbstractImage):
    """An image with the SHA-256 of its original and a sample-content flag.

    ``description`` (Wagtail's alt text field) is required wherever the image
    appears in a gallery; see ``GalleryImageMixin.clean``.
    """

    is_sample = models.BooleanField(_("示例数据"), default=False)

    admin_form_fields = Image.admin_form_fields

    class Meta(AbstractImage.Meta):
        verbose_name = _("图片")
        verbose_name_plural = _("图片")


class ArchiveRendition(AbstractRendition):
    image = models.ForeignKey(ArchiveImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
