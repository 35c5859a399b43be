"""A restored site is the same site: who may see and change what, workflows,
redirects, OAI tombstones, the read API; and a restore refuses packages it did
not make (unsigned or edited ones, models outside its allow-list).

The round trip restores into a database emptied to what a fresh installation
has (Wagtail's Moderators and Editors groups, with primary keys of their own),
inside the test's transaction, so nothing outlives the test.
"""

import csv
import html
import io
import json
import tempfile
from pathlib import Path

import bagit
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase, override_settings
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    PageViewRestriction,
    WorkflowPage,
    WorkflowState,
)

from heritage_archive.core.roles import HERITAGE_MANAGERS, NEWS_EDITORS, REVIEWERS
from heritage_archive.interop.models import OaiTombstone
from heritage_archive.media.images.models import ArchiveImage, ArchiveRendition
from heritage_archive.media.images.renditions import RENDITION_SPECS
from heritage_archive.records.heritage.models import HeritageItemPage
from tests.preservation.helpers import ClassMediaAndPackagesMixin
from tests.preservation.test_backup import empty_the_database, snapshot_files

# Everything a fresh installation may hold about access and workflows; the
# restore must bring the package's back (listed here, not taken from backup.py,
# so the test empties the same tables whatever the code under test lists).
ACCESS_LABELS = (
    "wagtailcore.TaskState",
    "wagtailcore.WorkflowState",
    "wagtailcore.WorkflowPage",
    "wagtailcore.WorkflowContentType",
    "wagtailcore.WorkflowTask",
    "wagtailcore.Workflow",
    "wagtailcore.GroupApprovalTask",
    "wagtailcore.Task",
    "wagtailcore.GroupPagePermission",
    "wagtailcore.GroupCollectionPermission",
    "wagtailcore.PageViewRestriction",
    "wagtailcore.CollectionViewRestriction",
    "wagtailredirects.Redirect",
    "interop.OaiTombstone",
    "interop.OaiRecordState",
    "taggit.TaggedItem",
)
FORMULA = '=HYPERLINK("https://example.org/steal","点这里")'
TOMBSTONE = "oai:anci-heritage:gone-record"


def empty_like_a_fresh_installation():
    empty_the_database()
    for label in ACCESS_LABELS:
        apps.get_model(label)._base_manager.all().delete()
    get_user_model().objects.all().delete()
    Group.objects.all().delete()
    # What Wagtail's migrations give a new site, with primary keys unlike the package's.
    change_page = Permission.objects.get(
        content_type__app_label="wagtailcore", codename="change_page"
    )
    root = Page.get_first_root_node()
    for name in ("Moderators", "Editors"):
        group = Group.objects.create(name=name)
        GroupPagePermission.objects.create(group=group, page=root, permission=change_page)


def recompute_manifests(package):
    """What an editor of the package would do: new checksums, the old signature.txt left in place."""
    signature = package / "signature.txt"
    aside = package.parent / "signature.txt.aside"
    if signature.exists():
        signature.rename(aside)
    bagit.Bag(str(package)).save(manifests=True)
    if aside.exists():
        aside.rename(signature)
    assert bagit.Bag(str(package)).is_valid()


def api_image_ids(client):
    ids, offset = [], 0
    while True:
        response = client.get("/api/v2/images/", {"offset": offset, "limit": 20})
        assert response.status_code == 200, response.content
        items = response.json()["items"]
        ids += [item["id"] for item in items]
        if len(items) < 20:
            return sorted(ids)
        offset += len(items)


def anonymous_view(client, urls):
    """{url: (status, whether the title appears)} for an anonymous visitor."""
    view = {}
    for url, title in urls:
        response = client.get(url)
        body = response.content.decode("utf-8", "replace")
        view[url] = (response.status_code, html.escape(title) in body or title in body)
    return view


def search_answers(client):
    """What an anonymous researcher finds: every result, and a few queries' hits."""
    answers = []
    for query in ({}, {"q": "项目"}, {"q": "Ⅹ"}, {"type": "heritage"}):
        body = client.get("/api/search/", {**query, "page_size": 100}).json()
        answers.append(
            (body["total"], [(hit["id"], hit["title"], hit["url"]) for hit in body["results"]])
        )
    return answers


def page_permissions():
    return {
        (p.group.name, p.page.url_path, p.permission.codename)
        for p in GroupPagePermission.objects.select_related("group", "page", "permission")
    }


def collection_permissions():
    return {
        (
            p.group.name,
            p.collection.name,
            p.permission.content_type.app_label,
            p.permission.codename,
        )
        for p in GroupCollectionPermission.objects.select_related(
            "group", "collection", "permission__content_type"
        )
    }


