from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Sample content (marked 示例) for `make run` and the browser tests; nothing imports it."""

    name = "heritage_archive.demo"
    label = "demo"
    verbose_name = _("示例内容")
