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
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
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
