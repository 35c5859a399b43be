"""OAI-PMH ListRecords costs a fixed number of queries per page, whatever the number of records."""

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase

from heritage_archive.core.choices import Category, Level
from heritage_archive.core.models import Region
from heritage_archive.records.heritage.models import HeritageItemPage, HeritageListing
from heritage_archive.records.inheritors.models import InheritorDesignation, InheritorPage
from tests.interop.helpers import NS, make_figure, oai_get
from tests.utils import build_site


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@override_settings(OAI_PAGE_SIZE=100)
class ListRecordsQueryTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()
        cls.region = Region.objects.create(name="码头镇")
        cls.count = 0

    def add_records(self, n):
        """``n`` records of each type, related to each other, with tags and listings."""
        for _ in range(n):
            self.count += 1
            number = self.count
            item = HeritageItemPage(
                title=f"项目{number}", slug=f"item-{number}", key=f"Ⅲ-{number}",
                category=Category.QUYI, region=self.region,
            )  # fmt: skip
            item.listings.add(HeritageListing(level=Level.COUNTY, year=2010))
            item.tags.add(f"标签{number}", "共同")
            publish(self.pages["heritage_items"], item)
            person = InheritorPage(
                title=f"传承人{number}", slug=f"person-{number}", key=f"C-{number}",
                region=self.region,
            )  # fmt: skip
            person.designations = [InheritorDesignation(level=Level.COUNTY, year=2012)]
            person.items = [item]
            person.tags.add(f"人{number}")
            publish(self.pages["inheritors"], person)
            figure = make_figure(self.pages, title=f"名人{number}", key=f"MR-{number:03}")
            figure.related_items = [item]
            figure.save_revision().publish()

    def list_records(self):
        oai_get(self.client, verb="ListRecords", metadataPrefix="oai_dc")  # warm per-process caches
        with CaptureQueriesContext(connection) as queries:
            root = oai_get(self.client, verb="ListRecords", metadataPrefix="oai_dc")
        return len(root.findall(".//oai:record", NS)), len(queries)

    def test_n_and_3n_records_cost_the_same(self):
        self.add_records(2)
        small_records, small = self.list_records()
        self.add_records(4)
        large_records, large = self.list_records()
        self.assertEqual((small_records, large_records), (6, 18))
        self.assertEqual(large, small)
        self.assertLessEqual(small, 28)

    def test_related_records_the_public_may_not_see_are_not_named(self):
        self.add_records(1)
        item = HeritageItemPage.objects.get(key="Ⅲ-1")
        draft = InheritorPage(title="草稿传人", slug="draft", key="C-draft")
        self.pages["inheritors"].add_child(instance=draft)
        draft.items = [item]
        draft.save_revision()
        draft.unpublish()
        private = publish(
            self.pages["inheritors"], InheritorPage(title="私密传人", slug="private", key="C-p")
        )
        private.items = [item]
        private.save_revision().publish()
        PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        body = self.client.get("/oai/", {"verb": "ListRecords", "metadataPrefix": "oai_dc"})
        text = body.content.decode()
        self.assertIn("项目1", text)
        self.assertNotIn("/draft/", text)
        self.assertNotIn("/private/", text)
        self.assertNotIn("私密传人", text)
