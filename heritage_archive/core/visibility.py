"""What the public may see: the one definition every way out of the archive uses.

A page is visible when it is live, not past its expiry time, and neither it
nor any ancestor carries a view restriction (password, login or groups).
An image or document is visible when its collection and every ancestor
collection are unrestricted and a visible page uses it (Wagtail's reference
index), so a file that only a draft or a private record shows stays hidden.

Page views, search indexing, exports, OAI-PMH, IIIF, the read API, citations,
JSON-LD and related links all ask here; docs/security.md lists them.

Wagtail's ``PageQuerySet.public()`` reads every ``PageViewRestriction`` again
each time it is called; here the restricted paths are read once per request
(kept on the request) and turned into the same exclusion: a restricted page
and all its descendants (``path`` starts with the restricted page's path).
"""

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import CharField, IntegerField, Q
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    ReferenceIndex,
)

_PAGE_PATHS = "_visibility_restricted_page_paths"


def _cached(request, attribute, read):
    if request is None:
        return read()
    value = getattr(request, attribute, None)
    if value is None:
        value = read()
        setattr(request, attribute, value)
    return value


def restricted_page_paths(request=None):
    """Tree paths of the pages with a view restriction, read once per request."""
    return _cached(
        request,
        _PAGE_PATHS,
        lambda: tuple(PageViewRestriction.objects.values_list("page__path", flat=True)),
    )


def _under_any(paths):
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition


def visible_pages(queryset, request=None):
    """The pages of ``queryset`` the public may see."""
    now = timezone.now()
    queryset = queryset.live().filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
    paths = restricted_page_paths(request)
    return queryset.exclude(_under_any(paths)) if paths else queryset


def is_visible_page(page, request=None):
    """Whether the public may see ``page`` (a saved page object)."""
    if not page.live or (page.expire_at is not None and page.expire_at <= timezone.now()):
        return False
    path = page.path or ""
    return not any(path.startswith(restricted) for restricted in restricted_page_paths(request))


_PRIVATE_COLLECTIONS_KEY = "visibility:private-collection-ids"
# The signal below drops the answer in the shared cache (Redis) at once; a
# per-process cache (LocMem, no REDIS_URL) of another process forgets it
# after this many seconds at the latest.
_PRIVATE_COLLECTIONS_TTL = 60


def private_collection_ids():
    """Ids of the collections that are restricted themselves or sit under a restricted one.

    Every gallery card asks, so the answer is kept in the cache for a few
    seconds and dropped whenever a collection or a collection restriction
    changes (``forget_private_collections``, connected in core.apps).
    """
    ids = cache.get(_PRIVATE_COLLECTIONS_KEY)
    if ids is None:
        paths = tuple(CollectionViewRestriction.objects.values_list("collection__path", flat=True))
        ids = (
            frozenset(Collection.objects.filter(_under_any(paths)).values_list("pk", flat=True))
            if paths
            else frozenset()
        )
        cache.set(_PRIVATE_COLLECTIONS_KEY, ids, _PRIVATE_COLLECTIONS_TTL)
    return ids


def forget_private_collections(**kwargs):
    cache.delete(_PRIVATE_COLLECTIONS_KEY)


def is_private_file(file):
    """Whether ``file`` (an image or document) sits in a private collection."""
    return file is not None and file.collection_id in private_collection_ids()


def visible_files(queryset, request=None):
    """The images or documents of ``queryset`` the public may see."""
    page_type = ContentType.objects.get_for_model(Page)
    visible_page_ids = visible_pages(Page.objects.all(), request).annotate(
        id_text=Cast("pk", CharField())
    )
    used_ids = (
        ReferenceIndex.objects.filter(
            base_content_type=page_type,
            object_id__in=visible_page_ids.values("id_text"),
            to_content_type=ContentType.objects.get_for_model(queryset.model),
        )
        .annotate(target_id=Cast("to_object_id", IntegerField()))
        .values("target_id")
    )
    queryset = queryset.filter(pk__in=used_ids)
    private_ids = private_collection_ids()
    return queryset.exclude(collection__in=private_ids) if private_ids else queryset


def is_visible_file(file, request=None):
    """Whether the public may see one image or document."""
    if file is None or file.pk is None:
        return False
    return visible_files(type(file).objects.filter(pk=file.pk), request).exists()


def without_private_files(rows, lookup):
    """Rows of a gallery or file list (``lookup`` names the file) minus private-collection files."""
    private_ids = private_collection_ids()
    return rows.exclude(**{f"{lookup}__collection__in": private_ids}) if private_ids else rows
