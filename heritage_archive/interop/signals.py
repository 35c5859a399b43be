"""Keep OAI tombstones in step with publishing.

A record that harvesters may have seen and that stops being public (it is
unpublished or deleted) gets a tombstone; publishing it again removes it.
"""

from django.db.models.signals import post_delete
from django.utils import timezone
from wagtail.models import PageLogEntry
from wagtail.signals import page_published, page_unpublished

from . import records
from .models import OaiTombstone

RECORD_MODELS = tuple(records.RECORD_TYPES.values())


def was_published(page):
    """Whether harvesters can have seen the page.

    The publish log is the fallback because a page object held in memory
    since before its publication carries no publication dates.
    """
    if page.first_published_at or page.last_published_at:
        return True
    return PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish").exists()


def bury(page):
    if not page.key or not was_published(page):
        return
    OaiTombstone.objects.update_or_create(
        identifier=records.identifier_for(page),
        defaults={"datestamp": timezone.now(), "sets": records.sets_for(page)},
    )


def record_page_unpublished(sender, instance, **kwargs):
    bury(instance)


def record_page_deleted(sender, instance, **kwargs):
    bury(instance)


def record_page_published(sender, instance, **kwargs):
    OaiTombstone.objects.filter(identifier=records.identifier_for(instance)).delete()


for model in RECORD_MODELS:
    page_unpublished.connect(
        record_page_unpublished, sender=model, dispatch_uid=f"oai-unpublish-{model.__name__}"
    )
    post_delete.connect(
        record_page_deleted, sender=model, dispatch_uid=f"oai-delete-{model.__name__}"
    )
    page_published.connect(
        record_page_published, sender=model, dispatch_uid=f"oai-publish-{model.__name__}"
    )
