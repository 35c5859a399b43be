"""Booking, cancelling and promoting, never overbooked.

Every change to a page's sign-ups first takes that page's ledger row:
``SELECT ... FOR UPDATE`` on PostgreSQL, so concurrent bookings of one page
run one after another while other pages are untouched. SQLite has no row
locks: there the booking first writes the ledger row (the write takes the
database's single writer lock before anything is counted), and the threads
of one process queue on a lock of their own before that, because SQLite
answers a second writer thread with "database is locked" instead of waiting.
"""

import secrets
import threading
from contextlib import nullcontext
from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Signup, SignupLedger

_SQLITE_WRITER = threading.Lock()


class SignupRefused(Exception):
    """A sign-up or cancel that cannot be done; ``message`` is for the visitor."""

    def __init__(self, message, code):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass
class Seats:
    capacity: int
    confirmed: int
    waitlisted: int

    @property
    def left(self):
        return max(self.capacity - self.confirmed, 0)


def seats_of(page):
    rows = (
        Signup.objects.filter(page_id=page.pk)
        .exclude(status=Signup.Status.CANCELLED)
        .values("status")
        .annotate(seats=Sum("seats"))
    )
    taken = {row["status"]: row["seats"] or 0 for row in rows}
    return Seats(
        capacity=page.signup_capacity,
        confirmed=taken.get(Signup.Status.CONFIRMED, 0),
        waitlisted=taken.get(Signup.Status.WAITLISTED, 0),
    )


def _serialised():
    return _SQLITE_WRITER if connection.vendor == "sqlite" else nullcontext()


def _lock(page_id):
    """Take the page's ledger row until the transaction ends."""
    SignupLedger.objects.get_or_create(page_id=page_id)
    if connection.features.has_select_for_update:
        SignupLedger.objects.select_for_update().get(page_id=page_id)
    else:
        SignupLedger.objects.filter(page_id=page_id).update(version=F("version") + 1)


def _confirmed_seats(page_id):
    return (
        Signup.objects.filter(page_id=page_id, status=Signup.Status.CONFIRMED).aggregate(
            total=Sum("seats")
        )["total"]
        or 0
    )


def duplicate_message():
    return _("该手机号已报名本活动，无需重复报名。如需更改，请先用取消链接取消原报名。")


def book(page, *, name, phone, seats, extra, notice_version):
    """Sign up for ``page`` (a specific page with sign-up settings); returns the Signup."""
    with _serialised(), transaction.atomic():
        _lock(page.pk)
        now = timezone.now()
        if not page.signup_is_open(now):
            raise SignupRefused(_("本活动当前不在报名时间内。"), "closed")
        if seats < 1 or seats > page.signup_per_person_limit:
            raise SignupRefused(
                _("每次最多为 %(limit)s 人报名。") % {"limit": page.signup_per_person_limit},
                "seats",
            )
        active = Signup.objects.filter(page_id=page.pk, phone=phone).exclude(
            status=Signup.Status.CANCELLED
        )
        if active.exists():
            raise SignupRefused(duplicate_message(), "duplicate")
        if _confirmed_seats(page.pk) + seats <= page.signup_capacity:
            status = Signup.Status.CONFIRMED
        elif page.signup_waitlist:
            status = Signup.Status.WAITLISTED
        else:
            raise SignupRefused(_("名额已满，本活动不设候补。"), "full")
        try:
            with transaction.atomic():
                return Signup.objects.create(
                    page_id=page.pk,
                    name=name,
                    phone=phone,
                    seats=seats,
                    extra=extra,
                    status=status,
                    consent_at=now,
                    notice_version=notice_version,
                    created_at=now,
                    cancel_nonce=secrets.token_hex(16),
                )
        except IntegrityError:
            raise SignupRefused(duplicate_message(), "duplicate") from None


def promote_waitlisted(page):
    """Promote the waitlist in order while the next one fits; returns the promoted."""
    free = page.signup_capacity - _confirmed_seats(page.pk)
    promoted = []
    waiting = Signup.objects.filter(page_id=page.pk, status=Signup.Status.WAITLISTED).order_by(
        "created_at", "pk"
    )
    for signup in waiting:
        # First come, first served: a large party at the head is not skipped.
        if signup.seats > free:
            break
        signup.status = Signup.Status.CONFIRMED
        signup.promoted_at = timezone.now()
        signup.save(update_fields=["status", "promoted_at"])
        free -= signup.seats
        promoted.append(signup)
    return promoted


def cancel(signup_id, nonce):
    """Cancel through the visitor's link; returns (signup, promoted sign-ups)."""
    used = SignupRefused(_("该取消链接已使用或已失效。"), "used")
    page_id = Signup.objects.filter(pk=signup_id).values_list("page_id", flat=True).first()
    if page_id is None or not nonce:
        raise used
    with _serialised(), transaction.atomic():
        _lock(page_id)
        signup = Signup.objects.filter(pk=signup_id, cancel_nonce=nonce).first()
        if signup is None or signup.status == Signup.Status.CANCELLED:
            raise used
        was_confirmed = signup.status == Signup.Status.CONFIRMED
        signup.status = Signup.Status.CANCELLED
        signup.cancelled_at = timezone.now()
        signup.cancel_nonce = ""
        signup.save(update_fields=["status", "cancelled_at", "cancel_nonce"])
        promoted = []
        if was_confirmed:
            page = signup.page.specific
            promoted = promote_waitlisted(page)
        return signup, promoted
