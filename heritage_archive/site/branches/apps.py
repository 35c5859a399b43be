from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BranchesConfig(AppConfig):
    name = "heritage_archive.site.branches"
    label = "branches"
    verbose_name = _("文化馆总分馆")
