"""core.fragments: the navigation and footer are cached per site and dropped on every change."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.test.utils import WagtailPageTestCase

from heritage_archive.core.models import FriendlyLink, SiteSettings
from heritage_archive.site.pages.models import StandardPage
from tests.utils import build_site


class FragmentTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()
        cls.about = cls.pages["about"]

    def nav(self):
        return self.client.get("/").content.decode().split('id="main-nav"')[1].split("</nav>")[0]

    def footer(self):
        return self.client.get("/").content.decode().partition("<footer")[2]

    def test_cached_navigation_costs_no_query(self):
        self.client.get("/")  # build the fragments
        with CaptureQueriesContext(connection) as queries:
            self.client.get("/")
        # The menu query is the one reading the three menu levels by depth.
        self.assertFalse([q for q in queries if '"depth" IN (' in q["sql"]])
        self.assertFalse([q for q in queries if "core_friendlylink" in q["sql"]])

    def test_a_change_without_a_signal_is_not_seen(self):
        # Proves the fragment is cached: a row changed behind Django's back shows no change...
        self.assertIn("本馆概况", self.nav())
        Page.objects.filter(pk=self.about.pk).update(title="改名")
        self.assertIn("本馆概况", self.nav())
        self.assertIn("本馆概况", self.footer())

    def test_publish_changes_the_menu_and_footer(self):
        self.nav()
        page = self.about.specific
        page.title = "本馆简介"
        page.save_revision().publish()
        self.assertIn("本馆简介", self.nav())
        self.assertIn("本馆简介", self.footer())

    def test_unpublish_removes_the_section(self):
        self.nav()
        self.about.specific.unpublish()
        self.assertNotIn("本馆概况", self.nav())
        self.assertNotIn("本馆概况", self.footer())

    def test_new_live_page_in_the_menu_appears(self):
        self.nav()
        self.pages["home"].add_child(
            instance=StandardPage(title="新栏目", slug="xin", show_in_menus=True)
        )
        self.assertIn("新栏目", self.nav())

    def test_move_changes_the_menu(self):
        self.assertIn('href="/gaikuang/"', self.nav())
        self.about.move(self.pages["news"], pos="last-child")
        nav = self.nav()
        self.assertNotIn('href="/gaikuang/"', nav)
        self.assertIn('href="/xinxi/gaikuang/"', nav)

    def test_delete_removes_the_section(self):
        self.nav()
        Page.objects.get(pk=self.about.pk).delete()
        self.assertNotIn("本馆概况", self.nav())
        self.assertNotIn("本馆概况", self.footer())

    def test_view_restriction_hides_and_its_removal_shows(self):
        self.nav()
        restriction = PageViewRestriction.objects.create(
            page=self.about, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        self.assertNotIn("本馆概况", self.nav())
        self.assertNotIn("本馆概况", self.footer())
        restriction.delete()
        self.assertIn("本馆概况", self.nav())

    def test_site_settings_and_friendly_links_change_the_footer(self):
        self.footer()
        settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        settings.phone = "0316-1234567"
        settings.save()
        self.assertIn("0316-1234567", self.footer())
        link = FriendlyLink.objects.create(
            settings=settings, title="廊坊文旅", url="https://example.org/"
        )
        self.assertIn("廊坊文旅", self.footer())
        link.delete()
        self.assertNotIn("廊坊文旅", self.footer())

    def test_site_change_drops_the_fragments(self):
        self.nav()
        site = Site.objects.get(is_default_site=True)
        site.site_name = "另一个"
        site.save()
        Page.objects.filter(pk=self.about.pk).update(title="改名")
        self.assertIn("改名", self.nav())
