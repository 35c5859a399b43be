"""The read-only API v2: domain fields per record type, type filters, no drafts."""

from django.test import TestCase

from heritage_archive.core.models import Region
from heritage_archive.records.figures.models import FigurePage
from tests.factories import make_heritage_item, make_inheritor
from tests.utils import build_site, make_image

from .helpers import make_figure


class ApiTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()
        region = Region.objects.create(name="杨税务乡")
        cls.item = make_heritage_item(
            cls.pages, region=region, protection_unit="安次区文化馆", summary="曲艺。"
        )
        cls.item.tags.add("快板")
        cls.item.save_revision().publish()
        cls.teacher = make_inheritor(cls.pages, title="李师傅", key="CCR-000")
        cls.inheritor = make_inheritor(cls.pages, title="张师傅", key="CCR-001", birth_year=1950)
        cls.inheritor.items.add(cls.item)
        cls.inheritor.teachers.add(cls.teacher)
        cls.inheritor.save_revision().publish()
        cls.figure = make_figure(
            cls.pages, alt_names="晓岚", era="清", birth_year=1724, sources="《清史稿》"
        )
        cls.draft = FigurePage(title="未发布人物", slug="draft", key="MR-DRAFT", live=False)
        cls.pages["figures"].add_child(instance=cls.draft)
        cls.draft.save_revision()
        cls.image = make_image("接口图片")
        cls.inheritor.portrait = cls.image
        cls.inheritor.save_revision().publish()
        cls.unused_image = make_image("未使用的图片")

    def get(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, response.content[:500])
        return response.json()

    def test_heritage_item_list_and_detail(self):
        data = self.get("/api/v2/pages/?type=heritage.HeritageItemPage&fields=*")
        self.assertEqual(data["meta"]["total_count"], 1)
        item = data["items"][0]
        self.assertEqual(item["key"], "Ⅴ-3")
        self.assertEqual(item["category"], "quyi")
        self.assertEqual(item["region"], "杨税务乡")
        self.assertEqual(item["level"], "municipal")
        self.assertEqual([listing["year"] for listing in item["listings"]], [2009, 2013])
        self.assertEqual(item["tags"], ["快板"])
        self.assertEqual([p["key"] for p in item["inheritors"]], ["CCR-001"])
        detail = self.get(f"/api/v2/pages/{self.item.pk}/")
        self.assertEqual(detail["protection_unit"], "安次区文化馆")
        self.assertEqual(detail["summary"], "曲艺。")

    def test_inheritor_list_and_detail(self):
        data = self.get("/api/v2/pages/?type=inheritors.InheritorPage&fields=*")
        self.assertEqual(sorted(i["key"] for i in data["items"]), ["CCR-000", "CCR-001"])
        detail = self.get(f"/api/v2/pages/{self.inheritor.pk}/")
        self.assertEqual(detail["birth_year"], 1950)
        self.assertEqual([p["title"] for p in detail["items"]], [self.item.title])
        self.assertEqual([p["key"] for p in detail["teachers"]], ["CCR-000"])
        teacher = self.get(f"/api/v2/pages/{self.teacher.pk}/")
        self.assertEqual([p["key"] for p in teacher["students"]], ["CCR-001"])

    def test_figure_list_and_detail(self):
        data = self.get("/api/v2/pages/?type=figures.FigurePage&fields=key,era,alt_names")
        self.assertEqual([f["key"] for f in data["items"]], ["MR-001"])
        detail = self.get(f"/api/v2/pages/{self.figure.pk}/")
        self.assertEqual(detail["era"], "清")
        self.assertEqual(detail["birth_year"], 1724)
        self.assertEqual(detail["sources"], "《清史稿》")

    def test_drafts_are_not_exposed(self):
        self.assertEqual(self.client.get(f"/api/v2/pages/{self.draft.pk}/").status_code, 404)
        data = self.get("/api/v2/pages/?type=figures.FigurePage")
        self.assertNotIn(self.draft.pk, [f["id"] for f in data["items"]])

    def test_unpublished_relations_are_hidden(self):
        self.teacher.unpublish()
        detail = self.get(f"/api/v2/pages/{self.inheritor.pk}/")
        self.assertEqual(detail["teachers"], [])

    def test_images_endpoint(self):
        data = self.get("/api/v2/images/")
        listed = [image["id"] for image in data["items"]]
        self.assertIn(self.image.pk, listed)
        # Only images a live, public page uses are listed.
        self.assertNotIn(self.unused_image.pk, listed)
        self.assertEqual(
            self.client.get(f"/api/v2/images/{self.unused_image.pk}/").status_code, 404
        )
        self.assertEqual(self.get(f"/api/v2/images/{self.image.pk}/")["title"], "接口图片")
        self.assertEqual(self.get("/api/v2/documents/")["meta"]["total_count"], 0)

    def test_bad_parameters_are_client_errors(self):
        for url in (
            "/api/v2/pages/?type=nope.Nope",
            "/api/v2/pages/?fields=nonexistent",
            "/api/v2/pages/?limit=abc",
            "/api/v2/pages/?order=nonexistent",
            "/api/v2/pages/?type=heritage.HeritageItemPage&key=x&fields=*&offset=-1",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 400)

    def test_search_api_is_not_shadowed(self):
        response = self.client.get("/api/search/?q=快板")
        self.assertNotEqual(response.status_code, 404)
        self.assertEqual(self.client.get("/api/v2/search/").status_code, 404)
