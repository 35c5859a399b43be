"""Every public page type renders its key fields inside the site's frame."""

import datetime
from pathlib import Path

from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision, Site
from wagtail.rich_text import RichText
from wagtail.test.utils import WagtailPageTestCase

from heritage_archive.core.choices import Category, Level
from heritage_archive.core.models import FriendlyLink, Region, SiteSettings
from heritage_archive.media.mediafiles.models import ArchiveDocument
from heritage_archive.records.figures.models import FigurePage
from heritage_archive.records.heritage.models import (
    HeritageItemImage,
    HeritageItemPage,
    HeritageListing,
)
from heritage_archive.records.inheritors.models import InheritorDesignation, InheritorPage
from heritage_archive.site.branches.models import BranchImage, BranchPage
from heritage_archive.site.events.models import EventPage
from heritage_archive.site.galleries.models import ArtworkPage, GalleryImage, GalleryPage
from heritage_archive.site.news.models import ArticlePage, PeriodicalIssuePage
from heritage_archive.site.training.models import CoursePage, LessonPage
from tests.utils import build_site, make_image

SECTION_URLS = [
    "/",
    "/gaikuang/",
    "/xinxi/",
    "/xinxi/xinxigongkai/",
    "/xinxi/guanwudongtai/",
    "/xinxi/ancizhiyun/",
    "/xinxi/ancizhiyun/mingrenlu/",
    "/xinxi/kanwu/",
    "/yishu/",
    "/peixun/",
    "/huodong/",
    "/feiyi/",
    "/feiyi/xiangmu/",
    "/feiyi/chuanchengren/",
    "/zongfenguan/",
]


def paragraph(text):
    return ("paragraph", RichText(f"<p>{text}</p>"))


