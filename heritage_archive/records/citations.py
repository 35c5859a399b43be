"""Permanent links and GB/T 7714-2015 citations for record pages.

A record's page URL follows its slug and its place in the tree, both of
which editors may change. The permanent link names the record by what does
not change — the heritage item's project number, the inheritor's or the
figure's key, or else the page id — and redirects to wherever the page is now.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import uri_to_iri

from heritage_archive.core.addresses import absolute_url
from heritage_archive.records.registry import record_type_of


def permanent_path(page):
    """The stable path of a record page: key-based where the record has a key.

    Returned as an IRI (``/record/heritage/Ⅴ-3/``) so citations read as written.
    """
    record_type = record_type_of(page)
    key = getattr(page, "key", "")
    if record_type is not None and record_type.keyed and key:
        return uri_to_iri(reverse("record", kwargs={"kind": record_type.name, "key": key}))
    return reverse("record_page", kwargs={"page_id": page.pk})


def permanent_url(page, request):
    """The absolute permanent link, readable as written (Chinese and Ⅴ unescaped)."""
    return absolute_url(permanent_path(page), request)


def _date(value):
    return timezone.localtime(value).date().isoformat() if value else ""


def gbt7714_citation(*, author, title, url, updated=None, accessed=None):
    """One reference in the GB/T 7714-2015 style for an online electronic resource.

    ``主要责任者. 题名[EB/OL]. (更新或修改日期)[引用日期]. 获取和访问路径.``
    ``updated`` is a datetime (or None when unknown, then its bracket is left
    out); ``accessed`` a date, today by default.
    """
    accessed = accessed or timezone.localdate()
    parts = []
    if author:
        parts.append(f"{author}. ")
    parts.append(f"{title}[EB/OL]. ")
    if updated:
        parts.append(f"({_date(updated)})")
    parts.append(f"[{accessed.isoformat()}]. {url}.")
    return "".join(parts)


def cite_page(page, request, *, author):
    """The citation of a record page as read through ``request`` today."""
    return gbt7714_citation(
        author=author,
        title=page.title,
        url=permanent_url(page, request),
        updated=page.last_published_at,
    )
