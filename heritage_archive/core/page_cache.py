"""The page cache: whole responses of public pages, kept for anonymous visitors.

Every anonymous visitor sees the same page, so the first one's answer is kept
in the ``pages`` cache (Redis when REDIS_URL is set, shared by every worker)
and handed to the next ones without routing, queries or templates
(docs/deployment.md says why here and not in nginx).

What is kept, and for whom:

* only Wagtail pages the public may see (``core.visibility``), marked by the
  ``before_serve_page`` hook (``mark_cacheable``): a restricted, unpublished
  or expired page is never marked, nor is a preview (Wagtail never runs that
  hook for one), nor any other view (search, API, OAI-PMH, admin);
* only GET requests without a session or messages cookie (a logged-in
  curator, a visitor with a message waiting) and without a query parameter
  outside ``PAGE_CACHE_QUERY_PARAMETERS`` (a search text, a tracking tag);
* only 200 answers that set no cookie and used no CSRF token (a page with a
  form), no message, and say nothing private in Cache-Control.

Invalidation is a site-wide generation number: every entry remembers the
generation current when its request began, and any change the public could
see (publish, unpublish, move, delete, view restriction, settings, images and
documents; ``core.apps`` connects the signals) adds one to it, at once and
again when the transaction commits, so an answer rendered from the old rows
is never served afterwards. The generation and the entry are read in one
round trip.

Pages that count their views (``counts_views = True`` and a
``count_views(number)`` method) are counted on a hit too: the hit adds one to
a counter in the cache, which the page's next uncached answer and the
``flush_view_counts`` command (a timer, deploy/systemd) add to the database.
"""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone

GENERATION_KEY = "page-cache:generation"
ENTRY_KEY = "page-cache:entry:{}"
VIEWS_KEY = "page-cache:views:{}"
# Response headers the middleware sets itself (and tests, the smoke and the
# benchmark read): HIT, MISS (rendered and kept) or BYPASS (not cacheable).
STATUS_HEADER = "X-Page-Cache"

_MARK = "_page_cache_page"

BOT_USER_AGENT_WORDS = ("bot", "spider", "crawl")