def soup_of(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


class PublicSiteTestCase(WagtailPageTestCase):
    """A small site: the seed's tree and one or two records of every type."""

    @classmethod
    def setUpTestData(cls):
        cls.pages = pages = build_site()
        cls.image = make_image(title="快板演出", alt="两位演员打快板")
        cls.region = Region.objects.create(name="码头镇")

        settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        settings.icp_number = "冀ICP备00000000号-1"
        settings.phone = "0316-0000000"
        settings.email = "info@example.org"
        settings.wechat = "安次区文化馆"
        settings.website = "https://example.org/"
        settings.save()
        FriendlyLink.objects.create(
            settings=settings, title="国家公共文化云", url="https://example.com/"
        )

        cls.item = HeritageItemPage(
            title="安次快板",
            slug="anci-kuaiban",
            key="Ⅴ-3",
            category=Category.QUYI,
            region=cls.region,
            protection_unit="安次区文化馆",
            summary="流传于安次的快板艺术。",
            body=[("heading", {"text": "历史渊源", "size": "h2"}), paragraph("快板源于数来宝。")],
        )
        # Added out of order on purpose: the ladder sorts from the district upward.
        cls.item.listings.add(HeritageListing(level=Level.PROVINCIAL, year=2013, batch="第四批"))
        cls.item.listings.add(HeritageListing(level=Level.COUNTY, year=2007, batch="第一批"))
        cls.item.listings.add(HeritageListing(level=Level.MUNICIPAL, year=2009))
        cls.item.gallery_images.add(HeritageItemImage(image=cls.image, caption="庙会演出"))
        cls.item.tags.add("快板")
        pages["heritage_items"].add_child(instance=cls.item)

        cls.other_item = HeritageItemPage(
            title="安次剪纸", slug="anci-jianzhi", key="Ⅶ-1", category=Category.TRADITIONAL_ART
        )
        cls.other_item.listings.add(HeritageListing(level=Level.COUNTY, year=2010))
        cls.other_item.related_items = [cls.item]
        pages["heritage_items"].add_child(instance=cls.other_item)

        cls.teacher = InheritorPage(title="王老艺人", slug="wang", key="CCR-001")
        cls.teacher.items = [cls.item]
        pages["inheritors"].add_child(instance=cls.teacher)
        cls.inheritor = InheritorPage(
            title="李传人", slug="li", key="CCR-002", region=cls.region, portrait=cls.image
        )
        cls.inheritor.designations.add(InheritorDesignation(level=Level.PROVINCIAL, year=2015))
        cls.inheritor.items = [cls.item]
        cls.inheritor.teachers = [cls.teacher]
        pages["inheritors"].add_child(instance=cls.inheritor)
        cls.student = InheritorPage(title="赵学徒", slug="zhao", key="CCR-003")
        cls.student.teachers = [cls.inheritor]
        pages["inheritors"].add_child(instance=cls.student)

        cls.figure = FigurePage(
            title="杨万清",
            slug="yang-wanqing",
            key="MR-001",
            alt_names="字某甲、号某乙",
            era="清",
            birth_year=1820,
            birth_year_approximate=True,
            death_year=1890,
            hometown="安次县",
            field="书法",
            sources="《安次县志》\n《廊坊文史资料》",
            biography=[paragraph("工书法，乡里称之。")],
        )
        pages["figures"].add_child(instance=cls.figure)

        channel = pages["news_center"]
        cls.articles = []
        for day, title in ((1, "第一篇消息"), (2, "第二篇消息"), (3, "第三篇消息")):
            article = ArticlePage(
                title=title,
                slug=f"article-{day}",
                date=datetime.date(2024, 8, day),
                source="安次融媒",
                editor="admin",
                body=[paragraph(f"{title}的正文。")],
            )
            channel.add_child(instance=article)
            # Published through a revision, as an editor would, so 更新时间 is set.
            article.save_revision().publish()
            cls.articles.append(article)
        # An article in another channel is never a neighbour.
        pages["news_public"].add_child(
            instance=ArticlePage(title="别的栏目", slug="elsewhere", date=datetime.date(2024, 8, 2))
        )

        pdf = ArchiveDocument.objects.create(
            title="安次文化 第1期", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="issue-1.pdf")
        )
        pages["periodicals"].add_child(
            instance=PeriodicalIssuePage(
                title="安次文化 2024年第1期",
                slug="2024-1",
                issue_number="2024年第1期",
                date=datetime.date(2024, 3, 1),
                cover_image=cls.image,
                pdf=pdf,
                summary="本期要目：暑期公益课堂",
            )
        )

        cls.gallery = GalleryPage(title="书法作品展", slug="shufa", introduction="暑期书法班作品。")
        cls.gallery.gallery_images.add(GalleryImage(image=cls.image, caption="展厅"))
        pages["galleries"].add_child(instance=cls.gallery)
        cls.artwork = ArtworkPage(
            title="行书条幅",
            slug="xingshu",
            artist="刘书家",
            year=2023,
            medium="纸本",
            image=cls.image,
        )
        cls.gallery.add_child(instance=cls.artwork)

        cls.course = CoursePage(
            title="少儿快板", slug="kuaiban", teacher="孙老师", audience="7-12岁"
        )
        pages["training"].add_child(instance=cls.course)
        cls.lesson = LessonPage(title="竹板的握法", slug="lesson-1", lesson_number=1)
        cls.course.add_child(instance=cls.lesson)

        now = timezone.now()
        cls.upcoming_event = EventPage(
            title="非洲鼓公益课",
            slug="drum",
            start_at=now + datetime.timedelta(days=3),
            end_at=now + datetime.timedelta(days=3, hours=2),
            location="文化馆二楼",
        )
        pages["events"].add_child(instance=cls.upcoming_event)
        cls.past_event = EventPage(
            title="少儿京剧汇演",
            slug="jingju",
            start_at=now - datetime.timedelta(days=30),
            end_at=now - datetime.timedelta(days=30) + datetime.timedelta(hours=2),
        )
        pages["events"].add_child(instance=cls.past_event)

        cls.branch = BranchPage(
            title="码头镇分馆",
            slug="matou",
            branch_level=BranchPage.BranchLevel.BRANCH,
            township=cls.region,
            address="码头镇文化站",
            opening_hours="周二至周日 9:00-17:00",
            phone="0316-1111111",
        )
        cls.branch.gallery_images.add(BranchImage(image=cls.image, caption="活动室"))
        pages["branches"].add_child(instance=cls.branch)

    def get_soup(self, url, **extra):
        response = self.client.get(url, **extra)
        self.assertEqual(response.status_code, 200, url)
        return soup_of(response)


