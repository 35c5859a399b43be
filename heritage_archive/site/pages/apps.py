from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "heritage_archive.site.pages"
    label = "pages"
    verbose_name = _("普通页面")
