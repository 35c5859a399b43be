"""Every URL that leaves the site names the configured site: scheme, host and port.

The Wagtail Site is configured as archive.example.org:8443 while the test
client talks to "testserver", as a proxy or another address would: a link
built from the request, or a bare path, would not open for a harvester or a
researcher reading the output elsewhere.
"""

import json
import re
from html import unescape
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from django.test import TestCase, override_settings
from lxml import etree
from wagtail.models import Site

from heritage_archive.core.addresses import absolute_url, page_url, site_root_url
from heritage_archive.interop.records import identifier_for
from heritage_archive.records.heritage.models import HeritageItemImage
from tests.factories import make_heritage_item, make_inheritor
from tests.search.test_contract import drain_all

from .helpers import NS, make_figure
from .test_iiif import make_served_image

SITE_ROOT = "http://archive.example.org:8443"
# Standard namespaces and vocabularies the outputs name; they are not links
# to this site and never change with its address.
EXTERNAL_NAMESPACES = {
    "schema.org",
    "iiif.io",
    "www.openarchives.org",
    "purl.org",
    "www.w3.org",
    "www.sitemaps.org",
}
URL_PATTERN = re.compile(r"https?://[^\s\"'<>\\]+")


def configure_site(hostname="archive.example.org", port=8443):
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = hostname, port
    site.save()
    Site.clear_site_root_paths_cache()


def relative_urls(data, key=""):
    """Strings under a ``…url``/``id``/``homepage`` key of a JSON value that are bare paths."""
    if isinstance(data, dict):
        return [url for name, value in data.items() for url in relative_urls(value, name)]
    if isinstance(data, list):
        return [url for value in data for url in relative_urls(value, key)]
    if isinstance(data, str) and data.startswith("/") and ("url" in key or key in ("id", "@id")):
        return [data]
    return []


