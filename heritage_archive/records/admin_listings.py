"""Flat admin listings of records beside the page tree, for curators with hundreds of them.

Each record app defines its listing (its filters and columns) in its own
wagtail_hooks and announces it with the hook ``register_record_listing``;
they are shown together under 非遗档案, in the order of records.registry.
Each listing filters by the record's facets and by publication status, and
its search box goes through the Chinese-aware admin search backend
(search.backends.wagtail_database).

Two extension points let the rooms above add to the group without records
importing them: the hook ``register_record_tool`` returns a viewset shown
after the listings (the importer's import screen), and the hook
``register_record_sheet`` returns the spreadsheet format the listings'
"download XLSX/CSV" buttons export (the importer's, so that a sheet can go
out, be corrected and come back); without one, the listings export nothing.

The same columns and filters serve the page explorer: each listing also
gives its record type a PageViewSet (Wagtail's per-type page views), so that
exploring 项目名录 lists 项目编号, 类别, 级别 and 地区 rather than the
generic page columns.
"""

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import ExplorableIndexView, PageFilterSet
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.pages import PageListingViewSet, PageViewSet
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


def record_sheet():
    """The spreadsheet format registered with ``register_record_sheet``, or None."""
    sheets = [register() for register in hooks.get_hooks("register_record_sheet")]
    return sheets[-1] if sheets else None


# Rendering is what a listing costs, not its queries (fixed in number): each
# row of Wagtail's page table, its title with the actions menu above all, is
# about 3 ms on the reference machine, so 50 rows took a listing past 150 ms
# at any number of records. 25 is also what Omeka S shows by default.
ROWS_PER_PAGE = 25


class RecordRowsMixin:
    """Rows for the record columns at no query per row."""

    def annotate_queryset(self, pages):
        # The region column reads a name per row: one join, not one query a
        # row (Wagtail's specific() keeps annotations on the pages it returns).
        if any(field.name == "region" for field in self.model._meta.fields):
            pages = pages.annotate(region_name=F("region__name"))
        return super().annotate_queryset(pages)


class RecordExplorerView(RecordRowsMixin, ExplorableIndexView):
    """The explorer of a record type's index page (项目名录, 传承人名录 ...)."""


class RecordIndexView(RecordRowsMixin, PageListingViewSet.index_view_class):
    """A record listing whose export is the registered sheet, with the
    listing's filters.

    The sheet provides ``can_export(user)``, ``columns(model)`` ([(name,
    heading)]), ``row(page)`` ({name: text}) and ``prepare(queryset)``.
    """

    @cached_property
    def sheet(self):
        sheet = record_sheet()
        return sheet if sheet is not None and sheet.can_export(self.request.user) else None

    @cached_property
    def list_export(self):
        return [name for name, _heading in self.sheet.columns(self.model)] if self.sheet else []

    @cached_property
    def export_headings(self):
        return dict(self.sheet.columns(self.model)) if self.sheet else {}

    def get_filename(self):
        return record_type_of(self.model).name

    def to_row_dict(self, item):
        return self.sheet.row(item)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        if self.sheet is None:
            raise PermissionDenied
        return super().as_spreadsheet(self.sheet.prepare(queryset), spreadsheet_format)

    def stream_csv(self, queryset):
        # A byte-order mark, so that Excel opens the Chinese text as UTF-8.
        yield "\ufeff"
        yield from super().stream_csv(queryset)


class RecordListingViewSet(PageListingViewSet):
    index_view_class = RecordIndexView
    list_per_page = ROWS_PER_PAGE

    @classmethod
    def page_viewset(cls):
        """Wagtail's page views for this record type, whose explorer (of the
        index page that holds only these records) shows this listing's
        columns and filters."""
        viewset_class = type(
            f"{cls.__name__}Pages",
            (PageViewSet,),
            {
                "model": cls.model,
                "name": f"{cls.name}_pages",
                "icon": cls.icon,
                "index_view_class": RecordExplorerView,
                "list_per_page": ROWS_PER_PAGE,
                "columns": cls.columns,
                "filterset_class": cls.filterset_class,
            },
        )
        return viewset_class()


class RecordListings(ViewSetGroup):
    menu_label = _("非遗档案")
    menu_icon = "folder-inverse"
    menu_order = 150

    def __init__(self):
        listings = [register() for register in hooks.get_hooks("register_record_listing")]
        listings.sort(key=lambda listing: record_type_of(listing.model).position)
        tools = [register() for register in hooks.get_hooks("register_record_tool")]
        self.items = listings + tools
        self.listings = listings
        super().__init__()

    def page_viewsets(self):
        return [listing.page_viewset() for listing in self.listings]