def model_permissions():
    return {
        (group.name, permission.content_type.app_label, permission.codename)
        for group in Group.objects.all()
        for permission in group.permissions.select_related("content_type")
    }


def restrictions():
    pages = {
        (r.page.url_path, r.restriction_type, r.password, frozenset(g.name for g in r.groups.all()))
        for r in PageViewRestriction.objects.select_related("page")
    }
    collections = {
        (r.collection.name, r.restriction_type, frozenset(g.name for g in r.groups.all()))
        for r in CollectionViewRestriction.objects.select_related("collection")
    }
    return pages, collections


def workflows():
    assignments = {
        (wp.workflow.name, wp.page.url_path)
        for wp in WorkflowPage.objects.select_related("workflow", "page")
    }
    states = {
        (
            Page.objects.get(pk=state.object_id).url_path,
            state.workflow.name,
            state.status,
            state.current_task_state.task.name if state.current_task_state else None,
            state.current_task_state.status if state.current_task_state else None,
            state.requested_by.get_username() if state.requested_by else None,
        )
        for state in WorkflowState.objects.select_related("workflow", "requested_by")
    }
    approvers = {
        (task.name, frozenset(g.name for g in task.groups.all()))
        for task in apps.get_model("wagtailcore", "GroupApprovalTask").objects.all()
    }
    return assignments, states, approvers


