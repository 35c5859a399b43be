from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FiguresConfig(AppConfig):
    name = "heritage_archive.records.figures"
    label = "figures"
    verbose_name = _("安次名人录")
