"""Fragments of the public pages kept in the Django cache, one copy per site.

The navigation (the menu pages of the top three levels) and the rendered
footer are the same on every page of a site and for every visitor, so they
are built once and read from the cache (Redis in production, shared by the
workers) until something they show changes. Every fragment key carries a
version; ``invalidate_fragments`` moves the version on, so all fragments of
all sites are rebuilt on their next request. The signals that call it are
connected by the apps that own the models (core: the page tree, view
restrictions, sites and the site settings; see core.apps).

The version moves on at once and again when the transaction commits: a
request served between the two would otherwise cache what the database
showed before the commit under the new version.
"""

import time

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "fragments:version"
# An upper bound only: invalidation, not expiry, is what keeps fragments fresh.
TIMEOUT = 60 * 60


def _version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, str(time.time_ns()), None)
        version = cache.get(VERSION_KEY) or "0"
    return version


def fragment_key(name, site_id):
    return f"fragment:{name}:{site_id}:{_version()}"


def cached_fragment(name, site_id, build):
    """The fragment ``name`` of the site ``site_id``, built by ``build()`` when missing.

    ``build`` returns ``(value, timeout)``; a timeout of None means ``TIMEOUT``
    (a fragment that must change at a known time, such as a page's expiry,
    says how many seconds it may be kept).
    """
    key = fragment_key(name, site_id)
    found = cache.get(key)
    if found is not None:
        return found[0]
    value, timeout = build()
    # Wrapped, so that a fragment that is legitimately empty is a hit too.
    cache.set(key, (value,), TIMEOUT if timeout is None else max(1, min(timeout, TIMEOUT)))
    return value


def _bump():
    cache.set(VERSION_KEY, str(time.time_ns()), None)


def invalidate_fragments(**kwargs):
    """Every cached fragment of every site is stale (a signal receiver)."""
    _bump()
    transaction.on_commit(_bump)


def invalidate_for_page(sender=None, instance=None, **kwargs):
    """A saved or deleted model instance: only pages change the fragments."""
    from wagtail.models import Page

    if isinstance(instance, Page):
        invalidate_fragments()
