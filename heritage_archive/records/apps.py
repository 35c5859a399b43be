from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    """What all records share: no models, but template tags, views and the admin menu group."""

    name = "heritage_archive.records"
    label = "records"
    verbose_name = _("档案记录")
