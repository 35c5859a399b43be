"""Fixture records for the search tests, created as real pages and published."""

import datetime
import os
import unittest

from django.conf import settings
from django.utils import timezone

from tests.utils import build_site, make_image


def require_elasticsearch():
    """Skip without Elasticsearch on a workstation; in CI (env CI set) a missing node fails."""
    from search.backends.elasticsearch import get_client

    in_ci = bool(os.environ.get("CI"))
    if not settings.ELASTICSEARCH_URL:
        if in_ci:
            raise AssertionError("CI 环境必须设置 ELASTICSEARCH_URL。")
        raise unittest.SkipTest("ELASTICSEARCH_URL is not set")
    try:
        get_client().cluster.health(wait_for_status="yellow", timeout="10s")
    except Exception as error:
        if in_ci:
            raise AssertionError(f"Elasticsearch 无法连接：{error}") from error
        raise unittest.SkipTest(f"Elasticsearch unreachable: {error}") from error


class ElasticsearchTestMixin:
    """A TestCase of a real node: fresh indices of the run's prefix before, none left after."""

    @classmethod
    def setUpClass(cls):
        require_elasticsearch()
        from search.backends.elasticsearch import delete_all_indices

        delete_all_indices()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        from search.backends.elasticsearch import delete_all_indices

        super().tearDownClass()
        delete_all_indices()


def _publish(parent, page, tags=()):
    parent.add_child(instance=page)
    if tags:
        page.tags.add(*tags)
        page.save()
    page.save_revision().publish()
    return page


def create_fixture_records():
    """A handful of records of every type; returns {short name: page}."""
    from heritage_archive.core.models import Region
    from heritage_archive.records.figures.models import FigurePage
    from heritage_archive.records.heritage.models import (
        HeritageItemImage,
        HeritageItemPage,
        HeritageListing,
    )
    from heritage_archive.records.inheritors.models import InheritorDesignation, InheritorPage
    from heritage_archive.site.events.models import EventPage
    from heritage_archive.site.galleries.models import ArtworkPage, GalleryPage
    from heritage_archive.site.news.models import ArticlePage
    from heritage_archive.site.training.models import CoursePage

    site = build_site()
    luofa = Region.objects.create(name="落垡镇")
    matou = Region.objects.create(name="码头镇")
    geyu = Region.objects.create(name="葛渔城镇")
    image = make_image()
    pages = {}

    def heritage(name, title, key, category, level, year, region, summary, tags=(), images=()):
        page = HeritageItemPage(
            title=title,
            slug=f"item-{name}",
            key=key,
            category=category,
            region=region,
            summary=summary,
        )
        page.listings = [HeritageListing(level=level, year=year)]
        page.gallery_images = [HeritageItemImage(image=img) for img in images]
        pages[name] = _publish(site["heritage_items"], page, tags)

    heritage(
        "kuaiban",
        "安次快板",
        "Ⅴ-3",
        "quyi",
        "municipal",
        2013,
        luofa,
        "安次快板流传于落垡镇，以竹板击节说唱。",
        ("曲艺", "说唱"),
        (image,),
    )
    heritage(
        "jingju",
        "安次京剧",
        "Ⅳ-1",
        "traditional-drama",
        "provincial",
        2009,
        matou,
        "文化馆开设少儿京剧训练班，传授唱念做打。",
        ("戏曲",),
    )
    heritage(
        "chuige",
        "葛渔城吹歌",
        "Ⅱ-28",
        "traditional-music",
        "county",
        2015,
        geyu,
        "吹歌是葛渔城一带的民间器乐合奏。",
        ("音乐",),
    )
    heritage(
        "gaoqiao", "東沽港高蹺", "Ⅲ-5", "traditional-dance", "county", 2015, luofa,
        "傳承人帶領高蹺隊在節日演出。", ("舞蹈", "戏曲"),
    )  # fmt: skip
    inheritor = InheritorPage(
        title="王明", slug="wang-ming", key="CCR-001", region=luofa,
        summary="京剧传承人，也擅长快板书。",
    )  # fmt: skip
    inheritor.designations = [InheritorDesignation(level="municipal", year=2016)]
    pages["inheritor"] = _publish(site["inheritors"], inheritor, ("戏曲",))
    pages["figure"] = _publish(
        site["figures"],
        FigurePage(
            title="李清", slug="li-qing", key="MR-001", era="清", summary="清代学者，著有文集。"
        ),
    )
    pages["article"] = _publish(
        site["news_center"],
        ArticlePage(
            title="少儿京剧训练班开班",
            slug="jingju-class",
            date=datetime.date(2024, 7, 1),
            summary="文化馆举办少儿京剧训练班，学员四十人。",
        ),
        ("培训",),
    )
    gallery = _publish(site["galleries"], GalleryPage(title="书画展", slug="shuhua"))
    pages["artwork"] = _publish(
        gallery,
        ArtworkPage(
            title="墨竹图", slug="mozhu", artist="张三", image=image, description="水墨竹石。"
        ),
    )
    pages["course"] = _publish(
        site["training"],
        CoursePage(title="快板入门", slug="kuaiban-course", summary="学习快板的基本打法。"),
    )
    start = timezone.make_aware(datetime.datetime(2025, 2, 1, 9, 0))
    pages["event"] = _publish(
        site["events"],
        EventPage(
            title="元宵节花会展演",
            slug="huahui",
            start_at=start,
            end_at=start + datetime.timedelta(hours=3),
            summary="高跷、吹歌与京剧同台。",
        ),  # fmt: skip
        ("节日",),
    )
    return pages
