from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "heritage_archive.site.news"
    label = "news"
    verbose_name = _("信息发布")
