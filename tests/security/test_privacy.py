"""Every way out of the archive, walked anonymously, shows nothing that is not public.

The hidden material, each made in the order a curator would:

- a draft never published;
- a record private from the start (restricted before its first publication);
- a record published, indexed and harvested, then made private (the order
  that matters: the index and OAI must react to the restriction);
- a record under an ancestor made private after both were published;
- an image and a document in a private collection, used on a public page;
- an image used only on the private record.

Both search backends are walked (DatabasePrivacyTests, ElasticsearchPrivacyTests).
"""

from urllib.parse import urlencode, urlsplit

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import TestCase, override_settings
from lxml import etree
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from heritage_archive.interop import records
from heritage_archive.media.images.renditions import make_renditions
from heritage_archive.media.mediafiles.models import ArchiveDocument
from heritage_archive.records.heritage.models import (
    HeritageIndexPage,
    HeritageItemDocument,
    HeritageItemImage,
    HeritageItemPage,
)
from heritage_archive.records.inheritors.models import InheritorPage
from search.indexing import drain_outbox
from tests.factories import make_heritage_item
from tests.search.fixtures import ElasticsearchTestMixin
from tests.security.test_anonymous_access import candidate_urls, leaf_patterns
from tests.utils import build_site, make_image

OAI_NS = {"oai": "http://www.openarchives.org/OAI/2.0/"}
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"

DRAFT = {"title": "隐私草稿项目甲", "summary": "草稿摘要甲甲", "slug": "yinsi-caogao-jia"}
FROM_START = {"title": "起初保密项目乙", "summary": "起初保密摘要乙乙", "slug": "qichu-baomi-yi"}
MADE_PRIVATE = {
    "title": "后来保密项目丙",
    "summary": "后来保密摘要丙丙",
    "slug": "houlai-baomi-bing",
}
UNDER_ANCESTOR = {
    "title": "内部名录项目丁",
    "summary": "内部名录摘要丁丁",
    "slug": "neibu-minglu-ding",
}
ANCESTOR = {"title": "内部名录栏目", "slug": "neibu-minglu"}
PRIVATE_IMAGE = {"title": "内部集合图片戊", "alt": "内部集合图片的替代文字戊"}
PRIVATE_PAGE_IMAGE = {"title": "只在保密页上的图片己", "alt": "只在保密页上的替代文字己"}
PRIVATE_DOCUMENT = {"title": "内部集合文档庚", "bytes": "内部集合文档正文庚庚"}

HIDDEN_RECORDS = [DRAFT, FROM_START, MADE_PRIVATE, UNDER_ANCESTOR]
SECRETS = [
    *(value for record in HIDDEN_RECORDS for value in record.values()),
    ANCESTOR["title"],
    ANCESTOR["slug"],
    *PRIVATE_IMAGE.values(),
    *PRIVATE_PAGE_IMAGE.values(),
    *PRIVATE_DOCUMENT.values(),
]
PUBLIC_TITLE = "公开项目壬"
PUBLIC_INHERITOR = "公开传承人癸"


