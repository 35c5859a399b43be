"""A news page copied with its subpages would copy 安次名人录 along with it.

Inside the list, FigurePermissionTester (models.py) refuses every action to
a user without ``figures.change_figurepage``. Wagtail checks a copy only
against the page copied and its destination, not the subpages copied with
it, so this hook refuses copying a page whose subtree holds figure pages.
(Deleting such a page needs ``bulk_delete``, which no curator group has.)
"""

from django.core.exceptions import PermissionDenied
from wagtail import hooks
from wagtail.models import Page

from .models import FIGURES_PERMISSION, FigureIndexPage, FigurePage


@hooks.register("before_copy_page")
def guard_copies_of_figures(request, page):
    if request.user.has_perm(FIGURES_PERMISSION):
        return
    if Page.objects.type(FigureIndexPage, FigurePage).descendant_of(page, inclusive=True).exists():
        raise PermissionDenied
