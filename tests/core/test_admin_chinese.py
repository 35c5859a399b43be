"""The curators' admin is Chinese throughout (issue 14).

Wagtail's own zh_Hans catalogue leaves a few hundred strings untranslated or
fuzzy; the project's locale/zh_Hans catalogue fills them. This test renders the
main admin views the way a curator sees them and fails on any run of Latin
words that is not a name, a format or the test content's own slugs and files.
"""

import re

from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test import TestCase, override_settings

from heritage_archive.media.mediafiles.models import ArchiveDocument, ArchiveMedia
from tests.factories import make_heritage_item, make_inheritor
from tests.utils import build_site, make_image

# A run of Latin words, as a reader sees them: "Autosave is paused" is one run.
LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z'’]+(?:[ \-][A-Za-z][A-Za-z'’]+)*")

# Names and formats that stay Latin in Chinese interfaces too.
ALLOWED = {
    "Wagtail", "CSV", "XLSX", "JSON", "PDF", "IIIF", "RIS", "BibTeX", "URL", "API",
    "OAI-PMH", "ID", "UTC", "JavaScript", "Mirador",
    # file extensions and record-key letters
    "png", "jpg", "jpeg", "pdf", "mp3", "mp4", "CCR", "MR",
    # the test content's user, slugs and file names
    "curator", "example", "com", "item", "inheritor", "ccr", "shenbao", "song", "test", "mp",
    # image formats and size unit on the image form
    "AVIF", "GIF", "JPEG", "JPG", "PNG", "WEBP", "MB",
    # Not msgids, so no catalogue can reach them: the root page's title and the
    # task Wagtail's migrations seed (database rows), and the aria-label that
    # wagtailadmin/shared/headers/_actions.html hard-codes.
    "Root", "Moderators", "approval", "Actions",
    # the account page names each admin language in that language (LANGUAGES)
    "English",
    # the 系统状态 panel: the product, the monitoring path and the command
    # (search_reindex) a missing index asks for
    "Elasticsearch", "healthz", "search", "reindex",
}  # fmt: skip

ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")

# A stored file's name, e.g. "original_images/test_bjxyEeQ.png": the storage adds
# a random suffix when the name is taken, so its letters are data, not language.
FILE_NAME = re.compile(r"[\w./-]+\.(?:png|jpe?g|gif|webp|avif|pdf|mp3|mp4)\b", re.IGNORECASE)


def visible_english(html):
    """Latin runs in the text and the read-out attributes, minus the allow-list."""
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "template", "noscript"]):
        hidden.decompose()
    # Time zones are IANA identifiers, and the side panel's hidden counter holds
    # "None" until the script writes the number of errors into it.
    for hidden in soup.select('select[name$="time_zone"], [data-side-panel-toggle-counter]'):
        hidden.decompose()
    texts = list(soup.stripped_strings)
    for element in soup.find_all(True):
        texts.extend(element[name] for name in ATTRIBUTES if element.get(name))
    found = set()
    for text in texts:
        for run in LATIN_RUN.findall(FILE_NAME.sub(" ", text)):
            if not all(word in ALLOWED for word in re.split(r"[ \-]", run)):
                found.add(run)
    return found


@override_settings(LANGUAGE_CODE="zh-hans")
class ChineseAdminTests(TestCase):
    maxDiff = None

    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()
        cls.user = get_user_model().objects.create_superuser("curator", "curator@example.com", "pw")
        cls.item = make_heritage_item(cls.pages, title="京剧", key="Ⅳ-1", slug="jingju")
        cls.inheritor = make_inheritor(cls.pages, title="张师傅", key="CCR-001")
        cls.image = make_image()
        ArchiveDocument.objects.create(
            title="申报书", file=ContentFile(b"%PDF-1.4 application", name="shenbao.pdf")
        )
        ArchiveMedia.objects.create(
            title="唱段", type="audio", file=ContentFile(b"ID3" + b"\x01" * 80, name="song.mp3")
        )

    def setUp(self):
        self.client.force_login(self.user)

    def admin_urls(self):
        section = self.pages["heritage_items"].pk
        return [
            "/admin/",
            f"/admin/pages/{section}/",
            f"/admin/pages/{self.item.pk}/edit/",
            f"/admin/pages/add/heritage/heritageitempage/{section}/",
            f"/admin/pages/{self.inheritor.pk}/edit/",
            "/admin/images/",
            f"/admin/images/{self.image.pk}/",
            "/admin/documents/",
            "/admin/media/",
            "/admin/pages/search/?q=京剧",
            "/admin/heritage_items/",
            "/admin/inheritors/",
            "/admin/reports/site-history/",
            "/admin/snippets/",
            "/admin/account/",
        ]

    def test_main_admin_views_have_no_english_left(self):
        english = {}
        for url in self.admin_urls():
            response = self.client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
            self.assertEqual(response.status_code, 200, url)
            found = visible_english(response.content.decode())
            if found:
                english[url] = sorted(found)
        count = sum(len(runs) for runs in english.values())
        self.assertEqual(english, {}, f"{count} English strings left in the admin")

    def test_the_scan_sees_english(self):
        """The check itself must catch untranslated text, in text and attributes."""
        html = (
            '<p>Autosave is paused</p><input placeholder="Search all pages…">'
            "<script>var ignored = 'Script text';</script><p>Wagtail PDF 京剧</p>"
        )
        self.assertEqual(visible_english(html), {"Autosave is paused", "Search all pages"})
