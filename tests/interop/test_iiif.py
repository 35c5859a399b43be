"""IIIF: manifests valid against the Presentation 3 schema, a level 0 image service."""

import json
from pathlib import Path

import jsonschema
from django.conf import settings
from django.core.cache import caches
from django.test import TestCase

from heritage_archive.media.images.models import ArchiveRendition
from heritage_archive.media.images.renditions import make_renditions
from heritage_archive.records.heritage.models import HeritageItemImage
from heritage_archive.records.inheritors.models import InheritorImage
from heritage_archive.site.galleries.models import GalleryImage, GalleryPage
from tests.factories import make_heritage_item, make_inheritor
from tests.utils import build_site, make_image

from .helpers import make_figure

SCHEMA_NAME = "iiif_presentation_3_0.schema.json"


def presentation_schema():
    """The IIIF Presentation 3.0 schema kept in tests/interop/schemas/."""
    path = Path(__file__).parent / "schemas" / SCHEMA_NAME
    return json.loads(path.read_text(encoding="utf-8"))


def make_served_image(title="图片", **kwargs):
    # Wagtail caches renditions by image id in the "renditions" cache, which
    # outlives a test's rolled-back rows; ids repeat between tests, so a stale
    # entry would stand in for a rendition row that was never written.
    if "renditions" in settings.CACHES:
        caches["renditions"].clear()
    image = make_image(title=title, **kwargs)
    make_renditions(image)
    return image


class IiifTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()
        cls.large = make_served_image("大图", width=2000, height=1000)
        cls.small = make_served_image("小图", width=640, height=480)
        cls.item = make_heritage_item(cls.pages, summary="一项曲艺。")
        HeritageItemImage.objects.create(page=cls.item, image=cls.large, caption="演出")
        HeritageItemImage.objects.create(page=cls.item, image=cls.small)
        cls.inheritor = make_inheritor(cls.pages, portrait=cls.small)
        InheritorImage.objects.create(page=cls.inheritor, image=cls.large)
        cls.figure = make_figure(cls.pages, portrait=cls.large)
        cls.gallery = GalleryPage(title="剪纸展", slug="jianzhi")
        cls.pages["galleries"].add_child(instance=cls.gallery)
        cls.gallery.save_revision().publish()
        GalleryImage.objects.create(page=cls.gallery, image=cls.small)
        cls.bare_figure = make_figure(cls.pages, title="无图", key="MR-002")
        cls.schema = presentation_schema()

    def get_manifest(self, page):
        response = self.client.get(f"/iiif/{page.pk}/manifest.json")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Access-Control-Allow-Origin"], "*")
        return response.json()


class ManifestTests(IiifTestCase):
    def test_every_record_type_has_a_valid_manifest(self):
        for page, canvases in (
            (self.item, 2),
            (self.inheritor, 2),
            (self.figure, 1),
            (self.gallery, 1),
        ):
            with self.subTest(page=page.title):
                manifest = self.get_manifest(page)
                jsonschema.validate(manifest, self.schema)
                self.assertEqual(manifest["type"], "Manifest")
                self.assertEqual(manifest["label"], {"zh": [page.title]})
                self.assertEqual(len(manifest["items"]), canvases)

    def test_the_schema_refuses_a_broken_manifest(self):
        manifest = self.get_manifest(self.item)
        del manifest["items"][0]["items"][0]["items"][0]["motivation"]
        manifest["items"][0]["type"] = "Page"
        with self.assertRaises(jsonschema.ValidationError):
            jsonschema.validate(manifest, self.schema)

    def test_canvas_paints_the_largest_made_size_with_a_level0_service(self):
        canvas = self.get_manifest(self.item)["items"][0]
        self.assertEqual((canvas["width"], canvas["height"]), (2000, 1000))
        self.assertEqual(canvas["label"], {"zh": ["演出"]})
        body = canvas["items"][0]["items"][0]["body"]
        self.assertEqual((body["width"], body["height"]), (1600, 800))
        self.assertEqual(body["service"][0]["profile"], "level0")
        self.assertEqual(body["service"][0]["type"], "ImageService3")
        self.assertEqual(self.client.get(body["id"]).status_code, 200)
        self.assertEqual(canvas["thumbnail"][0]["width"], 160)

    def test_no_manifest_without_images_or_for_other_pages(self):
        self.assertEqual(
            self.client.get(f"/iiif/{self.bare_figure.pk}/manifest.json").status_code, 404
        )
        self.assertEqual(
            self.client.get(f"/iiif/{self.pages['home'].pk}/manifest.json").status_code, 404
        )
        self.assertEqual(self.client.get("/iiif/999999/manifest.json").status_code, 404)

    def test_no_manifest_for_drafts(self):
        self.figure.unpublish()
        self.assertEqual(self.client.get(f"/iiif/{self.figure.pk}/manifest.json").status_code, 404)

    def test_record_page_links_its_manifest(self):
        response = self.client.get(self.item.url)
        self.assertContains(response, f'href="/iiif/{self.item.pk}/manifest.json"')
        response = self.client.get(self.bare_figure.url)
        self.assertNotContains(response, "manifest.json")


class ImageServiceTests(IiifTestCase):
    def test_info_json_lists_exactly_the_made_sizes(self):
        response = self.client.get(f"/iiif/image/{self.large.pk}/info.json")
        self.assertEqual(response["Access-Control-Allow-Origin"], "*")
        info = response.json()
        self.assertEqual(info["profile"], "level0")
        self.assertEqual(info["type"], "ImageService3")
        self.assertNotIn("tiles", info)
        self.assertEqual((info["width"], info["height"]), (2000, 1000))
        self.assertEqual(
            info["sizes"], [{"width": 800, "height": 400}, {"width": 1600, "height": 800}]
        )
        for size in info["sizes"]:
            url = f"/iiif/image/{self.large.pk}/full/{size['width']},{size['height']}/0/default.png"
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            self.assertEqual(response["Content-Type"], "image/png")

    def test_small_image_offers_one_size(self):
        info = self.client.get(f"/iiif/image/{self.small.pk}/info.json").json()
        self.assertEqual(info["sizes"], [{"width": 640, "height": 480}])

    def test_other_requests_are_refused_and_make_no_renditions(self):
        count = ArchiveRendition.objects.count()
        base = f"/iiif/image/{self.large.pk}"
        for path, status in (
            (f"{base}/full/801,400/0/default.png", 404),
            (f"{base}/full/800,400/0/default.jpg", 404),
            (f"{base}/full/pct:50/0/default.png", 404),
            (f"{base}/0,0,10,10/800,400/0/default.png", 400),
            (f"{base}/full/800,400/90/default.png", 400),
            (f"{base}/full/800,400/0/gray.png", 400),
            ("/iiif/image/999999/info.json", 404),
            ("/iiif/image/999999/full/max/0/default.png", 404),
        ):
            with self.subTest(path=path):
                self.assertEqual(self.client.get(path).status_code, status)
        self.assertEqual(ArchiveRendition.objects.count(), count)

    def test_max_and_base_uri(self):
        response = self.client.get(f"/iiif/image/{self.large.pk}/full/max/0/default.png")
        self.assertEqual(response.status_code, 200)
        response = self.client.get(f"/iiif/image/{self.large.pk}")
        self.assertRedirects(response, f"/iiif/image/{self.large.pk}/info.json")

    def test_image_without_renditions_is_not_served(self):
        bare = make_image("无渲染")  # renditions are made on commit, which a TestCase never reaches
        self.assertEqual(self.client.get(f"/iiif/image/{bare.pk}/info.json").status_code, 404)
