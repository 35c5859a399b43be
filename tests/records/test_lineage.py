"""师承谱系: generations, loops, hidden people and the drawing on both record pages."""

from bs4 import BeautifulSoup
from django.test import TestCase
from wagtail.models import PageViewRestriction

from heritage_archive.core.choices import Level
from heritage_archive.records.inheritors.lineage import inheritor_lineage, item_lineage
from heritage_archive.records.inheritors.models import InheritorDesignation, InheritorPage
from tests.factories import make_heritage_item
from tests.utils import build_site


class LineageTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()
        cls.item = make_heritage_item(cls.pages, title="安次吹歌", key="Ⅱ-1")

    def person(self, title, *teachers, birth_year=None, publish=True, level=None):
        person = InheritorPage(
            title=title, slug=f"p{InheritorPage.objects.count()}",
            key=f"CCR-{InheritorPage.objects.count():03d}", birth_year=birth_year,
        )  # fmt: skip
        person.items = [self.item]
        person.teachers = list(teachers)
        if level:
            person.designations.add(InheritorDesignation(level=level, year=2018))
        self.pages["inheritors"].add_child(instance=person)
        if publish:
            person.save_revision().publish()
        else:
            person.unpublish()
        return person

    def names_by_generation(self, lineage):
        return [[node.page.title for node in row] for row in lineage.generations]


