from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import staff

admin_urls = (
    [
        path("", staff.index_view, name="index"),
        path("<int:page_id>/", staff.list_view, name="list"),
        path("<int:page_id>/export.csv", staff.export_view, name="export"),
        path("check-in/<int:pk>/", staff.check_in_view, name="check_in"),
    ],
    "signups_admin",
)


@hooks.register("register_admin_urls")
def register_signup_admin_urls():
    return [path("signups/", include(admin_urls))]


class SignupMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("signups.view_signup")


@hooks.register("register_admin_menu_item")
def register_signup_menu_item():
    return SignupMenuItem(
        _("活动报名"), reverse("signups_admin:index"), icon_name="group", order=450
    )


@hooks.register("register_permissions")
def register_signup_permissions():
    return Permission.objects.filter(content_type__app_label="signups")


class SignupDashboardPanel(Component):
    name = "signups"
    template_name = "signups/admin/dashboard_panel.html"
    order = 120

    def get_context_data(self, parent_context):
        return {"pages": staff.signup_pages_with_counts()[:8]}


@hooks.register("construct_homepage_panels")
def add_signup_panel(request, panels):
    if request.user.has_perm("signups.view_signup"):
        panels.append(SignupDashboardPanel())
