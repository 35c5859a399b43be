from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "heritage_archive.core"
    label = "core"
    verbose_name = _("站点核心")
