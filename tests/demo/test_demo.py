"""The sample content: one run builds the whole site, a second run changes nothing."""

import io

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase, override_settings
from django.utils import timezone
from wagtail.models import Page, Revision

from heritage_archive.core.choices import Category, Level
from heritage_archive.core.models import FriendlyLink, Region, SiteSettings, stream_text
from heritage_archive.demo.data import SAMPLE_MARK
from heritage_archive.media.images.models import ArchiveImage
from heritage_archive.media.mediafiles.models import ArchiveDocument, ArchiveMedia
from heritage_archive.records.figures.models import FigurePage
from heritage_archive.records.heritage.models import HeritageItemPage, HeritageListing
from heritage_archive.records.inheritors.models import InheritorPage
from heritage_archive.site.branches.models import BranchPage
from heritage_archive.site.events.models import EventPage
from heritage_archive.site.galleries.models import ArtworkPage, GalleryPage
from heritage_archive.site.news.models import ArticlePage, NewsChannelPage, PeriodicalIssuePage
from heritage_archive.site.pages.models import StandardPage
from heritage_archive.site.training.models import CoursePage, LessonPage


def snapshot():
    """What a second run must leave unchanged."""
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": ArchiveImage.objects.count(),
        "documents": ArchiveDocument.objects.count(),
        "media": ArchiveMedia.objects.count(),
        "regions": Region.objects.count(),
        "listings": HeritageListing.objects.count(),
        "friendly_links": FriendlyLink.objects.count(),
    }


class LoadDemoContentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.first_output = io.StringIO()
        call_command("load_demo_content", stdout=cls.first_output)
        cls.after_first_run = snapshot()
        cls.second_output = io.StringIO()
        call_command("load_demo_content", stdout=cls.second_output)
        cls.after_second_run = snapshot()
        cls.if_empty_output = io.StringIO()
        call_command("load_demo_content", "--if-empty", stdout=cls.if_empty_output)
        cls.after_if_empty_run = snapshot()

    def test_second_run_changes_nothing(self):
        self.assertEqual(self.after_first_run, self.after_second_run)
        self.assertIn("没有需要新建的记录", self.second_output.getvalue())

    def test_if_empty_skips_a_site_with_items(self):
        self.assertEqual(self.after_first_run, self.after_if_empty_run)
        self.assertIn("跳过", self.if_empty_output.getvalue())

    def test_progress_is_printed(self):
        output = self.first_output.getvalue()
        self.assertIn("非遗项目：新建", output)
        self.assertIn("示例内容已载入", output)

    def test_heritage_items_cover_every_category_and_level(self):
        items = HeritageItemPage.objects.live()
        self.assertGreaterEqual(items.count(), 30)
        self.assertEqual(set(items.values_list("category", flat=True)), set(Category.values))
        self.assertEqual(set(items.values_list("level", flat=True)), set(Level.values))
        with_ladder = [item for item in items if item.listings.count() >= 2]
        self.assertGreater(len(with_ladder), items.count() / 2)
        self.assertTrue(HeritageListing.objects.filter(listing_type="extension").exists())

    def test_item_ladder_and_details(self):
        item = HeritageItemPage.objects.get(title="安次快板")
        self.assertEqual(item.category, Category.QUYI)
        self.assertEqual(item.level, Level.MUNICIPAL)
        ladder = item.get_ladder()
        self.assertEqual([listing.level for listing in ladder], ["county", "municipal"])
        self.assertEqual(ladder[0].project_number, item.key)
        self.assertTrue(item.key.startswith("Ⅴ-"))
        self.assertEqual(ladder[0].notice_number, "安政〔2009〕12号")
        self.assertIsNotNone(item.region)
        self.assertTrue(item.tags.exists())
        self.assertTrue(item.media_items.filter(media__type="audio").exists())
        self.assertTrue(item.gallery_images.exists())
        for gallery_image in item.gallery_images.all():
            self.assertTrue(gallery_image.image.description)
        self.assertTrue(
            any("少儿京剧" in stream_text(page.body) for page in HeritageItemPage.objects.all())
        )
        self.assertTrue(HeritageItemPage.objects.filter(related_items__isnull=False).exists())

    def test_inheritors_have_lineage_of_several_generations(self):
        inheritors = InheritorPage.objects.live()
        self.assertEqual(inheritors.count(), 15)
        grandchild = InheritorPage.objects.get(title="张晓宇")
        teacher = grandchild.teachers.get()
        self.assertEqual(teacher.title, "张凤林")
        self.assertEqual(teacher.teachers.get().title, "张德顺")
        self.assertIn(grandchild, teacher.students.all())
        self.assertTrue(teacher.teachers.get().media_items.exists())
        for inheritor in inheritors:
            self.assertTrue(inheritor.items.exists())
            self.assertIsNotNone(inheritor.portrait)
            self.assertTrue(inheritor.designations.exists())
            self.assertTrue(inheritor.level)

    def test_figures_include_one_before_the_common_era(self):
        figures = FigurePage.objects.live()
        self.assertEqual(figures.count(), 10)
        self.assertTrue(figures.filter(birth_year__lt=0).exists())
        self.assertTrue(figures.filter(birth_year__isnull=True).exists())
        self.assertTrue(figures.filter(birth_year_approximate=True).exists())
        for figure in figures:
            self.assertIn("示例", figure.sources)
            self.assertTrue(figure.source_list)

    def test_every_news_channel_has_articles(self):
        channels = NewsChannelPage.objects.all()
        self.assertEqual(channels.count(), 3)
        for channel in channels:
            articles = channel.get_articles()
            self.assertGreaterEqual(articles.count(), 3, channel.title)
            for article in articles:
                self.assertTrue(article.source and article.editor)
                self.assertGreater(article.view_count, 0)

    def test_periodical_issues_have_pdf_and_cover(self):
        issues = PeriodicalIssuePage.objects.live()
        self.assertEqual(issues.count(), 2)
        for issue in issues:
            with issue.pdf.file.open("rb") as pdf:
                self.assertEqual(pdf.read(5), b"%PDF-")
            self.assertTrue(issue.cover_image.sha256)

    def test_galleries_courses_events_and_branches(self):
        self.assertEqual(GalleryPage.objects.live().count(), 2)
        for gallery in GalleryPage.objects.all():
            self.assertGreaterEqual(gallery.gallery_images.count(), 3)
        self.assertGreaterEqual(ArtworkPage.objects.live().count(), 2)
        self.assertGreaterEqual(CoursePage.objects.live().count(), 1)
        self.assertGreaterEqual(LessonPage.objects.live().count(), 2)
        now = timezone.now()
        self.assertTrue(EventPage.objects.filter(end_at__gte=now).exists())
        self.assertTrue(EventPage.objects.filter(end_at__lt=now).exists())
        levels = list(BranchPage.objects.values_list("branch_level", flat=True))
        self.assertEqual(levels.count(BranchPage.BranchLevel.MAIN), 1)
        self.assertGreaterEqual(levels.count(BranchPage.BranchLevel.BRANCH), 2)
        self.assertGreaterEqual(levels.count(BranchPage.BranchLevel.SERVICE_POINT), 2)
        for branch in BranchPage.objects.all():
            self.assertTrue(branch.address and branch.opening_hours and branch.phone)
            self.assertTrue(branch.gallery_images.exists())

    def test_one_open_event_and_one_full_course_with_a_waitlist(self):
        from heritage_archive.site.signups.booking import seats_of
        from heritage_archive.site.signups.models import Signup

        open_events = [page for page in EventPage.objects.live() if page.signup_is_open()]
        self.assertEqual(len(open_events), 1)
        self.assertGreater(seats_of(open_events[0]).left, 0)
        course = CoursePage.objects.live().get(signup_enabled=True)
        self.assertTrue(course.signup_is_open())
        seats = seats_of(course)
        self.assertEqual(seats.left, 0)
        self.assertGreater(seats.waitlisted, 0)
        self.assertEqual(
            Signup.objects.filter(page=course, status="waitlisted").count(), seats.waitlisted
        )

    def test_pages_do_not_repeat_their_summary_in_the_body(self):
        # The page prints the summary as its lead, right above the body.
        for model in (ArticlePage, EventPage, CoursePage):
            for page in model.objects.all():
                with self.subTest(page=page.title):
                    summary = page.summary.removeprefix(SAMPLE_MARK)
                    self.assertTrue(summary)
                    self.assertNotIn(summary, stream_text(page.body))

    def test_lesson_titles_leave_the_number_to_its_field(self):
        # The course page prints "第 1 课：" before each lesson's title.
        for lesson in LessonPage.objects.all():
            self.assertNotRegex(lesson.title, r"^第\s*\d+\s*课")

    def test_site_settings_home_and_about(self):
        settings = SiteSettings.objects.get()
        self.assertEqual(settings.site_name, "安次区文化馆")
        self.assertIsNotNone(settings.logo)
        self.assertIn("示例", settings.icp_number)
        self.assertTrue(settings.phone and settings.email and settings.wechat and settings.website)
        self.assertEqual(
            set(settings.friendly_links.values_list("title", flat=True)),
            {"河北省公共文化云", "国家公共文化云", "廊坊市公共文化服务数字平台"},
        )
        about = StandardPage.objects.get(slug="gaikuang")
        self.assertTrue(about.body)
        self.assertTrue(Page.objects.get(slug="home").specific.intro)

    def test_everything_is_marked_as_sample(self):
        for model in (HeritageItemPage, InheritorPage, FigurePage):
            self.assertFalse(model.objects.filter(is_sample=False).exists(), model)
            self.assertFalse(model.objects.exclude(summary__startswith=SAMPLE_MARK).exists())
        for model in (ArchiveImage, ArchiveDocument, ArchiveMedia, Region):
            self.assertFalse(model.objects.filter(is_sample=False).exists(), model)
        for model in (ArticlePage, PeriodicalIssuePage, CoursePage, EventPage):
            self.assertFalse(model.objects.exclude(summary__startswith=SAMPLE_MARK).exists())

    def test_images_carry_checksums_and_alt_text(self):
        self.assertFalse(ArchiveImage.objects.filter(sha256="").exists())
        self.assertFalse(ArchiveImage.objects.filter(description="").exists())


class EnsureDemoAdminTests(TestCase):
    @override_settings(DEBUG=False)
    def test_refuses_outside_debug(self):
        with self.assertRaises(CommandError):
            call_command("ensure_demo_admin", stdout=io.StringIO())
        self.assertFalse(get_user_model().objects.filter(username="admin").exists())

    @override_settings(DEBUG=True)
    def test_creates_admin_once_and_keeps_an_existing_password(self):
        output = io.StringIO()
        call_command("ensure_demo_admin", stdout=output)
        admin = get_user_model().objects.get(username="admin")
        self.assertTrue(admin.is_superuser)
        self.assertTrue(admin.check_password("anci-admin-2026"))
        self.assertIn("/admin/", output.getvalue())
        self.assertIn("anci-admin-2026", output.getvalue())

        admin.set_password("changed-by-the-developer")
        admin.save()
        call_command("ensure_demo_admin", stdout=io.StringIO())
        admin.refresh_from_db()
        self.assertTrue(admin.check_password("changed-by-the-developer"))
