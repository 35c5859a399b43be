from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaFilesConfig(AppConfig):
    name = "heritage_archive.media.mediafiles"
    label = "mediafiles"
    verbose_name = _("文档与音视频")
