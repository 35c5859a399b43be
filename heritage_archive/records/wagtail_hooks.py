from django.urls import path
from wagtail import hooks

from .admin_listings import RecordListings
from .dashboard import dashboard_panels, worklist_csv_view


@hooks.register("register_admin_viewset")
def register_record_listings():
    """The 非遗档案 menu group, each record app adding its own listing to it,
    and each listing's page views for the explorer."""
    listings = RecordListings()
    return [listings, *listings.page_viewsets()]


@hooks.register("construct_homepage_panels")
def add_archive_panels(request, panels):
    """The archive's summary, review queue, recent changes and work lists, first."""
    panels[:0] = dashboard_panels()


@hooks.register("register_admin_urls")
def register_worklist_exports():
    return [
        path(
            "archive/worklists/<slug:slug>.csv",
            worklist_csv_view,
            name="archive_worklist_csv",
        )
    ]
