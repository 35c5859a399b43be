"""Drafts, private pages and their files never reach an anonymous visitor.

The walk covers every URL pattern of the root urlconf, whichever app adds it:
each path parameter is filled with the ids, slugs, keys, tags and file names
of the hidden records, and every URL that resolves is fetched anonymously.
"""

import itertools
from urllib.parse import urlencode

from django.core.files.base import ContentFile
from django.test import TestCase
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.utils.regex_helper import normalize
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from heritage_archive.core.choices import Category
from heritage_archive.media.mediafiles.models import ArchiveDocument
from heritage_archive.records.heritage.models import (
    HeritageItemDocument,
    HeritageItemImage,
    HeritageItemPage,
)
from search.indexing import drain_outbox
from tests.factories import make_heritage_item
from tests.utils import build_site, make_image

DRAFT_TITLE = "未发表草稿项目甲"
PRIVATE_TITLE = "密码保护项目乙"
DRAFT_REVISION_TITLE = "尚未发布的修订标题丙"
PRIVATE_DOCUMENT_TITLE = "内部文档丁"
PRIVATE_DOCUMENT_BYTES = "内部文档正文戊"
PRIVATE_IMAGE_TITLE = "密码保护项目的图片"
SECRETS = [
    DRAFT_TITLE,
    PRIVATE_TITLE,
    DRAFT_REVISION_TITLE,
    PRIVATE_DOCUMENT_TITLE,
]

# Values that fill parameters no hidden record names, so patterns with
# several parameters (IIIF image requests, say) still resolve.
GENERIC_VALUES = ["full", "max", "0", "default", "jpg", "heritage", "1"]
MAX_URLS_PER_PATTERN = 12
MAX_COMBINATIONS_TRIED = 3000


