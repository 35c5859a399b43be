from django import template
from wagtail.models import Page, Site

register = template.Library()


def _site_sections(request):
    """首页 and its sections in tree order, each with its channels; two queries per request.

    Kept on the request because the header and the footer both draw it.
    """
    cached = getattr(request, "_site_sections", None)
    if cached is not None:
        return cached
    site = Site.find_for_request(request)
    if site is None:
        result = (None, [])
    else:
        home = site.root_page
        sections = list(home.get_children().live().public().in_menu())
        by_parent = {}
        if sections:
            children = (
                Page.objects.live()
                .public()
                .in_menu()
                .filter(depth=home.depth + 2, path__startswith=home.path)
                .order_by("path")
            )
            for child in children:
                by_parent.setdefault(child.path[: -Page.steplen], []).append(child)
        result = (home, [(section, by_parent.get(section.path, [])) for section in sections])
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


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    # A new page in preview has no place in the tree yet.
    if not isinstance(page, Page) or not page.depth or page.depth <= 2:
        return {"ancestors": []}
    return {"ancestors": page.get_ancestors().filter(depth__gt=1), "page": page}
