"""Signal handlers that write an outbox row in the same transaction as the page change."""

from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from search.documents import record_models, record_type_for_model
from search.indexing import enqueue
from search.models import IndexingOutboxEntry


def _record_pages(pages):
    for page in pages:
        record_type = record_type_for_model(type(page))
        if record_type is not None:
            yield page.pk, record_type.name


def on_published(sender, instance, **kwargs):
    enqueue(_record_pages([instance]), IndexingOutboxEntry.Action.UPSERT)


def on_unpublished(sender, instance, **kwargs):
    enqueue(_record_pages([instance]), IndexingOutboxEntry.Action.DELETE)


def on_deleted(sender, instance, **kwargs):
    enqueue(_record_pages([instance]), IndexingOutboxEntry.Action.DELETE)


def on_moved(sender, instance, **kwargs):
    # A move changes the URL of the page and of every record below it.
    pages = Page.objects.descendant_of(instance, inclusive=True).specific()
    enqueue(_record_pages(pages), IndexingOutboxEntry.Action.UPSERT)


def register_signal_handlers():
    for model in record_models():
        page_published.connect(on_published, sender=model, dispatch_uid=f"search-pub-{model}")
        page_unpublished.connect(on_unpublished, sender=model, dispatch_uid=f"search-unpub-{model}")
        post_delete.connect(on_deleted, sender=model, dispatch_uid=f"search-del-{model}")
    post_page_move.connect(on_moved, dispatch_uid="search-move")
