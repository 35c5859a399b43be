"""引用本条目, permanent links and schema.org JSON-LD on record pages."""

import datetime
import json

from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import Site
from wagtail.test.utils import WagtailPageTestCase

from heritage_archive.core.choices import Category, Level
from heritage_archive.core.models import Region
from heritage_archive.records.citations import gbt7714_citation, permanent_path
from heritage_archive.records.figures.models import FigurePage
from heritage_archive.records.heritage.models import HeritageItemImage
from heritage_archive.records.structured_data import json_ld_script, structured_data
from heritage_archive.site.news.models import ArticlePage
from tests.factories import make_heritage_item, make_inheritor
from tests.pages.test_public_pages import soup_of
from tests.utils import build_site, make_image


def site_root():
    """Links name the configured Site, not the test client's host (core/addresses.py)."""
    return Site.objects.get(is_default_site=True).root_url


def json_ld_of(response):
    blocks = soup_of(response).find_all("script", type="application/ld+json")
    assert len(blocks) == 1, blocks
    return json.loads(blocks[0].string)


class CitationFormatTests(WagtailPageTestCase):
    def test_gbt7714_electronic_resource(self):
        updated = timezone.make_aware(datetime.datetime(2024, 5, 1, 10, 0))
        citation = gbt7714_citation(
            author="安次区文化馆",
            title="安次快板",
            url="https://example.org/record/heritage/Ⅴ-3/",
            updated=updated,
            accessed=datetime.date(2026, 11, 27),
        )
        self.assertEqual(
            citation,
            "安次区文化馆. 安次快板[EB/OL]. (2024-05-01)[2026-11-27]. "
            "https://example.org/record/heritage/Ⅴ-3/.",
        )

    def test_unknown_update_date_leaves_its_bracket_out(self):
        citation = gbt7714_citation(
            author="安次区文化馆", title="某页", url="https://example.org/record/page/7/",
            accessed=datetime.date(2026, 1, 2),
        )  # fmt: skip
        self.assertEqual(
            citation, "安次区文化馆. 某页[EB/OL]. [2026-01-02]. https://example.org/record/page/7/."
        )


class RecordCitationTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = pages = build_site()
        cls.region = Region.objects.create(name="码头镇")
        cls.image = make_image(title="快板演出", alt="两位演员打快板")
        cls.item = make_heritage_item(
            pages,
            title="安次快板",
            key="Ⅴ-3",
            category=Category.QUYI,
            region=cls.region,
            summary="流传于安次的快板艺术。</script><!--",
            slug="anci-kuaiban",
        )
        cls.item.gallery_images.add(HeritageItemImage(image=cls.image, caption="演出"))
        cls.item.tags.add("快板", "曲艺")
        cls.item.save_revision().publish()
        cls.inheritor = make_inheritor(
            pages, title="李传人", key="CCR-002", gender="female", birth_year=1960,
            region=cls.region, portrait=cls.image,
        )  # fmt: skip
        cls.inheritor.items = [cls.item]
        cls.inheritor.save_revision().publish()
        cls.figure = FigurePage(
            title="杨万清",
            slug="yang",
            key="MR-001",
            alt_names="字某甲、号某乙",
            birth_year=1820,
            birth_year_approximate=True,
            death_year=1890,
            hometown="安次县",
        )
        pages["figures"].add_child(instance=cls.figure)
        cls.figure.save_revision().publish()

    def test_heritage_item_page_shows_the_citation_with_todays_date(self):
        response = self.client.get(self.item.url)
        block = soup_of(response).find("section", class_="cite-record")
        self.assertIsNotNone(block)
        self.assertIn("引用本条目", block.h2.text)
        today = timezone.localdate().isoformat()
        updated = timezone.localtime(self.item.last_published_at).date().isoformat()
        self.assertEqual(
            block.find(class_="cite-record__text").text,
            f"安次区文化馆. 安次快板[EB/OL]. ({updated})[{today}]. "
            f"{site_root()}/record/heritage/Ⅴ-3/.",
        )
        link = block.find(class_="cite-record__link").a
        self.assertEqual(link.text, f"{site_root()}/record/heritage/Ⅴ-3/")
        self.assertEqual(link["href"], f"{site_root()}/record/heritage/%E2%85%A4-3/")

    def test_inheritor_and_figure_pages_cite_by_key(self):
        for page, path in ((self.inheritor, "/record/inheritor/CCR-002/"),
                           (self.figure, "/record/figure/MR-001/")):  # fmt: skip
            block = soup_of(self.client.get(page.url)).find("section", class_="cite-record")
            self.assertIn(f"{page.title}[EB/OL]", block.text)
            self.assertIn(f"{site_root()}{path}.", block.text)

    def test_permanent_link_survives_a_slug_change_and_a_move(self):
        self.assertEqual(permanent_path(self.item), "/record/heritage/Ⅴ-3/")
        self.item.slug = "kuaiban-renamed"
        self.item.save_revision().publish()
        response = self.client.get("/record/heritage/Ⅴ-3/")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Location"], "/feiyi/xiangmu/kuaiban-renamed/")

        self.figure.move(self.pages["heritage_items"].get_parent(), pos="last-child")
        response = self.client.get("/record/figure/MR-001/")
        self.assertRedirects(response, self.figure.specific.__class__.objects.get(
            pk=self.figure.pk).url, fetch_redirect_response=False)  # fmt: skip

    def test_heritage_key_matches_in_any_spelling(self):
        for spelling in ("Ⅴ-3", "V-3", "5-3", "v－3"):
            response = self.client.get(f"/record/heritage/{spelling}/")
            self.assertEqual(response.status_code, 302, spelling)
            self.assertEqual(response["Location"], self.item.url)

    def test_unknown_keys_kinds_and_unpublished_records_are_404(self):
        self.assertEqual(self.client.get("/record/heritage/Ⅹ-99/").status_code, 404)
        self.assertEqual(self.client.get("/record/song/Ⅴ-3/").status_code, 404)
        self.assertEqual(self.client.get("/record/inheritor/NOPE/").status_code, 404)
        self.assertEqual(self.client.get("/record/page/999999/").status_code, 404)
        self.inheritor.unpublish()
        self.assertEqual(self.client.get("/record/inheritor/CCR-002/").status_code, 404)

    def test_page_id_fallback_for_records_without_a_key(self):
        article = ArticlePage(title="一篇消息", slug="msg", date=datetime.date(2024, 8, 1))
        self.pages["news_center"].add_child(instance=article)
        self.assertEqual(permanent_path(article), f"/record/page/{article.pk}/")
        response = self.client.get(f"/record/page/{article.pk}/")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Location"], article.url)

    def test_heritage_item_json_ld(self):
        response = self.client.get(self.item.url)
        data = json_ld_of(response)
        self.assertEqual(data["@context"], "https://schema.org")
        self.assertEqual(data["@type"], "CreativeWork")
        self.assertEqual(data["name"], "安次快板")
        self.assertEqual(data["identifier"], "Ⅴ-3")
        self.assertEqual(data["genre"], "曲艺")
        self.assertEqual(data["about"], {"@type": "Thing", "name": "曲艺"})
        self.assertEqual(data["spatialCoverage"], {"@type": "Place", "name": "码头镇"})
        self.assertEqual(sorted(data["keywords"]), sorted(["曲艺", "快板"]))
        self.assertEqual(data["url"], f"{site_root()}/feiyi/xiangmu/anci-kuaiban/")
        self.assertEqual(data["@id"], f"{site_root()}/record/heritage/Ⅴ-3/")
        self.assertTrue(data["image"].startswith(f"{site_root()}/"))
        self.assertIn("width-800", data["image"])
        self.assertIn("dateModified", data)
        self.assertEqual(data["publisher"]["name"], "安次区文化馆")
        # The summary's "</script><!--" survives as data and cannot close the block.
        self.assertEqual(data["description"], "流传于安次的快板艺术。</script><!--")
        self.assertNotIn("</script><!--", response.content.decode())

    def test_inheritor_json_ld_is_a_person(self):
        data = json_ld_of(self.client.get(self.inheritor.url))
        self.assertEqual(data["@type"], "Person")
        self.assertEqual(data["name"], "李传人")
        self.assertEqual(data["gender"], "https://schema.org/Female")
        self.assertEqual(data["birthDate"], "1960")
        self.assertEqual(data["knowsAbout"], ["安次快板"])
        self.assertEqual(data["homeLocation"]["name"], "码头镇")
        self.assertIn("image", data)

    def test_figure_json_ld_gives_known_dates_and_alternate_names(self):
        data = json_ld_of(self.client.get(self.figure.url))
        self.assertEqual(data["@type"], "Person")
        self.assertEqual(data["alternateName"], ["字某甲", "号某乙"])
        # 约1820年 is not a date schema.org can state; 1890 is.
        self.assertNotIn("birthDate", data)
        self.assertEqual(data["deathDate"], "1890")
        self.assertEqual(data["birthPlace"], {"@type": "Place", "name": "安次县"})

    def test_other_pages_have_no_record_data(self):
        request = RequestFactory().get("/")
        self.assertIsNone(structured_data(self.pages["home"].specific, request))
        home = self.client.get("/")
        self.assertEqual(soup_of(home).find_all("script", type="application/ld+json"), [])

    def test_script_block_escapes_markup(self):
        script = json_ld_script({"name": "<b>&</b>"})
        self.assertEqual(
            script,
            '<script type="application/ld+json">{"name":"\\u003Cb\\u003E\\u0026\\u003C/b\\u003E"}'
            "</script>",
        )
        inner = script.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
        self.assertEqual(json.loads(inner), {"name": "<b>&</b>"})

    def test_bce_and_levels_do_not_break_the_builder(self):
        figure = FigurePage(title="某先贤", slug="xian", key="MR-009", birth_year=-221)
        self.pages["figures"].add_child(instance=figure)
        request = RequestFactory().get("/")
        data = structured_data(figure, request)
        self.assertNotIn("birthDate", data)
        item = make_heritage_item(
            self.pages, title="剪纸", key="Ⅶ-1", ladder=((Level.COUNTY, 2010),)
        )
        self.assertEqual(structured_data(item, request)["@type"], "CreativeWork")
