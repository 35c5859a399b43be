from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from . import views
from .jobs import CONFIRM_ACTION, FINISH_ACTION
from .sheets import ListingSheet


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_import(request.user)


class ImportViewSet(ViewSet):
    """The import screen, shown inside 非遗档案 (records.admin_listings)."""

    name = views.URL_NAMESPACE
    url_prefix = "archive/import"
    icon = "upload"
    menu_label = _("导入")
    menu_item_class = ImportMenuItem

    def get_urlpatterns(self):
        return [
            path("", views.UploadView.as_view(), name="upload"),
            path("<uuid:pk>/", views.ReportView.as_view(), name="report"),
            path("<uuid:pk>/progress/", views.ProgressView.as_view(), name="progress"),
            path("<uuid:pk>/progress.json", views.ProgressJsonView.as_view(), name="progress_json"),
            path("<uuid:pk>/result/", views.ResultView.as_view(), name="result"),
        ]


@hooks.register("register_record_tool")
def register_import_viewset():
    # Registered with the 非遗档案 group, which registers its URLs too.
    return ImportViewSet()


@hooks.register("register_record_sheet")
def register_listing_sheet():
    return ListingSheet()


@hooks.register("register_log_actions")
def register_import_log_actions(actions):
    actions.register_action(CONFIRM_ACTION, _("确认导入"), _("确认从表格导入记录"))
    actions.register_action(FINISH_ACTION, _("导入结束"), _("从表格导入记录已结束"))


@hooks.register("register_permissions")
def register_import_permission():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(content_type__app_label="importer", codename="run_import")
