from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteropConfig(AppConfig):
    """OAI-PMH, IIIF and the read API: how other archives and tools reach the records."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "heritage_archive.interop"
    label = "interop"
    verbose_name = _("开放接口")

    def ready(self):
        from . import signals  # noqa: F401  (connects the tombstone handlers)
