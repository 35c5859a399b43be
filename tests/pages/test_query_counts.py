"""A fixed number of database queries per page type, whatever the amount of content.

Each test renders the same page type with a few and with many children,
images or tags and requires the same query count. Renditions exist before
the requests (made on upload, as in production), and every page is fetched
once first so per-process caches (site root paths) are warm for both.
"""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.test.utils import WagtailPageTestCase

from heritage_archive.core.choices import Category, Level
from heritage_archive.core.models import Region
from heritage_archive.core.visibility import forget_private_collections
from heritage_archive.records.heritage.models import (
    HeritageItemImage,
    HeritageItemPage,
    HeritageListing,
)
from heritage_archive.records.inheritors.models import (
    InheritorDesignation,
    InheritorImage,
    InheritorPage,
)
from heritage_archive.site.events.models import EventPage
from heritage_archive.site.galleries.models import ArtworkPage, GalleryImage, GalleryPage
from heritage_archive.site.news.models import ArticlePage
from tests.utils import build_site, make_image


def make_images(test_case, count, prefix):
    """``count`` images, their renditions made by the upload handler (on commit)."""
    with test_case.captureOnCommitCallbacks(execute=True):
        return [
            make_image(title=f"{prefix}{number}", alt=f"{prefix}{number}的替代文字")
            for number in range(count)
        ]


