from django import template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site

from heritage_archive.core.fragments import cached_fragment
from heritage_archive.core.visibility import visible_pages

register = template.Library()


def _build_site_sections(site, request):
    home = site.root_page
    pages = list(
        visible_pages(
            Page.objects.in_menu().filter(
                path__startswith=home.path,
                depth__in=(home.depth + 1, home.depth + 2, home.depth + 3),
            ),
            request,
        ).order_by("path")
    )
    sections = []
    by_parent = {}
    for page in pages:
        page.menu_children = by_parent.setdefault(page.path, [])
        if page.depth == home.depth + 1:
            sections.append(page)
        else:
            by_parent.setdefault(page.path[: -Page.steplen], []).append(page)
    # A channel is listed only under a section that is itself listed, and
    # a sub-channel only under a listed channel (tree order puts parents first).
    result = (home, [(section, by_parent.get(section.path, [])) for section in sections])
    # A menu page that expires leaves the menu when it expires, even before
    # publish_scheduled unpublishes it (and sends the signal that invalidates).
    expiries = [page.expire_at for page in pages if page.expire_at is not None]
    timeout = (min(expiries) - timezone.now()).total_seconds() if expiries else None
    return result, timeout


def _site_sections(request):
    """首页 and its sections in tree order, each with its channels.

    A channel's own sub-channels in the menu (安次名人录 under 安次之韵) come
    along as ``channel.menu_children``, so the dropdown lists them too.
    One query for all three levels, kept in the cache per site (core.fragments,
    invalidated when the tree changes) and on the request, because the header,
    the footer and the breadcrumbs all draw from it. The menu is what the
    public may see, so it is the same for every visitor.
    """
    cached = getattr(request, "_site_sections", None)
    if cached is not None:
        return cached
    site = Site.find_for_request(request)
    if site is None:
        result = (None, [])
    else:
        result = cached_fragment(
            "site-sections", site.pk, lambda: _build_site_sections(site, request)
        )
    request._site_sections = result
    return result


@register.inclusion_tag("includes/navigation.html", takes_context=True)
def main_navigation(context):
    """首页 and the eight sections, each with its channels for dropdowns."""
    request = context["request"]
    home, sections = _site_sections(request)
    current = context.get("page")
    current_path = (current.path or "") if isinstance(current, Page) else ""
    return {
        "home": home,
        "is_home": bool(home and current_path == home.path),
        "sections": [
            {
                "page": section,
                "channels": [
                    {
                        "page": channel,
                        "active": current_path.startswith(channel.path),
                        "current": current_path == channel.path,
                        "children": [
                            {
                                "page": child,
                                "active": current_path.startswith(child.path),
                                "current": current_path == child.path,
                            }
                            for child in channel.menu_children
                        ],
                    }
                    for channel in channels
                ],
                "active": current_path.startswith(section.path),
                "current": current_path == section.path,
            }
            for section, channels in sections
        ],
        "request": request,
    }


@register.simple_tag(takes_context=True)
def site_sections(context):
    """The eight sections (without channels), for the footer navigation."""
    return [section for section, _channels in _site_sections(context["request"])[1]]


@register.simple_tag(takes_context=True)
def site_footer(context):
    """The footer (includes/footer.html), rendered once per site and kept in the cache.

    It shows the site settings, the friendly links and the sections, none of
    which depends on the page or the visitor; core.fragments drops it when
    the settings or the tree change.
    """
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return render_to_string("includes/footer.html", request=request)

    def build():
        # The footer lists the sections, so it goes when one of them expires.
        expiries = [
            section.expire_at
            for section, _channels in _site_sections(request)[1]
            if section.expire_at is not None
        ]
        timeout = (min(expiries) - timezone.now()).total_seconds() if expiries else None
        return render_to_string("includes/footer.html", request=request), timeout

    return mark_safe(cached_fragment("footer", site.pk, build))  # noqa: S308 - rendered by a template


def _known_ancestors(request, page):
    """The page's ancestors below the root from the navigation already loaded, or None.

    Most pages sit under a section and a channel that are in the menu, so the
    breadcrumbs need no query of their own; any other page falls back to one.
    """
    home, sections = _site_sections(request)
    if home is None:
        return None
    known = {home.path: home}
    for section, channels in sections:
        known[section.path] = section
        known.update((channel.path, channel) for channel in channels)
    ancestors = []
    for depth in range(2, page.depth):
        ancestor = known.get(page.path[: depth * Page.steplen])
        if ancestor is None:
            return None
        ancestors.append(ancestor)
    return ancestors


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    # A new page in preview has no place in the tree yet.
    if not isinstance(page, Page) or not page.depth or page.depth <= 2:
        return {"ancestors": []}
    request = context.get("request")
    ancestors = _known_ancestors(request, page) if request is not None else None
    if ancestors is None:
        ancestors = page.get_ancestors().filter(depth__gt=1)
    return {"ancestors": ancestors, "page": page, "request": request}


@register.simple_tag(takes_context=True)
def parent_url(context, page):
    """The URL of ``page``'s parent, derived from the page's own URL (no query).

    A page's URL path is its parent's plus its slug, so dropping the last
    segment gives the parent's; the tree lookup is the fallback.
    """
    request = context.get("request")
    url = page.get_url(request=request)
    if url and url.endswith(f"/{page.slug}/"):
        return url[: -len(page.slug) - 1]
    parent = page.get_parent()
    return parent.get_url(request=request) if parent else ""
