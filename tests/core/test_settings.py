import os
import subprocess
import sys

from django.conf import settings
from django.test import TestCase

from tests.utils import build_site

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "heritage_archive.settings.production",
    "SECRET_KEY": "x" * 40 + "-not-a-real-secret-but-long-enough",
    "ALLOWED_HOSTS": "www.example.org",
}


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


class ProductionSettingsTests(TestCase):
    def test_refuses_to_start_without_secret_key(self):
        env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
        result = manage("check", env=env)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("SECRET_KEY", result.stderr)

    def test_check_deploy_is_clean(self):
        result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
        self.assertEqual(result.returncode, 0, result.stderr + result.stdout)
        self.assertIn("no issues", result.stdout)


class LocaleAndHeadersTests(TestCase):
    def test_language_and_time_zone(self):
        self.assertEqual(settings.LANGUAGE_CODE, "zh-hans")
        self.assertEqual(settings.TIME_ZONE, "Asia/Shanghai")

    def test_public_pages_send_a_strict_content_security_policy(self):
        build_site()
        response = self.client.get("/")
        policy = response["Content-Security-Policy"]
        self.assertIn("default-src 'self'", policy)
        self.assertNotIn("unsafe-inline", policy)

    def test_admin_login_is_in_chinese(self):
        response = self.client.get("/admin/login/")
        self.assertContains(response, "登录")
