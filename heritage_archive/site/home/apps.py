from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "heritage_archive.site.home"
    label = "home"
    verbose_name = _("首页")
