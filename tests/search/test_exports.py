"""Exports a researcher can use: Chinese headers (or English), labels, links, a named file."""

import csv
import datetime
import io
import json
from email.message import Message
from email.utils import collapse_rfc2231_value

from django.test import TestCase, override_settings
from django.utils import timezone
from wagtail.models import Site

from heritage_archive.core.choices import Category, Level
from heritage_archive.records.registry import record_types
from search.exports import content_disposition, export_filename
from search.query import SearchRequest
from tests.search.fixtures import create_fixture_records
from tests.search.test_contract import drain_all

ZH_HEADERS = ["记录标识", "类型", "编号", "标题", "链接", "简介", "类别", "级别", "年份", "地区"]
EN_HEADERS = ["id", "type", "key", "title", "url", "summary", "category", "level", "year", "region"]


def streamed(response):
    return b"".join(response.streaming_content).decode("utf-8")


def disposition(response):
    """``(type, {parameter: value})`` of Content-Disposition, RFC 2231/5987 values decoded."""
    message = Message()
    message["Content-Disposition"] = response["Content-Disposition"]
    params = message.get_params(header="content-disposition")
    kind = params[0][0]
    values = {}
    for name, value in params[1:]:
        key = "filename*" if isinstance(value, tuple) else name
        values[key] = collapse_rfc2231_value(value)
    return kind, values


def csv_rows(response):
    body = streamed(response)
    assert body.startswith("\ufeff"), "the CSV keeps its BOM for spreadsheet programs"
    return list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))


@override_settings(ELASTICSEARCH_URL="", SITE_BASE_URL="")
class ExportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = create_fixture_records()
        drain_all()

    def setUp(self):
        Site.clear_site_root_paths_cache()
        self.root = Site.objects.get(is_default_site=True).root_url

    def export(self, extension, **params):
        response = self.client.get(f"/api/search/export.{extension}", params)
        self.assertEqual(response.status_code, 200)
        return response

    def test_csv_headers_are_chinese_by_default_and_english_on_request(self):
        self.assertEqual(csv_rows(self.export("csv"))[0], ZH_HEADERS)
        self.assertEqual(csv_rows(self.export("csv", headers="zh"))[0], ZH_HEADERS)
        self.assertEqual(csv_rows(self.export("csv", headers="en"))[0], EN_HEADERS)
        # An unknown choice is ignored, not an error.
        self.assertEqual(csv_rows(self.export("csv", headers="<x>"))[0], ZH_HEADERS)

    def test_json_keys_follow_the_same_choice(self):
        rows = json.loads(streamed(self.export("json")))
        self.assertTrue(rows)
        self.assertTrue(all(list(row) == ZH_HEADERS for row in rows))
        rows = json.loads(streamed(self.export("json", headers="en")))
        self.assertTrue(all(list(row) == EN_HEADERS for row in rows))

    def test_codes_are_exported_as_the_labels_the_site_shows(self):
        for extension in ("csv", "json"):
            with self.subTest(extension=extension):
                if extension == "csv":
                    header, *cells = csv_rows(self.export("csv", headers="en"))
                    rows = [dict(zip(header, row, strict=True)) for row in cells]
                else:
                    rows = json.loads(streamed(self.export("json", headers="en")))
                by_key = {row["key"]: row for row in rows if row["key"]}
                chuige = by_key["Ⅱ-28"]
                self.assertEqual(chuige["type"], "非遗项目")
                self.assertEqual(chuige["category"], "传统音乐")
                self.assertEqual(chuige["level"], "区级")
                self.assertEqual(by_key["Ⅳ-1"]["level"], "省级")
                self.assertEqual(by_key["CCR-001"]["type"], "传承人")
                self.assertEqual(by_key["CCR-001"]["level"], "市级")
                codes = {*Category.values, *Level.values, *(t.name for t in record_types())}
                for row in rows:
                    self.assertFalse(
                        codes & {row["type"], row["category"], row["level"]}, row["title"]
                    )

    def test_links_are_absolute_on_the_configured_site(self):
        site = Site.objects.get(is_default_site=True)
        site.hostname, site.port = "archive.example.org", 8443
        site.save()
        Site.clear_site_root_paths_cache()
        header, *cells = csv_rows(self.export("csv"))
        links = [row[header.index("链接")] for row in cells]
        json_links = [row["链接"] for row in json.loads(streamed(self.export("json")))]
        for links_of_export in (links, json_links):
            self.assertEqual(len(links_of_export), len(cells))
            for link in links_of_export:
                self.assertTrue(link.startswith("http://archive.example.org:8443/"), link)
        self.assertIn(
            "http://archive.example.org:8443" + self.pages["jingju"].get_url_parts()[2], links
        )

    def test_the_file_is_named_after_the_query_and_the_day(self):
        today = timezone.localdate().isoformat()
        for extension in ("csv", "json"):
            with self.subTest(extension=extension):
                response = self.export(extension, q="京剧")
                kind, params = disposition(response)
                self.assertEqual(kind, "attachment")
                self.assertEqual(params["filename*"], f"安次非遗检索_京剧_{today}.{extension}")
                self.assertEqual(params["filename"], f"anci-search_{today}.{extension}")
                kind, params = disposition(self.export(extension))
                self.assertEqual(params["filename*"], f"安次非遗检索_{today}.{extension}")

    def test_file_names_are_safe_for_any_query(self):
        day = datetime.date(2026, 12, 3)
        name, ascii_name = export_filename(
            SearchRequest(q='剪纸 / a"b\\c:*?<>| Ⅴ-3'), "csv", today=day
        )
        self.assertEqual(name, "安次非遗检索_剪纸_a_b_c_Ⅴ-3_2026-12-03.csv")
        self.assertEqual(ascii_name, "anci-search_a_b_c_3_2026-12-03.csv")
        self.assertTrue(ascii_name.isascii())
        header = content_disposition(name, ascii_name)
        self.assertTrue(header.isascii())
        self.assertIn('filename="anci-search_a_b_c_3_2026-12-03.csv"', header)
