"""Fixity audit runs in the admin: a read-only list any admin user can consult.

Runs are written only by ``fixity_audit``; nobody edits or deletes them in the
admin, so the permission policy grants "view" and nothing else.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from heritage_archive.core.health import HOOK as HEALTH_HOOK
from heritage_archive.preservation.health import check_backup, check_fixity
from heritage_archive.preservation.models import FixityAuditRun


class ViewOnlyPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return (
            action == "view"
            and user.is_active
            and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))
        )

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(FixityAuditRun, ViewOnlyPolicy(FixityAuditRun))


class FixityAuditRunViewSet(ModelViewSet):
    model = FixityAuditRun
    icon = "history"
    menu_label = _("文件核验记录")
    add_to_admin_menu = True
    menu_order = 900
    inspect_view_enabled = True
    list_display = [
        "started_at",
        "finished_at",
        "initiator",
        "result",
        "checked_count",
        "changed_count",
        "missing_count",
        "untracked_count",
    ]
    inspect_view_fields = [*list_display, "findings"]
    list_filter = ["result"]
    exclude_form_fields = []


@hooks.register("register_admin_viewset")
def register_fixity_audit_runs():
    return FixityAuditRunViewSet("fixity_audit_runs")


# The site's health (heritage_archive/core/health.py), after search's checks.
hooks.register(HEALTH_HOOK, check_fixity, order=30)
hooks.register(HEALTH_HOOK, check_backup, order=40)
