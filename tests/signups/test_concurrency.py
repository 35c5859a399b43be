"""Never overbooked: 50 sign-ups at the same moment for 10 seats, in real threads."""

import threading

import pytest
from django.db import connection, connections

from heritage_archive.site.signups import booking
from heritage_archive.site.signups.models import Signup
from tests.utils import build_site

from .helpers import make_event, phone_number

VISITORS = 50
SEATS = 10


# serialized_rollback puts back the rows migrations made (the root page), which
# the flush after a transactional test removes.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_concurrent_sign_ups_for_ten_seats():
    event = make_event(build_site(), capacity=SEATS)
    start = threading.Barrier(VISITORS)
    errors = []

    def visitor(index):
        try:
            start.wait(timeout=60)
            booking.book(
                event, name=f"访客{index}", phone=phone_number(index), seats=1, extra={},
                notice_version="x",
            )  # fmt: skip
        except Exception as error:  # noqa: BLE001 - every failure is reported below
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=visitor, args=(index,)) for index in range(VISITORS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    assert errors == []
    statuses = list(Signup.objects.filter(page=event).values_list("status", flat=True))
    assert statuses.count("confirmed") == SEATS, connection.vendor
    assert statuses.count("waitlisted") == VISITORS - SEATS


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_same_phone_twice_at_the_same_moment_is_one_sign_up():
    event = make_event(build_site(), capacity=SEATS)
    start = threading.Barrier(8)
    outcomes = []

    def visitor():
        try:
            start.wait(timeout=60)
            booking.book(
                event, name="同一人", phone="13811112222", seats=1, extra={}, notice_version="x"
            )
            outcomes.append("booked")
        except booking.SignupRefused as refused:
            outcomes.append(refused.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=visitor) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(outcomes) == ["booked"] + ["duplicate"] * 7
    assert Signup.objects.filter(page=event).count() == 1