@override_settings(ELASTICSEARCH_URL="", SITE_BASE_URL="", WAGTAILAPI_BASE_URL=None)
class AbsoluteUrlTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        from tests.utils import build_site

        cls.pages = build_site()
        configure_site()
        image = make_served_image("演出照", width=1200, height=800)
        cls.item = make_heritage_item(cls.pages, summary="一项曲艺。")
        HeritageItemImage.objects.create(page=cls.item, image=image, caption="演出")
        cls.item.save_revision().publish()
        cls.inheritor = make_inheritor(cls.pages, portrait=image, summary="快板艺人。")
        cls.inheritor.items.add(cls.item)
        cls.inheritor.save_revision().publish()
        cls.figure = make_figure(cls.pages, summary="清代学者。")
        cls.figure.related_items.add(cls.item)
        cls.figure.save_revision().publish()
        cls.image = image
        drain_all()

    def setUp(self):
        # The site root paths are cached across tests; the Site row is rolled
        # back to this test's state, so the cache must follow it.
        Site.clear_site_root_paths_cache()

    def get(self, url, **params):
        response = self.client.get(url, params)
        self.assertEqual(response.status_code, 200, url)
        if response.streaming:
            return b"".join(response.streaming_content).decode("utf-8-sig")
        return response.content.decode("utf-8")

    def outputs(self):
        """``{name: text}`` of every output that carries absolute URLs."""
        identifier = identifier_for(self.item)
        outputs = {
            "oai Identify": self.get("/oai/", verb="Identify"),
            "oai ListRecords": self.get("/oai/", verb="ListRecords", metadataPrefix="oai_dc"),
            "iiif manifest": self.get(f"/iiif/{self.item.pk}/manifest.json"),
            "iiif info": self.get(f"/iiif/image/{self.image.pk}/info.json"),
            "api pages": self.get("/api/v2/pages/", type="heritage.HeritageItemPage"),
            "api inheritor": self.get(f"/api/v2/pages/{self.inheritor.pk}/"),
            "api figure": self.get(f"/api/v2/pages/{self.figure.pk}/"),
            "api images": self.get("/api/v2/images/"),
            "search api": self.get("/api/search/"),
            "sitemap": self.get("/sitemap.xml"),
            "robots": self.get("/robots.txt"),
            "feed atom": self.get("/feeds/records/atom/"),
            "feed rss": self.get("/feeds/records/rss/"),
            "export csv": self.get("/api/search/export.csv"),
            "export json": self.get("/api/search/export.json"),
        }
        record_ids = etree.fromstring(outputs["oai ListRecords"].encode()).findall(
            ".//oai:header/oai:identifier", NS
        )
        identifiers = [element.text for element in record_ids]
        self.assertIn(identifier, identifiers)
        outputs["oai GetRecord"] = self.get(
            "/oai/", verb="GetRecord", identifier=identifier, metadataPrefix="oai_dc"
        )
        page = BeautifulSoup(self.get(self.item.url), "html.parser")
        outputs["json-ld"] = page.find("script", type="application/ld+json").string
        outputs["citation"] = page.find(class_="cite-record").get_text(" ")
        outputs["permanent link"] = page.find(class_="cite-record__link").a["href"]
        return outputs

    def test_every_url_names_the_configured_site(self):
        outputs = self.outputs()
        checked = 0
        for name, text in outputs.items():
            urls = URL_PATTERN.findall(unescape(text))
            if name not in ("iiif info",):
                # Every output but the image's info names at least one record.
                self.assertTrue(
                    any(url.startswith(SITE_ROOT + "/") for url in urls), (name, urls[:5])
                )
            for url in urls:
                url = url.rstrip(".,;)")
                parts = urlsplit(url)
                if parts.hostname in EXTERNAL_NAMESPACES:
                    continue
                checked += 1
                with self.subTest(output=name, url=url):
                    self.assertEqual(f"{parts.scheme}://{parts.netloc}", SITE_ROOT)
        self.assertGreater(checked, 20)

    def test_no_output_gives_a_bare_path_for_a_link(self):
        outputs = self.outputs()
        for name in (
            "iiif manifest",
            "api pages",
            "api inheritor",
            "api figure",
            "search api",
            "export json",
        ):
            with self.subTest(output=name):
                self.assertEqual(relative_urls(json.loads(outputs[name])), [])

    def test_oai_base_url_is_the_sites(self):
        root = etree.fromstring(self.get("/oai/", verb="Identify").encode())
        self.assertEqual(root.findtext(".//oai:baseURL", namespaces=NS), SITE_ROOT + "/oai/")
        self.assertEqual(root.findtext("oai:request", namespaces=NS), SITE_ROOT + "/oai/")

    def test_the_standard_port_is_left_out(self):
        configure_site("archive.example.org", 443)
        self.assertEqual(site_root_url(), "https://archive.example.org")
        self.assertEqual(
            page_url(self.item), "https://archive.example.org" + self.item.get_url_parts()[2]
        )

    @override_settings(
        SITE_BASE_URL="https://www.example.org:8443",
        WAGTAILAPI_BASE_URL="https://www.example.org:8443",
    )
    def test_the_setting_wins_over_the_site(self):
        self.assertEqual(absolute_url("/oai/"), "https://www.example.org:8443/oai/")
        self.assertEqual(
            page_url(self.item), "https://www.example.org:8443" + self.item.get_url_parts()[2]
        )
        root = etree.fromstring(self.get("/oai/", verb="Identify").encode())
        self.assertEqual(
            root.findtext(".//oai:baseURL", namespaces=NS), "https://www.example.org:8443/oai/"
        )
        manifest = json.loads(self.get(f"/iiif/{self.item.pk}/manifest.json"))
        self.assertTrue(manifest["id"].startswith("https://www.example.org:8443/iiif/"))
        self.assertTrue(manifest["homepage"][0]["id"].startswith("https://www.example.org:8443/"))
        api = json.loads(self.get(f"/api/v2/pages/{self.inheritor.pk}/"))
        self.assertTrue(api["meta"]["html_url"].startswith("https://www.example.org:8443/"))
        self.assertTrue(api["meta"]["detail_url"].startswith("https://www.example.org:8443/"))
        self.assertTrue(api["items"][0]["url"].startswith("https://www.example.org:8443/"))
        self.assertNotIn("archive.example.org", json.dumps(api))
