from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "heritage_archive.core"
    label = "core"
    verbose_name = _("站点核心")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Collection, CollectionViewRestriction

        from . import checks  # noqa: F401  (registers the system checks)
        from .visibility import forget_private_collections

        # A new, moved or deleted collection or restriction changes which files are private.
        for model in (Collection, CollectionViewRestriction):
            for signal in (post_save, post_delete):
                signal.connect(
                    forget_private_collections,
                    sender=model,
                    dispatch_uid=f"visibility-{signal}-{model.__name__}",
                )
