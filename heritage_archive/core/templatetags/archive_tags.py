"""Template helpers for the public pages: pagination, live related pages, prefetched media.

They exist so that templates never run one query per child: every helper
returns a queryset with the joins and prefetches its template needs.
"""

import re

from django import template
from django.core.paginator import Paginator
from django.db.models import Prefetch

from heritage_archive.core.choices import category_numeral
from heritage_archive.core.renditions import RENDITION_SPECS
from heritage_archive.core.visibility import (
    is_private_file,
    is_visible_page,
    visible_pages,
    without_private_files,
)

register = template.Library()

PAGE_SIZE = 20


def rendition_prefetch(lookup):
    """Prefetch only the renditions the templates use (core.renditions)."""
    from wagtail.images import get_image_model

    rendition_model = get_image_model().get_rendition_model()
    return Prefetch(
        lookup, queryset=rendition_model.objects.filter(filter_spec__in=RENDITION_SPECS)
    )


def _with_prefetches(items, lookups):
    if not lookups or not hasattr(items, "prefetch_related"):
        return items
    prefetches = [
        rendition_prefetch(lookup) if lookup.endswith("renditions") else lookup
        for lookup in lookups.split(",")
    ]
    return items.prefetch_related(*prefetches)


@register.simple_tag(takes_context=True)
def paginate(context, items, prefetch="", per_page=PAGE_SIZE):
    """One page of ``items`` for ?page=; a bad or out-of-range number gives page 1 or the last.

    ``prefetch`` is a comma-separated list of lookups, e.g.
    "gallery_images__image__renditions", applied to the page's slice only.
    """
    items = _with_prefetches(items, prefetch)
    return Paginator(items, per_page).get_page(context["request"].GET.get("page"))


@register.filter
def prefetched(items, lookups):
    """``items`` with the comma-separated ``lookups`` prefetched (renditions filtered)."""
    return _with_prefetches(items, lookups)


@register.filter
def live(pages, request=None):
    """The published, public pages of a related set (also of a preview's in-memory set).

    Pass the request (``pages|live:request``) so the view restrictions are read
    once per request rather than once per list.
    """
    if hasattr(pages, "live") and hasattr(pages, "public"):
        return visible_pages(pages, None if isinstance(request, str) else request)
    # A preview's in-memory set: only its saved, visible pages count.
    return [page for page in pages if page.pk and is_visible_page(page, request)]


def gallery_rows(related, lookup="image"):
    """Every row of a gallery relation (``page.gallery_images``), read once per page object.

    The gallery, the JSON-LD image and the IIIF link all show the same rows,
    so the rows (with their files and the templates' renditions) are kept on
    the page object: one query for the rows and one for the renditions,
    however many blocks use them. Rows of private-collection files are
    included; callers that show them to the public filter with
    ``public_gallery_rows``. A preview's in-memory rows come back as they are.
    """
    rows = related.all()
    if not (hasattr(rows, "model") and hasattr(rows, "query")):
        return list(rows)
    instance = getattr(related, "instance", None)
    key = f"_gallery_rows:{rows.model._meta.label_lower}:{lookup}"
    cached = instance.__dict__.get(key) if instance is not None else None
    if cached is None:
        cached = list(
            rows.select_related(lookup).prefetch_related(
                rendition_prefetch(f"{lookup}__renditions")
            )
        )
        if instance is not None:
            instance.__dict__[key] = cached
    return cached


def public_gallery_rows(related, lookup="image"):
    """The rows of ``gallery_rows`` whose file is not in a private collection."""
    return [
        row for row in gallery_rows(related, lookup) if not is_private_file(getattr(row, lookup))
    ]


@register.filter
def with_images(related, lookup="image"):
    """A gallery's rows (``page.gallery_images``) with their images and renditions.

    Works for any ``GalleryImageBase`` relation; ``lookup`` names the image field.
    """
    return public_gallery_rows(related, lookup)


@register.filter
def with_related(related, lookup):
    """``related.all()`` with ``lookup`` joined (e.g. media items with their media)."""
    rows = related.all()
    if hasattr(rows, "query"):
        if hasattr(rows.model._meta.get_field(lookup).related_model, "collection"):
            rows = without_private_files(rows, lookup)
        return rows.select_related(lookup)
    return rows


@register.filter
def first_image(page):
    """The first gallery image of a page, from the prefetched rows when there are some."""
    for row in page.gallery_images.all():
        if not is_private_file(row.image):
            return row.image
    return None


_NOT_DIALLED = re.compile(r"[^0-9+\-]")


@register.filter
def tel_href(phone):
    """A ``tel:`` URL of ``phone``: only digits, + and -, so notes such as （示例） or
    "转 8001" written beside the number never reach the dialler."""
    return "tel:" + _NOT_DIALLED.sub("", str(phone or ""))


@register.simple_tag
def placeholder_mark(record):
    """What a record's image placeholder shows: its category's numeral (Ⅰ–Ⅹ) for a
    heritage item, else the first character of its title (a person's surname)."""
    category = getattr(record, "category", "")
    if category:
        try:
            return category_numeral(category)
        except ValueError:
            pass
    return (getattr(record, "title", "") or "").strip()[:1]


@register.filter
def public_file(file):
    """``file`` (an image or document), or None when it sits in a private collection."""
    return None if is_private_file(file) else file
