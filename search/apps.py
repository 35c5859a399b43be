from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = _("检索")

    def ready(self):
        from search.signal_handlers import register_signal_handlers

        register_signal_handlers()
