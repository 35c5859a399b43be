from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from heritage_archive.core import health, page_cache
from heritage_archive.core.models import Region


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    menu_label = _("地区")
    list_display = ["name", "kind", "is_sample"]
    list_filter = ["kind"]
    search_fields = ["name"]


register_snippet(RegionViewSet)


@hooks.register("before_serve_page")
def refuse_expired_pages(page, request, serve_args, serve_kwargs):
    # Wagtail unpublishes an expired page only when `publish_scheduled` runs;
    # until then the page is still live, but the public must not see it.
    # (A restricted page is Wagtail's to answer, with its password or login form.)
    if page.expire_at is not None and page.expire_at <= timezone.now():
        raise Http404


@hooks.register("before_serve_page")
def mark_page_cacheable(page, request, serve_args, serve_kwargs):
    # Only a page served here (never a preview, which skips this hook) and only
    # one the public may see may be kept by core.page_cache.
    page_cache.mark_cacheable(page, request)


class HealthPanel(Component):
    """The facts /healthz gives monitoring, in Chinese, on the admin dashboard."""

    name = "site_health"
    template_name = "core/admin/health_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        results = health.run_checks()
        return {"results": results, "healthy": all(result.ok for result in results)}


@hooks.register("construct_homepage_panels")
def add_health_panel(request, panels):
    panels.append(HealthPanel())
