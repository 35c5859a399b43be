from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImagesConfig(AppConfig):
    name = "heritage_archive.media.images"
    label = "images"
    verbose_name = _("图片")

    def ready(self):
        from . import signal_handlers  # noqa: F401
        from .validation import harden_pillow

        harden_pillow()
