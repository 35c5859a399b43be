import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

DEMO_USERNAME = "admin"
# A published password is only acceptable on a developer's machine: see the DEBUG check.
DEMO_PASSWORD = "anci-admin-2026"


class Command(BaseCommand):
    help = "仅在开发模式（DEBUG）下创建演示用超级用户 admin；已存在则不改动。"

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                _("拒绝执行：演示管理员的密码是公开的，只能在 DEBUG 开发模式下创建。")
            )
        User = get_user_model()
        created = False
        if not User.objects.filter(username=DEMO_USERNAME).exists():
            User.objects.create_superuser(DEMO_USERNAME, email="", password=DEMO_PASSWORD)
            created = True
        port = os.environ.get("PORT", "8000")
        self.stdout.write(
            _("管理后台：http://127.0.0.1:%(port)s/admin/  用户名 %(username)s  密码 %(password)s")
            % {"port": port, "username": DEMO_USERNAME, "password": DEMO_PASSWORD}
        )
        if not created:
            # Never reset: the developer may have changed the password on purpose.
            self.stdout.write(_("（账户 admin 已存在，密码未改动；若已修改，以修改后的为准。）"))
