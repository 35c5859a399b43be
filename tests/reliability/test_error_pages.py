"""Error pages that hold when the database does not: the 500 page reads nothing from it."""

from django.conf import settings
from django.test import RequestFactory, SimpleTestCase, TestCase
from django.views.defaults import server_error

from tests.utils import build_site


class ServerErrorPageTests(SimpleTestCase):
    # SimpleTestCase refuses every database query, as a down database would.

    def test_the_500_page_renders_without_the_database(self):
        response = server_error(RequestFactory().get("/feiyi/"))
        self.assertEqual(response.status_code, 500)
        content = response.content.decode()
        self.assertIn("服务器暂时出错", content)
        self.assertIn('lang="zh-Hans"', content)

    def test_a_broken_persistent_connection_is_replaced_not_reused(self):
        database = settings.DATABASES["default"]
        self.assertTrue(database["CONN_HEALTH_CHECKS"])
        self.assertGreater(database["CONN_MAX_AGE"], 0)


class NotFoundPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_site()

    def test_a_missing_page_answers_404_in_chinese(self):
        response = self.client.get("/feiyi/xiangmu/no-such-item/")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "页面不存在", status_code=404)
