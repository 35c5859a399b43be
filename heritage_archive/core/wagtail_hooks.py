from django.http import Http404
from django.templatetags.static import static
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.log_actions import log
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from heritage_archive.core import health, page_cache
from heritage_archive.core.drafts import (
    AUTOSAVE_CREATED,
    DRAFT_KEPT,
    abandoned_autosave_drafts,
    clashes_of,
)
from heritage_archive.core.models import Region
from heritage_archive.core.tags import SEPARATORS


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


def _is_autosave(request):
    # Wagtail's autosave posts the editor form asking for JSON, not HTML.
    return not request.accepts("text/html")


@hooks.register("register_log_actions")
def register_draft_log_actions(actions):
    actions.register_action(AUTOSAVE_CREATED, _("自动保存创建草稿"), _("自动保存创建了草稿"))
    actions.register_action(DRAFT_KEPT, _("保存草稿"), _("草稿已手动保存"))


@hooks.register("after_create_page")
def mark_autosaved_drafts(request, page):
    if _is_autosave(request):
        log(page, AUTOSAVE_CREATED, user=request.user)


@hooks.register("after_edit_page")
def mark_kept_drafts(request, page):
    if _is_autosave(request):
        return
    drafts = abandoned_autosave_drafts(type(page).objects.filter(pk=page.pk), request.user)
    if drafts.exists():
        log(page, DRAFT_KEPT, user=request.user)


@hooks.register("before_create_page")
def replace_abandoned_autosave_drafts(request, parent_page, page_class):
    """Starting a record again replaces the same user's abandoned autosave draft of it.

    Only a draft holding the submitted slug or record key goes, so a second
    record being written in another tab is left alone.
    """
    if request.method != "POST":
        return
    siblings = page_class.objects.child_of(parent_page)
    drafts = abandoned_autosave_drafts(siblings, request.user).filter(
        clashes_of(page_class, request.POST)
    )
    for draft in drafts:
        draft.delete()


@hooks.register("insert_global_admin_js")
def tag_field_separators():
    # Every tag field of the admin (pages, images, documents) splits as the server does.
    return format_html(
        '<script src="{}" data-separators="{}"></script>',
        static("js/admin-tag-separators.js"),
        SEPARATORS,
    )
