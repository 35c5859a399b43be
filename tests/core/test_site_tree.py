from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from heritage_archive.core.site_tree import ensure_site_tree
from heritage_archive.records.figures.models import FigureIndexPage, FigurePage
from heritage_archive.records.heritage.models import (
    HeritageIndexPage,
    HeritageItemPage,
    HeritageSectionPage,
)
from heritage_archive.records.inheritors.models import InheritorIndexPage, InheritorPage
from heritage_archive.site.branches.models import BranchIndexPage, BranchPage
from heritage_archive.site.events.models import EventIndexPage, EventPage
from heritage_archive.site.galleries.models import ArtworkPage, GalleryIndexPage, GalleryPage
from heritage_archive.site.home.models import HomePage
from heritage_archive.site.news.models import (
    ArticlePage,
    NewsChannelPage,
    NewsIndexPage,
    PeriodicalIndexPage,
    PeriodicalIssuePage,
)
from heritage_archive.site.pages.models import StandardPage
from heritage_archive.site.training.models import CourseIndexPage, CoursePage, LessonPage
from tests.utils import build_site

SECTIONS = [
    "本馆概况",
    "信息发布",
    "艺术欣赏",
    "网上培训",
    "活动开展",
    "非物质文化遗产",
    "文化馆总分馆",
]


class SiteTreeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()

    def test_sections_in_navigation_order(self):
        home = self.pages["home"]
        titles = [page.title for page in home.get_children().in_menu()]
        self.assertEqual(titles, SECTIONS)

    def test_news_channels_and_figures_inside_anci_zhiyun(self):
        channels = [p.title for p in self.pages["news"].get_children()]
        self.assertEqual(channels, ["信息公开", "馆务动态", "安次之韵", "安次文化刊物"])
        self.assertEqual(self.pages["figures"].get_parent().title, "安次之韵")

    def test_heritage_section_holds_list_and_inheritors(self):
        children = [p.title for p in self.pages["heritage"].get_children()]
        self.assertEqual(children, ["项目名录", "传承人"])

    def test_running_twice_creates_nothing(self):
        count = Page.objects.count()
        ensure_site_tree()
        self.assertEqual(Page.objects.count(), count)

    def test_every_section_url_answers(self):
        for key, page in self.pages.items():
            with self.subTest(key=key):
                self.assertEqual(page.url, page.get_url())
                self.assertPageIsRoutable(page)


class PageTreeRuleTests(WagtailPageTestCase):
    """A curator can only create the right page in the right place."""

    def test_records_live_only_under_their_index(self):
        self.assertAllowedParentPageTypes(HeritageItemPage, {HeritageIndexPage})
        self.assertAllowedParentPageTypes(InheritorPage, {InheritorIndexPage})
        self.assertAllowedParentPageTypes(FigurePage, {FigureIndexPage})
        self.assertAllowedParentPageTypes(ArticlePage, {NewsChannelPage})
        self.assertAllowedParentPageTypes(PeriodicalIssuePage, {PeriodicalIndexPage})
        self.assertAllowedParentPageTypes(ArtworkPage, {GalleryPage})
        self.assertAllowedParentPageTypes(LessonPage, {CoursePage})
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})
        self.assertAllowedParentPageTypes(BranchPage, {BranchIndexPage})

    def test_wrong_places_are_refused(self):
        self.assertCanNotCreateAt(NewsChannelPage, HeritageItemPage)
        self.assertCanNotCreateAt(HeritageIndexPage, ArticlePage)
        self.assertCanNotCreateAt(HomePage, HeritageItemPage)
        self.assertCanNotCreateAt(HeritageSectionPage, InheritorPage)
        self.assertCanNotCreateAt(HeritageItemPage, HeritageItemPage)
        self.assertCanNotCreateAt(NewsChannelPage, PeriodicalIssuePage)
        self.assertCanCreateAt(NewsChannelPage, FigureIndexPage)

    def test_sections_hang_off_the_home_page(self):
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                StandardPage,
                NewsIndexPage,
                GalleryIndexPage,
                CourseIndexPage,
                EventIndexPage,
                HeritageSectionPage,
                BranchIndexPage,
            },
        )

    def test_singleton_indexes_have_max_count(self):
        for model in [
            HomePage,
            NewsIndexPage,
            PeriodicalIndexPage,
            GalleryIndexPage,
            CourseIndexPage,
            EventIndexPage,
            HeritageSectionPage,
            HeritageIndexPage,
            InheritorIndexPage,
            FigureIndexPage,
            BranchIndexPage,
        ]:
            with self.subTest(model=model.__name__):
                self.assertEqual(model.max_count, 1)

    def test_second_singleton_cannot_be_created(self):
        pages = build_site()
        self.assertFalse(HeritageIndexPage.can_create_at(pages["heritage"]))
        self.assertFalse(FigureIndexPage.can_create_at(pages["news_public"]))
