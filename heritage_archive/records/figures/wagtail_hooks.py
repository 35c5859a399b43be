"""安次名人录 in the admin: its flat listing, and a guard on copies.

A news page copied with its subpages would copy 安次名人录 along with it.

Inside the list, FigurePermissionTester (models.py) refuses every action to
a user without ``figures.change_figurepage``. Wagtail checks a copy only
against the page copied and its destination, not the subpages copied with
it, so this hook refuses copying a page whose subtree holds figure pages.
(Deleting such a page needs ``bulk_delete``, which no curator group has.)
"""

import django_filters
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.models import Page

from heritage_archive.records.admin_listings import (
    RecordFilterSet,
    RecordListingViewSet,
    record_columns,
)

from .models import FIGURES_PERMISSION, FigureIndexPage, FigurePage


@hooks.register("before_copy_page")
def guard_copies_of_figures(request, page):
    if request.user.has_perm(FIGURES_PERMISSION):
        return
    if Page.objects.type(FigureIndexPage, FigurePage).descendant_of(page, inclusive=True).exists():
        raise PermissionDenied


class FigureFilterSet(RecordFilterSet):
    era = django_filters.CharFilter(label=_("时代"), lookup_expr="exact")

    class Meta(RecordFilterSet.Meta):
        model = FigurePage


class FigureListing(RecordListingViewSet):
    model = FigurePage
    icon = "group"
    menu_label = _("安次名人录")
    name = "figures"
    filterset_class = FigureFilterSet
    columns = record_columns(
        Column("key", label=_("编号"), sort_key="key"),
        Column("era", label=_("时代"), sort_key="era"),
        Column("field", label=_("领域"), sort_key="field"),
    )


@hooks.register("register_record_listing")
def register_figure_listing():
    return FigureListing
