from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SignupsConfig(AppConfig):
    name = "heritage_archive.site.signups"
    label = "signups"
    verbose_name = _("活动报名")

    def ready(self):
        from .roles import ensure_signup_staff_group

        # After every migrate (and every flush of a transactional test) the
        # group that may see full personal data exists with its permissions.
        # Not only after this app's own signal: that one comes before auth has
        # created this app's permissions (auth is later in INSTALLED_APPS).
        post_migrate.connect(ensure_signup_staff_group, dispatch_uid="signups-staff-group")