class InheritorLineageTests(LineageTestCase):
    def test_teachers_above_students_below_two_generations_each_way(self):
        grand = self.person("祖师", birth_year=1920)
        teacher = self.person("师父", grand, birth_year=1940)
        focus = self.person("本人", teacher, birth_year=1960)
        student = self.person("徒弟", focus, birth_year=1980)
        self.person("徒孙", student, birth_year=2000)
        self.person("曾徒孙", InheritorPage.objects.get(title="徒孙"))
        lineage = inheritor_lineage(focus)
        self.assertEqual(
            self.names_by_generation(lineage),
            [["祖师"], ["师父"], ["本人"], ["徒弟"], ["徒孙"]],
        )
        self.assertEqual([node.page.title for node in lineage.nodes if node.is_focus], ["本人"])
        self.assertEqual(len(lineage.edges), 4)

    def test_a_person_with_two_teachers_sits_below_the_later_one(self):
        elder = self.person("老师甲")
        middle = self.person("老师乙", elder)
        focus = self.person("本人", elder, middle)
        self.assertEqual(
            self.names_by_generation(inheritor_lineage(focus)), [["老师甲"], ["老师乙"], ["本人"]]
        )

    def test_a_loop_is_broken_once_and_counted(self):
        first = self.person("甲")
        second = self.person("乙", first)
        first.teachers = [second]
        first.save_revision().publish()
        lineage = inheritor_lineage(first)
        self.assertEqual(lineage.loops, 1)
        self.assertEqual(len(lineage.edges), 1)
        self.assertEqual(sorted(len(row) for row in lineage.generations), [1, 1])

    def test_a_hidden_teacher_is_left_out_and_the_line_through_them_is_cut(self):
        grand = self.person("祖师")
        hidden = self.person("未公开的师父", grand, publish=False)
        focus = self.person("本人", hidden)
        self.person("徒弟", focus)
        lineage = inheritor_lineage(focus)
        self.assertEqual(self.names_by_generation(lineage), [["本人"], ["徒弟"]])

    def test_a_restricted_student_is_left_out(self):
        focus = self.person("本人")
        student = self.person("受限的徒弟", focus)
        PageViewRestriction.objects.create(
            page=student, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        self.assertFalse(inheritor_lineage(focus))

    def test_no_recorded_lines_give_nothing_to_draw(self):
        self.assertFalse(inheritor_lineage(self.person("独自一人")))

    def test_queries_stay_bounded_however_wide_the_lines(self):
        def build(prefix, width):
            focus = self.person(
                f"{prefix}本人", *[self.person(f"{prefix}师{n}") for n in range(width)]
            )
            for n in range(width):
                student = self.person(f"{prefix}徒{n}", focus)
                self.person(f"{prefix}徒孙{n}", student)
            return focus

        narrow, wide = build("甲", 1), build("乙", 6)
        # Two generations each way (two reads of the teaching table), the
        # restrictions, the people: the same for one line as for six.
        with self.assertNumQueries(4):
            inheritor_lineage(narrow)
        with self.assertNumQueries(4):
            lineage = inheritor_lineage(wide)
        self.assertEqual([len(row) for row in lineage.generations], [6, 1, 6, 6])


class ItemLineageTests(LineageTestCase):
    def test_the_items_inheritors_by_generation_with_a_missing_link(self):
        founder = self.person("张德顺", birth_year=1930)
        second = self.person("张凤林", founder, birth_year=1955)
        self.person("张小明", second, birth_year=1985)
        self.person("李自学", birth_year=1970)  # no recorded teacher
        inheritors = InheritorPage.objects.live().filter(items=self.item)
        self.assertEqual(
            self.names_by_generation(item_lineage(inheritors)),
            [["张德顺", "李自学"], ["张凤林"], ["张小明"]],
        )

    def test_teachers_outside_the_item_do_not_count(self):
        outsider = InheritorPage(title="外项目师父", slug="outsider", key="CCR-900")
        self.pages["inheritors"].add_child(instance=outsider)
        outsider.save_revision().publish()
        self.person("本项目弟子", outsider)
        self.person("另一人")
        self.assertFalse(item_lineage(InheritorPage.objects.live().filter(items=self.item)))


class LineageOnThePagesTests(LineageTestCase):
    def get_soup(self, page):
        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200)
        return BeautifulSoup(response.content, "html.parser")

    def test_the_inheritor_page_draws_the_graph_and_its_text_equivalent(self):
        teacher = self.person("张德顺", level=Level.PROVINCIAL)
        focus = self.person("张凤林", teacher, birth_year=1955)
        hidden = self.person("未公开<b>徒弟</b>", focus, publish=False)
        soup = self.get_soup(focus)
        section = soup.select_one("section.lineage")
        svg = section.select_one(".lineage__graph svg")
        self.assertEqual(svg["role"], "group")
        self.assertIn("共2代", svg.select_one("title").get_text())
        links = {a["aria-label"]: a["href"] for a in svg.select("a")}
        self.assertEqual(links["张德顺，省级代表性传承人"], teacher.url)
        self.assertEqual(svg.select_one("a[aria-current=page]")["aria-label"], "张凤林")
        self.assertEqual(len(svg.select(".lineage__edges path")), 1)
        self.assertIn("1955年生", svg.get_text())
        items = section.select(".lineage__list > li")
        self.assertEqual(
            [li.select_one(".lineage__generation").get_text() for li in items], ["第1代", "第2代"]
        )
        self.assertIn("张德顺，省级代表性传承人（2018）", items[0].get_text())
        self.assertIn("张凤林；师从张德顺", items[1].get_text())
        self.assertNotIn(hidden.title, str(soup))
        self.assertNotIn("未公开", soup.get_text())

    def test_the_item_page_draws_its_lineage_and_says_when_records_loop(self):
        first = self.person("甲师")
        second = self.person("乙徒", first)
        first.teachers = [second]
        first.save_revision().publish()
        section = self.get_soup(self.item).select_one("section.lineage")
        self.assertEqual(section.select_one("h2").get_text(), "传承谱系")
        self.assertEqual(len(section.select(".lineage__graph a")), 2)
        self.assertIn("循环", section.select_one(".lineage__note").get_text())

    def test_an_item_without_teaching_records_shows_no_drawing(self):
        self.person("甲")
        self.person("乙")
        self.assertIsNone(self.get_soup(self.item).select_one("section.lineage"))
