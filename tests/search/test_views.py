"""The search page and the exports (database backend)."""

import csv
import io
import json

from django.test import TestCase, override_settings

from heritage_archive.site.news.models import ArticlePage
from tests.search.fixtures import create_fixture_records
from tests.search.test_contract import drain_all


def streamed(response):
    return b"".join(response.streaming_content).decode("utf-8")


@override_settings(ELASTICSEARCH_URL="")
class SearchViewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = create_fixture_records()
        channel = cls.pages["article"].get_parent()
        channel.add_child(
            instance=ArticlePage(title="=HYPERLINK(1)", slug="formula", summary="@SUM(A1) 京剧")
        ).save_revision().publish()
        drain_all()

    def test_page_shows_facets_counts_highlights_and_sort(self):
        response = self.client.get("/search/", {"q": "京剧", "type": "heritage"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'name="type" value="heritage" checked')
        self.assertContains(response, '非遗项目 <span class="count">(1)</span>', html=False)
        self.assertContains(response, "安次<mark>京剧</mark>")
        self.assertContains(response, '<option value="title">')
        self.assertContains(response, "导出 CSV")

    def test_page_paginates_with_the_current_filters(self):
        response = self.client.get("/search/", {"sort": "title", "page_size": 2, "tag": "戏曲"})
        self.assertContains(response, "第 1 / 2 页")
        self.assertContains(response, "page=2")
        self.assertContains(response, "tag=%E6%88%8F%E6%9B%B2")

    def test_csv_export_has_bom_and_neutralises_formulas(self):
        response = self.client.get("/api/search/export.csv", {"q": "京剧"})
        self.assertEqual(response.status_code, 200)
        body = streamed(response)
        self.assertTrue(body.startswith("\ufeff"))
        rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
        self.assertEqual(rows[0][:4], ["记录标识", "类型", "编号", "标题"])
        titles = [row[3] for row in rows[1:]]
        self.assertIn("'=HYPERLINK(1)", titles)
        self.assertIn("'@SUM(A1) 京剧", [row[5] for row in rows[1:]])
        self.assertEqual(
            len(rows) - 1, self.client.get("/api/search/", {"q": "京剧"}).json()["total"]
        )

    def test_json_export_streams_every_result(self):
        total = self.client.get("/api/search/").json()["total"]
        response = self.client.get("/api/search/export.json", {"page_size": 1})
        rows = json.loads(streamed(response))
        self.assertEqual(len(rows), total)
        self.assertEqual(len({row["记录标识"] for row in rows}), total)

    def test_export_rejects_bad_parameters(self):
        self.assertEqual(self.client.get("/api/search/export.csv", {"sort": "x"}).status_code, 400)
