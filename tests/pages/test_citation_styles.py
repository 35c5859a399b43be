"""Citations a reference manager takes in one click: three styles with 复制 buttons,
RIS and BibTeX downloads, and the citation_* meta tags Zotero reads.

RIS is read back with rispy and BibTeX with bibtexparser (maintained parsers,
not the code that wrote them).
"""

import datetime

import bibtexparser
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware
from django.test import TestCase
from django.utils import timezone
from wagtail.models import PageViewRestriction

from heritage_archive.core.addresses import site_root_url
from heritage_archive.records.citations import (
    MONTHS,
    Reference,
    apa_text,
    bibtex_text,
    chicago_text,
    gbt7714_text,
    ris_text,
)
from heritage_archive.records.figures.models import FigurePage
from heritage_archive.records.heritage.models import HeritageItemPage
from tests.factories import make_heritage_item, make_inheritor
from tests.pages.test_public_pages import soup_of
from tests.utils import build_site

FIXTURE = Reference(
    title="安次快板",
    author="安次区文化馆",
    url="https://example.org/record/heritage/Ⅴ-3/",
    record_label="非遗项目",
    key="Ⅴ-3",
    citation_key="anci-heritage-V-3",
    updated=datetime.date(2024, 5, 1),
    accessed=datetime.date(2026, 11, 27),
)


class CitationStyleTests(TestCase):
    """The exact strings of each style for one fixture record."""

    def test_gbt7714(self):
        self.assertEqual(
            gbt7714_text(FIXTURE),
            "安次区文化馆. 安次快板[EB/OL]. (2024-05-01)[2026-11-27]. "
            "https://example.org/record/heritage/Ⅴ-3/.",
        )

    def test_apa(self):
        self.assertEqual(
            apa_text(FIXTURE),
            "安次区文化馆. (2024, May 1). 安次快板. "
            "Retrieved November 27, 2026, from https://example.org/record/heritage/Ⅴ-3/",
        )

    def test_chicago(self):
        self.assertEqual(
            chicago_text(FIXTURE),
            "安次区文化馆. “安次快板.” 安次区文化馆. Last modified May 1, 2024. "
            "https://example.org/record/heritage/Ⅴ-3/.",
        )

    def test_without_a_date(self):
        undated = Reference(**{**FIXTURE.__dict__, "updated": None})
        self.assertEqual(
            apa_text(undated),
            "安次区文化馆. (n.d.). 安次快板. "
            "Retrieved November 27, 2026, from https://example.org/record/heritage/Ⅴ-3/",
        )
        self.assertEqual(
            chicago_text(undated),
            "安次区文化馆. “安次快板.” 安次区文化馆. Accessed November 27, 2026. "
            "https://example.org/record/heritage/Ⅴ-3/.",
        )
        self.assertNotIn("PY  -", ris_text(undated))

    def test_ris_parses(self):
        text = ris_text(Reference(**{**FIXTURE.__dict__, "keywords": ("快板", "曲艺")}))
        self.assertTrue(text.endswith("ER  - \r\n"))
        [entry] = rispy.loads(text)
        self.assertEqual(entry["type_of_reference"], "ELEC")
        self.assertEqual(entry["title"], "安次快板")
        self.assertEqual(entry["authors"], ["安次区文化馆"])
        self.assertEqual(entry["publisher"], "安次区文化馆")
        self.assertEqual(entry["year"], "2024")
        self.assertEqual(entry["date"], "2024/05/01")
        self.assertEqual(entry["access_date"], "2026/11/27")
        self.assertEqual(entry["urls"], ["https://example.org/record/heritage/%E2%85%A4-3/"])
        self.assertEqual(entry["keywords"], ["快板", "曲艺"])
        self.assertEqual(entry["language"], "zh")

    def test_bibtex_parses_and_keeps_latex_specials(self):
        tricky = Reference(**{**FIXTURE.__dict__, "title": "快板{选段} & 50% #1_a"})
        library = bibtexparser.parse_string(
            bibtex_text(tricky), append_middleware=[LatexDecodingMiddleware()]
        )
        self.assertEqual(library.failed_blocks, [])
        [entry] = library.entries
        self.assertEqual(entry.entry_type, "misc")
        self.assertEqual(entry.key, "anci-heritage-V-3")
        self.assertEqual(entry["title"], "快板{选段} & 50% #1_a")
        self.assertEqual(entry["author"], "安次区文化馆")
        self.assertEqual(entry["date"], "2024-05-01")
        self.assertEqual(entry["urldate"], "2026-11-27")


