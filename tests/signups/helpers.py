"""Pages with sign-up for the sign-up tests."""

import datetime
import itertools

from django.utils import timezone

from heritage_archive.site.events.models import EventPage
from heritage_archive.site.training.models import CoursePage

_slugs = itertools.count(1)


def make_event(pages, *, capacity=10, waitlist=True, per_person=1, days=7, **fields):
    now = timezone.now()
    start = now + datetime.timedelta(days=days)
    event = EventPage(
        title=fields.pop("title", "剪纸公益课"),
        slug=f"signup-event-{next(_slugs)}",
        start_at=start,
        end_at=start + datetime.timedelta(hours=2),
        location="文化馆三楼",
        signup_enabled=fields.pop("signup_enabled", True),
        signup_capacity=capacity,
        signup_waitlist=waitlist,
        signup_per_person_limit=per_person,
        **fields,
    )
    pages["events"].add_child(instance=event)
    return event


def make_course(pages, *, capacity=5, **fields):
    course = CoursePage(
        title=fields.pop("title", "快板入门"),
        slug=f"signup-course-{next(_slugs)}",
        teacher="王老师",
        course_ends_at=timezone.now() + datetime.timedelta(days=30),
        signup_enabled=True,
        signup_capacity=capacity,
        **fields,
    )
    pages["training"].add_child(instance=course)
    return course


def form_data(phone="13812345678", name="张三", **extra):
    return {"name": name, "phone": phone, "consent": "on", "website": "", **extra}


def phone_number(index):
    return f"139{index:08d}"