class SiteFrameTests(PublicSiteTestCase):
    def test_every_section_answers(self):
        for url in SECTION_URLS:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, '<html lang="zh-Hans">')

    def test_navigation_shows_the_eight_sections_in_order(self):
        soup = self.get_soup("/xinxi/guanwudongtai/")
        nav = soup.select_one("nav#main-nav")
        titles = [link.get_text(strip=True) for link in nav.select(".main-nav__list > li > a")]
        self.assertEqual(
            titles,
            [
                "首页",
                "本馆概况",
                "信息发布",
                "艺术欣赏",
                "网上培训",
                "活动开展",
                "非物质文化遗产",
                "文化馆总分馆",
            ],
        )
        news = nav.select(".main-nav__list > li")[2]
        self.assertEqual(
            [link.get_text(strip=True) for link in news.select(".dropdown a")],
            # 安次名人录 sits under 安次之韵 and is listed beneath it.
            ["信息公开", "馆务动态", "安次之韵", "安次名人录", "安次文化刊物"],
        )
        self.assertEqual(news.select_one("a")["aria-current"], "true")
        channel_link = news.select_one('.dropdown a[href="/xinxi/guanwudongtai/"]')
        self.assertEqual(channel_link["aria-current"], "page")

    def test_menu_button_and_skip_link(self):
        soup = self.get_soup("/")
        toggle = soup.select_one("button.menu-toggle")
        self.assertEqual(toggle["aria-controls"], "main-nav")
        self.assertEqual(toggle["aria-expanded"], "false")
        self.assertEqual(soup.select_one("a.skip-link")["href"], "#main")
        self.assertIsNotNone(soup.select_one("main#main"))
        self.assertIsNotNone(soup.select_one('script[src$="js/site.js"]'))

    def test_footer_comes_from_the_site_settings(self):
        soup = self.get_soup("/")
        footer = soup.select_one("footer.site-footer").get_text(" ", strip=True)
        for text in (
            "友情链接",
            "国家公共文化云",
            "备案编号",
            "冀ICP备00000000号-1",
            "联系电话",
            "0316-0000000",
            "邮箱",
            "info@example.org",
            "微信",
            "网站",
        ):
            self.assertIn(text, footer)
        footer_sections = [a.get_text(strip=True) for a in soup.select(".footer-nav a")]
        self.assertEqual(footer_sections[0], "本馆概况")
        self.assertEqual(len(footer_sections), 7)

    def test_breadcrumbs_lead_home(self):
        soup = self.get_soup(self.figure.url)
        crumbs = [item.get_text(strip=True) for item in soup.select(".breadcrumbs li")]
        self.assertEqual(crumbs, ["首页", "信息发布", "安次之韵", "安次名人录", "杨万清"])

    def test_print_stylesheet_leaves_navigation_and_footer_off_paper(self):
        css = Path(finders.find("css/site.css")).read_text(encoding="utf-8")
        print_rules = css[css.index("@media print") :]
        for selector in (".site-header", ".site-footer", ".no-print"):
            self.assertIn(selector, print_rules)
        soup = self.get_soup(self.articles[0].url)
        for element in soup.select("#main-nav, .breadcrumbs, .prev-next, .article__actions"):
            self.assertIn("no-print", element["class"])

    def test_content_security_policy_forbids_inline_code(self):
        response = self.client.get("/")
        policy = response["Content-Security-Policy"]
        self.assertIn("script-src 'self'", policy)
        self.assertNotIn("unsafe-inline", policy)
        # And the pages keep to it: no inline script or style anywhere.
        for url in [*SECTION_URLS, self.item.url, self.articles[0].url]:
            soup = self.get_soup(url)
            with self.subTest(url=url):
                # JSON-LD is a data block (never executed), the one inline <script> allowed.
                inline = [tag for tag in soup.find_all("script") if not tag.get("src")]
                self.assertFalse(
                    [tag for tag in inline if tag.get("type") != "application/ld+json"]
                )
                self.assertFalse(soup.find_all("style"))
                self.assertFalse(soup.find_all(style=True))

    def test_home_page_shows_news_items_events_and_galleries(self):
        soup = self.get_soup("/")
        text = soup.get_text(" ", strip=True)
        for expected in ("馆务动态", "第三篇消息", "安次快板", "非洲鼓公益课", "书法作品展"):
            self.assertIn(expected, text)
        self.assertNotIn("少儿京剧汇演", text)


