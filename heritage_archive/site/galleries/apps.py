from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GalleriesConfig(AppConfig):
    name = "heritage_archive.site.galleries"
    label = "galleries"
    verbose_name = _("艺术欣赏")