class PrivacyWalk:
    """The checks both backends must pass; subclasses choose the backend."""

    @classmethod
    def setUpTestData(cls):
        pages = build_site()
        cls.pages = pages
        staff = Group.objects.create(name="隐私测试内部组")

        private_collection = Collection.get_first_root_node().add_child(name="隐私测试内部集合")
        restriction = CollectionViewRestriction.objects.create(
            collection=private_collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.add(staff)
        cls.private_image = make_image(**PRIVATE_IMAGE)
        cls.private_image.collection = private_collection
        cls.private_image.save()
        cls.private_page_image = make_image(**PRIVATE_PAGE_IMAGE)
        cls.unused_image = make_image(title="没有页面使用的图片")
        # The sizes the IIIF image service offers exist for each of them.
        for image in (cls.private_image, cls.private_page_image, cls.unused_image):
            make_renditions(image)
        cls.private_document = ArchiveDocument.objects.create(
            title=PRIVATE_DOCUMENT["title"],
            collection=private_collection,
            file=ContentFile(PRIVATE_DOCUMENT["bytes"].encode(), name="yinsi-neibu.txt"),
        )

        # A public record that shows the private-collection files.
        cls.public = make_heritage_item(pages, title=PUBLIC_TITLE, key="Ⅹ-990", slug="gongkai-ren")
        cls.public.gallery_images.add(HeritageItemImage(image=cls.private_image))
        cls.public.documents.add(HeritageItemDocument(document=cls.private_document))
        cls.public.save_revision().publish()

        # A draft.
        cls.draft = HeritageItemPage(key="Ⅹ-991", category="quyi", live=False, **DRAFT)
        pages["heritage_items"].add_child(instance=cls.draft)
        cls.draft.save_revision()

        # Private from the start: restricted while still a draft, then published.
        cls.from_start = HeritageItemPage(key="Ⅹ-992", category="quyi", live=False, **FROM_START)
        pages["heritage_items"].add_child(instance=cls.from_start)
        PageViewRestriction.objects.create(
            page=cls.from_start, restriction_type=PageViewRestriction.PASSWORD, password="mima"
        )
        cls.from_start.save_revision().publish()

        # Published, related from a public inheritor, indexed, then made private.
        cls.made_private = make_heritage_item(pages, key="Ⅹ-993", **MADE_PRIVATE)
        cls.made_private.gallery_images.add(HeritageItemImage(image=cls.private_page_image))
        cls.made_private.tags.add("后来保密标签")
        cls.made_private.save_revision().publish()
        cls.inheritor = InheritorPage(title=PUBLIC_INHERITOR, slug="gongkai-gui", key="CCR-990")
        pages["inheritors"].add_child(instance=cls.inheritor)
        cls.inheritor.items.add(cls.made_private, cls.public)
        cls.inheritor.save_revision().publish()

        # A record in a section of its own, both published.
        section = pages["heritage_items"].get_parent()
        cls.ancestor = HeritageIndexPage(**ANCESTOR)
        section.add_child(instance=cls.ancestor)
        cls.ancestor.save_revision().publish()
        cls.under_ancestor = HeritageItemPage(key="Ⅹ-994", category="quyi", **UNDER_ANCESTOR)
        cls.ancestor.add_child(instance=cls.under_ancestor)
        cls.under_ancestor.save_revision().publish()

        # Everything is in the index (and so seen by harvesters) before it turns private.
        drain_outbox()
        made_private_restriction = PageViewRestriction.objects.create(
            page=cls.made_private, restriction_type=PageViewRestriction.GROUPS
        )
        made_private_restriction.groups.add(staff)
        PageViewRestriction.objects.create(
            page=cls.ancestor, restriction_type=PageViewRestriction.LOGIN
        )
        # The worker applies what the restrictions queued.
        drain_outbox()

    # Helpers -------------------------------------------------------------

    def get(self, url):
        response = self.client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        return response, body.decode("utf-8", errors="replace")

    def assert_shows_no_secret(self, url, echoed=()):
        """``echoed``: what the request itself carries, which the answer may repeat."""
        response, body = self.get(url)
        self.assertLess(response.status_code, 500, url)
        # A password or login form names the page it returns to: the visitor's own URL.
        echoed = [*echoed, urlsplit(url).path]
        for text in sorted(echoed, key=len, reverse=True):
            body = body.replace(text, "")
        for secret in SECRETS:
            self.assertNotIn(secret, body, f"{url} answered {response.status_code} with {secret}")
        return response, body

    def hidden_pages(self):
        return [self.draft, self.from_start, self.made_private, self.under_ancestor]

    def hidden_images(self):
        return [self.private_image, self.private_page_image, self.unused_image]

    # Ways out ------------------------------------------------------------

    def test_page_views_and_permalinks(self):
        for page in [*self.hidden_pages(), self.ancestor]:
            path = "/" + page.url_path.split("/", 2)[2]
            urls = [path, f"/record/page/{page.pk}/"]
            if getattr(page, "key", ""):
                urls.append(f"/record/heritage/{page.key}/")
            for url in urls:
                with self.subTest(url=url):
                    response, _body = self.assert_shows_no_secret(url)
                    self.assertIn(response.status_code, (200, 302, 401, 404), url)
        # The pages that link to them or show their files, with JSON-LD and citations.
        for page in (self.public, self.inheritor, self.pages["heritage_items"], self.pages["home"]):
            with self.subTest(url=page.url):
                response, body = self.assert_shows_no_secret(page.url)
                self.assertEqual(response.status_code, 200)
        _response, body = self.get(self.inheritor.url)
        self.assertIn(PUBLIC_TITLE, body)

    def test_search_and_exports(self):
        queries = [{}, *({"q": record["title"]} for record in HIDDEN_RECORDS)]
        queries += [{"q": "后来保密摘要"}, {"tag": "后来保密标签"}, {"q": "Ⅹ-993"}]
        for path in (
            "/search/",
            "/api/search/",
            "/api/search/export.csv",
            "/api/search/export.json",
        ):
            for query in queries:
                url = f"{path}?{urlencode(query)}"
                with self.subTest(url=url):
                    response, _body = self.assert_shows_no_secret(url, echoed=query.values())
                    self.assertEqual(response.status_code, 200)
        response = self.client.get("/api/search/", {"q": PUBLIC_TITLE})
        self.assertEqual(response.json()["backend"], self.backend_name)
        self.assertEqual([hit["title"] for hit in response.json()["results"]], [PUBLIC_TITLE])

    def test_oai_pmh(self):
        for verb in ("ListRecords", "ListIdentifiers"):
            url = f"/oai/?verb={verb}&metadataPrefix=oai_dc"
            with self.subTest(url=url):
                self.assert_shows_no_secret(url)
        for page in self.hidden_pages():
            identifier = records.identifier_for(page)
            url = f"/oai/?{urlencode({'verb': 'GetRecord', 'metadataPrefix': 'oai_dc', 'identifier': identifier})}"
            with self.subTest(url=url):
                self.assert_shows_no_secret(url)
        # Harvesters saw the record that turned private: they are told it is gone.
        _response, body = self.get("/oai/?verb=ListIdentifiers&metadataPrefix=oai_dc")
        root = etree.fromstring(body.encode())
        deleted = {
            header.findtext("oai:identifier", namespaces=OAI_NS)
            for header in root.iterfind(".//oai:header[@status='deleted']", OAI_NS)
        }
        self.assertIn(records.identifier_for(self.made_private), deleted)
        self.assertIn(records.identifier_for(self.under_ancestor), deleted)

    def test_iiif_manifests_and_image_service(self):
        public_image = make_image(title="公开图片")
        make_renditions(public_image)
        self.public.gallery_images.add(HeritageItemImage(image=public_image))
        self.public.save_revision().publish()
        # The service works: the public image is offered.
        info = self.client.get(f"/iiif/image/{public_image.pk}/info.json")
        self.assertEqual(info.status_code, 200)
        self.assertIn("width", info.json())
        for page in self.hidden_pages():
            url = f"/iiif/{page.pk}/manifest.json"
            with self.subTest(url=url):
                response, _body = self.assert_shows_no_secret(url)
                self.assertEqual(response.status_code, 404)
        self.assert_shows_no_secret(f"/iiif/{self.public.pk}/manifest.json")
        for image in self.hidden_images():
            for url in (
                f"/iiif/image/{image.pk}",
                f"/iiif/image/{image.pk}/info.json",
                f"/iiif/image/{image.pk}/full/max/0/default.jpg",
                f"/iiif/image/{image.pk}/full/max/0/default.webp",
            ):
                with self.subTest(url=url):
                    self.assertEqual(self.client.get(url).status_code, 404, url)

    def test_read_api(self):
        urls = ["/api/v2/pages/", "/api/v2/images/", "/api/v2/documents/"]
        urls += [f"/api/v2/pages/{page.pk}/" for page in self.hidden_pages()]
        urls += [f"/api/v2/pages/{self.inheritor.pk}/", f"/api/v2/pages/{self.public.pk}/"]
        urls += [f"/api/v2/images/{image.pk}/" for image in self.hidden_images()]
        urls += [f"/api/v2/documents/{self.private_document.pk}/"]
        urls += [
            f"/api/v2/pages/?{urlencode({'search': record['title']})}" for record in HIDDEN_RECORDS
        ]
        for url in urls:
            with self.subTest(url=url):
                self.assert_shows_no_secret(url)

    def test_sitemap_and_feeds(self):
        for url in ("/sitemap.xml", "/robots.txt", "/feeds/records/atom/", "/feeds/records/rss/"):
            with self.subTest(url=url):
                response, _body = self.assert_shows_no_secret(url)
                self.assertEqual(response.status_code, 200)
        _response, body = self.get("/sitemap.xml")
        locations = etree.fromstring(body.encode()).findall(
            f"{{{SITEMAP_NS}}}url/{{{SITEMAP_NS}}}loc"
        )
        listed = {urlsplit(location.text).path for location in locations}
        self.assertIn(self.public.url, listed)
        self.assertIn(self.inheritor.url, listed)
        for page in [*self.hidden_pages(), self.ancestor]:
            self.assertNotIn(page.url_path.split("/", 2)[2], {path[1:] for path in listed})

    def test_private_files_are_not_served(self):
        response = self.client.get(self.private_document.url)
        self.assertEqual(response.status_code, 302)
        self.assertIn("login", response["Location"])


@override_settings(ELASTICSEARCH_URL="")
class DatabasePrivacyTests(PrivacyWalk, TestCase):
    backend_name = "database"

    def test_every_url_pattern(self):
        """Every route of the site, filled with the hidden pages' and files' values."""
        bundles = [
            [str(page.pk), page.slug, page.key, page.url_path.split("/", 2)[2]]
            for page in self.hidden_pages()
        ]
        bundles += [[str(image.pk)] for image in self.hidden_images()]
        bundles += [[str(self.private_document.pk), self.private_document.filename]]
        for chain, pattern in leaf_patterns():
            if str(chain[0]).startswith(("admin", "django-admin")):
                continue
            for url in candidate_urls(chain, pattern, bundles, 8):
                with self.subTest(url=url):
                    self.assert_shows_no_secret(url)


class ElasticsearchPrivacyTests(ElasticsearchTestMixin, PrivacyWalk, TestCase):
    backend_name = "elasticsearch"


@override_settings(ELASTICSEARCH_URL="")
class ExpiredPageTests(TestCase):
    """A page past its expiry time is hidden even before `publish_scheduled` unpublishes it."""

    def test_expired_page_is_hidden_everywhere(self):
        from datetime import timedelta

        from django.utils import timezone

        pages = build_site()
        item = make_heritage_item(pages, title="过期项目辛", key="Ⅹ-995", slug="guoqi-xin")
        drain_outbox()
        self.assertEqual(self.client.get(item.url).status_code, 200)
        HeritageItemPage.objects.filter(pk=item.pk).update(
            expire_at=timezone.now() - timedelta(minutes=1)
        )
        self.assertTrue(HeritageItemPage.objects.get(pk=item.pk).live)
        for url in (item.url, f"/record/page/{item.pk}/", f"/api/v2/pages/{item.pk}/"):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)
        self.assertNotContains(self.client.get(pages["heritage_items"].url), "过期项目辛")
        self.assertNotContains(
            self.client.get("/oai/?verb=ListRecords&metadataPrefix=oai_dc"), "过期项目辛"
        )
        self.assertNotContains(self.client.get("/sitemap.xml"), "guoqi-xin")

    def test_a_restricted_page_that_expires_later_still_asks_for_its_password(self):
        from datetime import timedelta

        from django.utils import timezone

        pages = build_site()
        item = make_heritage_item(pages, title="将过期项目壬", key="Ⅹ-996", slug="jiang-guoqi")
        HeritageItemPage.objects.filter(pk=item.pk).update(
            expire_at=timezone.now() + timedelta(days=1)
        )
        PageViewRestriction.objects.create(
            page=item, restriction_type=PageViewRestriction.PASSWORD, password="mima"
        )
        response = self.client.get(item.url)
        self.assertIn(response.status_code, (200, 401))
        self.assertContains(response, 'type="password"', status_code=response.status_code)
        self.assertNotContains(response, "将过期项目壬", status_code=response.status_code)