class RecordPageTests(PublicSiteTestCase):
    def test_every_record_page_is_renderable(self):
        for page in (
            self.item,
            self.inheritor,
            self.figure,
            self.articles[0],
            self.gallery,
            self.artwork,
            self.course,
            self.lesson,
            self.upcoming_event,
            self.branch,
            PeriodicalIssuePage.objects.get(),
        ):
            with self.subTest(page=page.title):
                self.assertPageIsRenderable(page)

    def test_heritage_item_shows_its_record(self):
        soup = self.get_soup(self.item.url)
        facts = soup.select_one(".record__facts").get_text(" ", strip=True)
        for expected in ("Ⅴ-3", "曲艺", "码头镇", "安次区文化馆"):
            self.assertIn(expected, facts)
        ladder = [
            step.select_one(".timeline__level").get_text(strip=True)
            for step in soup.select("ol.timeline > li")
        ]
        self.assertEqual(ladder, ["区级", "市级", "省级"])
        text = soup.get_text(" ", strip=True)
        for expected in ("流传于安次的快板艺术。", "历史渊源", "快板源于数来宝。", "庙会演出"):
            self.assertIn(expected, text)
        self.assertIsNotNone(soup.select_one(f'a[href="{reverse("tag", args=["快板"])}"]'))
        inheritors = [a.get_text(strip=True) for a in soup.select(".person-list a")]
        self.assertEqual(sorted(inheritors), ["李传人", "王老艺人"])
        related = [a.get_text(strip=True) for a in soup.select(".related-list a")]
        self.assertEqual(related, ["安次剪纸"])
        img = soup.select_one(".gallery picture img")
        self.assertEqual(img["alt"], "两位演员打快板")
        self.assertEqual(img["loading"], "lazy")
        self.assertIsNotNone(soup.select_one('.gallery picture source[type="image/avif"]'))

    def test_inheritor_shows_lineage_both_ways(self):
        soup = self.get_soup(self.inheritor.url)
        lineage = soup.select_one(".lineage")
        generations = [
            [person.get_text() for person in generation.select("ul > li > a, ul > li > strong")]
            for generation in lineage.select(".lineage__list > li")
        ]
        self.assertEqual(generations, [["王老艺人"], ["李传人"], ["赵学徒"]])
        self.assertIn("师从王老艺人", lineage.select(".lineage__list > li")[1].get_text())
        text = soup.get_text(" ", strip=True)
        self.assertIn("省级代表性传承人", text)
        self.assertIn("安次快板", text)
        self.assertIsNotNone(soup.select_one(".record__media picture img"))

    def test_figure_shows_names_years_and_sources(self):
        text = self.get_soup(self.figure.url).get_text(" ", strip=True)
        for expected in (
            "字某甲、号某乙",
            "清",
            "约1820年—1890年",
            "安次县",
            "书法",
            "工书法，乡里称之。",
            "《安次县志》",
            "《廊坊文史资料》",
        ):
            self.assertIn(expected, text)

    def test_other_record_pages_show_their_fields(self):
        cases = {
            PeriodicalIssuePage.objects.get().url: [
                "2024年第1期",
                "本期要目：暑期公益课堂",
                ".pdf",
            ],
            self.gallery.url: ["书法作品展", "展厅", "行书条幅"],
            self.artwork.url: ["刘书家", "2023", "纸本"],
            self.course.url: ["孙老师", "7-12岁", "竹板的握法"],
            self.lesson.url: ["少儿快板", "第 1 课"],
            self.upcoming_event.url: ["非洲鼓公益课", "文化馆二楼", "即将开展"],
            self.branch.url: [
                "分馆",
                "码头镇文化站",
                "周二至周日 9:00-17:00",
                "0316-1111111",
                "活动室",
            ],
        }
        for url, expected in cases.items():
            content = self.client.get(url).content.decode()
            for fragment in expected:
                with self.subTest(url=url, fragment=fragment):
                    self.assertIn(fragment, content)


