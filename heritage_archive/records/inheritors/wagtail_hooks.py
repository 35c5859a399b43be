from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column

from heritage_archive.records.admin_listings import (
    LevelAndRegionFilterSet,
    RecordListingViewSet,
    record_columns,
)

from .models import InheritorPage


class InheritorFilterSet(LevelAndRegionFilterSet):
    class Meta(LevelAndRegionFilterSet.Meta):
        model = InheritorPage


class InheritorListing(RecordListingViewSet):
    model = InheritorPage
    icon = "user"
    menu_label = _("传承人")
    name = "inheritors"
    filterset_class = InheritorFilterSet
    columns = record_columns(
        Column("key", label=_("编号"), sort_key="key"),
        Column("level", label=_("最高级别"), accessor="get_level_display", sort_key="level"),
        Column("region", label=_("所属地区")),
    )


@hooks.register("register_record_listing")
def register_inheritor_listing():
    return InheritorListing
