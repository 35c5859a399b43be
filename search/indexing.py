"""Indexing that loses nothing: the outbox and the worker's drain.

A page change writes an outbox row in the change's own transaction. The
drain reads the page's current state (not the row's action), so applying a
row twice or out of order still ends in the right state. The database
table is always written; Elasticsearch too when it is configured. If
Elasticsearch fails, the rows stay with their error for the next attempt.
"""

import logging

from django.conf import settings
from django.db import transaction

from search.backends.database import delete_records, save_records
from search.documents import RECORD_TYPES, build_record
from search.models import IndexingOutboxEntry

logger = logging.getLogger(__name__)

BATCH_SIZE = 500


def enqueue(pages, action):
    """Write outbox rows for ``pages`` [(page id, record type)] now; try to apply them on commit."""
    pages = list(pages)
    if not pages:
        return
    IndexingOutboxEntry.objects.bulk_create(
        IndexingOutboxEntry(page_id=page_id, record_type=record_type, action=action)
        for page_id, record_type in pages
    )
    page_ids = [page_id for page_id, _record_type in pages]
    transaction.on_commit(lambda: drain_after_commit(page_ids))


def drain_after_commit(page_ids):
    """Best effort: whatever goes wrong, the save has succeeded and the row waits."""
    try:
        drain_outbox(page_ids=page_ids)
    except Exception:  # noqa: BLE001 - indexing must never fail a save
        logger.warning("Search indexing deferred to the worker", exc_info=True)


def searchable_page(page_id, record_type):
    """The specific live, public page of a record, or None when it must leave the index."""
    model = RECORD_TYPES[record_type].model if record_type in RECORD_TYPES else None
    if model is None:
        return None
    return model.objects.live().public().filter(pk=page_id).first()


def drain_outbox(*, batch_size=BATCH_SIZE, page_ids=None):
    """Apply one batch of outbox rows; return (pages applied, pages failed)."""
    entries = IndexingOutboxEntry.objects.order_by("pk")
    if page_ids is not None:
        entries = entries.filter(page_id__in=page_ids)
    entries = list(entries[:batch_size])
    if not entries:
        return 0, 0
    types = {}
    for entry in entries:
        types[entry.page_id] = entry.record_type
    records, gone = [], []
    for page_id, record_type in types.items():
        page = searchable_page(page_id, record_type)
        if page is None:
            gone.append(page_id)
        else:
            records.append(build_record(page))
    with transaction.atomic():
        save_records(records)
        delete_records(gone)
    entry_ids = [entry.pk for entry in entries]
    if settings.ELASTICSEARCH_URL:
        from search.backends.elasticsearch import apply_changes

        try:
            apply_changes(records, list(types))
        except Exception as error:  # noqa: BLE001 - kept in the outbox for the next attempt
            message = f"{type(error).__name__}: {error}"[:2000]
            for entry in entries:
                entry.attempts += 1
                entry.last_error = message
            IndexingOutboxEntry.objects.bulk_update(entries, ["attempts", "last_error"])
            logger.warning("Elasticsearch indexing failed, %s rows kept: %s", len(entries), message)
            return 0, len(types)
    IndexingOutboxEntry.objects.filter(pk__in=entry_ids).delete()
    return len(types), 0
