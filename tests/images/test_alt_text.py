"""Alt text is asked for where an image is uploaded, not when a gallery is saved."""

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from wagtail.models import UploadedFile

from heritage_archive.media.images.models import ArchiveImage
from tests.utils import png_bytes

MISSING_ALT = "请填写图片描述（替代文字）"


class AltTextAtUploadTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = get_user_model().objects.create_superuser("admin", "a@example.com", "pw")

    def setUp(self):
        self.client.force_login(self.admin)

    def png(self, name="jianzhi.png"):
        return SimpleUploadedFile(name, png_bytes(), content_type="image/png")

    def test_image_add_form_refuses_an_image_without_alt_text_in_chinese(self):
        response = self.client.post(
            reverse("wagtailimages:add"), {"title": "剪纸", "description": " ", "file": self.png()}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, MISSING_ALT)
        self.assertFalse(ArchiveImage.objects.exists())

    def test_image_add_form_marks_the_description_required(self):
        response = self.client.get(reverse("wagtailimages:add"))
        form = response.context["form"]
        self.assertTrue(form.fields["description"].required)
        self.assertContains(response, "替代文字")

    def test_chooser_upload_refuses_an_image_without_alt_text(self):
        url = reverse("wagtailimages_chooser:create")
        response = self.client.post(
            url,
            {"image-chooser-upload-title": "剪纸", "image-chooser-upload-file": self.png()},
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["step"], "reshow_creation_form")
        self.assertIn(MISSING_ALT, response.json()["htmlFragment"])
        self.assertFalse(ArchiveImage.objects.exists())

        response = self.client.post(
            url,
            {
                "image-chooser-upload-title": "剪纸",
                "image-chooser-upload-description": "红色剪纸窗花",
                "image-chooser-upload-file": self.png(),
            },
        )
        self.assertEqual(response.json()["step"], "chosen")
        self.assertEqual(ArchiveImage.objects.get().description, "红色剪纸窗花")

    def test_multiple_upload_keeps_the_file_until_the_alt_text_is_given(self):
        response = self.client.post(
            reverse("wagtailimages:add_multiple"),
            {"files[]": self.png(), "title": "剪纸"},
            headers={"x-requested-with": "XMLHttpRequest"},
        )
        self.assertEqual(response.status_code, 200)
        data = response.json()
        self.assertTrue(data["success"])
        # Wagtail keeps an upload whose required metadata is missing and asks for it.
        self.assertFalse(ArchiveImage.objects.exists())
        uploaded = UploadedFile.objects.get()
        self.assertEqual(data["uploaded_file_id"], uploaded.pk)
        self.assertIn("替代文字", data["form"])

        complete = reverse("wagtailimages:create_multiple_from_uploaded_image", args=(uploaded.pk,))
        prefix = f"uploaded-image-{uploaded.pk}"
        response = self.client.post(complete, {f"{prefix}-title": "剪纸"})
        self.assertFalse(response.json()["success"])
        self.assertIn(MISSING_ALT, response.json()["form"])
        self.assertFalse(ArchiveImage.objects.exists())

        response = self.client.post(
            complete, {f"{prefix}-title": "剪纸", f"{prefix}-description": "红色剪纸窗花"}
        )
        self.assertTrue(response.json()["success"])
        self.assertEqual(ArchiveImage.objects.get().description, "红色剪纸窗花")
