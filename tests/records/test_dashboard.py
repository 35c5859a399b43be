"""The archive's dashboard on the demo content: counts, review queue, recent changes, work lists.

Each list is checked against records the test changes on purpose (an inheritor
made 80 without a recording, an item that loses its protection unit), and
each is seen only by those who may edit the records on it.
"""

import csv
import io

from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.utils import timezone

from heritage_archive.core.roles import HERITAGE_MANAGERS, NEWS_EDITORS
from heritage_archive.records.heritage.models import HeritageItemPage
from heritage_archive.records.inheritors.models import InheritorPage


def user_in(group_name, username):
    user = get_user_model().objects.create_user(username, f"{username}@example.com", "pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@override_settings(ELASTICSEARCH_URL="")
class ArchiveDashboardTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo_content", stdout=io.StringIO())
        cls.admin = get_user_model().objects.create_superuser("guanli", "g@example.com", "pw")
        cls.manager = user_in(HERITAGE_MANAGERS, "feiyi")
        cls.news_editor = user_in(NEWS_EDITORS, "xinxi")
        this_year = timezone.localdate().year
        with_media = InheritorPage.objects.filter(media_items__isnull=False).distinct()
        without_media = InheritorPage.objects.filter(media_items__isnull=True)
        # Made old on purpose: one with a recording (stays off), one without (on).
        cls.recorded_elder = with_media.first()
        cls.unrecorded_elder = without_media.first()
        cls.unrecorded_young = without_media.exclude(pk=cls.unrecorded_elder.pk).first()
        for inheritor, birth_year in (
            (cls.recorded_elder, this_year - 85),
            (cls.unrecorded_elder, this_year - 80),
            (cls.unrecorded_young, this_year - 40),
        ):
            inheritor.birth_year = birth_year
            inheritor.save_revision().publish()
        cls.item = HeritageItemPage.objects.exclude(protection_unit="").first()
        cls.item.protection_unit = ""
        cls.item.save_revision().publish()

    def dashboard(self, user):
        self.client.force_login(user)
        response = self.client.get("/admin/")
        self.assertEqual(response.status_code, 200)
        return BeautifulSoup(response.content, "html.parser")

    def panel(self, soup, panel_id):
        # Wagtail's panel tag names the section "<id>-section".
        return soup.find(id=f"{panel_id}-section")

    def worklist_csv(self, user, slug):
        self.client.force_login(user)
        response = self.client.get(f"/admin/archive/worklists/{slug}.csv")
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response["Content-Disposition"])
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))

    def test_summary_counts_every_record_type_by_category_level_and_region(self):
        summary = self.panel(self.dashboard(self.admin), "archive-summary")
        self.assertIsNotNone(summary)
        text = summary.get_text(" ", strip=True)
        items = HeritageItemPage.objects.count()
        self.assertIn(f"非遗项目 {items} {HeritageItemPage.objects.live().count()}", text)
        self.assertIn(f"传承人 {InheritorPage.objects.count()}", text)
        for heading in ("按类别", "按最高级别", "按所属地区"):
            self.assertIn(heading, text)
        # The category table lists the labels in the list's order, Ⅰ before Ⅹ.
        category_table = summary.find_all("details")[0]
        rows = [row.th.get_text(strip=True) for row in category_table.tbody.find_all("tr")]
        self.assertIn("民间文学", rows)
        self.assertLess(rows.index("民间文学"), rows.index("民俗"))
        counted = sum(int(row.td.get_text()) for row in category_table.tbody.find_all("tr"))
        self.assertEqual(counted, items)

    def test_rescue_recording_lists_elderly_inheritors_without_a_recording(self):
        worklist = self.panel(self.dashboard(self.admin), "rescue-recording")
        titles = [a.get_text(strip=True) for a in worklist.tbody.find_all("a")]
        self.assertIn(self.unrecorded_elder.title, titles)
        self.assertNotIn(self.recorded_elder.title, titles)
        self.assertNotIn(self.unrecorded_young.title, titles)
        self.assertIn("80 岁", worklist.get_text())
        rows = self.worklist_csv(self.admin, "rescue-recording")
        self.assertEqual(rows[0], ["编号", "标题", "状态", "原因", "编辑链接"])
        self.assertIn(self.unrecorded_elder.title, [row[1] for row in rows[1:]])
        self.assertTrue(all(row[4].startswith("http") for row in rows[1:]))

    def test_incomplete_items_name_what_is_missing(self):
        worklist = self.panel(self.dashboard(self.admin), "incomplete-heritage-items")
        rows = self.worklist_csv(self.admin, "incomplete-heritage-items")
        reasons = {row[1]: row[3] for row in rows[1:]}
        self.assertIn("保护单位", reasons[self.item.title])
        complete = HeritageItemPage.objects.exclude(protection_unit="").exclude(summary="")
        complete = complete.filter(gallery_images__isnull=False, listings__notice_number__gt="")
        self.assertTrue(complete.exists(), "the demo has complete items")
        for item in complete.distinct():
            self.assertNotIn(item.title, reasons)
        self.assertIn(self.item.title, worklist.get_text())

    def test_review_queue_shows_submitted_records(self):
        item = HeritageItemPage.objects.live().exclude(pk=self.item.pk).first()
        item.summary = "修改后的简介，待审"
        item.save_revision(user=self.manager)
        item.get_workflow().start(item, self.manager)
        review = self.panel(self.dashboard(self.admin), "records-awaiting-review")
        self.assertIn(item.title, review.get_text())
        self.assertIn(
            item.title,
            self.panel(self.dashboard(self.manager), "records-awaiting-review").get_text(),
        )

    def test_recent_changes_lead_with_the_last_edited_record(self):
        recent = self.panel(self.dashboard(self.admin), "recent-records")
        first = recent.tbody.find("a").get_text(strip=True)
        self.assertEqual(first, self.item.title)

    def test_a_news_editor_sees_no_record_of_the_heritage_lists(self):
        soup = self.dashboard(self.news_editor)
        text = soup.get_text(" ")
        for title in (self.item.title, self.unrecorded_elder.title):
            self.assertNotIn(title, text)
        rows = self.worklist_csv(self.news_editor, "rescue-recording")
        self.assertEqual(rows[1:], [])
        # The heritage manager edits the records, so sees them.
        manager_text = self.dashboard(self.manager).get_text(" ")
        self.assertIn(self.unrecorded_elder.title, manager_text)

    def test_an_unknown_list_is_404(self):
        self.client.force_login(self.admin)
        self.assertEqual(self.client.get("/admin/archive/worklists/nope.csv").status_code, 404)

    def test_anonymous_visitors_are_sent_to_the_login(self):
        response = self.client.get("/admin/archive/worklists/rescue-recording.csv")
        self.assertEqual(response.status_code, 302)
        self.assertIn("login", response["Location"])