def english(day):
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


class RecordCitationDownloadTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = pages = build_site()
        cls.item = make_heritage_item(
            pages, title="安次快板", key="Ⅴ-3", summary="流传于安次的快板艺术。\n第二行。",
            slug="anci-kuaiban",
        )  # fmt: skip
        cls.item.tags.add("快板", "曲艺")
        cls.item.save_revision().publish()
        HeritageItemPage.objects.filter(pk=cls.item.pk).update(
            last_published_at=timezone.make_aware(datetime.datetime(2024, 5, 1, 10, 0))
        )
        cls.inheritor = make_inheritor(pages, title="李传人", key="CCR-002")
        cls.figure = FigurePage(title="杨万清", slug="yang", key="MR-001")
        pages["figures"].add_child(instance=cls.figure)
        cls.figure.save_revision().publish()

    def test_record_page_shows_three_styles_with_copy_buttons(self):
        soup = soup_of(self.client.get(self.item.url))
        block = soup.find("section", class_="cite-record")
        styles = block.find_all(class_="cite-record__style")
        self.assertEqual([style.dt.text for style in styles], ["GB/T 7714", "APA", "Chicago"])
        today = timezone.localdate()
        url = f"{site_root_url()}/record/heritage/Ⅴ-3/"
        self.assertEqual(
            [style.find(class_="cite-record__text").text for style in styles],
            [
                f"安次区文化馆. 安次快板[EB/OL]. (2024-05-01)[{today.isoformat()}]. {url}.",
                f"安次区文化馆. (2024, May 1). 安次快板. Retrieved {english(today)}, from {url}",
                f"安次区文化馆. “安次快板.” 安次区文化馆. Last modified May 1, 2024. {url}.",
            ],
        )
        for style in styles:
            button = style.find("button", class_="cite-record__copy")
            # Shown by cite.js; without script the text alone is there.
            self.assertTrue(button.has_attr("hidden"))
            self.assertEqual(
                soup.find(id=button["data-copy"]), style.find(class_="cite-record__text")
            )
            self.assertIn("复制", button.text)
        self.assertIsNotNone(soup.find("script", src="/static/js/cite.js"))
        links = {a.text: a["href"] for a in block.find(class_="cite-record__downloads")("a")}
        self.assertEqual(
            links,
            {
                "RIS": "/record/heritage/%E2%85%A4-3/cite.ris",
                "BibTeX": "/record/heritage/%E2%85%A4-3/cite.bib",
            },
        )

    def test_zotero_meta_tags_in_the_head(self):
        for page, title, path in (
            (self.item, "安次快板", "/record/heritage/%E2%85%A4-3/"),
            (self.inheritor, "李传人", "/record/inheritor/CCR-002/"),
            (self.figure, "杨万清", "/record/figure/MR-001/"),
        ):
            head = soup_of(self.client.get(page.url)).head
            meta = {tag["name"]: tag["content"] for tag in head("meta", attrs={"name": True})}
            with self.subTest(page=title):
                self.assertEqual(meta["citation_title"], title)
                self.assertEqual(meta["citation_author"], "安次区文化馆")
                self.assertEqual(meta["citation_publisher"], "安次区文化馆")
                self.assertEqual(meta["citation_public_url"], f"{site_root_url()}{path}")
                self.assertEqual(meta["citation_language"], "zh")
                self.assertRegex(meta["citation_publication_date"], r"^\d{4}/\d\d/\d\d$")
        head = soup_of(self.client.get(self.item.url)).head
        self.assertEqual(
            head.find("meta", attrs={"name": "citation_publication_date"})["content"],
            "2024/05/01",
        )

    def test_ris_download(self):
        response = self.client.get("/record/heritage/Ⅴ-3/cite.ris")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response["Content-Type"], "application/x-research-info-systems; charset=utf-8"
        )
        self.assertEqual(
            response["Content-Disposition"], 'attachment; filename="anci-heritage-V-3.ris"'
        )
        [entry] = rispy.loads(response.content.decode("utf-8"))
        self.assertEqual(entry["title"], "安次快板")
        self.assertEqual(entry["urls"], [f"{site_root_url()}/record/heritage/%E2%85%A4-3/"])
        self.assertEqual(entry["abstract"], "流传于安次的快板艺术。 第二行。")
        self.assertEqual(sorted(entry["keywords"]), ["快板", "曲艺"])
        self.assertEqual(entry["access_date"], timezone.localdate().strftime("%Y/%m/%d"))
        # Any spelling of the project number finds the record, as the permanent link does.
        self.assertEqual(self.client.get("/record/heritage/5-3/cite.ris").status_code, 200)

    def test_bibtex_download(self):
        for kind, key, title in (
            ("heritage", "Ⅴ-3", "安次快板"), ("inheritor", "CCR-002", "李传人"),
            ("figure", "MR-001", "杨万清"),
        ):  # fmt: skip
            response = self.client.get(f"/record/{kind}/{key}/cite.bib")
            with self.subTest(kind=kind):
                self.assertEqual(response["Content-Type"], "application/x-bibtex; charset=utf-8")
                self.assertIn("attachment;", response["Content-Disposition"])
                library = bibtexparser.parse_string(response.content.decode("utf-8"))
                self.assertEqual(library.failed_blocks, [])
                [entry] = library.entries
                self.assertEqual(entry["title"], title)
                self.assertTrue(entry["url"].startswith(f"{site_root_url()}/record/"))

    def test_unknown_formats_kinds_and_keys_are_404(self):
        for url in (
            "/record/heritage/Ⅴ-3/cite.txt",
            "/record/song/Ⅴ-3/cite.ris",
            "/record/heritage/Ⅹ-99/cite.bib",
            "/record/article/1/cite.ris",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_private_records_have_no_citation_files(self):
        draft = HeritageItemPage(
            title="草稿项目", slug="caogao", key="Ⅹ-991", category="quyi", live=False
        )
        self.pages["heritage_items"].add_child(instance=draft)
        draft.save_revision()
        restricted = make_heritage_item(self.pages, title="保密项目", key="Ⅹ-992", slug="baomi")
        PageViewRestriction.objects.create(
            page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="mima"
        )
        expired = make_heritage_item(self.pages, title="过期项目", key="Ⅹ-993", slug="guoqi")
        HeritageItemPage.objects.filter(pk=expired.pk).update(
            expire_at=timezone.now() - datetime.timedelta(minutes=1)
        )
        self.inheritor.unpublish()
        for kind, key in (("heritage", "Ⅹ-991"), ("heritage", "Ⅹ-992"), ("heritage", "Ⅹ-993"),
                          ("inheritor", "CCR-002")):  # fmt: skip
            for fmt in ("ris", "bib"):
                url = f"/record/{kind}/{key}/cite.{fmt}"
                with self.subTest(url=url):
                    self.assertEqual(self.client.get(url).status_code, 404)
        # The public record beside them still answers.
        self.assertEqual(self.client.get("/record/heritage/Ⅴ-3/cite.ris").status_code, 200)
