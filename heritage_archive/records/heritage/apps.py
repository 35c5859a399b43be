from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HeritageConfig(AppConfig):
    name = "heritage_archive.records.heritage"
    label = "heritage"
    verbose_name = _("非遗项目")
