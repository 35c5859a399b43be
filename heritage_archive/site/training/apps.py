from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "heritage_archive.site.training"
    label = "training"
    verbose_name = _("网上培训")
