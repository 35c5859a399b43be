"""The center's site tree: 首页 and its eight sections, in navigation order.

``ensure_site_tree`` creates whatever is missing and leaves what exists
alone, so it is safe to run on a live site and twice in a row.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from heritage_archive.core.addresses import site_address

# The Site Wagtail's first migration creates; setup_site gives it a real address.
WAGTAIL_PLACEHOLDER = ("localhost", 80)


@dataclass
class Node:
    key: str
    model: str
    title: str
    slug: str
    children: list = field(default_factory=list)


SITE_TREE = Node(
    "home",
    "home.HomePage",
    "首页",
    "home",
    [
        Node("about", "pages.StandardPage", "本馆概况", "gaikuang"),
        Node(
            "news",
            "news.NewsIndexPage",
            "信息发布",
            "xinxi",
            [
                Node("news_public", "news.NewsChannelPage", "信息公开", "xinxigongkai"),
                Node("news_center", "news.NewsChannelPage", "馆务动态", "guanwudongtai"),
                Node(
                    "news_charm",
                    "news.NewsChannelPage",
                    "安次之韵",
                    "ancizhiyun",
                    [Node("figures", "figures.FigureIndexPage", "安次名人录", "mingrenlu")],
                ),
                Node("periodicals", "news.PeriodicalIndexPage", "安次文化刊物", "kanwu"),
            ],
        ),
        Node("galleries", "galleries.GalleryIndexPage", "艺术欣赏", "yishu"),
        Node("training", "training.CourseIndexPage", "网上培训", "peixun"),
        Node("events", "events.EventIndexPage", "活动开展", "huodong"),
        Node(
            "heritage",
            "heritage.HeritageSectionPage",
            "非物质文化遗产",
            "feiyi",
            [
                Node("heritage_items", "heritage.HeritageIndexPage", "项目名录", "xiangmu"),
                Node("inheritors", "inheritors.InheritorIndexPage", "传承人", "chuanchengren"),
            ],
        ),
        Node("branches", "branches.BranchIndexPage", "文化馆总分馆", "zongfenguan"),
    ],
)


def _model(label):
    from django.apps import apps

    return apps.get_model(label)


def _ensure_child(parent, node):
    model = _model(node.model)
    existing = parent.get_children().filter(slug=node.slug).first()
    if existing is not None:
        return existing.specific
    page = model(title=node.title, slug=node.slug, show_in_menus=True)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@transaction.atomic
def ensure_site_tree():
    """Create the missing pages of SITE_TREE; return {node key: page}.

    The home page replaces Wagtail's placeholder welcome page as the root of
    the default site.
    """
    root = Page.get_first_root_node()
    home_model = _model(SITE_TREE.model)
    home = home_model.objects.first()
    if home is None:
        # Wagtail's first migration leaves a plain "Welcome" page; ours takes its place.
        root.get_children().filter(
            slug=SITE_TREE.slug, content_type__model="page", numchild=0
        ).delete()
        home = home_model(title=SITE_TREE.title, slug=SITE_TREE.slug, show_in_menus=False)
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    # The Site's address is what every absolute link names (core/addresses.py):
    # the configured public address, not Wagtail's placeholder localhost:80,
    # whose links open nowhere.
    hostname, port = site_address(settings.SITE_BASE_URL or settings.WAGTAILADMIN_BASE_URL)
    if site is None:
        Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name=str(_("安次区文化馆")),
        )
    elif site.root_page_id != home.pk or (site.hostname, site.port) == WAGTAIL_PLACEHOLDER:
        site.root_page = home
        if (site.hostname, site.port) == WAGTAIL_PLACEHOLDER:
            site.hostname, site.port = hostname, port
        site.save()
    pages = {"home": home}

    def walk(parent, nodes):
        for node in nodes:
            page = _ensure_child(parent, node)
            pages[node.key] = page
            walk(page, node.children)

    walk(home, SITE_TREE.children)
    return pages
