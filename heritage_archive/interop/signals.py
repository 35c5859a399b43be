"""Keep OAI-PMH in step with what the public may see of each record.

Whenever a record may have changed for harvesters (published, unpublished,
deleted, moved, or a view restriction added, changed or removed on it or an
ancestor), ``refresh_records`` looks at it and at the records it is or was
related to:

- a visible record whose metadata differs from what was last shown gets a
  new datestamp (so incremental harvesters fetch it again, also when only a
  relation changed), and any tombstone of its identifier goes;
- a record that harvesters have seen and that is no longer visible gets a
  tombstone (deletedRecord=persistent), as does the old identifier of a
  record whose key changed.
"""

import hashlib
import json

from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from heritage_archive.core.visibility import visible_pages

from . import records
from .dublin_core import dublin_core_fields, related_page_ids
from .models import OaiRecordState, OaiTombstone

RECORD_MODELS = tuple(records.harvested_models().values())


def was_published(page):
    """Whether harvesters can have seen the page.

    The publish log is the fallback because a page object held in memory
    since before its publication carries no publication dates.
    """
    if page.first_published_at or page.last_published_at:
        return True
    return PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish").exists()


def bury_identifier(identifier, sets):
    OaiTombstone.objects.update_or_create(
        identifier=identifier, defaults={"datestamp": timezone.now(), "sets": sets}
    )


def bury(page):
    if page.key and was_published(page):
        bury_identifier(records.identifier_for(page), records.sets_for(page))


def metadata_digest(identifier, sets, fields):
    payload = json.dumps([identifier, sets, fields], ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def _refresh_visible(page, state):
    identifier = records.identifier_for(page)
    sets = records.sets_for(page)
    digest = metadata_digest(identifier, sets, dublin_core_fields(page))
    neighbours = sorted(related_page_ids(page))
    if state is not None and state.identifier != identifier:
        # A changed key changes the identifier: harvesters must learn the old one is gone.
        bury_identifier(state.identifier, state.sets)
    OaiTombstone.objects.filter(identifier=identifier).delete()
    if state is None:
        state = OaiRecordState(page_id=page.pk)
    elif state.digest == digest and state.identifier == identifier:
        if state.neighbours != neighbours:
            state.neighbours = neighbours
            state.save(update_fields=["neighbours"])
        return
    state.identifier, state.sets, state.digest = identifier, sets, digest
    state.neighbours, state.datestamp = neighbours, timezone.now()
    state.save()


def _refresh_hidden(page, state):
    if state is not None:
        bury_identifier(state.identifier, state.sets)
        state.delete()
    elif page is not None:
        bury(page)


def refresh_records(page_ids, *, follow_relations=True):
    """Bring the OAI state of these record pages (and their related records) up to date."""
    page_ids = set(page_ids)
    if not page_ids:
        return
    states = {state.page_id: state for state in OaiRecordState.objects.filter(page_id__in=page_ids)}
    pages = {page.pk: page for page in Page.objects.filter(pk__in=page_ids).specific()}
    visible_ids = set(
        visible_pages(Page.objects.filter(pk__in=page_ids)).values_list("pk", flat=True)
    )
    neighbours = set()
    for page_id in page_ids:
        page, state = pages.get(page_id), states.get(page_id)
        if page is not None and not isinstance(page, RECORD_MODELS):
            continue
        if state is not None:
            neighbours.update(state.neighbours)
        if page is not None and page_id in visible_ids:
            _refresh_visible(page, state)
            neighbours.update(related_page_ids(page))
        else:
            _refresh_hidden(page, state)
    if follow_relations:
        # One step only: a neighbour's metadata names this record, not its neighbours.
        refresh_records(neighbours - page_ids, follow_relations=False)


def record_page_ids_under(page):
    return (
        Page.objects.filter(path__startswith=page.path)
        .type(*RECORD_MODELS)
        .values_list("pk", flat=True)
    )


def record_page_changed(sender, instance, **kwargs):
    refresh_records([instance.pk])


def record_page_deleted(sender, instance, **kwargs):
    state = OaiRecordState.objects.filter(page_id=instance.pk).first()
    _refresh_hidden(instance, state)
    if state is not None:
        refresh_records(state.neighbours, follow_relations=False)


def page_moved(sender, instance, **kwargs):
    refresh_records(record_page_ids_under(instance))


def restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        refresh_records(record_page_ids_under(page))


for model in RECORD_MODELS:
    page_published.connect(
        record_page_changed, sender=model, dispatch_uid=f"oai-publish-{model.__name__}"
    )
    page_unpublished.connect(
        record_page_changed, sender=model, dispatch_uid=f"oai-unpublish-{model.__name__}"
    )
    post_delete.connect(
        record_page_deleted, sender=model, dispatch_uid=f"oai-delete-{model.__name__}"
    )
post_page_move.connect(page_moved, dispatch_uid="oai-move")
post_save.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid="oai-restrict")
post_delete.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid="oai-unrestrict")
