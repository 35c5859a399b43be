"""The one group that may see sign-ups' full personal data (PIPL: need to know)."""

from django.contrib.auth.models import Group, Permission

SIGNUP_STAFF = "活动报名员"
# Every other curator sees sign-ups with masked phones only.
SIGNUP_STAFF_PERMISSIONS = (
    ("wagtailadmin", "access_admin"),
    ("signups", "view_signup"),
    ("signups", "change_signup"),
    ("signups", "view_full_signup"),
)


def ensure_signup_staff_group(**kwargs):
    """Create 活动报名员 with its permissions; idempotent."""
    permissions = []
    for app_label, codename in SIGNUP_STAFF_PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is None:  # the other app is not migrated yet
            return None
        permissions.append(permission)
    group, _created = Group.objects.get_or_create(name=SIGNUP_STAFF)
    group.permissions.add(*permissions)
    return group


def may_see_full_data(user):
    return user.is_active and user.has_perm("signups.view_full_signup")
