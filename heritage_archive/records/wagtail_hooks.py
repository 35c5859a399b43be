from wagtail import hooks

from .admin_listings import RecordListings


@hooks.register("register_admin_viewset")
def register_record_listings():
    """The 非遗档案 menu group; each record app adds its own listing to it."""
    return RecordListings()