class IndexPageTests(PublicSiteTestCase):
    def test_indexes_list_their_children(self):
        cases = {
            "/xinxi/guanwudongtai/": ["第一篇消息", "第三篇消息"],
            "/xinxi/ancizhiyun/": ["安次名人录"],
            "/xinxi/ancizhiyun/mingrenlu/": ["杨万清", "约1820年—1890年"],
            "/xinxi/kanwu/": ["安次文化 2024年第1期", "issue-1"],
            "/yishu/": ["书法作品展"],
            "/peixun/": ["少儿快板"],
            "/feiyi/xiangmu/": ["安次快板", "安次剪纸"],
            "/feiyi/chuanchengren/": ["李传人", "王老艺人", "赵学徒"],
            "/zongfenguan/": ["码头镇分馆", "码头镇文化站", "0316-1111111"],
        }
        for url, expected in cases.items():
            content = self.client.get(url).content.decode()
            for fragment in expected:
                with self.subTest(url=url, fragment=fragment):
                    self.assertIn(fragment, content)

    def test_empty_indexes_say_so(self):
        for url in ("/xinxi/xinxigongkai/", "/xinxi/ancizhiyun/"):
            with self.subTest(url=url):
                self.assertNotContains(self.client.get(url), "暂无内容")
        for page in ArticlePage.objects.child_of(self.pages["news_public"]):
            page.unpublish()
        self.assertContains(self.client.get("/xinxi/xinxigongkai/"), "暂无内容")

    def test_events_split_into_upcoming_and_past(self):
        soup = self.get_soup("/huodong/")
        sections = soup.select("main section")
        self.assertIn("非洲鼓公益课", sections[0].get_text())
        self.assertNotIn("少儿京剧汇演", sections[0].get_text())
        self.assertIn("少儿京剧汇演", sections[1].get_text())

    def test_heritage_index_filters_by_category_and_level(self):
        def titles(query):
            soup = self.get_soup("/feiyi/xiangmu/" + query)
            return [title.get_text(strip=True) for title in soup.select(".card__title")]

        self.assertEqual(titles("?category=quyi"), ["安次快板"])
        self.assertEqual(titles("?category=曲艺"), ["安次快板"])
        self.assertEqual(titles("?level=county"), ["安次剪纸"])
        self.assertEqual(titles("?level=provincial&category=quyi"), ["安次快板"])
        # Unknown values are ignored, not an error and not an empty list.
        self.assertEqual(len(titles("?category=nonsense&level=%3Cscript%3E")), 2)
        self.assertEqual(titles("?level=national"), [])
        self.assertContains(
            self.client.get("/feiyi/xiangmu/?level=national"), "没有符合筛选条件的项目"
        )

    def test_empty_heritage_index_says_so(self):
        self.item.unpublish()
        self.other_item.unpublish()
        self.assertContains(self.client.get("/feiyi/xiangmu/"), "暂无非遗项目")

    def test_selected_filter_stays_selected(self):
        soup = self.get_soup("/feiyi/xiangmu/?category=quyi")
        self.assertEqual(soup.select_one("#filter-category option[selected]")["value"], "quyi")

    def test_channel_paginates_twenty_per_page(self):
        channel = self.pages["news_public"]
        for number in range(25):
            channel.add_child(
                instance=ArticlePage(title=f"公开信息{number}", slug=f"public-{number}")
            )
        first = self.get_soup("/xinxi/xinxigongkai/")
        self.assertEqual(len(first.select(".news-list li")), 20)
        next_link = first.select_one(".pagination a[rel=next]")["href"]
        self.assertEqual(next_link, "?page=2")
        second = self.get_soup("/xinxi/xinxigongkai/?page=2")
        self.assertEqual(len(second.select(".news-list li")), 6)
        self.assertEqual(self.client.get("/xinxi/xinxigongkai/?page=abc").status_code, 200)
        self.assertEqual(self.client.get("/xinxi/xinxigongkai/?page=999").status_code, 200)


