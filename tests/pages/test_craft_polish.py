"""Issue 12 (F): titles, article dates and covers, image placeholders, the figure
index in the menu, tel: links, back-link quotes and pinyin slugs for new pages."""

from django.contrib.auth import get_user_model
from wagtail.models import Collection, CollectionViewRestriction, Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from heritage_archive.site.galleries.models import ArtworkPage, GalleryPage
from heritage_archive.site.pages.models import StandardPage
from tests.pages.test_public_pages import PublicSiteTestCase
from tests.utils import make_image


class CraftPolishTests(PublicSiteTestCase):
    """One class, so the shared site is built once."""

    # The <title>
    def test_home_title_names_the_site_once(self):
        self.assertEqual(self.get_soup("/").title.get_text(strip=True), "安次区文化馆")

    def test_other_pages_append_the_site_name(self):
        self.assertEqual(
            self.get_soup("/xinxi/guanwudongtai/").title.get_text(strip=True),
            "馆务动态 - 安次区文化馆",
        )

    # Articles: date and cover
    def test_article_shows_its_publication_date(self):
        soup = self.get_soup(self.articles[0].url)
        date = soup.select_one(".article__date time")
        self.assertEqual(date["datetime"], "2024-08-01")
        self.assertEqual(date.get_text(strip=True), "2024年8月1日")

    def test_article_shows_its_cover_image(self):
        article = self.articles[1]
        article.cover_image = self.image
        article.save_revision().publish()
        img = self.get_soup(article.url).select_one(".article__cover picture img")
        self.assertIsNotNone(img)
        self.assertEqual(img["alt"], "两位演员打快板")

    def test_cover_in_a_private_collection_is_not_shown(self):
        private = Collection.get_first_root_node().add_child(name="内部资料")
        CollectionViewRestriction.objects.create(
            collection=private, restriction_type=CollectionViewRestriction.PASSWORD, password="x"
        )
        secret = make_image(title="内部封面", alt="内部封面图")
        secret.collection = private
        secret.save()
        article = self.articles[2]
        article.cover_image = secret
        article.save_revision().publish()
        soup = self.get_soup(article.url)
        self.assertIsNone(soup.select_one(".article__cover"))
        self.assertNotIn("内部封面图", str(soup))

    # Placeholders for records without an image
    def assert_placeholder(self, url, title, mark):
        soup = self.get_soup(url)
        link = next(a for a in soup.select("main a") if title in a.get_text())
        tile = link.select_one(".thumb--placeholder")
        self.assertIsNotNone(tile, f"{title} on {url} has no placeholder tile")
        self.assertEqual(tile["role"], "img")
        self.assertEqual(tile["aria-label"], "暂无图片")
        self.assertEqual(tile.select_one(".thumb__mark").get_text(strip=True), mark)

    def test_heritage_item_without_image_shows_its_category_numeral(self):
        # 安次剪纸 is 传统美术, category Ⅶ, and has no image.
        self.assert_placeholder("/feiyi/xiangmu/", "安次剪纸", "Ⅶ")
        self.assert_placeholder("/", "安次剪纸", "Ⅶ")

    def test_people_without_portrait_show_their_first_character(self):
        self.assert_placeholder("/feiyi/chuanchengren/", "王老艺人", "王")
        self.assert_placeholder("/xinxi/ancizhiyun/mingrenlu/", "杨万清", "杨")

    # 安次名人录 in the navigation
    def test_figure_index_is_in_its_channels_dropdown(self):
        soup = self.get_soup("/")
        news = soup.select("nav#main-nav .main-nav__list > li")[2]
        channel = next(
            li for li in news.select(".dropdown > li") if li.a.get_text(strip=True) == "安次之韵"
        )
        sub = channel.select_one(".dropdown__sub a")
        self.assertEqual(sub.get_text(strip=True), "安次名人录")
        self.assertEqual(sub["href"], "/xinxi/ancizhiyun/mingrenlu/")

    def test_figure_index_link_is_current_on_its_page(self):
        soup = self.get_soup("/xinxi/ancizhiyun/mingrenlu/")
        link = soup.select_one('nav#main-nav .dropdown__sub a[href="/xinxi/ancizhiyun/mingrenlu/"]')
        self.assertEqual(link["aria-current"], "page")

    # Small defects
    def test_tel_link_dials_only_the_number(self):
        self.branch.phone = "0316-1111111（示例）"
        self.branch.save_revision().publish()
        for url in (self.branch.url, "/zongfenguan/"):
            with self.subTest(url=url):
                link = self.get_soup(url).select_one('a[href^="tel:"]')
                self.assertEqual(link["href"], "tel:0316-1111111")
                self.assertEqual(link.get_text(strip=True), "0316-1111111（示例）")

    def test_back_link_does_not_double_the_quotes_of_a_quoted_title(self):
        gallery = GalleryPage(title="“巧手匠心”非遗作品展", slug="qiaoshou")
        self.pages["galleries"].add_child(instance=gallery)
        artwork = ArtworkPage(title="剪纸窗花", slug="chuanghua", artist="赵丽娟", image=self.image)
        gallery.add_child(instance=artwork)
        back = self.get_soup(artwork.url).select_one(".back-link a").get_text(strip=True)
        self.assertEqual(back, "返回“巧手匠心”非遗作品展")

    def test_back_link_quotes_a_plain_title(self):
        back = self.get_soup(self.artwork.url).select_one(".back-link a").get_text(strip=True)
        self.assertEqual(back, "返回“书法作品展”")

    # Pinyin slugs for new pages
    def add(self, **fields):
        page = StandardPage(**fields)
        self.pages["about"].add_child(instance=page)
        return page

    def test_page_without_slug_gets_pinyin(self):
        self.assertEqual(self.add(title="安次剪纸").slug, "an-ci-jian-zhi")

    def test_the_admins_character_slug_becomes_pinyin_unique_among_siblings(self):
        self.add(title="安次剪纸", slug="an-ci-jian-zhi")
        self.assertEqual(self.add(title="安次剪纸", slug="安次剪纸").slug, "an-ci-jian-zhi-2")

    def test_a_chosen_slug_is_kept(self):
        self.assertEqual(self.add(title="安次剪纸", slug="jianzhi").slug, "jianzhi")
        self.assertEqual(self.add(title="安次剪纸", slug="剪纸艺术").slug, "剪纸艺术")

    def test_an_existing_page_keeps_its_slug_when_saved(self):
        page = self.add(title="安次剪纸")
        Page.objects.filter(pk=page.pk).update(slug="安次剪纸")
        page.refresh_from_db()
        page.title = "安次剪纸艺术"
        page.save()
        page.refresh_from_db()
        self.assertEqual(page.slug, "安次剪纸")

    def test_page_created_in_the_admin_gets_pinyin(self):
        admin = get_user_model().objects.create_superuser("curator", "c@example.org", "pw")
        self.client.force_login(admin)
        # The slug the admin's title field fills in as the curator types.
        data = nested_form_data(
            {"title": "安次区文化馆简介", "slug": "安次区文化馆简介", "body": streamfield([])}
        )
        self.assertCanCreate(self.pages["about"], StandardPage, data)
        page = StandardPage.objects.get(title="安次区文化馆简介")
        self.assertEqual(page.slug, "an-ci-qu-wen-hua-guan-jian-jie")
        self.assertEqual(page.url, "/gaikuang/an-ci-qu-wen-hua-guan-jian-jie/")
