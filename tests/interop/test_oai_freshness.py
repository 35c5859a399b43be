"""OAI datestamps move whenever what a harvester would see of a record changes.

That includes changes the record itself did not publish: a relation added
from the other side, a related record made private, the record's own
restriction added or lifted.
"""

from datetime import UTC, datetime

from django.test import TestCase
from wagtail.models import Page, PageViewRestriction

from heritage_archive.interop import records
from heritage_archive.interop.models import OaiRecordState, OaiTombstone
from tests.factories import make_heritage_item, make_inheritor
from tests.utils import build_site

from .helpers import NS, header_identifiers, oai_get

LONG_AGO = datetime(2020, 1, 1, tzinfo=UTC)


class OaiFreshnessTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()
        cls.item = make_heritage_item(cls.pages, title="安次吹歌", key="Ⅱ-7")
        cls.other_item = make_heritage_item(cls.pages, title="安次剪纸", key="Ⅶ-8")
        cls.inheritor = make_inheritor(cls.pages, title="王师傅", key="CCR-077")

    def age(self, *pages):
        """As if every record had last changed long ago, before the harvest below."""
        ids = [page.pk for page in pages]
        Page.objects.filter(pk__in=ids).update(
            last_published_at=LONG_AGO, first_published_at=LONG_AGO
        )
        OaiRecordState.objects.filter(page_id__in=ids).update(datestamp=LONG_AGO)

    def changed_since(self, moment="2021-01-01"):
        root = oai_get(
            self.client, verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": moment}
        )
        return set(header_identifiers(root))

    def test_relation_added_from_the_other_side_moves_the_datestamp(self):
        self.age(self.item, self.other_item, self.inheritor)
        self.assertEqual(self.changed_since(), set())
        inheritor = Page.objects.get(pk=self.inheritor.pk).specific
        inheritor.items.add(self.item)
        inheritor.save_revision().publish()
        # The item was not published again, but its record now names the inheritor.
        self.assertEqual(
            self.changed_since(),
            {records.identifier_for(self.item), records.identifier_for(self.inheritor)},
        )

    def test_related_record_made_private_moves_the_datestamp(self):
        inheritor = Page.objects.get(pk=self.inheritor.pk).specific
        inheritor.items.add(self.item, self.other_item)
        inheritor.save_revision().publish()
        self.age(self.item, self.other_item, self.inheritor)
        PageViewRestriction.objects.create(page=self.other_item, restriction_type="login")
        changed = self.changed_since()
        self.assertIn(records.identifier_for(self.inheritor), changed)
        self.assertNotIn(records.identifier_for(self.item), changed)
        # The private item is reported deleted; the inheritor no longer names it.
        root = oai_get(
            self.client,
            verb="GetRecord",
            metadataPrefix="oai_dc",
            identifier=records.identifier_for(self.inheritor),
        )
        subjects = [element.text for element in root.iterfind(".//dc:subject", NS)]
        self.assertIn("安次吹歌", subjects)
        self.assertNotIn("安次剪纸", subjects)
        self.assertTrue(
            OaiTombstone.objects.filter(identifier=records.identifier_for(self.other_item)).exists()
        )

    def test_lifting_a_restriction_brings_the_record_back(self):
        restriction = PageViewRestriction.objects.create(
            page=self.other_item, restriction_type="login"
        )
        identifier = records.identifier_for(self.other_item)
        self.assertTrue(OaiTombstone.objects.filter(identifier=identifier).exists())
        self.age(self.item, self.inheritor)
        restriction.delete()
        self.assertFalse(OaiTombstone.objects.filter(identifier=identifier).exists())
        self.assertIn(identifier, self.changed_since())

    def test_unchanged_metadata_keeps_its_datestamp(self):
        self.age(self.item, self.other_item, self.inheritor)
        item = Page.objects.get(pk=self.item.pk).specific
        item.save_revision().publish()  # published again with nothing changed
        self.assertEqual(self.changed_since(), set())
