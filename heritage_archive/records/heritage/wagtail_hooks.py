import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column

from heritage_archive.core.choices import Category
from heritage_archive.records.admin_listings import (
    LevelAndRegionFilterSet,
    RecordListingViewSet,
    record_columns,
    region_column,
)
from heritage_archive.records.dashboard import Worklist

from .models import HeritageItemImage, HeritageItemPage, HeritageListing


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
        region_column(),
    )


@hooks.register("register_record_listing")
def register_heritage_item_listing():
    return HeritageItemListing


# What a listing application (申报书) and the public list need of an item.
def _incomplete_items():
    listings_with_notice = HeritageListing.objects.filter(page=OuterRef("pk")).exclude(
        notice_number=""
    )
    return (
        HeritageItemPage.objects.annotate(
            has_image=Exists(HeritageItemImage.objects.filter(page=OuterRef("pk"))),
            has_notice=Exists(listings_with_notice),
        )
        .filter(Q(has_image=False) | Q(has_notice=False) | Q(protection_unit="") | Q(summary=""))
        .order_by("path")
    )


def _missing(item):
    missing = [
        label
        for label, present in (
            (_("图片"), item.has_image),
            (_("保护单位"), item.protection_unit),
            (_("公布文号"), item.has_notice),
            (_("简介"), item.summary),
        )
        if not present
    ]
    return f"{_('缺：')}{'、'.join(str(label) for label in missing)}"


@hooks.register("register_archive_worklist")
def register_incomplete_items_worklist():
    return Worklist(
        slug="incomplete-heritage-items",
        title=_("信息不全的非遗项目"),
        description=_("缺少图片、保护单位、公布文号或简介的项目：名录公示和申报前需要补齐。"),
        queryset=_incomplete_items,
        reason=_missing,
    )
