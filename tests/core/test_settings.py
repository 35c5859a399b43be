import datetime
import os
import re
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.checks import run_checks
from django.test import SimpleTestCase, TestCase, override_settings
from django.utils import timezone
from django.utils.formats import date_format

from tests.utils import build_site

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "heritage_archive.settings.production",
    "SECRET_KEY": "x" * 40 + "-not-a-real-secret-but-long-enough",
    "ALLOWED_HOSTS": "www.example.org",
    # Only named: `check` does not connect (tests/security/test_rate_limit_store.py does).
    "REDIS_URL": "redis://127.0.0.1:6379/0",
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


# How the settings modules read a variable: env.get("NAME"…), env["NAME"], _list("NAME").
ENV_READ = re.compile(r'(?:env\.get\(|env\[|_list\()"([A-Z][A-Z0-9_]+)"')


class DocumentedSettingsTests(SimpleTestCase):
    def test_every_variable_the_settings_read_is_in_the_readme_table(self):
        settings_dir = Path(settings.BASE_DIR) / "heritage_archive" / "settings"
        read = set()
        for module in ("base.py", "production.py"):
            read |= set(ENV_READ.findall((settings_dir / module).read_text(encoding="utf-8")))
        self.assertGreater(len(read), 15)
        readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
        table_rows = [line for line in readme.splitlines() if line.startswith("| `")]
        documented = {
            name for row in table_rows for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", row)
        }
        self.assertEqual(sorted(read - documented), [])


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

    def test_check_deploy_warns_when_rate_limits_count_per_process(self):
        result = manage("check", "--deploy", env={**PRODUCTION_ENV, "REDIS_URL": ""})
        self.assertIn("core.W001", result.stderr + result.stdout)
        self.assertIn("REDIS_URL", result.stderr + result.stdout)
        strict = manage(
            "check", "--deploy", "--fail-level", "WARNING", env={**PRODUCTION_ENV, "REDIS_URL": ""}
        )
        self.assertNotEqual(strict.returncode, 0)


LOCMEM = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "check-test"}
REDIS = {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://127.0.0.1:6379/15"}


class RateLimitCacheCheckTests(SimpleTestCase):
    def warning_ids(self):
        return [message.id for message in run_checks(include_deployment_checks=True)]

    @override_settings(RATELIMIT_ENABLE=True, CACHES={"default": LOCMEM})
    def test_per_process_cache_is_a_deploy_warning(self):
        self.assertIn("core.W001", self.warning_ids())

    @override_settings(RATELIMIT_ENABLE=True, CACHES={"default": REDIS})
    def test_redis_is_not_warned_about(self):
        self.assertNotIn("core.W001", self.warning_ids())

    @override_settings(RATELIMIT_ENABLE=False, CACHES={"default": LOCMEM})
    def test_no_warning_when_limits_are_off(self):
        self.assertNotIn("core.W001", self.warning_ids())

    @override_settings(RATELIMIT_ENABLE=True, CACHES={"default": LOCMEM})
    def test_not_a_warning_outside_deploy_checks(self):
        self.assertNotIn("core.W001", [message.id for message in run_checks()])


class LocaleAndHeadersTests(TestCase):
    def test_pages_speak_chinese_and_keep_langfang_time(self):
        build_site()
        response = self.client.get("/")
        self.assertContains(response, '<html lang="zh-Hans">')
        self.assertContains(response, "跳到正文")
        # 16:30 UTC on 1 January is already 2 January in Langfang (UTC+8).
        moment = datetime.datetime(2026, 1, 1, 16, 30, tzinfo=datetime.UTC)
        self.assertEqual(date_format(timezone.localtime(moment), "Y-m-d H:i"), "2026-01-02 00:30")

    def test_public_pages_send_a_strict_content_security_policy(self):
        build_site()
        response = self.client.get("/")
        policy = response["Content-Security-Policy"]
        self.assertIn("default-src 'self'", policy)
        self.assertNotIn("unsafe-inline", policy)

    def test_admin_login_is_in_chinese(self):
        response = self.client.get("/admin/login/")
        self.assertContains(response, "登录")
