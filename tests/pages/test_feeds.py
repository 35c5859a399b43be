"""Atom and RSS 2.0 feeds: one per news channel and one of newly published records.

Each feed is read back with feedparser (bozo must stay 0) and its XML checked
for the elements RFC 4287 (Atom) and RSS 2.0 require. Only public pages appear.
"""

import datetime

import feedparser
from django.test import TestCase
from django.utils import timezone
from lxml import etree
from wagtail.models import PageViewRestriction

from heritage_archive.core.addresses import site_root_url
from heritage_archive.records.figures.models import FigurePage
from heritage_archive.records.heritage.models import HeritageItemPage
from heritage_archive.site.news.models import ArticlePage
from tests.factories import make_heritage_item, make_inheritor
from tests.pages.test_public_pages import soup_of
from tests.utils import build_site

ATOM = "{http://www.w3.org/2005/Atom}"
HIDDEN_TITLES = ["草稿条目甲", "保密条目乙", "过期条目丙", "草稿文章丁", "保密文章戊", "过期文章己"]


def publish_article(channel, title, date, **fields):
    article = ArticlePage(title=title, slug=f"article-{abs(hash(title)) % 10**8}", date=date,
                          **fields)  # fmt: skip
    channel.add_child(instance=article)
    article.save_revision().publish()
    return article


def restrict(page):
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="mima"
    )


def expire(page):
    type(page).objects.filter(pk=page.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )


class FeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = pages = build_site()
        channel = cls.channel = pages["news_center"]
        cls.older = publish_article(
            channel, "旧消息", datetime.date(2024, 3, 1), summary="旧的 <b>摘要</b> & 说明"
        )
        cls.newer = publish_article(channel, "新消息", datetime.date(2024, 6, 1))
        publish_article(pages["news_public"], "别的栏目的消息", datetime.date(2024, 7, 1))
        draft = ArticlePage(
            title="草稿文章丁", slug="caogao-wenzhang", date=datetime.date(2024, 8, 1), live=False
        )
        channel.add_child(instance=draft)
        draft.save_revision()
        restrict(publish_article(channel, "保密文章戊", datetime.date(2024, 8, 2)))
        expire(publish_article(channel, "过期文章己", datetime.date(2024, 8, 3)))

        cls.item = make_heritage_item(pages, title="安次快板", key="Ⅴ-3", summary="快板艺术")
        cls.inheritor = make_inheritor(pages, title="李传人", key="CCR-002")
        cls.figure = FigurePage(title="杨万清", slug="yang", key="MR-001")
        pages["figures"].add_child(instance=cls.figure)
        cls.figure.save_revision().publish()
        hidden = HeritageItemPage(title="草稿条目甲", slug="caogao", key="Ⅹ-991", category="quyi")
        pages["heritage_items"].add_child(instance=hidden)
        HeritageItemPage.objects.filter(pk=hidden.pk).update(live=False)
        restrict(make_heritage_item(pages, title="保密条目乙", key="Ⅹ-992", slug="baomi"))
        expire(make_heritage_item(pages, title="过期条目丙", key="Ⅹ-993", slug="guoqi"))

    def channel_feed_url(self, fmt):
        return f"{self.channel.url}feed/{fmt}/"

    def get_feed(self, url, content_type):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        self.assertEqual(response["Content-Type"], f"{content_type}; charset=utf-8")
        parsed = feedparser.parse(response.content)
        self.assertEqual(parsed.bozo, 0, parsed.get("bozo_exception"))
        body = response.content.decode()
        for title in HIDDEN_TITLES:
            self.assertNotIn(title, body, url)
        return parsed, etree.fromstring(response.content)

    def assert_valid_atom(self, root):
        """RFC 4287 4.1.1 and 4.1.2: what a feed and each entry must carry."""
        self.assertEqual(root.tag, f"{ATOM}feed")
        for name in ("id", "title", "updated"):
            self.assertEqual(len(root.findall(f"{ATOM}{name}")), 1, name)
        # An author on the feed, since entries carry none of their own.
        self.assertTrue(root.findtext(f"{ATOM}author/{ATOM}name"))
        self.assertIsNotNone(root.find(f"{ATOM}link[@rel='self']"))
        entries = root.findall(f"{ATOM}entry")
        for entry in entries:
            for name in ("id", "title", "updated"):
                self.assertEqual(len(entry.findall(f"{ATOM}{name}")), 1, name)
            self.assertEqual(len(entry.findall(f"{ATOM}link[@rel='alternate']")), 1)
            datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
        self.assert_absolute(root.iter(f"{ATOM}link"), "href")
        self.assert_absolute_text(root.iter(f"{ATOM}id"))
        return entries

    def assert_valid_rss(self, root):
        """RSS 2.0: channel title, link, description; every item a link, guid and pubDate."""
        self.assertEqual((root.tag, root.get("version")), ("rss", "2.0"))
        channel = root.find("channel")
        for name in ("title", "link", "description"):
            self.assertTrue(channel.findtext(name), name)
        items = channel.findall("item")
        for item in items:
            for name in ("title", "link", "guid", "pubDate"):
                self.assertTrue(item.findtext(name), name)
        self.assert_absolute_text([channel.find("link"), *root.iter("link"), *root.iter("guid")])
        return items

    def assert_absolute(self, elements, attribute):
        for element in elements:
            self.assertTrue(element.get(attribute).startswith(f"{site_root_url()}/"))

    def assert_absolute_text(self, elements):
        for element in elements:
            self.assertTrue(element.text.startswith(f"{site_root_url()}/"), element.text)

    def test_channel_atom_feed(self):
        parsed, root = self.get_feed(self.channel_feed_url("atom"), "application/atom+xml")
        self.assertEqual(parsed.version, "atom10")
        entries = self.assert_valid_atom(root)
        self.assertEqual(len(entries), 2)
        self.assertEqual([entry.title for entry in parsed.entries], ["新消息", "旧消息"])
        self.assertEqual(parsed.feed.title, "馆务动态 - 安次区文化馆")
        older = parsed.entries[1]
        self.assertEqual(older.link, f"{site_root_url()}{self.older.url}")
        self.assertEqual(older.id, f"{site_root_url()}/record/page/{self.older.pk}/")
        self.assertEqual(older.published, "2024-03-01T00:00:00+08:00")
        # The plain-text summary arrives as written, not as markup.
        self.assertEqual(older.summary, "旧的 &lt;b&gt;摘要&lt;/b&gt; &amp; 说明")

    def test_channel_rss_feed(self):
        parsed, root = self.get_feed(self.channel_feed_url("rss"), "application/rss+xml")
        self.assertEqual(parsed.version, "rss20")
        items = self.assert_valid_rss(root)
        self.assertEqual([item.findtext("title") for item in items], ["新消息", "旧消息"])
        self.assertEqual(parsed.feed.link, f"{site_root_url()}{self.channel.url}")
        self.assertEqual(items[1].find("guid").get("isPermaLink"), "true")

    def test_records_feeds(self):
        parsed, root = self.get_feed("/feeds/records/atom/", "application/atom+xml")
        self.assert_valid_atom(root)
        # Most recently published first.
        self.assertEqual(
            [entry.title for entry in parsed.entries], ["杨万清", "李传人", "安次快板"]
        )
        item = parsed.entries[2]
        self.assertEqual(item.id, f"{site_root_url()}/record/heritage/%E2%85%A4-3/")
        self.assertEqual(item.link, f"{site_root_url()}{self.item.url}")
        self.assertEqual([tag.term for tag in item.tags], ["非遗项目"])
        self.assertEqual(item.summary, "快板艺术")

        parsed, root = self.get_feed("/feeds/records/rss/", "application/rss+xml")
        items = self.assert_valid_rss(root)
        self.assertEqual(len(items), 3)
        self.assertEqual(parsed.feed.link, f"{site_root_url()}/")

    def test_head_links_announce_the_feeds(self):
        def alternates(url):
            head = soup_of(self.client.get(url)).head
            return {(link["type"], link["href"]) for link in head("link", rel="alternate")}

        self.assertEqual(
            alternates(self.channel.url),
            {
                ("application/atom+xml", self.channel_feed_url("atom")),
                ("application/rss+xml", self.channel_feed_url("rss")),
            },
        )
        self.assertEqual(
            alternates("/"),
            {
                ("application/atom+xml", "/feeds/records/atom/"),
                ("application/rss+xml", "/feeds/records/rss/"),
            },
        )

    def test_a_private_channel_has_no_feed(self):
        self.assertEqual(self.client.get(f"{self.channel.url}feed/json/").status_code, 404)
        restrict(self.channel)
        response = self.client.get(self.channel_feed_url("atom"))
        # Wagtail's password form, never the articles.
        self.assertIn(b"password", response.content)
        self.assertNotIn(b"<feed", response.content)
        self.assertNotIn("旧消息".encode(), response.content)
        self.channel.unpublish()
        self.assertEqual(self.client.get(self.channel_feed_url("rss")).status_code, 404)