class QueryCountTestCase(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()
        cls.region = Region.objects.create(name="码头镇")
        cls.images = make_images(cls, 50, "图")

    def queries_for(self, url):
        # Cached answers expire (core.visibility's private collections after a
        # minute): start from cold, then warm them with one request.
        forget_private_collections()
        self.assertEqual(self.client.get(url).status_code, 200, url)  # warm caches
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return len(queries)

    def assert_same_queries(self, small_url, large_url):
        small = self.queries_for(small_url)
        self.assertEqual(small, self.queries_for(large_url))
        # And assertNumQueries on the (warm) large page, for a readable failure.
        with self.assertNumQueries(small):
            self.client.get(large_url)
        return small


class RecordPageQueryTests(QueryCountTestCase):
    def make_item(self, key, image_count, tag_count, slug):
        item = HeritageItemPage(
            title=f"项目{key}", slug=slug, key=key, category=Category.QUYI, region=self.region,
            summary="简介",
        )  # fmt: skip
        for level, year in ((Level.COUNTY, 2007), (Level.MUNICIPAL, 2009)):
            item.listings.add(HeritageListing(level=level, year=year))
        for image in self.images[:image_count]:
            item.gallery_images.add(HeritageItemImage(image=image, caption=image.title))
        item.tags.add(*[f"标签{number}" for number in range(tag_count)])
        self.pages["heritage_items"].add_child(instance=item)
        item.save_revision().publish()
        return item

    def test_heritage_item_with_3_and_50_images(self):
        few = self.make_item("Ⅴ-1", 3, 2, "few")
        many = self.make_item("Ⅴ-2", 50, 12, "many")
        for number in range(6):
            person = InheritorPage(title=f"传人{number}", slug=f"p{number}", key=f"C-{number}")
            person.items = [many] if number else [many, few]
            self.pages["inheritors"].add_child(instance=person)
        many.related_items = [few]
        many.save_revision().publish()
        count = self.assert_same_queries(few.url, many.url)
        # 18, and one read of the teaching table for the item's lineage drawing.
        self.assertLessEqual(count, 19)

    def test_inheritor_with_3_and_50_images(self):
        def make(key, image_count, students):
            person = InheritorPage(
                title=f"传承人{key}", slug=key.lower(), key=key, region=self.region,
                portrait=self.images[0],
            )  # fmt: skip
            for image in self.images[:image_count]:
                person.gallery_images.add(InheritorImage(image=image))
            self.pages["inheritors"].add_child(instance=person)
            for number in range(students):
                student = InheritorPage(
                    title=f"{key}弟子{number}", slug=f"{key.lower()}-{number}",
                    key=f"{key}-{number}",
                )  # fmt: skip
                student.teachers = [person]
                self.pages["inheritors"].add_child(instance=student)
            person.save_revision().publish()
            return person

        count = self.assert_same_queries(make("A", 3, 1).url, make("B", 50, 8).url)
        self.assertLessEqual(count, 29)

    def test_gallery_with_3_and_50_images(self):
        def make(slug, image_count, artworks):
            gallery = GalleryPage(title=f"图集{slug}", slug=slug)
            for image in self.images[:image_count]:
                gallery.gallery_images.add(GalleryImage(image=image, caption=image.title))
            self.pages["galleries"].add_child(instance=gallery)
            for number in range(artworks):
                gallery.add_child(
                    instance=ArtworkPage(
                        title=f"作品{number}", slug=f"{slug}-{number}", artist="作者",
                        image=self.images[number],
                    )
                )  # fmt: skip
            gallery.tags.add(*[f"标签{number}" for number in range(image_count // 5)])
            gallery.save_revision().publish()
            return gallery

        count = self.assert_same_queries(make("few", 3, 1).url, make("many", 50, 20).url)
        self.assertLessEqual(count, 17)


class IndexAndHomeQueryTests(QueryCountTestCase):
    def fill(self, item_count, images_per_item, first=0):
        for number in range(first, first + item_count):
            item = HeritageItemPage(
                title=f"项目{number}", slug=f"item-{number}", key=f"Ⅲ-{number + 1}",
                category=Category.TRADITIONAL_DANCE, region=self.region,
            )  # fmt: skip
            item.listings.add(HeritageListing(level=Level.COUNTY, year=2010))
            for image in self.images[:images_per_item]:
                item.gallery_images.add(HeritageItemImage(image=image))
            self.pages["heritage_items"].add_child(instance=item)
            item.save_revision().publish()

    def fill_home(self, count, first=0):
        now = timezone.now()
        for number in range(first, first + count):
            self.pages["news_center"].add_child(
                instance=ArticlePage(
                    title=f"消息{number}", slug=f"news-{number}",
                    date=datetime.date(2024, 1, 1) + datetime.timedelta(days=number),
                )
            )  # fmt: skip
            self.pages["events"].add_child(
                instance=EventPage(
                    title=f"活动{number}", slug=f"event-{number}", image=self.images[number % 50],
                    start_at=now + datetime.timedelta(days=number + 1),
                    end_at=now + datetime.timedelta(days=number + 1, hours=2),
                )
            )  # fmt: skip
            gallery = GalleryPage(title=f"图集{number}", slug=f"gallery-{number}")
            for image in self.images[:count]:
                gallery.gallery_images.add(GalleryImage(image=image))
            self.pages["galleries"].add_child(instance=gallery)

    def index_url(self):
        return self.pages["heritage_items"].url

    def test_heritage_index_with_3_and_30_items(self):
        self.fill(3, 1)
        small = self.queries_for(self.index_url())
        # Unpublished rather than deleted: the list shows live pages only.
        HeritageItemPage.objects.update(live=False)
        self.fill(30, 5, first=3)
        self.assertEqual(self.queries_for(self.index_url()), small)
        # A filtered list costs the same.
        filtered = self.index_url() + "?category=traditional-dance&level=county"
        self.assertEqual(self.queries_for(filtered), small)
        # So do "and above", a region, a year and every sort (records.browsing).
        for query in ("level_min=county&region=码头镇&year=2010", "sort=title", "sort=newest"):
            with self.subTest(query=query):
                self.assertEqual(self.queries_for(f"{self.index_url()}?{query}"), small)
        self.assertLessEqual(small, 13)

    def test_inheritor_index_with_3_and_30_inheritors(self):
        def fill(count, first=0):
            for number in range(first, first + count):
                person = InheritorPage(
                    title=f"传承人{number}", slug=f"person-{number}", key=f"CCR-{number:03}",
                    region=self.region, portrait=self.images[number % 50],
                )  # fmt: skip
                person.designations = [InheritorDesignation(level=Level.COUNTY, year=2010)]
                self.pages["inheritors"].add_child(instance=person)
                person.save_revision().publish()

        url = self.pages["inheritors"].url
        fill(3)
        small = self.queries_for(url)
        fill(30, first=3)
        self.assertEqual(self.queries_for(url), small)
        self.assertEqual(self.queries_for(url + "?level_min=county&sort=title"), small)

    def test_home_page_with_3_and_30_records(self):
        self.fill(3, 1)
        self.fill_home(3)
        small = self.queries_for("/")
        self.fill(30, 5, first=3)
        for model in (ArticlePage, EventPage, GalleryPage):
            model.objects.update(live=False)
        self.fill_home(30, first=3)
        self.assertEqual(self.queries_for("/"), small)
        # The latest articles of all news channels come in one query, so the
        # count depends neither on the content nor on the number of channels.
        self.assertLessEqual(small, 19)
