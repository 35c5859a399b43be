"""Several drains at once: every change is applied at least once and the newest state wins."""

from unittest import mock

from django.test import TestCase, override_settings
from wagtail.models import Page

import search.indexing
from search.indexing import claim_entries, drain_outbox
from search.models import IndexingOutboxEntry, SearchRecord
from tests.search.fixtures import create_fixture_records
from tests.search.test_contract import drain_all


@override_settings(ELASTICSEARCH_URL="")
class ConcurrentDrainTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = create_fixture_records()
        drain_all()

    def publish_title(self, title):
        page = Page.objects.get(pk=self.pages["kuaiban"].pk).specific
        page.title = title
        page.save_revision().publish()

    def test_a_drain_overtaken_by_another_leaves_the_newest_state(self):
        """Drain A reads the page; the page changes and drain B runs to the end; then A writes."""
        self.publish_title("安次快板甲版")
        real_build = search.indexing.build_record
        overtaken = []

        def build_then_get_overtaken(page):
            record = real_build(page)
            if not overtaken:
                overtaken.append(page.pk)
                self.publish_title("安次快板乙版")
                drain_outbox()  # drain B, while A holds its rows
            return record

        with mock.patch("search.indexing.build_record", build_then_get_overtaken):
            drain_outbox()  # drain A
        self.assertEqual(overtaken, [self.pages["kuaiban"].pk])
        drain_all()
        record = SearchRecord.objects.get(page_id=self.pages["kuaiban"].pk)
        self.assertEqual(record.title, "安次快板乙版")
        self.assertFalse(IndexingOutboxEntry.objects.exists())

    def test_each_row_goes_to_one_drain(self):
        self.publish_title("安次快板丙版")
        first_token, first = claim_entries()
        second_token, second = claim_entries()
        self.assertEqual(len(first), 1)
        self.assertEqual(second, [])
        self.assertNotEqual(first_token, second_token)
        # A drain that died leaves its claim; once the lease is over the row is free again.
        IndexingOutboxEntry.objects.update(
            claimed_at=first[0].claimed_at - search.indexing.CLAIM_LEASE * 2
        )
        _token, reclaimed = claim_entries()
        self.assertEqual([entry.pk for entry in reclaimed], [first[0].pk])


@override_settings(ELASTICSEARCH_URL="")
class ReconcileVisibilityTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = create_fixture_records()
        drain_all()

    def test_reconcile_finds_a_restriction_no_signal_announced(self):
        from wagtail.models import PageViewRestriction

        from search.reindex import has_drift, reconcile

        page = self.pages["kuaiban"]
        # bulk_create sends no post_save: the index cannot have heard of it.
        PageViewRestriction.objects.bulk_create(
            [PageViewRestriction(page=page, restriction_type=PageViewRestriction.LOGIN)]
        )
        self.assertFalse(IndexingOutboxEntry.objects.exists())
        report = reconcile(repair=True, progress=lambda message: None)
        self.assertEqual(report["database"]["extra"], ["heritage:Ⅴ-3"])
        self.assertFalse(SearchRecord.objects.filter(page_id=page.pk).exists())
        self.assertFalse(has_drift(reconcile(progress=lambda message: None)))


@override_settings(ELASTICSEARCH_URL="")
class FailedDrainTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = create_fixture_records()
        drain_all()

    def test_a_drain_that_fails_gives_its_rows_back_at_once(self):
        page = Page.objects.get(pk=self.pages["kuaiban"].pk).specific
        page.title = "安次快板丁版"
        page.save_revision().publish()
        with (
            mock.patch("search.indexing.build_record", side_effect=RuntimeError("坏数据")),
            self.assertRaises(RuntimeError),
        ):
            drain_outbox()
        self.assertEqual(
            list(IndexingOutboxEntry.objects.values_list("claimed_by", flat=True)), [""]
        )
        drain_all()
        self.assertEqual(SearchRecord.objects.get(page_id=page.pk).title, "安次快板丁版")
