"""A read-only or full media folder: uploads are refused with a clear message, nothing half-written.

The storages in tests/reliability/storages.py fail inside Django's real file
system storage; every admin upload path (single add, multiple upload, edit,
documents, audio/video) must turn that into an error on the file field.
"""

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.urls import reverse

from heritage_archive.core.checksums import sha256_of
from heritage_archive.media.images.models import ArchiveImage
from heritage_archive.media.mediafiles.models import ArchiveDocument, ArchiveMedia
from heritage_archive.media.mediafiles.storage import ArchiveFileSystemStorage
from tests.reliability.storages import DiskFullStorage, ReadOnlyStorage
from tests.utils import png_bytes

MESSAGE = "存储空间不足或不可写，文件未保存。"


def files_under(folder):
    return sorted(
        str(path.relative_to(folder)) for path in Path(folder).rglob("*") if path.is_file()
    )


class FailingMediaFolderMixin:
    storage_class = None

    @classmethod
    def setUpTestData(cls):
        cls.admin = get_user_model().objects.create_superuser("admin", "a@example.com", "pw")

    def setUp(self):
        self.client.force_login(self.admin)
        self.media_root = tempfile.mkdtemp(prefix="anci-fault-media-")
        self.addCleanup(shutil.rmtree, self.media_root, True)
        backend = f"{self.storage_class.__module__}.{self.storage_class.__qualname__}"
        storages = {
            "default": {"BACKEND": backend},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
        self.failing_media = override_settings(MEDIA_ROOT=self.media_root, STORAGES=storages)
        self.failing_media.enable()
        self.addCleanup(self.failing_media.disable)

    def png_upload(self, name="fault.png"):
        return SimpleUploadedFile(name, png_bytes(), content_type="image/png")

    def assert_refused(self, response, model):
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, MESSAGE)
        self.assertFalse(model.objects.exists())
        self.assertEqual(files_under(self.media_root), [])

    def test_image_add_view_refuses_the_upload(self):
        response = self.client.post(
            reverse("wagtailimages:add"),
            {"title": "故障图片", "description": "故障图片的替代文字", "file": self.png_upload()},
        )
        self.assert_refused(response, ArchiveImage)

    def test_image_multiple_upload_answers_with_the_message(self):
        response = self.client.post(
            reverse("wagtailimages:add_multiple"),
            {"files[]": self.png_upload()},
            headers={"x-requested-with": "XMLHttpRequest"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"success": False, "error_message": MESSAGE})
        self.assertFalse(ArchiveImage.objects.exists())
        self.assertEqual(files_under(self.media_root), [])

    def test_document_add_view_refuses_the_upload(self):
        response = self.client.post(
            reverse("wagtaildocs:add"),
            {
                "title": "故障文档",
                "file": SimpleUploadedFile("fault.pdf", b"%PDF-1.4\n" + b"x" * 100),
            },
        )
        self.assert_refused(response, ArchiveDocument)

    def test_media_add_view_refuses_the_upload(self):
        response = self.client.post(
            reverse("wagtailmedia:add", args=["audio"]),
            {
                "title": "故障录音",
                "file": SimpleUploadedFile("fault.mp3", b"ID3" + b"x" * 100),
                "duration": "1",
            },
        )
        self.assert_refused(response, ArchiveMedia)


class ReadOnlyMediaFolderTests(FailingMediaFolderMixin, TestCase):
    storage_class = ReadOnlyStorage


