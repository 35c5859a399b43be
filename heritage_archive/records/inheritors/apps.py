from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InheritorsConfig(AppConfig):
    name = "heritage_archive.records.inheritors"
    label = "inheritors"
    verbose_name = _("传承人")
