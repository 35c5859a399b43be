"""Signal handlers that write an outbox row in the same transaction as the change.

Anything that can change what the public sees of a record reaches here:
publishing, unpublishing, deleting, moving, and a view restriction added,
changed or removed on the page or any ancestor. The drain then reads the
page's current state, so a row only says "look at this page again".
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from heritage_archive.records.registry import record_type_of, record_types
from search.indexing import enqueue
from search.models import IndexingOutboxEntry


def _record_pages(pages):
    for page in pages:
        record_type = record_type_of(page)
        if record_type is not None:
            yield page.pk, record_type.name


def record_pages_under(page):
    """(page id, record type) of every record at or below ``page``, one query per type."""
    for record_type in record_types():
        for page_id in record_type.model.objects.filter(path__startswith=page.path).values_list(
            "pk", flat=True
        ):
            yield page_id, record_type.name


def on_published(sender, instance, **kwargs):
    enqueue(_record_pages([instance]), IndexingOutboxEntry.Action.UPSERT)


def on_unpublished(sender, instance, **kwargs):
    enqueue(_record_pages([instance]), IndexingOutboxEntry.Action.DELETE)


def on_deleted(sender, instance, **kwargs):
    enqueue(_record_pages([instance]), IndexingOutboxEntry.Action.DELETE)


def on_moved(sender, instance, **kwargs):
    # A move changes the URL of the page and of every record below it, and
    # may take them into or out of a restricted section.
    enqueue(record_pages_under(instance), IndexingOutboxEntry.Action.UPSERT)


def on_restriction_changed(sender, instance, **kwargs):
    # The restricted page and everything below it may have become private or
    # public again; the drain decides which from the current restrictions.
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        enqueue(record_pages_under(page), IndexingOutboxEntry.Action.UPSERT)


def register_signal_handlers():
    for model in [record_type.model for record_type in record_types()]:
        page_published.connect(on_published, sender=model, dispatch_uid=f"search-pub-{model}")
        page_unpublished.connect(on_unpublished, sender=model, dispatch_uid=f"search-unpub-{model}")
        post_delete.connect(on_deleted, sender=model, dispatch_uid=f"search-del-{model}")
    post_page_move.connect(on_moved, dispatch_uid="search-move")
    post_save.connect(
        on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search-restrict"
    )
    post_delete.connect(
        on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search-unrestrict"
    )