class FullDiskTests(FailingMediaFolderMixin, TestCase):
    storage_class = DiskFullStorage

    def test_replacing_an_image_keeps_the_stored_original(self):
        # The original (and its renditions) went in before the disk filled.
        self.failing_media.disable()
        with override_settings(MEDIA_ROOT=self.media_root):
            image = ArchiveImage.objects.create(
                title="原图", description="原图的替代文字", file=self.png_upload("original.png")
            )
            # The curator opened the edit page (which makes its preview
            # rendition) before the disk filled.
            self.client.get(reverse("wagtailimages:edit", args=[image.pk]))
        self.failing_media.enable()
        original_name, original_hash = image.file.name, image.sha256
        stored_before = files_under(self.media_root)
        response = self.client.post(
            reverse("wagtailimages:edit", args=[image.pk]),
            {
                "title": "原图",
                "description": "原图的替代文字",
                "file": SimpleUploadedFile(
                    "replacement.png", png_bytes(width=20), content_type="image/png"
                ),
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, MESSAGE)
        image.refresh_from_db()
        self.assertEqual((image.file.name, image.sha256), (original_name, original_hash))
        self.assertEqual(files_under(self.media_root), stored_before)


class StorageCleanupTests(TestCase):
    def test_a_failed_write_leaves_no_partial_file(self):
        media_root = tempfile.mkdtemp(prefix="anci-fault-media-")
        storage = DiskFullStorage(location=media_root)
        content = SimpleUploadedFile("big.bin", b"x" * 100)
        with self.assertRaises(OSError):
            storage.save("originals/big.bin", content)
        self.assertEqual(files_under(media_root), [])
        os.rmdir(Path(media_root) / "originals")
        os.rmdir(media_root)

    def test_an_existing_file_is_never_removed(self):
        media_root = tempfile.mkdtemp(prefix="anci-fault-media-")
        ArchiveFileSystemStorage(location=media_root).save("a.bin", SimpleUploadedFile("a", b"1"))
        storage = DiskFullStorage(location=media_root)
        with self.assertRaises(OSError):
            storage._save("a.bin", SimpleUploadedFile("a", b"x" * 100))
        self.assertEqual(Path(media_root, "a.bin").read_bytes(), b"1")


@override_settings(
    STORAGES={
        "default": {
            "BACKEND": "heritage_archive.media.mediafiles.storage.ArchiveFileSystemStorage"
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
)
class WorkingMediaFolderTests(TestCase):
    """The guard writes the file during validation; uploads must work exactly as before."""

    @classmethod
    def setUpTestData(cls):
        cls.admin = get_user_model().objects.create_superuser("admin", "a@example.com", "pw")

    def setUp(self):
        self.client.force_login(self.admin)

    def test_image_upload_stores_the_file_once_with_its_hash(self):
        data = png_bytes()
        response = self.client.post(
            reverse("wagtailimages:add"),
            {
                "title": "正常图片",
                "description": "正常图片的替代文字",
                "file": SimpleUploadedFile("ok.png", data, content_type="image/png"),
            },
        )
        self.assertEqual(response.status_code, 302)
        image = ArchiveImage.objects.get()
        self.assertTrue(image.file.storage.exists(image.file.name))
        self.assertEqual(image.sha256, hashlib.sha256(data).hexdigest())
        self.assertEqual((image.width, image.height), (64, 48))

    def test_replacing_an_image_records_the_new_hash(self):
        image = ArchiveImage.objects.create(
            title="原图",
            description="原图的替代文字",
            file=SimpleUploadedFile("original.png", png_bytes(), content_type="image/png"),
        )
        replacement = png_bytes(width=24)
        response = self.client.post(
            reverse("wagtailimages:edit", args=[image.pk]),
            {
                "title": "原图",
                "description": "原图的替代文字",
                "file": SimpleUploadedFile("new.png", replacement, content_type="image/png"),
            },
        )
        self.assertEqual(response.status_code, 302)
        image.refresh_from_db()
        self.assertEqual(image.width, 24)
        with image.file.open("rb") as stored:
            self.assertEqual(image.sha256, sha256_of(stored))
        self.assertEqual(image.sha256, hashlib.sha256(replacement).hexdigest())

    def test_document_upload_still_works(self):
        response = self.client.post(
            reverse("wagtaildocs:add"),
            {"title": "正常文档", "file": SimpleUploadedFile("ok.pdf", b"%PDF-1.4\nok")},
        )
        self.assertEqual(response.status_code, 302)
        document = ArchiveDocument.objects.get()
        self.assertTrue(document.file.storage.exists(document.file.name))
        self.assertEqual(document.file_size, len(b"%PDF-1.4\nok"))
