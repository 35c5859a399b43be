"""The IIIF viewer on record pages: its markup, its own page, its policy, privacy."""

from django.contrib.auth.models import Group
from wagtail.models import Collection, CollectionViewRestriction

from heritage_archive.records.heritage.models import HeritageItemImage
from tests.factories import make_heritage_item

from .test_iiif import IiifTestCase, make_served_image

VIEWER_MARKUP = "data-iiif-viewer"


class ViewerMarkupTests(IiifTestCase):
    def test_record_with_images_has_the_viewer_and_the_manifest_link(self):
        for page in (self.item, self.inheritor, self.figure, self.gallery):
            with self.subTest(page=page.title):
                response = self.client.get(page.url)
                self.assertContains(response, VIEWER_MARKUP)
                self.assertContains(response, f'href="/iiif/{page.pk}/viewer/"')
                self.assertContains(response, "查看高清图像")
                self.assertContains(response, f'href="/iiif/{page.pk}/manifest.json"')
                # Mirador itself is only loaded inside the viewer's frame, on demand.
                self.assertNotContains(response, "mirador.min.js")

    def test_record_without_images_has_neither(self):
        response = self.client.get(self.bare_figure.url)
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, VIEWER_MARKUP)
        self.assertNotContains(response, "/viewer/")
        self.assertNotContains(response, "manifest.json")

    def test_record_whose_images_are_all_private_has_neither(self):
        staff = Group.objects.create(name="查看器测试内部组")
        collection = Collection.get_first_root_node().add_child(name="查看器测试内部集合")
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.add(staff)
        private = make_served_image("内部图片", width=900, height=600)
        private.collection = collection
        private.save()
        item = make_heritage_item(self.pages, title="内部图片项目", key="Ⅶ-9")
        HeritageItemImage.objects.create(page=item, image=private)

        response = self.client.get(item.url)
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, VIEWER_MARKUP)
        self.assertNotContains(response, "manifest.json")
        self.assertEqual(self.client.get(f"/iiif/{item.pk}/manifest.json").status_code, 404)
        self.assertEqual(self.client.get(f"/iiif/{item.pk}/viewer/").status_code, 404)


class ViewerPageTests(IiifTestCase):
    def test_viewer_page_loads_mirador_on_the_manifest(self):
        response = self.client.get(f"/iiif/{self.item.pk}/viewer/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "vendor/mirador/mirador.min.js")
        self.assertContains(response, f'data-manifest="/iiif/{self.item.pk}/manifest.json"')
        # Record pages put it in a frame; other sites may not.
        self.assertEqual(response["X-Frame-Options"], "SAMEORIGIN")
        policy = response["Content-Security-Policy"]
        self.assertIn("frame-ancestors 'self'", policy)
        self.assertIn("script-src 'self';", policy)
        # Only <style> elements (Mirador's emotion) may be inline, never style attributes.
        self.assertIn("style-src-elem 'self' 'unsafe-inline'", policy)
        self.assertIn("style-src 'self';", policy)
        self.assertNotIn("unsafe-eval", policy)

    def test_record_pages_keep_the_strict_policy(self):
        response = self.client.get(self.item.url)
        self.assertNotIn("unsafe-inline", response["Content-Security-Policy"])

    def test_no_viewer_without_images_for_drafts_or_other_pages(self):
        for page_id in (self.bare_figure.pk, self.pages["home"].pk, 999999):
            with self.subTest(page_id=page_id):
                self.assertEqual(self.client.get(f"/iiif/{page_id}/viewer/").status_code, 404)
        self.figure.unpublish()
        self.assertEqual(self.client.get(f"/iiif/{self.figure.pk}/viewer/").status_code, 404)
