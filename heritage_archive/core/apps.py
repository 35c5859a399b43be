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
        connect_page_cache_invalidation()


def connect_page_cache_invalidation():
    """Every change the public could see makes the kept pages stale (core.page_cache).

    A site-wide generation rather than a list of URLs: a record shows on its
    own page, its lists, the home page and its related records, and the one
    number covers them all.
    """
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save
    from taggit.models import Tag
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import (
        Collection,
        CollectionViewRestriction,
        Page,
        PageViewRestriction,
        Site,
    )
    from wagtail.signals import page_published, page_unpublished, post_page_move
    from wagtailmedia import get_media_model

    from .models import Region
    from .page_cache import invalidate, invalidate_for_page

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(invalidate, dispatch_uid=f"page-cache-{signal}")
    page_models = [model for model in apps.get_models() if issubclass(model, Page)]
    for model in page_models:
        # A deleted page (and each descendant) and a live page saved outside
        # the publish flow; a draft's save changes nothing the public sees.
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"page-cache-del-{model}")
        post_save.connect(
            invalidate_for_page, sender=model, dispatch_uid=f"page-cache-save-{model}"
        )
    settings_models = [
        model
        for model in apps.get_models()
        if issubclass(model, BaseSiteSetting | BaseGenericSetting)
    ]
    for model in (
        PageViewRestriction,
        CollectionViewRestriction,
        Collection,
        Site,
        Region,
        Tag,
        get_image_model(),
        get_document_model(),
        get_media_model(),
        *settings_models,
    ):
        for signal in (post_save, post_delete):
            signal.connect(invalidate, sender=model, dispatch_uid=f"page-cache-{signal}-{model}")
