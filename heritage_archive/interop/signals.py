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


def previously_published(page, revision):
    """The page as its previous publication showed it, or None.

    Found through the publish log, which records the revision each time.
    """
    entry = (
        PageLogEntry.objects.filter(
            page_id=page.pk, action="wagtail.publish", revision__isnull=False
        )
        .exclude(revision_id=getattr(revision, "pk", None))
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    return entry.revision.as_object() if entry is not None else None


def record_page_published(sender, instance, revision=None, **kwargs):
    identifier = records.identifier_for(instance)
    OaiTombstone.objects.filter(identifier=identifier).delete()
    # A changed key changes the identifier: harvesters must learn the old one is gone.
    previous = previously_published(instance, revision)
    if previous is not None and previous.key and records.identifier_for(previous) != identifier:
        OaiTombstone.objects.update_or_create(
            identifier=records.identifier_for(previous),
            defaults={"datestamp": timezone.now(), "sets": records.sets_for(previous)},
        )


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
