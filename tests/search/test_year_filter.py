"""A year that is not ASCII digits matches nothing on both backends; it never answers 500."""

from django.test import TestCase, override_settings

from tests.search.fixtures import (
    ElasticsearchTestMixin,
    create_fixture_records,
)
from tests.search.test_contract import drain_all

# Characters str.isdigit() accepts and int() refuses or reads otherwise.
ODD_YEARS = ["²", "²⁰⁰⁹", "①", "２００９", "٢٠٠٩", "-²"]


class YearFilterContract:
    @classmethod
    def setUpTestData(cls):
        cls.pages = create_fixture_records()
        drain_all()

    def test_odd_digits_match_nothing(self):
        for year in ODD_YEARS:
            with self.subTest(year=year):
                response = self.client.get("/api/search/", {"year": year})
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.json()["backend"], self.backend_name)
                self.assertEqual(response.json()["total"], 0)
                self.assertEqual(self.client.get("/search/", {"year": year}).status_code, 200)

    def test_a_real_year_still_filters(self):
        everything = self.client.get("/api/search/").json()
        years = [entry["value"] for entry in everything["facets"]["year"]]
        self.assertTrue(years)
        response = self.client.get("/api/search/", {"year": str(years[0])}).json()
        self.assertGreater(response["total"], 0)
        self.assertTrue(all(hit["year"] == years[0] for hit in response["results"]))


@override_settings(ELASTICSEARCH_URL="")
class DatabaseYearFilterTests(YearFilterContract, TestCase):
    backend_name = "database"


class ElasticsearchYearFilterTests(ElasticsearchTestMixin, YearFilterContract, TestCase):
    backend_name = "elasticsearch"