class BackupFidelityTests(ClassMediaAndPackagesMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo_content", stdout=io.StringIO())
        call_command("setup_site", stdout=io.StringIO())
        User = get_user_model()
        curator = User.objects.create_user("curator-wang", password="not-used-here")
        curator.groups.add(Group.objects.get(name=HERITAGE_MANAGERS))
        User.objects.create_superuser("chief-admin", password="not-used-here")

        items = list(HeritageItemPage.objects.live().order_by("path"))
        cls.password_item, cls.group_item, cls.moderated_item, cls.formula_item = items[:4]
        PageViewRestriction.objects.create(
            page=cls.password_item,
            restriction_type=PageViewRestriction.PASSWORD,
            password="anci-2024",
        )
        restriction = PageViewRestriction.objects.create(
            page=cls.group_item, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.set([Group.objects.get(name=REVIEWERS)])

        # A private collection holding an image that a live public page shows.
        private = Collection.get_first_root_node().add_child(name="内部资料")
        collection_restriction = CollectionViewRestriction.objects.create(
            collection=private, restriction_type=CollectionViewRestriction.GROUPS
        )
        collection_restriction.groups.set([Group.objects.get(name=NEWS_EDITORS)])
        GroupCollectionPermission.objects.create(
            group=Group.objects.get(name=NEWS_EDITORS),
            collection=private,
            permission=Permission.objects.get(
                content_type__app_label="wagtailimages", codename="choose_image"
            ),
        )
        shown = cls.formula_item.gallery_images.select_related("image").first().image
        shown.collection = private
        shown.save()
        shown.tags.add("内部")

        # The formula goes into a record's summary (the backup CSV must neutralise it).
        cls.formula_item.summary = FORMULA
        cls.formula_item.save_revision().publish()

        # A record in moderation: an edited draft submitted to the heritage workflow.
        cls.moderated_item.title = f"{cls.moderated_item.title}（修订稿）"
        revision = cls.moderated_item.save_revision(user=curator)
        workflow = cls.moderated_item.get_workflow()
        workflow.start(cls.moderated_item, curator)
        cls.moderated_item.refresh_from_db()
        assert revision.pk == cls.moderated_item.latest_revision_id

        cls.redirect = Redirect.objects.create(
            old_path="/old/heritage-item", redirect_page=cls.group_item.get_parent().specific
        )
        OaiTombstone.objects.create(
            identifier=TOMBSTONE, datestamp=timezone.now(), sets=["type:heritage"]
        )

        cls.package = cls.packages / "site"
        call_command("export_archive", str(cls.package), stdout=io.StringIO())

    def setUp(self):
        cache.clear()

    def empty_the_site(self):
        """An empty database and media folder; the class's files come back after the test."""
        empty_like_a_fresh_installation()
        self.set_media_aside()

    def run_import(self, package, *options):
        stdout, stderr = io.StringIO(), io.StringIO()
        call_command("import_archive", *options, str(package), stdout=stdout, stderr=stderr)
        return stdout.getvalue(), stderr.getvalue()

    def live_urls(self):
        return [
            (page.url, page.title)
            for page in Page.objects.live().filter(depth__gt=1).order_by("path")
            if page.url
        ]

    # --- the round trip ------------------------------------------------------

    def test_the_restored_site_is_the_same_site(self):
        urls = self.live_urls()
        view_before = anonymous_view(self.client, urls)
        images_before = api_image_ids(self.client)
        # The restrictions show: a password form, a login redirect, a hidden image.
        self.assertEqual(view_before[self.group_item.url][0], 302)
        self.assertFalse(view_before[self.password_item.url][1])
        self.assertTrue(images_before)
        self.assertNotIn(self.formula_item.gallery_images.first().image_id, images_before)
        permissions_before = (page_permissions(), collection_permissions(), model_permissions())
        call_command("search_reindex", stdout=io.StringIO())  # the original, fully indexed
        searches_before = search_answers(self.client)
        self.assertGreater(searches_before[0][0], 0)
        restrictions_before = restrictions()
        workflows_before = workflows()
        self.assertIn("in_progress", {state[2] for state in workflows_before[1]})
        tags_before = sorted(ArchiveImage.objects.get(tags__name="内部").tags.names())

        self.empty_the_site()
        self.assertFalse(PageViewRestriction.objects.exists())
        self.assertNotEqual(page_permissions(), permissions_before[0])

        stdout, stderr = self.run_import(self.package)
        cache.clear()

        self.assertIn("恢复完成", stdout)
        self.assertEqual(anonymous_view(self.client, urls), view_before)
        self.assertEqual(api_image_ids(self.client), images_before)
        self.assertEqual(search_answers(self.client), searches_before)
        self.assertEqual(page_permissions(), permissions_before[0])
        self.assertEqual(collection_permissions(), permissions_before[1])
        self.assertEqual(model_permissions(), permissions_before[2])
        self.assertEqual(restrictions(), restrictions_before)
        self.assertEqual(workflows(), workflows_before)
        self.assertEqual(
            sorted(ArchiveImage.objects.get(tags__name="内部").tags.names()), tags_before
        )
        response = self.client.get("/old/heritage-item")
        self.assertEqual(response.status_code, 301)
        self.assertEqual(response["Location"], self.group_item.get_parent().url)
        self.assertTrue(OaiTombstone.objects.filter(identifier=TOMBSTONE).exists())
        # Every image has its base renditions again, as after an upload.
        for image in ArchiveImage.objects.all():
            self.assertEqual(
                set(
                    ArchiveRendition.objects.filter(image=image).values_list(
                        "filter_spec", flat=True
                    )
                ),
                set(RENDITION_SPECS),
                image.file.name,
            )
        # Without --include-accounts, users come back as names only: inactive, no password.
        User = get_user_model()
        curator = User.objects.get(username="curator-wang")
        self.assertFalse(curator.is_active)
        self.assertFalse(curator.has_usable_password())
        self.assertFalse(User.objects.filter(username="chief-admin").exists())
        self.assertFalse(User.objects.filter(is_superuser=True).exists())

    # --- tampered packages ---------------------------------------------------

    def add_superuser_row(self, package):
        """Add an active superuser to the package and recompute its manifests: bagit says valid."""
        metadata = package / "data" / "metadata"
        (metadata / "database" / "auth.user.json").write_text(
            json.dumps(
                [
                    {
                        "model": "auth.user",
                        "pk": 9001,
                        "fields": {
                            "username": "intruder",
                            "password": "md5$salt$0123456789abcdef0123456789abcdef",
                            "is_superuser": True,
                            "is_staff": True,
                            "is_active": True,
                            "first_name": "",
                            "last_name": "",
                            "email": "",
                            "date_joined": "2024-01-01T00:00:00+00:00",
                            "last_login": None,
                            "groups": [],
                            "user_permissions": [],
                        },
                    }
                ]
            ),
            "utf-8",
        )
        description = json.loads((metadata / "archive.json").read_text("utf-8"))
        description["database_files"].insert(0, "database/auth.user.json")
        (metadata / "archive.json").write_text(json.dumps(description, ensure_ascii=False), "utf-8")
        recompute_manifests(package)

    def assert_refused_and_nothing_written(self, package, named, *options):
        self.empty_the_site()
        pages_before = list(Page.objects.values_list("pk", "path"))
        users_before = list(get_user_model().objects.values_list("pk", flat=True))
        with self.assertRaises(CommandError) as refused:
            self.run_import(package, *options)
        self.assertIn(named, str(refused.exception))
        self.assertEqual(list(Page.objects.values_list("pk", "path")), pages_before)
        self.assertEqual(list(get_user_model().objects.values_list("pk", flat=True)), users_before)
        self.assertFalse(get_user_model().objects.filter(username="intruder").exists())
        self.assertFalse(HeritageItemPage.objects.exists())
        self.assertFalse(snapshot_files(self.media_root))
        return str(refused.exception)

    def test_an_added_superuser_with_recomputed_manifests_is_refused(self):
        package = self.copy_of_package()
        self.add_superuser_row(package)
        self.assert_refused_and_nothing_written(package, "签名")

    def test_an_edited_database_file_with_recomputed_manifests_is_refused(self):
        package = self.copy_of_package()
        target = package / "data" / "metadata" / "database" / "taggit.tag.json"
        rows = json.loads(target.read_text("utf-8"))
        rows.append(
            {"model": "taggit.tag", "pk": 9001, "fields": {"name": "篡改", "slug": "cuan-gai"}}
        )
        target.write_text(json.dumps(rows, ensure_ascii=False), "utf-8")
        recompute_manifests(package)
        self.assert_refused_and_nothing_written(package, "签名")

    def test_an_unsigned_package_is_refused(self):
        package = self.copy_of_package()
        (package / "signature.txt").unlink(missing_ok=True)
        self.assertTrue(bagit.Bag(str(package)).is_valid())
        self.assert_refused_and_nothing_written(package, "签名")

    def test_a_package_signed_with_another_key_is_refused(self):
        from heritage_archive.preservation.signing import sign_bag

        package = self.copy_of_package()
        self.add_superuser_row(package)
        with override_settings(BACKUP_SIGNING_KEY="someone-elses-key"):
            sign_bag(package)
        self.assert_refused_and_nothing_written(package, "密钥")

    def test_a_signed_package_naming_a_model_outside_the_allow_list_is_refused(self):
        from heritage_archive.preservation.signing import sign_bag

        package = self.copy_of_package()
        self.add_superuser_row(package)
        sign_bag(package)  # with this site's real key: only the allow-list stands in the way
        message = self.assert_refused_and_nothing_written(package, "auth.user")
        self.assertIn("--include-accounts", message)

    def test_a_row_of_another_model_inside_an_allowed_file_is_refused(self):
        from heritage_archive.preservation.signing import sign_bag

        package = self.copy_of_package()
        target = package / "data" / "metadata" / "database" / "taggit.tag.json"
        rows = json.loads(target.read_text("utf-8"))
        rows.append(
            {
                "model": "auth.permission",
                "pk": 9001,
                "fields": {"name": "x", "codename": "x", "content_type": 1},
            }
        )
        target.write_text(json.dumps(rows), "utf-8")
        recompute_manifests(package)
        sign_bag(package)
        self.assert_refused_and_nothing_written(package, "auth.permission")

    # --- accounts ------------------------------------------------------------

    def test_accounts_come_back_only_when_asked_for_and_never_as_superusers(self):
        User = get_user_model()
        password_hash = User.objects.get(username="curator-wang").password
        package = Path(tempfile.mkdtemp(dir=self.packages)) / "accounts"
        call_command("export_archive", "--include-accounts", str(package), stdout=io.StringIO())

        # Without the option on import, the accounts are refused, not silently dropped.
        self.assert_refused_and_nothing_written(package, "--include-accounts")

        stdout, _stderr = self.run_import(package, "--include-accounts")
        self.assertIn("chief-admin", stdout)
        curator = User.objects.get(username="curator-wang")
        self.assertTrue(curator.is_active)
        self.assertEqual(curator.password, password_hash)
        self.assertEqual(list(curator.groups.values_list("name", flat=True)), [HERITAGE_MANAGERS])
        chief = User.objects.get(username="chief-admin")
        self.assertTrue(chief.is_active)
        self.assertFalse(chief.is_superuser)
        self.assertFalse(User.objects.filter(is_superuser=True).exists())

    # --- the CSV -------------------------------------------------------------

    def test_backup_csv_cells_cannot_run_as_formulas(self):
        heritage_csv = self.package / "data" / "metadata" / "csv" / "heritage.csv"
        rows = list(csv.DictReader(io.StringIO(heritage_csv.read_text("utf-8-sig"))))
        row = next(row for row in rows if row["key"] == self.formula_item.key)
        self.assertEqual(row["summary"], "'" + FORMULA)
        for row in rows:
            for column, value in row.items():
                self.assertFalse(
                    value.startswith(("=", "+", "-", "@", "\t", "\r")), (column, value)
                )
