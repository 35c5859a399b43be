"""Personal data stays with the sign-up: not in search, OAI, the API, backups or logs.

And every list shows phones masked, except to the group 活动报名员.
"""

import csv
import io
import logging
import tempfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import TestCase
from django.urls import reverse
from wagtail.models import PageViewRestriction

from heritage_archive.preservation.backup import export_archive
from heritage_archive.site.signups import booking
from heritage_archive.site.signups.models import Signup, mask_phone
from heritage_archive.site.signups.roles import SIGNUP_STAFF
from tests.utils import build_site

from .helpers import form_data, make_event

NAME = "报名隐私测试者"
PHONE = "13812345678"
MASKED = "138****5678"


class CapturingHandler(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.lines = []

    def emit(self, record):
        self.lines.append(self.format(record))


class SignupPrivacyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()
        cls.event = make_event(cls.pages, title="隐私测试活动")
        cls.signup = booking.book(
            cls.event, name=NAME, phone=PHONE, seats=1, extra={}, notice_version="x"
        )
        User = get_user_model()
        curators = Group.objects.create(name="测试编辑")
        curators.permissions.add(
            Permission.objects.get(codename="access_admin"),
            Permission.objects.get(codename="view_signup"),
            Permission.objects.get(codename="change_signup"),
        )
        cls.curator = User.objects.create_user("curator", password="x")
        cls.curator.groups.add(curators)
        cls.staff = User.objects.create_user("signup-staff", password="x")
        cls.staff.groups.add(Group.objects.get(name=SIGNUP_STAFF))
        cls.outsider = User.objects.create_user("outsider", password="x")
        cls.outsider.groups.add(Group.objects.get(name="Editors"))

    def leaks(self, content):
        text = content.decode() if isinstance(content, bytes) else content
        return [value for value in (NAME, PHONE) if value in text]

    def test_mask(self):
        self.assertEqual(mask_phone(PHONE), MASKED)
        self.assertEqual(self.signup.masked_name, "报******")

    def test_staff_list_and_csv_are_masked_for_curators(self):
        self.client.force_login(self.curator)
        listing = self.client.get(reverse("signups_admin:list", args=[self.event.pk]))
        self.assertContains(listing, MASKED)
        self.assertEqual(self.leaks(listing.content), [])
        export = self.client.get(reverse("signups_admin:export", args=[self.event.pk]))
        rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
        self.assertEqual(rows[1][:2], ["报******", MASKED])
        self.assertEqual(self.leaks(export.content), [])
        dashboard = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(dashboard, "隐私测试活动")
        self.assertEqual(self.leaks(dashboard.content), [])

    def test_the_signup_group_sees_full_data(self):
        self.client.force_login(self.staff)
        listing = self.client.get(reverse("signups_admin:list", args=[self.event.pk]))
        self.assertContains(listing, PHONE)
        self.assertContains(listing, NAME)
        export = self.client.get(reverse("signups_admin:export", args=[self.event.pk]))
        rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
        self.assertEqual(rows[1][:2], [NAME, PHONE])
        self.assertIn("no-store", export["Cache-Control"])

    def test_others_see_nothing(self):
        for user in (None, self.outsider):
            self.client.logout()
            if user:
                self.client.force_login(user)
            for url in (
                reverse("signups_admin:index"),
                reverse("signups_admin:list", args=[self.event.pk]),
                reverse("signups_admin:export", args=[self.event.pk]),
            ):
                response = self.client.get(url)
                self.assertIn(response.status_code, (302, 403), url)
                self.assertEqual(self.leaks(response.content), [], url)

    def test_not_in_search_oai_api_sitemap_or_feeds(self):
        # The search echoes its query, so for the name and phone it is the
        # results that must be empty.
        for query in (NAME, PHONE, MASKED):
            response = self.client.get("/api/search/", {"q": query})
            self.assertEqual(response.json()["results"], [], query)
        urls = [
            "/api/search/?q=隐私测试活动",
            "/search/?q=隐私测试活动",
            "/api/search/export.csv?q=隐私测试活动",
            "/oai/?verb=ListRecords&metadataPrefix=oai_dc",
            "/api/v2/pages/?type=events.EventPage&fields=*",
            f"/api/v2/pages/{self.event.pk}/",
            "/sitemap.xml",
            "/feeds/records/atom/",
            self.event.url,
        ]
        for url in urls:
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            content = (
                b"".join(response.streaming_content) if response.streaming else response.content
            )
            self.assertEqual(self.leaks(content), [], url)
        self.assertNotIn("/signup/", self.client.get("/sitemap.xml").content.decode())

    def test_not_in_the_backup(self):
        with tempfile.TemporaryDirectory() as directory:
            export_archive(Path(directory) / "bag")
            for path in Path(directory).rglob("*"):
                if path.is_file() and path.suffix in {".json", ".csv", ".txt"}:
                    self.assertEqual(self.leaks(path.read_text("utf-8")), [], path)

    def test_not_in_the_logs(self):
        handler = CapturingHandler()
        root = logging.getLogger()
        old_level = root.level
        root.addHandler(handler)
        root.setLevel(logging.DEBUG)
        try:
            url = reverse("signups:form", args=[self.event.pk])
            self.client.post(url, form_data("13900001111", name="日志测试者"))
            self.client.post(url, form_data("13900001111", name="日志测试者"))  # duplicate: 409
            self.client.post(url, form_data("1390000111x", name="日志测试者", website="x"))  # 400
        finally:
            root.removeHandler(handler)
            root.setLevel(old_level)
        self.assertTrue(handler.lines)  # the 409 and 400 are logged, without their data
        logged = "\n".join(handler.lines)
        for value in ("13900001111", "1390000111x", "日志测试者"):
            self.assertNotIn(value, logged)

    def test_a_private_or_unpublished_page_takes_no_sign_ups(self):
        private = make_event(self.pages, title="内部活动")
        PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        draft = make_event(self.pages, title="草稿活动")
        draft.unpublish()
        for page in (private, draft):
            url = reverse("signups:form", args=[page.pk])
            self.assertEqual(self.client.get(url).status_code, 404)
            self.assertEqual(self.client.post(url, form_data("13700001111")).status_code, 404)
        self.assertFalse(Signup.objects.filter(page__in=[private, draft]).exists())
