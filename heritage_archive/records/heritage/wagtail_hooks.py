import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column

from heritage_archive.core.choices import Category
from heritage_archive.records.admin_listings import (
    LevelAndRegionFilterSet,
    RecordListingViewSet,
    record_columns,
)

from .models import HeritageItemPage


class HeritageItemFilterSet(LevelAndRegionFilterSet):
    category = django_filters.MultipleChoiceFilter(
        label=_("类别"), choices=Category.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta(LevelAndRegionFilterSet.Meta):
        model = HeritageItemPage


class HeritageItemListing(RecordListingViewSet):
    model = HeritageItemPage
    icon = "folder-open-inverse"
    menu_label = _("非遗项目")
    name = "heritage_items"
    filterset_class = HeritageItemFilterSet
    columns = record_columns(
        Column("key", label=_("项目编号"), sort_key="key_folded"),
        Column("category", label=_("类别"), accessor="get_category_display", sort_key="category"),
        Column("level", label=_("最高级别"), accessor="get_level_display", sort_key="level"),
        Column("region", label=_("所属地区")),
    )


@hooks.register("register_record_listing")
def register_heritage_item_listing():
    return HeritageItemListing