def is_countable_view(request):
    """Whether ``request`` is a person reading the page.

    HEAD requests, admin previews, browser prefetches and self-declared
    crawlers do not count.
    """
    if request.method != "GET" or getattr(request, "is_preview", False):
        return False
    headers = request.headers
    purpose = f"{headers.get('Sec-Purpose', '')} {headers.get('Purpose', '')}".lower()
    if "prefetch" in purpose or headers.get("X-Moz", "").lower() == "prefetch":
        return False
    user_agent = headers.get("User-Agent", "").lower()
    return not any(word in user_agent for word in BOT_USER_AGENT_WORDS)


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def current_generation(cache=None):
    cache = cache or _cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # Start from the clock, not from 1: if the key were ever lost, entries
        # kept under the old numbers can never match the new ones.
        cache.add(GENERATION_KEY, time.time_ns() // 1000, timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def _bump():
    cache = _cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet: nothing kept can be current
        current_generation(cache)


def invalidate(**kwargs):
    """Make every kept page stale (a signal receiver: takes any arguments).

    Once now, so no request that starts from here on is answered from the
    cache, and once after the transaction commits, so an answer rendered
    from the rows before the commit is stale too.
    """
    _bump()
    transaction.on_commit(_bump)


def invalidate_for_page(instance=None, **kwargs):
    """post_save of a page: only a live page's save changes what the public sees."""
    if instance is not None and getattr(instance, "live", False):
        invalidate()


def mark_cacheable(page, request):
    """Let the middleware keep this request's answer, if ``page`` is public.

    Called by the ``before_serve_page`` hook, after Wagtail's own checks; a
    page class opts out with ``page_cache = False``.
    """
    from heritage_archive.core.visibility import is_visible_page

    if (
        getattr(settings, "PAGE_CACHE_ENABLED", False)
        and getattr(page, "page_cache", True)
        and not getattr(request, "is_preview", False)
        and not getattr(request, "is_dummy", False)
        and is_visible_page(page, request)
    ):
        setattr(request, _MARK, page)


def _query_key(request):
    """The query string as part of the key, or None when it must not be cached."""
    if not request.GET:
        return ""
    allowed = settings.PAGE_CACHE_QUERY_PARAMETERS
    if len(request.META.get("QUERY_STRING", "")) > 200:
        return None
    if any(name not in allowed for name in request.GET):
        return None
    return urlencode(sorted((name, value) for name, value in request.GET.lists()), doseq=True)


def _request_key(request):
    if request.method != "GET" or getattr(request, "is_dummy", False):
        return None
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or any(
        name in cookies for name in settings.PAGE_CACHE_BYPASS_COOKIES
    ):
        return None
    query = _query_key(request)
    if query is None:
        return None
    language = getattr(request, "LANGUAGE_CODE", "")
    return ENTRY_KEY.format(
        f"{request.scheme}://{request.get_host()}{request.path}?{query}|{language}"
    )


def _storable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and len(messages):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(word in cache_control for word in ("private", "no-store", "no-cache"))


def _lifetime():
    """Seconds an entry may live: the setting, or less when a page expires sooner.

    An expired page leaves lists and its own URL at its expiry time even before
    ``publish_scheduled`` unpublishes it (core.visibility), without a signal.
    """
    from django.db.models import Min
    from wagtail.models import Page

    seconds = settings.PAGE_CACHE_SECONDS
    now = timezone.now()
    next_expiry = Page.objects.filter(live=True, expire_at__gt=now).aggregate(
        first=Min("expire_at")
    )["first"]
    if next_expiry is not None:
        seconds = min(seconds, max(1, int((next_expiry - now).total_seconds())))
    return seconds


def count_pending_views(page):
    """Take the views counted on cache hits for ``page`` (0 if none), for the database."""
    cache = _cache()
    key = VIEWS_KEY.format(page.pk)
    pending = cache.get(key) or 0
    if pending:
        # Subtract what was read rather than deleting, so hits counted in between stay.
        cache.decr(key, pending)
    return pending


def flush_view_counts(batch=1000):
    """Add every page's pending views (counted on cache hits) to the database.

    Returns (pages, views). The page models that count views say so with
    ``counts_views = True``; their pages' counters are read in batches.
    """
    from wagtail.models import get_page_models

    cache = _cache()
    pages = views = 0
    for model in get_page_models():
        if not model.__dict__.get("counts_views", False):
            continue
        ids = list(model.objects.values_list("pk", flat=True).order_by("pk"))
        for start in range(0, len(ids), batch):
            keys = {VIEWS_KEY.format(pk): pk for pk in ids[start : start + batch]}
            for key, pending in cache.get_many(list(keys)).items():
                if pending:
                    # Taken from the cache first: a crash in between loses
                    # these views rather than counting them twice.
                    cache.decr(key, pending)
                    model(pk=keys[key]).count_views(pending)
                    pages += 1
                    views += pending
    return pages, views


class PageCacheMiddleware:
    """Answer anonymous GETs of public pages from the ``pages`` cache.

    Sits after LocaleMiddleware (the language is part of the key) and before
    CsrfViewMiddleware and AuthenticationMiddleware, so a hit touches neither
    the session nor the database.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_ENABLED:
            return self.get_response(request)
        key = _request_key(request)
        if key is None:
            return self._bypass(request)
        cache = _cache()
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY)
        if generation is None:
            generation = current_generation(cache)
        entry = found.get(key)
        if entry is not None and entry["generation"] == generation:
            return self._hit(request, entry, cache)
        response = self.get_response(request)
        page = getattr(request, _MARK, None)
        if page is None or not _storable(request, response):
            response[STATUS_HEADER] = "BYPASS"
            return response
        cache.set(
            key,
            {
                "generation": generation,
                "status": response.status_code,
                "headers": [
                    (name, value)
                    for name, value in response.items()
                    if name.lower() not in ("set-cookie", STATUS_HEADER.lower())
                ],
                "content": response.content,
                "counted_page": page.pk if getattr(page, "counts_views", False) else None,
            },
            _lifetime(),
        )
        response[STATUS_HEADER] = "MISS"
        return response

    def _bypass(self, request):
        response = self.get_response(request)
        response[STATUS_HEADER] = "BYPASS"
        return response

    def _hit(self, request, entry, cache):
        if entry["counted_page"] is not None and is_countable_view(request):
            key = VIEWS_KEY.format(entry["counted_page"])
            # add() then incr(): the counter never expires before it is flushed.
            if not cache.add(key, 1, timeout=None):
                cache.incr(key)
        response = HttpResponse(entry["content"], status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        response[STATUS_HEADER] = "HIT"
        return response
