from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "heritage_archive.core"
    label = "core"
    verbose_name = _("站点核心")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction, Site
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from . import checks  # noqa: F401  (registers the system checks)
        from .fragments import invalidate_for_page, invalidate_fragments
        from .models import FriendlyLink, SiteSettings
        from .visibility import forget_private_collections

        # A new, moved or deleted collection or restriction changes which files are private.
        for model in (Collection, CollectionViewRestriction):
            for signal in (post_save, post_delete):
                signal.connect(
                    forget_private_collections,
                    sender=model,
                    dispatch_uid=f"visibility-{signal}-{model.__name__}",
                )

        # The cached navigation and footer (core.fragments) show the page tree,
        # what the public may see of it, the sites and the site settings. Pages
        # come as any page class, so those receivers take every sender and
        # look at the instance (a page saved live without a publish, as
        # add_child does, changes the menu too).
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(invalidate_fragments, dispatch_uid=f"fragments-{signal}")
        for signal in (post_save, post_delete):
            signal.connect(invalidate_for_page, dispatch_uid=f"fragments-page-{signal}")
            for model in (PageViewRestriction, Site, SiteSettings, FriendlyLink):
                signal.connect(
                    invalidate_fragments,
                    sender=model,
                    dispatch_uid=f"fragments-{signal}-{model.__name__}",
                )
