import hashlib
import io

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from PIL import Image

from heritage_archive.media.images.models import ArchiveImage
from heritage_archive.media.images.renditions import RENDITION_SPECS
from heritage_archive.media.images.validation import validate_image_file
from heritage_archive.media.mediafiles.models import ArchiveDocument, ArchiveMedia
from tests.utils import png_bytes


def bomb_png():
    """A small PNG file that would decode to 100 million pixels."""
    buffer = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(buffer, "PNG")
    return buffer.getvalue()


class ImageUploadTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = get_user_model().objects.create_superuser("admin", "a@example.com", "pw")

    def setUp(self):
        self.client.force_login(self.admin)

    def upload(self, name, data, content_type="image/png"):
        return self.client.post(
            reverse("wagtailimages:add"),
            {
                "title": "上传测试",
                "description": "上传测试的替代文字",
                "file": SimpleUploadedFile(name, data, content_type=content_type),
            },
        )

    def test_sha256_of_the_original_is_stored_at_upload(self):
        data = png_bytes()
        response = self.upload("kuaiban.png", data)
        self.assertEqual(response.status_code, 302)
        image = ArchiveImage.objects.get()
        self.assertEqual(image.sha256, hashlib.sha256(data).hexdigest())
        with image.file.open("rb") as stored:
            self.assertEqual(stored.read(), data)

    def test_renditions_are_made_at_upload(self):
        with self.captureOnCommitCallbacks(execute=True):
            self.upload("kuaiban.png", png_bytes(200, 150))
        image = ArchiveImage.objects.get()
        made = set(image.renditions.values_list("filter_spec", flat=True))
        self.assertEqual(made, set(RENDITION_SPECS))

    def test_same_name_twice_never_overwrites_the_first_original(self):
        self.upload("same.png", png_bytes(color=(1, 2, 3)))
        self.upload("same.png", png_bytes(color=(4, 5, 6)))
        first, second = ArchiveImage.objects.order_by("pk")
        self.assertNotEqual(first.file.name, second.file.name)
        self.assertNotEqual(first.sha256, second.sha256)

    def test_decompression_bomb_is_refused_with_a_clear_message(self):
        response = self.upload("bomb.png", bomb_png())
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "像素")
        self.assertFalse(ArchiveImage.objects.exists())

    def test_svg_is_refused(self):
        svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
        response = self.upload("evil.svg", svg, "image/svg+xml")
        self.assertEqual(response.status_code, 200)
        self.assertFalse(ArchiveImage.objects.exists())

    def test_corrupt_and_empty_files_are_refused(self):
        for name, data in [("broken.png", png_bytes()[:60]), ("empty.png", b"")]:
            with self.subTest(name=name):
                response = self.upload(name, data)
                self.assertEqual(response.status_code, 200)
        self.assertFalse(ArchiveImage.objects.exists())


class ValidateImageFileTests(TestCase):
    def check(self, name, data):
        validate_image_file(io.BytesIO(data), name=name)

    def test_allowed_formats_pass(self):
        for fmt, ext in [("PNG", "png"), ("JPEG", "jpg"), ("WEBP", "webp"), ("GIF", "gif")]:
            with self.subTest(fmt=fmt):
                self.check(f"a.{ext}", png_bytes(image_format=fmt))

    def test_exotic_formats_are_refused_even_with_an_allowed_extension(self):
        buffer = io.BytesIO()
        Image.new("RGB", (8, 8)).save(buffer, "TIFF")
        with self.assertRaises(ValidationError):
            self.check("disguised.png", buffer.getvalue())
        with self.assertRaises(ValidationError):
            self.check("a.tiff", buffer.getvalue())

    def test_extension_must_match_format(self):
        with self.assertRaises(ValidationError) as raised:
            self.check("photo.jpg", png_bytes(image_format="PNG"))
        self.assertEqual(raised.exception.code, "invalid_image_known_format")

    def test_bomb_message_names_the_limit(self):
        with self.assertRaises(ValidationError) as raised:
            self.check("bomb.png", bomb_png())
        self.assertEqual(raised.exception.code, "file_too_many_pixels")


class OtherOriginalsTests(TestCase):
    def test_documents_and_media_keep_sha256(self):
        pdf = b"%PDF-1.4\n% sample\n"
        document = ArchiveDocument.objects.create(
            title="刊物", file=SimpleUploadedFile("kanwu.pdf", pdf)
        )
        self.assertEqual(document.sha256, hashlib.sha256(pdf).hexdigest())
        audio = b"RIFF....WAVEfmt "
        media = ArchiveMedia.objects.create(
            title="录音", type="audio", file=SimpleUploadedFile("luyin.wav", audio)
        )
        self.assertEqual(media.sha256, hashlib.sha256(audio).hexdigest())

    def test_sha256_is_not_recomputed_when_metadata_changes(self):
        document = ArchiveDocument.objects.create(
            title="刊物", file=SimpleUploadedFile("kanwu.pdf", b"%PDF-1.4\n")
        )
        original = document.sha256
        document.title = "刊物（修订）"
        document.save()
        document.refresh_from_db()
        self.assertEqual(document.sha256, original)
