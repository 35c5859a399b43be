"""Flat admin listings of records beside the page tree, for curators with hundreds of them.

Each record app defines its listing (its filters and columns) in its own
wagtail_hooks and announces it with the hook ``register_record_listing``;
they are shown together under 非遗档案, in the order of records.registry.
Each listing filters by the record's facets and by publication status, and
its search box goes through the Chinese-aware admin search backend
(search.backends.wagtail_database).
"""

import django_filters
from django import forms
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.admin.widgets import BooleanRadioSelect

from heritage_archive.core.choices import Level
from heritage_archive.core.models import Region
from heritage_archive.records.registry import record_type_of


class RecordFilterSet(PageFilterSet):
    live = django_filters.BooleanFilter(label=_("已发布"), widget=BooleanRadioSelect)

    class Meta(PageFilterSet.Meta):
        fields = []


class LevelAndRegionFilterSet(RecordFilterSet):
    """For records with a highest level and a region (items, inheritors)."""

    level = django_filters.MultipleChoiceFilter(
        label=_("最高级别"), choices=Level.choices, widget=forms.CheckboxSelectMultiple
    )
    region = django_filters.ModelMultipleChoiceFilter(
        label=_("所属地区"), queryset=Region.objects.all(), widget=forms.CheckboxSelectMultiple
    )


class RecordIndexView(PageListingViewSet.index_view_class):
    """A record listing whose columns cost no query per row."""

    def annotate_queryset(self, pages):
        # The region column reads a name per row: one join, not one query a
        # row (Wagtail's specific() keeps annotations on the pages it returns).
        if any(field.name == "region" for field in self.model._meta.fields):
            pages = pages.annotate(region_name=F("region__name"))
        return super().annotate_queryset(pages)


def region_column():
    return Column(
        "region",
        label=_("所属地区"),
        accessor=lambda page: getattr(page, "region_name", None) or "",
        sort_key="region__name",
    )


def record_columns(*extra):
    base = PageListingViewSet.index_view_class.base_columns
    # Keep Wagtail's bulk-action, title and status columns; add the record's own.
    return [
        base[0],
        base[1],
        *extra,
        *[c for c in base if c.name in ("status", "latest_revision_created_at")],
    ]


class RecordListings(ViewSetGroup):
    menu_label = _("非遗档案")
    menu_icon = "folder-inverse"
    menu_order = 150

    def __init__(self):
        listings = [register() for register in hooks.get_hooks("register_record_listing")]
        listings.sort(key=lambda listing: record_type_of(listing.model).position)
        self.items = listings
        super().__init__()
