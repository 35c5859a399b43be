from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from heritage_archive.core.admin_listings import RecordListings
from heritage_archive.core.models import Region


@hooks.register("register_admin_viewset")
def register_record_listings():
    return RecordListings()


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    menu_label = _("地区")
    list_display = ["name", "kind", "is_sample"]
    list_filter = ["kind"]
    search_fields = ["name"]


register_snippet(RegionViewSet)


def _is_figure_page(page):
    from heritage_archive.figures.models import FigureIndexPage, FigurePage

    return isinstance(page.specific_deferred, FigureIndexPage | FigurePage)


def guard_figure_pages(request, page, *args):
    """Figures live inside the 安次之韵 news channel, whose page permissions news
    editors hold; changing 安次名人录 also needs the figures model permission.

    Registered for every page action; ``page`` is the parent for creation.
    """
    if _is_figure_page(page) and not request.user.has_perm("figures.change_figurepage"):
        raise PermissionDenied


for hook_name in (
    "before_create_page",
    "before_edit_page",
    "before_delete_page",
    "before_move_page",
    "before_copy_page",
    "before_unpublish_page",
):
    hooks.register(hook_name, guard_figure_pages)
