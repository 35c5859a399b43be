"""Every change to a record reaches Wagtail's audit log with its user and time."""

import io
import tempfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.actions.delete_page import DeletePageAction
from wagtail.models import PageLogEntry

from heritage_archive.core.choices import Category, Level
from heritage_archive.records.heritage.models import (
    HeritageIndexPage,
    HeritageItemPage,
    HeritageListing,
)
from tests.utils import build_site

from .helpers import PrivateMediaMixin


class PageAuditLogTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()
        cls.curator = get_user_model().objects.create_superuser("curator", password="x")

    def entries(self, page, action):
        return PageLogEntry.objects.filter(page_id=page.pk, action=action)

    def assert_logged(self, page, action, since):
        entry = self.entries(page, action).get()
        self.assertEqual(entry.user, self.curator)
        self.assertGreaterEqual(entry.timestamp, since)
        self.assertLessEqual(entry.timestamp, timezone.now())
        return entry

    def new_item(self):
        item = HeritageItemPage(title="安次快板", slug="kuaiban", key="Ⅴ-3", category=Category.QUYI)
        item.listings.add(HeritageListing(level=Level.COUNTY, year=2009))
        # Page.save logs the creation for the page's owner, as the admin's create view does.
        item.owner = self.curator
        self.pages["heritage_items"].add_child(instance=item)
        return item

    def test_create_edit_publish_unpublish_move_delete(self):
        start = timezone.now()
        item = self.new_item()
        self.assert_logged(item, "wagtail.create", start)

        item.summary = "流行于安次区的曲艺形式。"
        revision = item.save_revision(user=self.curator, log_action=True)
        edit = self.assert_logged(item, "wagtail.edit", start)
        self.assertEqual(edit.revision, revision)

        revision.publish(user=self.curator)
        self.assert_logged(item, "wagtail.publish", start)

        item.refresh_from_db()
        item.unpublish(user=self.curator)
        self.assert_logged(item, "wagtail.unpublish", start)

        # Items live under a heritage index; a second one (say, for withdrawn items)
        # gives the item somewhere valid to move to.
        withdrawn = HeritageIndexPage(title="撤销名录", slug="chexiao")
        self.pages["heritage_items"].get_parent().add_child(instance=withdrawn)
        item.refresh_from_db()
        item.move(withdrawn, pos="last-child", user=self.curator)
        move = self.assert_logged(item, "wagtail.move", start)
        self.assertEqual(move.data["destination"]["id"], withdrawn.pk)
        self.assertEqual(move.data["source"]["id"], self.pages["heritage_items"].pk)

        item.refresh_from_db()
        DeletePageAction(item, user=self.curator).execute()
        self.assertFalse(HeritageItemPage.objects.filter(pk=item.pk).exists())
        deletion = self.assert_logged(item, "wagtail.delete", start)
        self.assertTrue(deletion.deleted)

    def test_page_delete_with_user_is_logged(self):
        start = timezone.now()
        item = self.new_item()
        item.delete(user=self.curator)
        self.assert_logged(item, "wagtail.delete", start)

    def test_site_tree_creation_is_logged_as_system(self):
        entry = self.entries(self.pages["heritage_items"], "wagtail.create").get()
        self.assertIsNone(entry.user)
        self.assertEqual(str(entry.user_display_name), gettext("system"))
        self.assertTrue(self.entries(self.pages["heritage_items"], "wagtail.publish").exists())


class ImportAuditLogTests(PrivateMediaMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()
        cls.importer = get_user_model().objects.create_user("importer", password="x")

    def run_import(self, rows, *args):
        folder = Path(tempfile.mkdtemp())
        path = folder / "items.csv"
        path.write_text("\n".join(",".join(row) for row in rows), encoding="utf-8")
        call_command(
            "import_records", "--type", "heritage", *args, str(path),
            stdout=io.StringIO(), stderr=io.StringIO(),
        )  # fmt: skip
        return path

    def test_an_import_with_user_logs_create_and_publish_for_that_user(self):
        start = timezone.now()
        header = ["key", "title", "category", "listings"]
        self.run_import(
            [header, ["Ⅴ-3", "安次快板", "曲艺", "区级|第一批|2009|"]], "--user", "importer"
        )
        item = HeritageItemPage.objects.get(key_folded="5-3")
        for action in ("wagtail.create", "wagtail.publish"):
            entry = PageLogEntry.objects.get(page_id=item.pk, action=action)
            self.assertEqual(entry.user, self.importer)
            self.assertGreaterEqual(entry.timestamp, start)

        # A changed row is an edit and a new publication, again by that user.
        self.run_import(
            [header, ["Ⅴ-3", "安次快板（新）", "曲艺", "区级|第一批|2009|"]], "--user", "importer"
        )
        edits = PageLogEntry.objects.filter(page_id=item.pk, action="wagtail.edit")
        self.assertEqual([edit.user for edit in edits], [self.importer, self.importer])
        self.assertEqual(
            PageLogEntry.objects.filter(
                page_id=item.pk, action="wagtail.publish", user=self.importer
            ).count(),
            2,
        )

    def test_an_import_without_user_is_logged_as_system(self):
        self.run_import(
            [["key", "title", "category", "listings"], ["Ⅴ-3", "安次快板", "曲艺", "区级"]]
        )
        item = HeritageItemPage.objects.get(key_folded="5-3")
        entry = PageLogEntry.objects.get(page_id=item.pk, action="wagtail.create")
        self.assertIsNone(entry.user)

    def test_an_unknown_user_is_refused_before_anything_is_written(self):
        from django.core.management.base import CommandError

        with self.assertRaisesMessage(CommandError, "nobody"):
            self.run_import(
                [["key", "title", "category", "listings"], ["Ⅴ-3", "安次快板", "曲艺", "区级"]],
                "--user",
                "nobody",
            )
        self.assertFalse(HeritageItemPage.objects.exists())
