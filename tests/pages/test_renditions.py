"""No page request creates a rendition: every one is made when the image is saved.

The images of the public-site fixture are created with their on-commit
callbacks executed, as an upload or an import commits in production; then
every page type that shows images is rendered while Pillow's ``open`` is
watched and the rendition table is counted.
"""

from unittest import mock

import PIL.Image
from wagtail.models import Site

from heritage_archive.core.models import SiteSettings
from heritage_archive.media.images.models import ArchiveImage, ArchiveRendition
from heritage_archive.media.images.renditions import RENDITION_SPECS
from heritage_archive.site.news.models import ArticlePage
from tests.pages.test_public_pages import PublicSiteTestCase, paragraph
from tests.utils import make_image


class NoRenditionsInRequestsTests(PublicSiteTestCase):
    @classmethod
    def setUpTestData(cls):
        with cls.captureOnCommitCallbacks(execute=True):
            super().setUpTestData()
            cls.logo = make_image(title="馆标", alt="安次区文化馆馆标")
            cls.hero = make_image(title="头图", alt="文化馆外景", width=320, height=200)
            cls.body_image = make_image(title="正文图", alt="演出现场")
        settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        settings.logo = cls.logo
        settings.save()
        home = cls.pages["home"].specific
        home.hero_image = cls.hero
        home.save_revision().publish()
        cls.article_with_image = ArticlePage(
            title="配图消息",
            slug="with-image",
            date=cls.articles[0].date,
            cover_image=cls.image,
            body=[paragraph("正文"), ("image", {"image": cls.body_image, "caption": "现场"})],
        )
        cls.pages["news_center"].add_child(instance=cls.article_with_image)

    def urls_showing_images(self):
        pages = [
            self.pages["home"],
            self.item,
            self.pages["heritage_items"],
            self.inheritor,
            self.pages["inheritors"],
            self.figure,
            self.pages["figures"],
            self.gallery,
            self.pages["galleries"],
            self.artwork,
            self.upcoming_event,
            self.pages["events"],
            self.course,
            self.pages["training"],
            self.branch,
            self.pages["branches"],
            self.pages["periodicals"],
            self.article_with_image,
            self.pages["news_center"],
        ]
        urls = [page.url for page in pages]
        urls += [child.url for child in self.pages["periodicals"].get_children()]
        return urls

    def test_every_image_has_all_its_renditions_after_upload(self):
        for image in ArchiveImage.objects.all():
            specs = set(image.renditions.values_list("filter_spec", flat=True))
            self.assertEqual(specs, set(RENDITION_SPECS), image.title)

    def test_no_request_creates_a_rendition_or_opens_an_image(self):
        before = ArchiveRendition.objects.count()
        with mock.patch.object(PIL.Image, "open", wraps=PIL.Image.open) as pillow_open:
            for url in self.urls_showing_images():
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200, url)
                self.assertIn(b"<img", response.content, url)
        self.assertEqual(ArchiveRendition.objects.count(), before)
        self.assertEqual(pillow_open.call_count, 0)

    def test_the_check_would_see_a_missing_rendition(self):
        # The same request with one rendition deleted does run Pillow and
        # creates it again: the test above can fail.
        ArchiveRendition.objects.filter(
            image=self.image, filter_spec="fill-400x300|format-avif"
        ).delete()
        before = ArchiveRendition.objects.count()
        with mock.patch.object(PIL.Image, "open", wraps=PIL.Image.open) as pillow_open:
            self.client.get(self.gallery.url)
        self.assertEqual(ArchiveRendition.objects.count(), before + 1)
        self.assertGreater(pillow_open.call_count, 0)

    def test_images_carry_sizes_formats_and_lazy_loading(self):
        soup = self.get_soup(self.item.url)
        gallery = soup.find("section", class_="gallery")
        picture = gallery.find("picture")
        # AVIF where the browser takes it, else the <img>'s WebP.
        sources = picture.find_all("source")
        self.assertEqual([source["type"] for source in sources], ["image/avif"])
        self.assertTrue(sources[0]["srcset"].split()[0].endswith(".avif"))
        img = picture.find("img")
        self.assertTrue(img["src"].endswith(".webp"))
        self.assertTrue(img["width"] and img["height"])
        self.assertEqual(img["loading"], "lazy")
        self.assertTrue(img["alt"])
        # The portrait at the top of a record is above the fold: not lazy.
        portrait = self.get_soup(self.inheritor.url).find("img", class_="portrait")
        self.assertTrue(portrait["width"] and portrait["height"])
        self.assertNotEqual(portrait.get("loading"), "lazy")
