"""Indexing that loses nothing and never holds up a save.

A page change writes an outbox row in the change's own transaction. After
commit the rows are drained: at once when search runs in the database
alone, in a background thread when Elasticsearch is configured, so a slow or
hung node never delays the response (the worker, ``search_worker``, drains
whatever is left).

Any number of drains may run at once (request threads, several workers):
each claims its rows with a conditional UPDATE (portable between SQLite and
PostgreSQL), and a page is applied only by the drain holding its oldest
waiting row; another drain that claimed a newer row of the same page gives
it back. The drain reads the page's current state after claiming (not the
row's action), so the newest state wins and applying a row twice is harmless.
The database table is always written first; Elasticsearch too when it is
configured. If Elasticsearch fails, the rows are released with their error
for the next attempt.
"""

import datetime
import logging
import os
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.db import close_old_connections, transaction
from django.db.models import Q
from django.utils import timezone

from heritage_archive.core.visibility import visible_pages
from heritage_archive.records.registry import record_type_named
from search.backends.database import delete_records, save_records
from search.documents import build_record
from search.models import IndexingOutboxEntry

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
# A claim older than this belongs to a drain that died; its rows are free again.
CLAIM_LEASE = datetime.timedelta(minutes=5)
# How often a background drain goes back for rows another drain handed over.
BACKGROUND_PASSES = 3


def enqueue(pages, action):
    """Write outbox rows for ``pages`` [(page id, record type)] now; apply them after commit."""
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
    """Apply the committed rows without making the response wait for Elasticsearch."""
    if settings.ELASTICSEARCH_URL and settings.SEARCH_INDEX_IN_BACKGROUND:
        _background_executor().submit(_background_drain, page_ids)
    else:
        _drain_quietly(page_ids)


def _drain_quietly(page_ids):
    """Best effort: whatever goes wrong, the save has succeeded and the row waits."""
    try:
        for _pass in range(BACKGROUND_PASSES):
            applied, failed = drain_outbox(page_ids=page_ids)
            # Go back only for rows another drain handed over, never to retry a failure.
            if failed or not applied or not _unclaimed(page_ids).exists():
                return
    except Exception:  # noqa: BLE001 - indexing must never fail a save
        logger.warning("Search indexing deferred to the worker", exc_info=True)


def _background_drain(page_ids):
    try:
        _drain_quietly(page_ids)
    finally:
        # This thread's connection must not outlive the job.
        close_old_connections()


_executor = None
_executor_pid = None
_executor_lock = threading.Lock()


def _background_executor():
    """One indexing thread per process (made again after a fork, as gunicorn does)."""
    global _executor, _executor_pid
    with _executor_lock:
        if _executor is None or _executor_pid != os.getpid():
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="search-indexing")
            _executor_pid = os.getpid()
        return _executor


def wait_for_background_indexing(timeout=10):
    """Block until the jobs submitted so far have run (tests, drills, shutdown)."""
    if _executor is not None and _executor_pid == os.getpid():
        _executor.submit(lambda: None).result(timeout=timeout)


def searchable_page(page_id, record_type):
    """The specific visible page of a record, or None when it must leave the index."""
    found = record_type_named(record_type)
    if found is None:
        return None
    return visible_pages(found.model.objects.all()).filter(pk=page_id).first()


def _free_claims():
    return Q(claimed_by="") | Q(claimed_at__lt=timezone.now() - CLAIM_LEASE)


def _unclaimed(page_ids):
    return IndexingOutboxEntry.objects.filter(page_id__in=page_ids).filter(_free_claims())


def claim_entries(*, batch_size=BATCH_SIZE, page_ids=None):
    """Claim up to ``batch_size`` free rows; return (token, the claimed rows)."""
    token = uuid.uuid4().hex
    candidates = IndexingOutboxEntry.objects.filter(_free_claims())
    if page_ids is not None:
        candidates = candidates.filter(page_id__in=page_ids)
    candidate_ids = list(candidates.order_by("pk").values_list("pk", flat=True)[:batch_size])
    if not candidate_ids:
        return token, []
    # The condition is checked again by the UPDATE itself: of two drains that
    # read the same candidates, each row goes to one of them only.
    IndexingOutboxEntry.objects.filter(pk__in=candidate_ids).filter(_free_claims()).update(
        claimed_by=token, claimed_at=timezone.now()
    )
    return token, list(IndexingOutboxEntry.objects.filter(claimed_by=token).order_by("pk"))


def _pages_held_elsewhere(token, entries):
    """Pages of ``entries`` with an older row that another live claim holds."""
    oldest = {}
    for entry in entries:
        oldest.setdefault(entry.page_id, entry.pk)
    held = (
        IndexingOutboxEntry.objects.filter(page_id__in=list(oldest))
        .exclude(claimed_by=token)
        .exclude(_free_claims())
        .values_list("page_id", "pk")
    )
    return {page_id for page_id, pk in held if pk < oldest[page_id]}


def release(token, page_ids=None, *, error=""):
    """Give claimed rows back (all of ``token``'s, or those of ``page_ids``)."""
    rows = IndexingOutboxEntry.objects.filter(claimed_by=token)
    if page_ids is not None:
        rows = rows.filter(page_id__in=page_ids)
    if error:
        for entry in rows:
            entry.attempts += 1
            entry.last_error = error
            entry.claimed_by = ""
            entry.claimed_at = None
            entry.save(update_fields=["attempts", "last_error", "claimed_by", "claimed_at"])
    else:
        rows.update(claimed_by="", claimed_at=None)


def drain_outbox(*, batch_size=BATCH_SIZE, page_ids=None):
    """Apply one batch of outbox rows; return (pages applied, pages failed)."""
    token, entries = claim_entries(batch_size=batch_size, page_ids=page_ids)
    if not entries:
        return 0, 0
    held_elsewhere = _pages_held_elsewhere(token, entries)
    if held_elsewhere:
        release(token, held_elsewhere)
    types = {}
    for entry in entries:
        if entry.page_id not in held_elsewhere:
            types[entry.page_id] = entry.record_type
    if not types:
        return 0, 0
    records, gone = [], []
    try:
        for page_id, record_type in types.items():
            page = searchable_page(page_id, record_type)
            if page is None:
                gone.append(page_id)
            else:
                records.append(build_record(page))
        with transaction.atomic():
            save_records(records)
            delete_records(gone)
    except BaseException:
        # Free the rows at once rather than after the lease: the next drain retries them.
        release(token)
        raise
    if settings.ELASTICSEARCH_URL:
        from search.backends.elasticsearch import ElasticsearchUnavailable, apply_changes

        try:
            apply_changes(records, list(types))
        except ElasticsearchUnavailable:
            # Not tried: the node failed moments ago. The worker tries again later.
            release(token)
            return 0, len(types)
        except Exception as error:  # noqa: BLE001 - kept in the outbox for the next attempt
            message = f"{type(error).__name__}: {error}"[:2000]
            release(token, error=message)
            logger.warning("Elasticsearch indexing failed, %s pages kept: %s", len(types), message)
            return 0, len(types)
    IndexingOutboxEntry.objects.filter(claimed_by=token).delete()
    return len(types), 0
