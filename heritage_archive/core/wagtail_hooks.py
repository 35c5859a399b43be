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
