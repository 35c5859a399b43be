from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "heritage_archive.site.events"
    label = "events"
    verbose_name = _("活动开展")
