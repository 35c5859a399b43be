"""Drafts that Wagtail's autosave made of a create form the curator never saved.

Wagtail 8 autosaves a create form by creating the page as a draft. A curator
who leaves that form and starts the same record again would meet the draft's
record key and slug: "项目编号 Ⅶ-9 已被…使用". Such a draft is recognised by
the log entry written when autosave created it (``AUTOSAVE_CREATED``) and by
what has not happened since: it was never published and never saved on
purpose (``DRAFT_KEPT``, written when the curator saves it from the editor).
When the same user starts again with the same key or slug, the abandoned
draft is replaced (core.wagtail_hooks).
"""

from django.db.models import Q
from wagtail.models import PageLogEntry

from heritage_archive.core.text import pinyin_slug

AUTOSAVE_CREATED = "archive.autosave_created"
DRAFT_KEPT = "archive.draft_kept"


def abandoned_autosave_drafts(pages, user):
    """The pages of ``pages`` that are abandoned autosave drafts of ``user``."""
    if user is None or not user.is_authenticated:
        return pages.none()
    autosaved = PageLogEntry.objects.filter(action=AUTOSAVE_CREATED, user=user).values("page_id")
    kept = PageLogEntry.objects.filter(action=DRAFT_KEPT).values("page_id")
    return (
        pages.filter(live=False, first_published_at__isnull=True, owner=user)
        .filter(pk__in=autosaved)
        .exclude(pk__in=kept)
    )


def clashes_of(page_class, data):
    """What a submitted create form of ``page_class`` would clash with: its slug, its key."""
    condition = Q(pk__in=[])
    slug = (data.get("slug") or "").strip()
    if slug:
        condition |= Q(slug=slug)
    title = (data.get("title") or "").strip()
    if title:
        # PinyinSlugMixin gives a Chinese title's page this slug.
        condition |= Q(slug=pinyin_slug(title))
    key_clash = getattr(page_class, "autosave_key_clash", None)
    if key_clash is not None:
        condition |= key_clash(data)
    return condition