def leaf_patterns(patterns=None, prefix=()):
    """Every URLPattern of the root urlconf with the chain of patterns leading to it."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        chain = (*prefix, entry.pattern)
        if isinstance(entry, URLResolver):
            yield from leaf_patterns(entry.url_patterns, chain)
        elif isinstance(entry, URLPattern):
            yield chain, entry


def url_templates(chain):
    """'%(name)s' format strings and their parameter names, as Django reverses URLs."""
    pieces = [[("", [])]]
    for pattern in chain:
        pieces.append(normalize(pattern.regex.pattern))
    for combination in itertools.product(*pieces):
        template = "".join(text for text, _params in combination)
        params = [name for _text, names in combination for name in names]
        yield template, params


def resolves_to(url, pattern):
    try:
        match = resolve(url)
    except Resolver404:
        return False
    return match.func == pattern.callback or getattr(match.func, "__wrapped__", None) == (
        pattern.callback
    )


def candidate_urls(chain, pattern, bundles, limit):
    """Up to ``limit`` URLs of this pattern that resolve to it.

    Each bundle holds the values of one hidden object (a page's id, slug, key
    and path; a document's id and file name): parameters are filled from one
    bundle at a time plus the generic values, so a document's id meets its
    own file name, and every bundle gets its share of the limit.
    """
    found = []
    per_bundle = max(1, limit // len(bundles))
    for bundle in bundles:
        values = [*bundle, *GENERIC_VALUES]
        from_bundle = 0
        for template, params in url_templates(chain):
            combinations = itertools.islice(
                itertools.product(values, repeat=len(params)), MAX_COMBINATIONS_TRIED
            )
            for combination in combinations:
                if params and not set(combination) & set(bundle):
                    continue
                url = "/" + template % dict(zip(params, combination, strict=True))
                if url not in found and resolves_to(url, pattern):
                    found.append(url)
                    from_bundle += 1
                    if from_bundle >= per_bundle or len(found) >= limit:
                        break
            if from_bundle >= per_bundle or len(found) >= limit:
                break
    return found[:limit]


class HiddenContentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        pages = build_site()

        cls.private_collection = Collection.get_first_root_node().add_child(name="内部资料")
        CollectionViewRestriction.objects.create(
            collection=cls.private_collection,
            restriction_type=CollectionViewRestriction.LOGIN,
        )
        cls.private_document = ArchiveDocument.objects.create(
            title=PRIVATE_DOCUMENT_TITLE,
            collection=cls.private_collection,
            file=ContentFile(PRIVATE_DOCUMENT_BYTES.encode(), name="neibu-wendang.txt"),
        )
        cls.private_image = make_image(title=PRIVATE_IMAGE_TITLE, alt="只在密码保护页上的图片")

        cls.private = make_heritage_item(
            pages,
            title=PRIVATE_TITLE,
            key="Ⅹ-901",
            slug="mimabaohu",
            summary="只对知道密码的人可见的摘要",
        )
        cls.private.tags.add("保密标签")
        cls.private.gallery_images.add(HeritageItemImage(image=cls.private_image))
        cls.private.documents.add(HeritageItemDocument(document=cls.private_document))
        cls.private.save_revision().publish()
        PageViewRestriction.objects.create(
            page=cls.private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )

        # A draft that was never published.
        cls.draft = HeritageItemPage(
            title=DRAFT_TITLE, slug="caogao", key="Ⅹ-902", category=Category.QUYI, live=False
        )
        cls.draft.tags.add("草稿标签")
        pages["heritage_items"].add_child(instance=cls.draft)
        cls.draft.save_revision()

        # A live page whose newest revision is an unpublished edit.
        cls.edited = make_heritage_item(
            pages, title="已发布的公开项目", key="Ⅹ-903", slug="gongkai"
        )
        cls.edited.title = DRAFT_REVISION_TITLE
        cls.edited.save_revision()

        # Whatever the search index would hold, it holds now.
        drain_outbox()

    def hidden_bundles(self):
        def page_values(page, tag):
            # The path under the site root, e.g. "feiyi/xiangmu/caogao/", for Wagtail's serve.
            return [str(page.pk), page.slug, page.key, tag, page.url_path.split("/", 2)[2]]

        return [
            page_values(self.private, "保密标签"),
            page_values(self.draft, "草稿标签"),
            [str(self.edited.pk), self.edited.slug, self.edited.key],
            [str(self.private_document.pk), self.private_document.filename],
            [str(self.private_image.pk)],
        ]

    def get(self, url):
        response = self.client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        return response, body.decode("utf-8", errors="replace")

    def assert_hides_everything(self, url):
        response, body = self.get(url)
        self.assertLess(response.status_code, 500, url)
        for secret in [*SECRETS, PRIVATE_DOCUMENT_BYTES]:
            self.assertNotIn(secret, body, f"{url} answered {response.status_code} with {secret}")

    def test_every_url_pattern_hides_drafts_and_private_pages(self):
        bundles = self.hidden_bundles()
        tried = []
        for chain, pattern in leaf_patterns():
            in_admin = str(chain[0]).startswith(("admin", "django-admin"))
            # The admin asks for a login everywhere; one URL per view shows it.
            limit = 1 if in_admin else MAX_URLS_PER_PATTERN
            for url in candidate_urls(chain, pattern, bundles, limit):
                tried.append(url)
                with self.subTest(url=url):
                    self.assert_hides_everything(url)
                    # Lists and searches also take the hidden records' words as queries.
                    match = resolve(url)
                    if not in_admin and not (match.args or match.kwargs):
                        for query in ({"q": "Ⅹ-901"}, {"q": "可见的摘要"}, {"search": "项目"}):
                            self.assert_hides_everything(f"{url}?{urlencode(query)}")
        # The walk reached the hidden records themselves, not just the index pages.
        self.assertIn(self.private.url, tried)
        self.assertIn(self.draft.url_path.split("/", 2)[2], "".join(tried))
        self.assertIn(f"/documents/{self.private_document.pk}/neibu-wendang.txt", tried)

    def test_private_page_asks_for_its_password(self):
        response, body = self.get(self.private.url)
        self.assertIn(response.status_code, (200, 401))
        self.assertIn('type="password"', body)
        self.assertNotIn(PRIVATE_TITLE, body)
        self.assertNotIn("只对知道密码的人可见的摘要", body)

    def test_draft_page_is_not_found(self):
        path = "/" + self.draft.url_path.split("/", 2)[2]
        self.assertEqual(self.client.get(path).status_code, 404)

    def test_document_in_a_private_collection_needs_a_login(self):
        response = self.client.get(self.private_document.url)
        self.assertEqual(response.status_code, 302)
        self.assertIn("login", response["Location"])

    def test_search_exports_leave_out_hidden_pages(self):
        for url in ("/api/search/export.csv", "/api/search/export.json", "/api/search/"):
            with self.subTest(url=url):
                response, body = self.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertIn("已发布的公开项目", body)
                for secret in SECRETS:
                    self.assertNotIn(secret, body)

    # Images have no privacy of their own in Wagtail; the API lists only
    # images that a live, public page uses.
    def test_images_of_private_pages_stay_out_of_the_api(self):
        for url in ("/api/v2/images/", f"/api/v2/images/{self.private_image.pk}/"):
            response, body = self.get(url)
            self.assertNotIn(PRIVATE_IMAGE_TITLE, body, url)
