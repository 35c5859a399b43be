"""export_archive and import_archive: the demo content survives a round trip intact."""

import hashlib
import io
import json
import tempfile
from pathlib import Path

import bagit
from django.core import serializers
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase
from wagtail.models import Collection, Page, PageLogEntry

from heritage_archive.media.images.models import ArchiveImage
from heritage_archive.media.mediafiles.models import ArchiveDocument, ArchiveMedia
from heritage_archive.preservation.backup import archived_models
from heritage_archive.records.heritage.models import HeritageItemPage
from tests.preservation.helpers import MEDIA_FOLDERS, ClassMediaAndPackagesMixin


def snapshot_rows():
    """Every archived row, serialized as the export does, keyed by model label."""
    return {
        model._meta.label: serializers.serialize("python", model._base_manager.order_by("pk"))
        for model in archived_models()
    }


def snapshot_files(media_root):
    """{relative path: SHA-256} of every original, thumbnail and document under MEDIA_ROOT."""
    found = {}
    for folder in MEDIA_FOLDERS:
        for path in sorted((media_root / folder).rglob("*")):
            if path.is_file():
                found[path.relative_to(media_root).as_posix()] = hashlib.sha256(
                    path.read_bytes()
                ).hexdigest()
    return found


def empty_the_database():
    """What a fresh installation's database looks like: a root and Wagtail's welcome page."""
    Page.objects.filter(depth__gt=1).delete()
    for model in reversed(archived_models()):
        if not issubclass(model, Page | Collection) and model._meta.label != "wagtailcore.Locale":
            model._base_manager.all().delete()
    Collection.objects.filter(depth__gt=1).delete()
    welcome = Page(title="Welcome to your new Wagtail site!", slug="home")
    Page.get_first_root_node().add_child(instance=welcome)
    PageLogEntry.objects.all().delete()


