"""Safe headers: documents download with a safe type; public pages run no inline code."""

from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from wagtail.models import Page, get_page_models

from heritage_archive.media.mediafiles.models import ArchiveDocument
from tests.pages.test_public_pages import PublicSiteTestCase

# Data blocks a browser never runs, so 'self' need not cover them.
NON_SCRIPT_TYPES = {"application/ld+json", "application/json"}


class ServedDocumentTests(PublicSiteTestCase):
    def serve(self, name, data):
        document = ArchiveDocument.objects.create(
            title=f"文档 {name}", file=ContentFile(data, name=name)
        )
        response = self.client.get(document.url)
        self.assertEqual(response.status_code, 200, name)
        return response

    def test_pdf_opens_inline(self):
        response = self.serve("report.pdf", b"%PDF-1.4\n%%EOF\n")
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertTrue(response["Content-Disposition"].startswith("inline"))
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")

    def test_everything_else_downloads(self):
        for name, data in [
            ("notes.txt", b"plain text"),
            ("table.csv", b"a,b\n1,2\n"),
            ("letter.docx", b"PK\x03\x04"),
        ]:
            with self.subTest(name=name):
                response = self.serve(name, data)
                self.assertTrue(response["Content-Disposition"].startswith("attachment"))
                self.assertEqual(response["X-Content-Type-Options"], "nosniff")

    def test_html_and_svg_are_never_served_as_markup(self):
        for name, data in [
            ("page.html", b"<script>alert(document.cookie)</script>"),
            ("page.htm", b"<script>alert(1)</script>"),
            (
                "drawing.svg",
                b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            ),
            ("feed.xml", b"<?xml version='1.0'?><x/>"),
        ]:
            with self.subTest(name=name):
                response = self.serve(name, data)
                content_type = response["Content-Type"]
                self.assertNotIn("html", content_type)
                self.assertNotIn("svg", content_type)
                self.assertNotIn("xml", content_type)
                self.assertTrue(response["Content-Disposition"].startswith("attachment"))
                self.assertEqual(response["X-Content-Type-Options"], "nosniff")
                self.assertEqual(response["Content-Security-Policy"], "default-src 'none'")


class ContentSecurityPolicyTests(PublicSiteTestCase):
    def public_urls(self):
        urls = [page.url for page in Page.objects.live().public().specific() if page.url]
        return urls + ["/search/?q=快板", "/tags/快板/"]

    def test_every_public_page_type_is_covered(self):
        covered = {type(page).__name__ for page in Page.objects.live().public().specific()}
        every_page_type = {model.__name__ for model in get_page_models() if model is not Page}
        self.assertEqual(every_page_type - covered, set())

    def test_public_pages_allow_no_inline_code(self):
        for url in self.public_urls():
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                policy = response["Content-Security-Policy"]
                self.assertIn("script-src 'self'", policy)
                self.assertIn("style-src 'self'", policy)
                self.assertNotIn("unsafe-inline", policy)
                self.assertNotIn("unsafe-eval", policy)
                # The page itself must work under that policy: no inline code.
                soup = BeautifulSoup(response.content.decode(), "html.parser")
                inline_scripts = [
                    tag
                    for tag in soup.find_all("script")
                    if not tag.get("src") and tag.get("type") not in NON_SCRIPT_TYPES
                ]
                self.assertEqual(inline_scripts, [])
                self.assertEqual(soup.find_all("style"), [])
                self.assertEqual(soup.select("[style]"), [])
                handlers = [
                    (tag.name, attribute)
                    for tag in soup.find_all(True)
                    for attribute in tag.attrs
                    if attribute.startswith("on")
                ]
                self.assertEqual(handlers, [])
