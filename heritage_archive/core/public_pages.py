"""Which pages a visitor may see, decided with one query per request.

Wagtail's ``PageQuerySet.public()`` reads every ``PageViewRestriction`` again
each time it is called, so a page that lists inheritors, related items, news
channels and the navigation paid one extra query per list. The restricted
paths are read once here, kept on the request, and turned into the same
exclusion ``public()`` builds: a restricted page and all its descendants
(``path`` starts with the restricted page's path).
"""

from django.db.models import Q
from wagtail.models import PageViewRestriction

_CACHE_ATTRIBUTE = "_archive_restricted_page_paths"


def restricted_paths(request):
    """Tree paths of the pages with a view restriction (password, login, groups)."""
    if request is None:
        return tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
    paths = getattr(request, _CACHE_ATTRIBUTE, None)
    if paths is None:
        paths = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
        setattr(request, _CACHE_ATTRIBUTE, paths)
    return paths


def public_pages(queryset, request):
    """``queryset.public()`` without a new restriction query for each queryset."""
    paths = restricted_paths(request)
    if not paths:
        return queryset
    private = Q()
    for path in paths:
        private |= Q(path__startswith=path)
    return queryset.exclude(private)


def is_public(page, request):
    """Whether ``page`` is outside every restricted section."""
    path = page.path or ""
    return not any(path.startswith(restricted) for restricted in restricted_paths(request))


def live_public_pages(queryset, request):
    """The live pages of ``queryset`` a visitor may see."""
    return public_pages(queryset.live(), request)