class BackupRoundTripTests(ClassMediaAndPackagesMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo_content", stdout=io.StringIO())
        cls.package = cls.packages / "demo"
        call_command("export_archive", str(cls.package), stdout=io.StringIO())

    def setUp(self):
        cache.clear()

    def empty_the_site(self):
        """An empty database and media folder; the class's files come back after the test.

        The database rolls back after each test but the media folder does not,
        so its folders are moved aside rather than deleted.
        """
        empty_the_database()
        self.set_media_aside()

    def run_import(self, package):
        stdout, stderr = io.StringIO(), io.StringIO()
        call_command("import_archive", str(package), stdout=stdout, stderr=stderr)
        return stdout.getvalue(), stderr.getvalue()

    # --- the package ---------------------------------------------------------

    def test_the_package_is_a_valid_bag_with_sha256_manifest(self):
        bag = bagit.Bag(str(self.package))
        self.assertTrue(bag.is_valid())
        self.assertEqual(bag.algorithms, ["sha256"])
        self.assertIn("Bag-Software-Agent", bag.info)
        manifest = set(bag.payload_entries())
        for image in ArchiveImage.objects.all():
            self.assertIn(f"data/files/{image.file.name}", manifest)

    def test_the_package_describes_itself(self):
        data = self.package / "data" / "metadata"
        description = json.loads((data / "archive.json").read_text("utf-8"))
        self.assertEqual(description["format"], "anci-heritage-archive")
        pages = json.loads((data / "pages.json").read_text("utf-8"))
        self.assertEqual(len(pages), Page.objects.count())
        item = HeritageItemPage.objects.filter(tagged_items__isnull=False).first()
        described = next(page for page in pages if page["id"] == item.pk)
        self.assertEqual(described["type"], "heritage.HeritageItemPage")
        self.assertEqual(described["slug"], item.slug)
        self.assertEqual(described["url_path"], item.url_path)
        self.assertEqual(described["parent_id"], item.get_parent().pk)
        self.assertEqual(described["tags"], sorted(tag.name for tag in item.tags.all()))
        self.assertEqual(described["fields"]["key"], item.key)
        files = json.loads((data / "files.json").read_text("utf-8"))
        media = ArchiveMedia.objects.first()
        entry = next(
            f for f in files if f["model"] == "mediafiles.ArchiveMedia" and f["pk"] == media.pk
        )
        self.assertEqual(entry["sha256"], media.sha256)

    def test_the_csv_uses_the_import_format(self):
        heritage_csv = self.package / "data" / "metadata" / "csv" / "heritage.csv"
        lines = heritage_csv.read_text("utf-8-sig").splitlines()
        self.assertTrue(lines[0].startswith("key,title,category,listings"))
        self.assertEqual(
            len(list(__import__("csv").reader(io.StringIO(heritage_csv.read_text("utf-8-sig")))))
            - 1,
            HeritageItemPage.objects.count(),
        )
        # The CSV validates as an import file (a dry run writes nothing).
        call_command(
            "import_records", "--type", "heritage", "--dry-run",
            "--media-dir", str(self.package / "data" / "files"), str(heritage_csv),
            stdout=io.StringIO(), stderr=io.StringIO(),
        )  # fmt: skip

    # --- the round trip ------------------------------------------------------

    def test_export_empty_restore_finds_everything_identical(self):
        rows_before = snapshot_rows()
        files_before = snapshot_files(self.media_root)
        self.assertGreater(len(rows_before["heritage.HeritageItemPage"]), 5)
        self.assertTrue(rows_before["heritage.HeritageItemTag"])
        self.assertTrue(rows_before["wagtailcore.Revision"])
        self.assertTrue(any(row["fields"]["related_items"] for row in rows_before["heritage.HeritageItemPage"])
                        or rows_before["inheritors.InheritorPage"][0]["fields"]["items"])  # fmt: skip
        self.assertTrue(files_before)

        self.empty_the_site()
        self.assertFalse(HeritageItemPage.objects.exists())
        self.assertFalse(snapshot_files(self.media_root))

        stdout, stderr = self.run_import(self.package)

        self.assertEqual(stderr, "")
        self.assertIn("恢复完成", stdout)
        rows_after = snapshot_rows()
        for label, rows in rows_before.items():
            self.assertEqual(rows_after[label], rows, label)
        self.assertEqual(snapshot_files(self.media_root), files_before)
        for model in (ArchiveImage, ArchiveDocument, ArchiveMedia):
            for record in model.objects.all():
                with record.file.open("rb") as handle:
                    self.assertEqual(hashlib.sha256(handle.read()).hexdigest(), record.sha256)
        # The restored site serves its pages.
        item = HeritageItemPage.objects.live().first()
        self.assertEqual(self.client.get(item.url).status_code, 200)
        self.assertEqual(self.client.get("/").status_code, 200)
        # And the fixity audit agrees.
        call_command("fixity_audit", stdout=io.StringIO(), stderr=io.StringIO())

    def test_a_site_with_records_is_refused(self):
        pages_before = Page.objects.count()
        with self.assertRaisesMessage(CommandError, "只能恢复到空站点"):
            self.run_import(self.package)
        self.assertEqual(Page.objects.count(), pages_before)

    # --- bad packages --------------------------------------------------------

    def assert_refused_and_nothing_written(self, package, named):
        self.empty_the_site()
        pages_before = list(Page.objects.values_list("pk", "path"))
        with self.assertRaises(CommandError) as refused:
            self.run_import(package)
        self.assertIn(named, str(refused.exception))
        self.assertEqual(list(Page.objects.values_list("pk", "path")), pages_before)
        self.assertFalse(HeritageItemPage.objects.exists())
        self.assertFalse(ArchiveImage.objects.exists())
        self.assertFalse(snapshot_files(self.media_root))

    def test_a_tampered_file_is_refused_by_name(self):
        package = self.copy_of_package()
        image = ArchiveImage.objects.order_by("pk").first()
        target = package / "data" / "files" / image.file.name
        data = bytearray(target.read_bytes())
        data[len(data) // 2] ^= 0xFF
        target.write_bytes(bytes(data))
        self.assert_refused_and_nothing_written(package, f"data/files/{image.file.name}")

    def test_tampered_metadata_is_refused_by_name(self):
        package = self.copy_of_package()
        target = package / "data" / "metadata" / "database" / "heritage.heritageitempage.json"
        target.write_text(target.read_text("utf-8").replace("安次", "安欠", 1), "utf-8")
        self.assert_refused_and_nothing_written(package, "heritage.heritageitempage.json")

    def test_a_truncated_package_is_refused_by_name(self):
        package = self.copy_of_package()
        document = ArchiveDocument.objects.order_by("pk").first() or ArchiveMedia.objects.first()
        (package / "data" / "files" / document.file.name).unlink()
        self.assert_refused_and_nothing_written(package, f"data/files/{document.file.name}")

    def test_a_folder_that_is_no_bag_is_refused(self):
        not_a_bag = Path(tempfile.mkdtemp(dir=self.packages))
        (not_a_bag / "notes.txt").write_text("hello", "utf-8")
        self.assert_refused_and_nothing_written(not_a_bag, "BagIt")

    def test_exporting_into_a_folder_with_files_is_refused(self):
        with self.assertRaisesMessage(CommandError, "不是空的"):
            call_command("export_archive", str(self.package), stdout=io.StringIO())
