"""The admin's edit forms, record listings and explorer cost the same at N and 3N records.

At 10,000 heritage items an item's edit form rendered a <select> of every
item (1.5 MB) and the explorer of 项目名录 ran 80 queries. Each view here is
measured once with N records and again after 2N more were added: the number
of queries must not move, and the edit form stays small whatever the count.
"""

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from heritage_archive.core.choices import Category, Level
from heritage_archive.core.models import Region
from heritage_archive.records.figures.models import FigurePage
from heritage_archive.records.heritage.models import (
    HeritageItemImage,
    HeritageItemPage,
    HeritageListing,
)
from heritage_archive.records.inheritors.models import InheritorDesignation, InheritorPage
from tests.utils import build_site, make_image

N = 4
# An edit form of a few hundred records' worth of options would pass a
# looser bound; 10,000 options were 1.5 MB.
MAX_EDIT_FORM_BYTES = 300 * 1024


@override_settings(ELASTICSEARCH_URL="")
class AdminQueryCountTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()
        cls.admin = get_user_model().objects.create_superuser("guanli", "g@example.com", "pw")
        cls.region = Region.objects.create(name="落垡镇")
        cls.image = make_image()
        cls.count = 0
        cls.item, cls.inheritor, cls.figure = cls.add_records(N)
        # Each edited record has the same few relations at N and 3N, so only
        # the number of records around it changes.
        others = list(HeritageItemPage.objects.exclude(pk=cls.item.pk)[:2])
        cls.item.related_items.set(others)
        cls.item.save_revision().publish()
        cls.inheritor.items.set(others)
        cls.inheritor.teachers.set(InheritorPage.objects.exclude(pk=cls.inheritor.pk)[:1])
        cls.inheritor.save_revision().publish()
        cls.figure.related_items.set(others)
        cls.figure.related_figures.set(FigurePage.objects.exclude(pk=cls.figure.pk)[:1])
        cls.figure.save_revision().publish()

    @classmethod
    def add_records(cls, n):
        first = None
        for _ in range(n):
            cls.count += 1
            i = cls.count
            item = HeritageItemPage(
                title=f"京剧测试项目{i}",
                slug=f"item-{i}",
                key=f"Ⅳ-{i}",
                category=Category.TRADITIONAL_DRAMA,
                region=cls.region,
                summary="一个测试项目。",
                protection_unit="安次区文化馆",
            )
            item.listings.add(HeritageListing(level=Level.COUNTY, year=2009, batch="第一批"))
            item.gallery_images.add(HeritageItemImage(image=cls.image))
            cls.pages["heritage_items"].add_child(instance=item)
            item.save_revision().publish()
            inheritor = InheritorPage(
                title=f"传承人{i}", slug=f"inheritor-{i}", key=f"CCR-{i}", region=cls.region
            )
            inheritor.designations.add(InheritorDesignation(level=Level.COUNTY, year=2010))
            cls.pages["inheritors"].add_child(instance=inheritor)
            inheritor.save_revision().publish()
            inheritor.items.set([item])
            inheritor.save_revision().publish()
            figure = FigurePage(title=f"名人{i}", slug=f"figure-{i}", key=f"MR-{i}")
            cls.pages["figures"].add_child(instance=figure)
            figure.save_revision().publish()
            if first is None:
                first = (item, inheritor, figure)
        return first

    def setUp(self):
        self.client.force_login(self.admin)

    def queries_of(self, url):
        with CaptureQueriesContext(connection) as context:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return len(context.captured_queries), response

    def urls(self):
        return {
            "heritage edit form": reverse("wagtailadmin_pages:edit", args=[self.item.pk]),
            "inheritor edit form": reverse("wagtailadmin_pages:edit", args=[self.inheritor.pk]),
            "figure edit form": reverse("wagtailadmin_pages:edit", args=[self.figure.pk]),
            "heritage listing": reverse("heritage_items:index"),
            "inheritor listing": reverse("inheritors:index"),
            "figure listing": reverse("figures:index"),
            "explorer of 项目名录": reverse(
                "wagtailadmin_explore", args=[self.pages["heritage_items"].pk]
            ),
            "explorer of 传承人": reverse(
                "wagtailadmin_explore", args=[self.pages["inheritors"].pk]
            ),
        }

    def test_the_query_count_does_not_grow_with_the_records(self):
        urls = self.urls()
        for url in urls.values():  # warm the caches (content types, site root paths)
            self.client.get(url)
        before = {name: self.queries_of(url)[0] for name, url in urls.items()}
        self.add_records(2 * N)
        self.assertEqual(HeritageItemPage.objects.count(), 3 * N)
        for url in urls.values():
            self.client.get(url)
        after = {name: self.queries_of(url)[0] for name, url in urls.items()}
        self.assertEqual(after, before)

    def test_the_edit_forms_list_no_records(self):
        self.add_records(2 * N)
        for name in ("heritage edit form", "inheritor edit form", "figure edit form"):
            with self.subTest(name):
                _, response = self.queries_of(self.urls()[name])
                html = response.content.decode()
                self.assertLess(len(response.content), MAX_EDIT_FORM_BYTES)
                # No <option> for a record that the form does not link to.
                self.assertNotIn(">京剧测试项目9<", html)
                self.assertNotIn(">传承人9<", html)
                self.assertNotIn(">名人9<", html)
                self.assertIn('data-controller="autocomplete-controller"', html)

    def test_the_autocomplete_finds_records_by_title_or_key(self):
        url = reverse("wagtailadmin_home") + "autocomplete/search/"
        response = self.client.post(url, {"type": "heritage.HeritageItemPage", "query": "iv-3"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual([hit["title"] for hit in response.json()["items"]], ["京剧测试项目3"])
        response = self.client.post(url, {"type": "heritage.HeritageItemPage", "query": "京劇测试"})
        self.assertEqual(len(response.json()["items"]), N)

    def test_the_autocomplete_answers_for_records_only(self):
        url = reverse("wagtailadmin_home") + "autocomplete/search/"
        for model in ("wagtailcore.Page", "auth.User", "nonsense", ""):
            with self.subTest(model):
                response = self.client.post(url, {"type": model, "query": "a"})
                self.assertEqual(response.status_code, 400)
        response = self.client.post(
            url, {"type": "heritage.HeritageItemPage", "query": "京剧", "limit": "x"}
        )
        self.assertEqual(response.status_code, 400)
        self.client.logout()
        response = self.client.post(url, {"type": "heritage.HeritageItemPage", "query": "京剧"})
        self.assertNotEqual(response.status_code, 200)


class UnreadableRelationTests(TestCase):
    """A relation posted as anything but the widget's JSON is refused, never a 500."""

    def test_the_field_refuses_what_the_widget_cannot_read(self):
        from django.core.exceptions import ValidationError

        form_class = HeritageItemPage.get_edit_handler().get_form_class()
        field = form_class.base_fields["related_items"]
        for posted in ("not json", "[1, 2]", '"text"', "{", '{"pk": 1}', "[{}]"):
            with self.subTest(posted):
                value = field.widget.value_from_datadict(
                    {"related_items": posted}, {}, "related_items"
                )
                with self.assertRaises(ValidationError):
                    field.clean(value)
        value = field.widget.value_from_datadict({"related_items": "[]"}, {}, "related_items")
        self.assertEqual(list(field.clean(value)), [])
