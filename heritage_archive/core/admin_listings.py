"""Flat admin listings of records beside the page tree, for curators with hundreds of them.

Each listing filters by the record's facets and by publication status, and
its search box goes through the Chinese-aware admin search backend
(search.backends.wagtail_database).
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.admin.widgets import BooleanRadioSelect

from heritage_archive.core.choices import Category, Level
from heritage_archive.core.models import Region
from heritage_archive.figures.models import FigurePage
from heritage_archive.heritage.models import HeritageItemPage
from heritage_archive.inheritors.models import InheritorPage


class RecordFilterSet(PageFilterSet):
    live = django_filters.BooleanFilter(label=_("已发布"), widget=BooleanRadioSelect)

    class Meta(PageFilterSet.Meta):
        fields = []


class InheritorFilterSet(RecordFilterSet):
    level = django_filters.MultipleChoiceFilter(
        label=_("最高级别"), choices=Level.choices, widget=forms.CheckboxSelectMultiple
    )
    region = django_filters.ModelMultipleChoiceFilter(
        label=_("所属地区"), queryset=Region.objects.all(), widget=forms.CheckboxSelectMultiple
    )

    class Meta(RecordFilterSet.Meta):
        model = InheritorPage


class HeritageItemFilterSet(InheritorFilterSet):
    category = django_filters.MultipleChoiceFilter(
        label=_("类别"), choices=Category.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta(RecordFilterSet.Meta):
        model = HeritageItemPage


class FigureFilterSet(RecordFilterSet):
    era = django_filters.CharFilter(label=_("时代"), lookup_expr="exact")

    class Meta(RecordFilterSet.Meta):
        model = FigurePage


def _columns(*extra):
    base = PageListingViewSet.index_view_class.base_columns
    # Keep Wagtail's bulk-action, title and status columns; add the record's own.
    return [
        base[0],
        base[1],
        *extra,
        *[c for c in base if c.name in ("status", "latest_revision_created_at")],
    ]


class HeritageItemListing(PageListingViewSet):
    model = HeritageItemPage
    icon = "folder-open-inverse"
    menu_label = _("非遗项目")
    name = "heritage_items"
    filterset_class = HeritageItemFilterSet
    columns = _columns(
        Column("key", label=_("项目编号"), sort_key="key_folded"),
        Column("category", label=_("类别"), accessor="get_category_display", sort_key="category"),
        Column("level", label=_("最高级别"), accessor="get_level_display", sort_key="level"),
        Column("region", label=_("所属地区")),
    )


class InheritorListing(PageListingViewSet):
    model = InheritorPage
    icon = "user"
    menu_label = _("传承人")
    name = "inheritors"
    filterset_class = InheritorFilterSet
    columns = _columns(
        Column("key", label=_("编号"), sort_key="key"),
        Column("level", label=_("最高级别"), accessor="get_level_display", sort_key="level"),
        Column("region", label=_("所属地区")),
    )


class FigureListing(PageListingViewSet):
    model = FigurePage
    icon = "group"
    menu_label = _("安次名人录")
    name = "figures"
    filterset_class = FigureFilterSet
    columns = _columns(
        Column("key", label=_("编号"), sort_key="key"),
        Column("era", label=_("时代"), sort_key="era"),
        Column("field", label=_("领域"), sort_key="field"),
    )


class RecordListings(ViewSetGroup):
    menu_label = _("非遗档案")
    menu_icon = "folder-inverse"
    menu_order = 150
    items = (HeritageItemListing, InheritorListing, FigureListing)
