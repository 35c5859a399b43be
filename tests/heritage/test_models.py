from django.core.exceptions import ValidationError
from wagtail.test.utils import WagtailPageTestCase

from heritage_archive.core.choices import Level
from heritage_archive.records.heritage.models import HeritageItemImage, HeritageListing
from tests.factories import make_heritage_item, make_inheritor
from tests.utils import build_site, make_image


class HeritageItemTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()
        cls.item = make_heritage_item(
            cls.pages,
            ladder=[
                (Level.PROVINCIAL, 2013),
                (Level.COUNTY, 2009),
                (Level.MUNICIPAL, 2011),
            ],
        )

    def test_level_is_the_highest_listing_whatever_the_order(self):
        self.item.refresh_from_db()
        self.assertEqual(self.item.level, Level.PROVINCIAL)
        self.assertEqual(self.item.level_year, 2013)

    def test_ladder_climbs_from_district_to_highest(self):
        ladder = [listing.level for listing in self.item.get_ladder()]
        self.assertEqual(ladder, [Level.COUNTY, Level.MUNICIPAL, Level.PROVINCIAL])

    def test_adding_a_national_listing_raises_the_level(self):
        item = make_heritage_item(self.pages, key="Ⅴ-9", title="测试曲艺", slug="ceshi-quyi")
        item.listings.add(HeritageListing(level=Level.NATIONAL, year=2021, batch="第五批"))
        item.save_revision().publish()
        item.refresh_from_db()
        self.assertEqual((item.level, item.level_year), (Level.NATIONAL, 2021))

    def test_key_folds_and_duplicate_spellings_clash(self):
        self.assertEqual(self.item.key_folded, "5-3")
        duplicate = self.item.__class__(title="重复", slug="chongfu", key="V-3", category="quyi")
        with self.assertRaises(ValidationError) as raised:
            duplicate.clean()
        self.assertIn("key", raised.exception.message_dict)

    def test_inheritors_relation_both_ways(self):
        teacher = make_inheritor(self.pages, title="王老师", key="CCR-100")
        student = make_inheritor(self.pages, title="李学生", key="CCR-101")
        student.teachers.add(teacher)
        student.items.add(self.item)
        student.save()
        self.assertEqual(list(teacher.students.all()), [student])
        self.assertEqual(list(self.item.inheritors.all()), [student])

    def test_gallery_image_needs_alt_text(self):
        image = make_image(alt="")
        gallery_image = HeritageItemImage(page=self.item, image=image)
        with self.assertRaises(ValidationError):
            gallery_image.clean()
        image.description = "艺人表演安次快板"
        image.save()
        gallery_image.clean()


class HeritageListingTests(WagtailPageTestCase):
    def test_listing_str_names_level_batch_year(self):
        listing = HeritageListing(level=Level.MUNICIPAL, batch="第三批", year=2013)
        self.assertEqual(str(listing), "市级 第三批 2013")
