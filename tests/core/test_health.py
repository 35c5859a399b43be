"""/healthz and the dashboard's 系统状态 panel: healthy, each part down, nothing private shown."""

import datetime
import os
import socket
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import TestCase, override_settings
from django.utils import timezone

from heritage_archive.core.choices import Category
from heritage_archive.preservation.models import FixityAuditRun
from heritage_archive.records.heritage.models import HeritageItemPage
from search.backends.elasticsearch import (
    alias_name,
    delete_all_indices,
    ensure_alias,
    get_client,
)
from search.documents import SCHEMA_VERSION
from search.models import IndexingOutboxEntry
from tests.search.fixtures import require_elasticsearch
from tests.utils import build_site

PARTS = {"database", "cache", "elasticsearch", "outbox", "fixity", "backup"}


def closed_port():
    """A loopback port nothing listens on: a service that is down, for real."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class HealthTestCase(TestCase):
    def setUp(self):
        self.backups = Path(tempfile.mkdtemp(prefix="anci-test-backups-"))
        no_search_node = override_settings(ELASTICSEARCH_URL="", BACKUP_DIR=self.backups)
        no_search_node.enable()
        self.addCleanup(no_search_node.disable)

    def healthz(self):
        response = self.client.get("/healthz")
        self.assertEqual(response["Content-Type"], "application/json")
        self.assertIn("no-cache", response["Cache-Control"])
        return response, response.json()

    def stamp_backup(self, age):
        stamp = self.backups / "last-backup"
        stamp.write_text("anci-test\n")
        moment = (timezone.now() - age).timestamp()
        os.utime(stamp, (moment, moment))


class HealthzTests(HealthTestCase):
    def test_healthy_site_answers_200_with_every_part(self):
        response, document = self.healthz()
        self.assertEqual(response.status_code, 200, document)
        self.assertEqual(document["status"], "ok")
        self.assertEqual(document["failing"], [])
        self.assertEqual(set(document["checks"]), PARTS)
        self.assertEqual(document["checks"]["elasticsearch"]["configured"], False)
        self.assertEqual(document["checks"]["outbox"]["backlog"], 0)
        self.assertIsNone(document["checks"]["fixity"]["last_at"])
        self.assertIsNone(document["checks"]["backup"]["last_at"])

    def test_redis_down_is_503_naming_the_cache(self):
        # The production cache settings (django-redis ignoring its errors), on
        # a port where no Redis listens.
        down = {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "IGNORE_EXCEPTIONS": True},
        }
        with override_settings(CACHES={**settings.CACHES, "default": down}):
            response, document = self.healthz()
        self.assertEqual(response.status_code, 503)
        self.assertEqual(document["failing"], ["cache"])
        self.assertFalse(document["checks"]["cache"]["ok"])
        self.assertTrue(document["checks"]["database"]["ok"])

    def test_elasticsearch_down_is_503_naming_it(self):
        with override_settings(ELASTICSEARCH_URL=f"http://127.0.0.1:{closed_port()}"):
            response, document = self.healthz()
        self.assertEqual(response.status_code, 503)
        self.assertEqual(document["failing"], ["elasticsearch"])
        self.assertEqual(document["checks"]["elasticsearch"]["error"], "ConnectionError")

    def test_elasticsearch_up_with_its_alias_is_healthy(self):
        with override_settings(ELASTICSEARCH_URL=os.environ.get("ELASTICSEARCH_URL", "")):
            require_elasticsearch()
            ensure_alias()
            self.addCleanup(delete_all_indices, get_client())
            response, document = self.healthz()
        self.assertEqual(response.status_code, 200, document)
        self.assertTrue(document["checks"]["elasticsearch"]["alias"])
        self.assertIn(document["checks"]["elasticsearch"]["cluster_status"], ("green", "yellow"))
        self.assertEqual(document["checks"]["elasticsearch"]["schema_version"], SCHEMA_VERSION)

    def test_index_of_an_older_schema_is_503_asking_for_a_reindex(self):
        with override_settings(ELASTICSEARCH_URL=os.environ.get("ELASTICSEARCH_URL", "")):
            require_elasticsearch()
            ensure_alias()
            self.addCleanup(delete_all_indices, get_client())
            # An index made before the pinyin tokens: its mapping says version 1.
            get_client().indices.put_mapping(index=alias_name(), meta={"schema_version": 1})
            response, document = self.healthz()
        self.assertEqual(response.status_code, 503, document)
        self.assertEqual(document["failing"], ["elasticsearch"])
        self.assertEqual(document["checks"]["elasticsearch"]["schema_version"], 1)

    def test_old_outbox_row_is_503_with_backlog_and_age(self):
        entry = IndexingOutboxEntry.objects.create(
            page_id=1, record_type="heritage", action="upsert"
        )
        response, document = self.healthz()
        self.assertEqual(response.status_code, 200, document)
        self.assertEqual(document["checks"]["outbox"]["backlog"], 1)
        IndexingOutboxEntry.objects.filter(pk=entry.pk).update(
            created_at=timezone.now() - datetime.timedelta(hours=1)
        )
        response, document = self.healthz()
        self.assertEqual(response.status_code, 503)
        self.assertEqual(document["failing"], ["outbox"])
        self.assertGreaterEqual(document["checks"]["outbox"]["oldest_age_seconds"], 3600)

    def test_failed_or_stale_fixity_audit_is_503(self):
        run = FixityAuditRun.objects.create(
            initiator="cron", result=FixityAuditRun.Result.OK, finished_at=timezone.now(),
            checked_count=12,
        )  # fmt: skip
        response, document = self.healthz()
        self.assertEqual(response.status_code, 200, document)
        self.assertEqual(document["checks"]["fixity"]["checked"], 12)
        FixityAuditRun.objects.filter(pk=run.pk).update(
            finished_at=timezone.now() - datetime.timedelta(days=9)
        )
        response, document = self.healthz()
        self.assertEqual((response.status_code, document["failing"]), (503, ["fixity"]))
        FixityAuditRun.objects.create(
            initiator="cron", result=FixityAuditRun.Result.FAILED, finished_at=timezone.now(),
            changed_count=1,
        )  # fmt: skip
        response, document = self.healthz()
        self.assertEqual((response.status_code, document["failing"]), (503, ["fixity"]))
        self.assertEqual(document["checks"]["fixity"]["result"], "failed")

    def test_backup_stamp_gives_the_last_backup_and_a_stale_one_is_503(self):
        self.stamp_backup(datetime.timedelta(hours=3))
        response, document = self.healthz()
        self.assertEqual(response.status_code, 200, document)
        self.assertGreaterEqual(document["checks"]["backup"]["age_seconds"], 3 * 3600 - 5)
        self.stamp_backup(datetime.timedelta(days=3))
        response, document = self.healthz()
        self.assertEqual((response.status_code, document["failing"]), (503, ["backup"]))

    def test_nothing_private_is_shown(self):
        """A draft waiting in the outbox: /healthz counts it, never names it."""
        pages = build_site()
        draft = HeritageItemPage(
            title="未公开的秘密项目", slug="secret-draft", key="SECRET-9", category=Category.QUYI,
            summary="内部摘要", live=False,
        )  # fmt: skip
        pages["heritage_items"].add_child(instance=draft)
        draft.save_revision()
        IndexingOutboxEntry.objects.create(
            page_id=draft.pk, record_type="heritage", action="upsert", last_error="未公开的秘密项目"
        )
        response = self.client.get("/healthz")
        body = response.content.decode()
        self.assertEqual(response.json()["checks"]["outbox"]["backlog"], 1)
        for private in ("未公开的秘密项目", "secret-draft", "SECRET-9", "内部摘要"):
            self.assertNotIn(private, body)

    def test_only_get_and_head(self):
        self.assertEqual(self.client.post("/healthz").status_code, 405)
        self.assertEqual(self.client.head("/healthz").status_code, 200)


class HealthPanelTests(HealthTestCase):
    def setUp(self):
        super().setUp()
        user = get_user_model().objects.create_superuser("admin", "a@example.org", "pw")
        self.client.force_login(user)

    def test_dashboard_shows_the_same_facts_in_chinese(self):
        self.stamp_backup(datetime.timedelta(hours=1))
        response = self.client.get("/admin/")
        self.assertEqual(response.status_code, 200)
        text = response.content.decode()
        self.assertIn("系统状态", text)
        for label in ("数据库", "缓存", "Elasticsearch 检索", "索引待办", "文件核验", "备份"):
            self.assertIn(f"<td>{label}</td>", text)
        self.assertIn("各项正常", text)
        self.assertIn("未配置，检索由数据库承担", text)
        self.assertIn("尚未运行", text)

    def test_dashboard_names_a_failing_part(self):
        IndexingOutboxEntry.objects.create(page_id=1, record_type="heritage", action="upsert")
        IndexingOutboxEntry.objects.update(created_at=timezone.now() - datetime.timedelta(hours=2))
        text = self.client.get("/admin/").content.decode()
        self.assertIn("有异常", text)
        self.assertIn("<strong>异常</strong>", text)
        self.assertIn("积压 1 条", text)
