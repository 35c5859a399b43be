import io

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase

from heritage_archive.media.mediafiles.models import ArchiveDocument, ArchiveMedia
from heritage_archive.preservation.fixity import original_folders
from heritage_archive.preservation.models import FixityAuditRun
from tests.utils import make_image

from .helpers import PrivateMediaMixin


class FixityAuditTests(PrivateMediaMixin, TestCase):
    def setUp(self):
        super().setUp()
        self.image = make_image()
        self.document = ArchiveDocument.objects.create(
            title="申报书", file=ContentFile(b"%PDF-1.4 application", name="shenbao.pdf")
        )
        self.media = ArchiveMedia.objects.create(
            title="唱段", type="audio", file=ContentFile(b"ID3" + b"\x01" * 80, name="song.mp3")
        )

    def run_audit(self, *args):
        """(stdout, stderr, CommandError or None) of one run."""
        stdout, stderr = io.StringIO(), io.StringIO()
        try:
            call_command("fixity_audit", *args, stdout=stdout, stderr=stderr)
        except CommandError as error:
            return stdout.getvalue(), stderr.getvalue(), error
        return stdout.getvalue(), stderr.getvalue(), None

    def test_the_originals_folders_come_from_the_models(self):
        self.assertEqual(original_folders(), ["documents", "media", "original_images"])

    def test_clean_state_passes_and_is_recorded(self):
        stdout, stderr, error = self.run_audit()
        self.assertIsNone(error, stderr)
        self.assertIn("3/3 100%", stdout)
        run = FixityAuditRun.objects.get()
        self.assertEqual(run.result, FixityAuditRun.Result.OK)
        self.assertEqual(run.checked_count, 3)
        self.assertEqual(run.findings, [])
        self.assertTrue(run.initiator)
        self.assertIsNotNone(run.finished_at)
        self.assertGreaterEqual(run.finished_at, run.started_at)

    def test_renditions_are_not_untracked_originals(self):
        rendition = self.image.get_rendition("fill-20x20")
        self.assertTrue(rendition.file.name.startswith("images/"))
        _stdout, stderr, error = self.run_audit()
        self.assertIsNone(error, stderr)

    def test_one_altered_byte_names_the_file(self):
        path = self.media_root / self.document.file.name
        data = bytearray(path.read_bytes())
        data[3] ^= 0x01
        path.write_bytes(bytes(data))

        _stdout, stderr, error = self.run_audit()

        self.assertIsNotNone(error)
        self.assertIn(self.document.file.name, stderr)
        run = FixityAuditRun.objects.get()
        self.assertEqual(run.result, FixityAuditRun.Result.FAILED)
        self.assertEqual(run.changed_count, 1)
        (finding,) = run.findings
        self.assertEqual(finding["kind"], "changed")
        self.assertEqual(finding["path"], self.document.file.name)
        self.assertEqual(finding["expected"], self.document.sha256)
        self.assertNotEqual(finding["actual"], self.document.sha256)

    def test_a_changed_image_is_found(self):
        path = self.media_root / self.image.file.name
        path.write_bytes(path.read_bytes() + b"\x00")
        _stdout, stderr, error = self.run_audit()
        self.assertIsNotNone(error)
        self.assertIn(self.image.file.name, stderr)

    def test_a_deleted_file_is_missing(self):
        (self.media_root / self.media.file.name).unlink()
        _stdout, stderr, error = self.run_audit()
        self.assertIsNotNone(error)
        self.assertIn(self.media.file.name, stderr)
        run = FixityAuditRun.objects.get()
        self.assertEqual(run.missing_count, 1)
        self.assertEqual(run.findings[0]["kind"], "missing")
        self.assertEqual(run.findings[0]["pk"], self.media.pk)

    def test_an_extra_file_is_untracked(self):
        extra = self.media_root / "original_images" / "nested" / "stray.jpg"
        extra.parent.mkdir(parents=True)
        extra.write_bytes(b"not referenced by any record")
        _stdout, stderr, error = self.run_audit()
        self.assertIsNotNone(error)
        self.assertIn("original_images/nested/stray.jpg", stderr)
        run = FixityAuditRun.objects.get()
        self.assertEqual(run.untracked_count, 1)
        self.assertEqual(run.findings[0]["path"], "original_images/nested/stray.jpg")

    def test_every_run_is_recorded_with_its_user(self):
        curator = get_user_model().objects.create_user("curator", password="x")
        self.run_audit("--user", "curator")
        (self.media_root / self.media.file.name).unlink()
        self.run_audit()
        failed, ok = FixityAuditRun.objects.order_by("-pk")
        self.assertEqual(ok.user, curator)
        self.assertEqual(ok.initiator, "curator")
        self.assertEqual(ok.result, "ok")
        self.assertEqual(failed.result, "failed")

    def test_an_unknown_user_is_refused(self):
        _stdout, _stderr, error = self.run_audit("--user", "nobody")
        self.assertIsNotNone(error)
        self.assertFalse(FixityAuditRun.objects.exists())


class FixityAdminTests(TestCase):
    def test_curators_see_runs_but_cannot_change_them(self):
        run = FixityAuditRun.objects.create(
            initiator="cron", result="failed",
            findings=[{"kind": "missing", "path": "media/gone.mp3"}],
        )  # fmt: skip
        admin = get_user_model().objects.create_superuser("admin", password="x")
        self.client.force_login(admin)
        listing = self.client.get("/admin/fixity_audit_runs/")
        self.assertEqual(listing.status_code, 200)
        self.assertContains(listing, "cron")
        inspect = self.client.get(f"/admin/fixity_audit_runs/inspect/{run.pk}/")
        self.assertContains(inspect, "media/gone.mp3")
        self.assertEqual(
            self.client.get(f"/admin/fixity_audit_runs/edit/{run.pk}/").status_code, 302
        )
        self.assertEqual(self.client.get("/admin/fixity_audit_runs/new/").status_code, 302)

    def test_anonymous_users_are_sent_to_login(self):
        self.assertEqual(self.client.get("/admin/fixity_audit_runs/").status_code, 302)
