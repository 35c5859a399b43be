"""core.routing: the whole path in one query, with Wagtail's answers unchanged."""

import datetime

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.test.utils import WagtailPageTestCase

from heritage_archive.core.choices import Category
from heritage_archive.core.routing import route_for_request
from heritage_archive.records.heritage.models import HeritageItemPage
from heritage_archive.site.news.models import ArticlePage
from tests.utils import build_site


def wagtail_route(path):
    """What Wagtail's own segment-by-segment routing answers for ``path``."""
    request = RequestFactory().get(path)
    return Page.route_for_request(request, path)


class RoutingTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()
        cls.item = HeritageItemPage(
            title="安次剪纸", slug="jianzhi", key="Ⅶ-1", category=Category.TRADITIONAL_ART
        )
        cls.pages["heritage_items"].add_child(instance=cls.item)
        cls.article = ArticlePage(title="消息", slug="xiaoxi", date=datetime.date(2024, 1, 1))
        cls.pages["news_center"].add_child(instance=cls.article)

    def route(self, path):
        request = RequestFactory().get(path)
        Site.find_for_request(request)  # the site is read before routing, as in every view
        with CaptureQueriesContext(connection) as queries:
            result = route_for_request(request, path)
        return result, len(queries)

    def page_at(self, path):
        result, _count = self.route(path)
        return None if result is None else result[0]

    def test_a_deep_page_costs_two_queries(self):
        # Five levels down: one query for every page on the path, one for the page's own row.
        result, count = self.route("/feiyi/xiangmu/jianzhi/")
        self.assertEqual(result[0], self.item)
        self.assertIsInstance(result[0], HeritageItemPage)
        self.assertEqual(count, 2)
        self.assertEqual(self.client.get("/feiyi/xiangmu/jianzhi/").status_code, 200)

    def test_same_answers_as_wagtail(self):
        paths = [
            "/",
            "/feiyi/",
            "/feiyi/xiangmu/",
            "/feiyi/xiangmu/jianzhi/",
            "/xinxi/guanwudongtai/xiaoxi/",
            "/xinxi/guanwudongtai/feed/atom/",
            "/xinxi/guanwudongtai/feed/nothing/",
            "/feiyi/xiangmu/jianzhi/more/",
            "/no-such-page/",
            "/feiyi/no-such-page/child/",
        ]
        for path in paths:
            with self.subTest(path=path):
                ours, _count = self.route(path)
                theirs = wagtail_route(path)
                if theirs is None:
                    self.assertIsNone(ours)
                else:
                    self.assertEqual(
                        # A sub-page view is a bound method, equal by its repr only.
                        (ours[0].pk, type(ours[0]), repr(ours[1]), ours[2]),
                        (theirs[0].pk, type(theirs[0]), repr(theirs[1]), theirs[2]),
                    )

    def test_routable_page_sub_path_is_served(self):
        result, _count = self.route("/xinxi/guanwudongtai/feed/rss/")
        self.assertEqual(result[0].pk, self.pages["news_center"].pk)
        view, args, kwargs = result[1]
        self.assertEqual((view.__name__, args, kwargs), ("feed", (), {"fmt": "rss"}))
        response = self.client.get("/xinxi/guanwudongtai/feed/rss/")
        self.assertEqual(response.status_code, 200)
        self.assertIn("rss", response["Content-Type"])

    def test_unknown_paths_are_not_found(self):
        for path in ("/no-such-page/", "/feiyi/xiangmu/jianzhi/more/", "/feiyi/nothing/x/"):
            with self.subTest(path=path):
                self.assertEqual(self.page_at(path), None)
                self.assertEqual(self.client.get(path).status_code, 404)

    def test_unpublished_page_is_not_found(self):
        self.item.unpublish()
        self.assertIsNone(self.page_at("/feiyi/xiangmu/jianzhi/"))
        self.assertEqual(self.client.get("/feiyi/xiangmu/jianzhi/").status_code, 404)

    def test_page_under_an_unpublished_parent_is_served_as_wagtail_does(self):
        # Wagtail checks only the page asked for; the list being a draft hides nothing below.
        self.pages["heritage_items"].unpublish()
        self.assertEqual(self.page_at("/feiyi/xiangmu/jianzhi/"), self.item)
        self.assertEqual(self.client.get("/feiyi/xiangmu/").status_code, 404)

    def test_private_and_expired_pages_stay_hidden(self):
        PageViewRestriction.objects.create(
            page=self.pages["heritage"], restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        response = self.client.get("/feiyi/xiangmu/jianzhi/")
        body = response.content.decode()
        self.assertIn(response.status_code, (200, 401))
        self.assertIn('type="password"', body)
        self.assertNotIn("安次剪纸", body)
        PageViewRestriction.objects.all().delete()
        ArticlePage.objects.filter(pk=self.article.pk).update(
            expire_at=timezone.now() - datetime.timedelta(minutes=1)
        )
        self.assertEqual(self.client.get("/xinxi/guanwudongtai/xiaoxi/").status_code, 404)
        self.assertEqual(self.client.get("/feiyi/xiangmu/jianzhi/").status_code, 200)

    def test_moved_page_answers_at_its_new_path(self):
        self.item.move(self.pages["heritage"], pos="last-child")
        self.assertIsNone(self.page_at("/feiyi/xiangmu/jianzhi/"))
        self.assertEqual(self.page_at("/feiyi/jianzhi/"), self.item)
