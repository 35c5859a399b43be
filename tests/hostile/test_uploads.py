"""Hostile uploads to the admin: each is refused with a message and leaves nothing behind."""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from heritage_archive.media.images.models import ArchiveImage
from heritage_archive.media.mediafiles.models import ArchiveDocument, ArchiveMedia
from tests.hostile import corpus


def stored_files():
    """Every file under MEDIA_ROOT (shared by the run, so compared before and after)."""
    found = set()
    for folder, _dirs, files in os.walk(settings.MEDIA_ROOT):
        found.update(os.path.join(folder, name) for name in files)
    return found


class HostileUploadTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = get_user_model().objects.create_superuser("admin", "a@example.org", "pw")

    def setUp(self):
        self.client.force_login(self.admin)

    def assert_refused(self, response, model, files_before, message=None):
        self.assertEqual(response.status_code, 200)  # the form again, not a redirect
        form = response.context["form"]
        self.assertTrue(form.errors, "no error message shown")
        if message:
            self.assertIn(message, str(form.errors))
        self.assertFalse(model.objects.exists())
        self.assertEqual(stored_files() - files_before, set())


class ImageUploadTests(HostileUploadTestCase):
    expected_messages = {
        "png_bomb": "解压炸弹",
        "gif_bomb": "解压炸弹",
        "png_zip_appended": "附带了其他内容",
        "gif_html_appended": "附带了其他内容",
        "svg_script": "不支持的图片格式",
        "zero_bytes": "",
    }

    def test_every_hostile_image_is_refused(self):
        for key, (name, build, content_type) in corpus.IMAGE_UPLOADS.items():
            with self.subTest(key):
                before = stored_files()
                response = self.client.post(
                    reverse("wagtailimages:add"),
                    {
                        "title": "恶意上传",
                        "description": "恶意上传的替代文字",
                        "file": SimpleUploadedFile(name, build(), content_type=content_type),
                    },
                )
                self.assert_refused(response, ArchiveImage, before, self.expected_messages.get(key))


class DocumentUploadTests(HostileUploadTestCase):
    def upload(self, name, data):
        return self.client.post(
            reverse("wagtaildocs:add"),
            {"title": "恶意文档", "file": SimpleUploadedFile(name, data)},
        )

    def test_executables_markup_and_empty_files_are_refused(self):
        for name, data in [
            ("setup.exe", corpus.windows_executable()),
            ("tool", corpus.elf_executable()),
            ("page.html", b"<script>alert(1)</script>"),
            ("page.htm", b"<script>alert(1)</script>"),
            ("drawing.svg", corpus.svg_with_script()),
            ("script.js", b"alert(1)"),
            ("empty.pdf", b""),
        ]:
            with self.subTest(name):
                before = stored_files()
                self.assert_refused(self.upload(name, data), ArchiveDocument, before)

    def test_only_office_formats_are_accepted(self):
        for extension in ("exe", "html", "htm", "svg", "js", "php", "sh"):
            with self.subTest(extension):
                before = stored_files()
                response = self.upload(f"harmless.{extension}", b"plain harmless text")
                self.assert_refused(response, ArchiveDocument, before)


class MediaUploadTests(HostileUploadTestCase):
    def upload(self, media_type, name, data):
        return self.client.post(
            reverse("wagtailmedia:add", args=(media_type,)),
            {
                "title": "恶意音视频",
                "file": SimpleUploadedFile(name, data),
                "duration": 0,
            },
        )

    def test_files_outside_the_audio_and_video_lists_are_refused(self):
        for media_type, name, data in [
            ("audio", "setup.exe", corpus.windows_executable()),
            ("audio", "page.html", b"<script>alert(1)</script>"),
            ("video", "drawing.svg", corpus.svg_with_script()),
            ("video", "photo.jpg", corpus.elf_executable()),
            ("audio", "empty.mp3", b""),
        ]:
            with self.subTest(name):
                before = stored_files()
                self.assert_refused(self.upload(media_type, name, data), ArchiveMedia, before)
