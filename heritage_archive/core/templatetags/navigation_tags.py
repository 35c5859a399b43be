from django import template
from wagtail.models import Page, Site

register = template.Library()


@register.inclusion_tag("includes/navigation.html", takes_context=True)
def main_navigation(context):
    """首页 and the eight sections in tree order, each with its channels for dropdowns."""
    request = context["request"]
    site = Site.find_for_request(request)
    if site is None:
        return {"home": None, "sections": [], "request": request}
    home = site.root_page
    sections = list(home.get_children().live().in_menu())
    children = Page.objects.none()
    if sections:
        children = (
            Page.objects.live()
            .in_menu()
            .filter(depth=home.depth + 2, path__startswith=home.path)
            .order_by("path")
        )
    by_parent = {}
    for child in children:
        by_parent.setdefault(child.path[: -Page.steplen], []).append(child)
    current = context.get("page")
    return {
        "home": home,
        "sections": [(section, by_parent.get(section.path, [])) for section in sections],
        "current_path": current.path if current else "",
        "request": request,
    }


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if page is None or page.depth <= 2:
        return {"ancestors": []}
    return {"ancestors": page.get_ancestors().filter(depth__gt=1), "page": page}
