"""The import's database work per row is bounded: 3N rows cost no more per row than N.

Whatever a batch does once (the index page, the sibling slugs, the regions,
the existing records) must not be repeated for every row, so the queries
added by 2N more rows, divided by 2N, stay under a fixed ceiling.
"""

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from heritage_archive.records.heritage.models import HeritageItemPage
from tests.utils import build_site

from .helpers import ImportFilesMixin

HEADER = ["key", "title", "category", "listings", "region", "tags", "summary", "body"]
REGIONS = ["杨税务乡", "落垡镇", "码头镇"]
# Queries each new row may add. Almost all of them are Wagtail's own work for
# one page (three saves: create, revision, publish; each updates Wagtail's
# search index entry and reference index and re-reads the listings), plus the
# publish handlers (OAI state, search outbox). What the import itself read
# again for every row (the existing record, the siblings' slugs, the region)
# is now read once per file: 172 per row before, 169 after.
PER_ROW_CEILING = 170


def rows(count, start=1):
    return [
        [
            f"Ⅴ-{number}",
            f"安次快板{number}",
            "曲艺",
            "区级|第一批|2009|",
            REGIONS[number % len(REGIONS)],
            "曲艺、说唱",
            "一种说唱艺术。",
            "第一段。",
        ]
        for number in range(start, start + count)
    ]


class ImportQueryCountTests(ImportFilesMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        build_site()

    def queries_for(self, body, name):
        path = self.write_csv([HEADER, *body], name=name)
        with CaptureQueriesContext(connection) as queries:
            self.run_import("heritage", path)
        return len(queries)

    def test_queries_per_new_row_are_bounded(self):
        count = 4
        few = self.queries_for(rows(count), "few.csv")
        many = self.queries_for(rows(3 * count, start=100), "many.csv")

        self.assertEqual(HeritageItemPage.objects.count(), 4 * count)
        per_row = (many - few) / (2 * count)
        self.assertLessEqual(
            per_row, PER_ROW_CEILING, f"{few} queries for {count} rows, {many} for {3 * count}"
        )

    def test_reimporting_unchanged_rows_reads_a_bounded_number_per_row(self):
        count = 4
        self.queries_for(rows(3 * count), "all.csv")
        few = self.queries_for(rows(count), "few-again.csv")
        many = self.queries_for(rows(3 * count), "many-again.csv")

        self.assertIn("不变", self.last_stdout)
        per_row = (many - few) / (2 * count)
        self.assertLessEqual(per_row, 6, f"{few} queries for {count} rows, {many} for {3 * count}")