class ArticlePageTests(PublicSiteTestCase):
    def view_count(self):
        return ArticlePage.objects.get(pk=self.articles[1].pk).view_count

    def test_article_shows_the_seed_fields(self):
        article = self.articles[1]
        soup = self.get_soup(article.url)
        self.assertEqual(soup.select_one("h1").get_text(strip=True), "第二篇消息")
        footer = soup.select_one(".article__footer").get_text(" ", strip=True)
        for expected in (
            "来源：安次融媒",
            "编辑：admin",
            "点击次数",
            "更新时间",
            "【打印此页】",
            "【关闭】",
        ):
            self.assertIn(expected, footer)
        # The count shown includes this visit.
        self.assertEqual(soup.select_one(".view-count").get_text(), "1")
        updated = ArticlePage.objects.get(pk=article.pk).last_published_at
        self.assertEqual(
            soup.select_one(".article__meta time").get_text(),
            timezone.localtime(updated).strftime("%Y-%m-%d %H:%M:%S"),
        )
        self.assertIsNotNone(soup.select_one('button[data-action="print"]'))
        self.assertIsNotNone(soup.select_one('button[data-action="close"]'))

    def test_previous_and_next_stay_in_the_channel(self):
        first, second, third = self.articles
        soup = self.get_soup(second.url)
        self.assertEqual(soup.select_one(".prev-next a[rel=prev]")["href"], first.url)
        self.assertEqual(soup.select_one(".prev-next a[rel=next]")["href"], third.url)
        soup = self.get_soup(first.url)
        self.assertIsNone(soup.select_one(".prev-next a[rel=prev]"))
        self.assertIn("没有了", soup.select_one(".prev-next").get_text())

    def test_get_counts_a_view_without_a_revision(self):
        revisions = Revision.objects.count()
        log_entries = PageLogEntry.objects.count()
        self.client.get(self.articles[1].url)
        self.client.get(self.articles[1].url)
        self.assertEqual(self.view_count(), 2)
        self.assertEqual(Revision.objects.count(), revisions)
        self.assertEqual(PageLogEntry.objects.count(), log_entries)

    def test_head_prefetch_and_bots_do_not_count(self):
        url = self.articles[1].url
        self.assertEqual(self.client.head(url).status_code, 200)
        self.client.get(url, headers={"Sec-Purpose": "prefetch"})
        self.client.get(url, headers={"Sec-Purpose": "prefetch;prerender"})
        self.client.get(url, headers={"Purpose": "prefetch"})
        self.client.get(url, headers={"X-Moz": "prefetch"})
        self.client.get(url, headers={"User-Agent": "Mozilla/5.0 (compatible; Baiduspider/2.0)"})
        self.client.get(url, headers={"User-Agent": "Googlebot/2.1"})
        self.client.get(url, headers={"User-Agent": "SomeCrawler/1.0"})
        self.assertEqual(self.view_count(), 0)

    def test_preview_does_not_count(self):
        # The request the admin's preview panel makes (request.is_preview is set).
        response = self.articles[1].make_preview_request()
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "第二篇消息的正文")
        self.assertEqual(self.view_count(), 0)
