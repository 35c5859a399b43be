"""Wagtail routing in one query for the whole path.

Wagtail's ``Page.route`` walks the tree one path segment at a time: a query
for each child and another for its specific object, so a page four levels
down costs eight queries before anything is rendered. Every page's
``url_path`` is its ancestors' slugs, so all the pages a path can go through
are found at once: the site root's ``url_path`` plus each prefix of the path.

The page's own ``route`` is still what answers: routing starts at the first
page on the way whose class overrides ``route`` (a ``RoutablePageMixin``
page keeps its sub-paths, and they win over child pages as in Wagtail), or
else at the deepest page found, with the segments left over (none for an
ordinary page, so Wagtail's own checks, such as a page that is not live
answering 404, stay the page's own). The result goes where Wagtail keeps it
(``request._wagtail_route_for_request``), so Wagtail's serve view, its
``before_serve_page`` hooks (view restrictions, the expiry hook) and
``Page.find_for_request`` all see the same route.
"""

from django.http import Http404
from wagtail import views as wagtail_views
from wagtail.models import Page, Site


def _route_overridden(page):
    model = page.specific_class
    return model is not None and model.route is not Page.route


def route_for_request(request, path):
    """The ``RouteResult`` for ``path`` on the request's site, or None (Wagtail's contract)."""
    if hasattr(request, "_wagtail_route_for_request"):
        return request._wagtail_route_for_request
    result = None
    site = Site.find_for_request(request)
    if site is not None:
        root = site.root_page
        components = [component for component in path.split("/") if component]
        prefixes = [root.url_path]
        for component in components:
            prefixes.append(f"{prefixes[-1]}{component}/")
        found = {
            page.url_path: page
            for page in Page.objects.filter(
                url_path__in=prefixes, path__startswith=root.path, depth__gte=root.depth
            )
        }
        # Keep the unbroken chain from the root down: each page the child of the one before.
        chain = []
        for prefix in prefixes:
            page = found.get(prefix)
            if page is None or (
                chain
                and (page.depth != chain[-1].depth + 1 or not page.path.startswith(chain[-1].path))
            ):
                break
            if not chain and page.pk != root.pk:
                break
            chain.append(page)
        if chain:
            start = next(
                (index for index, page in enumerate(chain) if _route_overridden(page)),
                len(chain) - 1,
            )
            page = chain[start].specific
            if start:
                # As Wagtail's route does: the parent is known, so get_parent() costs nothing.
                page._cached_parent_obj = chain[start - 1]
            try:
                result = page.route(request, components[start:])
            except Http404:
                result = None
    request._wagtail_route_for_request = result
    return result


def serve(request, path):
    """Wagtail's serve view, with the route found in one query first."""
    route_for_request(request, path)
    return wagtail_views.serve(request, path)
