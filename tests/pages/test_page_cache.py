"""The page cache for anonymous visitors (heritage_archive/core/page_cache.py).

Kept in Redis (REDIS_URL, as in production): without it on a workstation
these tests skip; in CI a missing Redis fails. Each test starts from a fresh
generation, so nothing kept by an earlier test (whose page ids repeat) is
served.
"""

import datetime

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from heritage_archive.core import page_cache
from heritage_archive.core.models import SiteSettings
from heritage_archive.site.news.models import ArticlePage
from tests.factories import make_heritage_item
from tests.security.test_rate_limit_store import require_redis
from tests.utils import build_site

INDEX_URL = "/feiyi/xiangmu/"


@pytest.fixture
def pages(db, settings):
    require_redis()
    settings.PAGE_CACHE_ENABLED = True
    page_cache.invalidate()
    caches[settings.PAGE_CACHE_ALIAS].delete_pattern("page-cache:views:*")
    pages = build_site()
    # The first request of a site would create its settings row (a change
    # that makes what it rendered stale); made here so the first GET is kept.
    SiteSettings.for_site(pages["home"].get_site())
    pages["item"] = make_heritage_item(pages, title="安次快板", key="Ⅴ-3")
    return pages


def get(client, url, **kwargs):
    response = client.get(url, **kwargs)
    return response, response.headers.get(page_cache.STATUS_HEADER)


def served_from_cache(client, url):
    """Fetch twice; the second answer must be a hit. Returns its text."""
    first, status = get(client, url)
    assert first.status_code == 200, url
    assert status == "MISS", url
    second, status = get(client, url)
    assert status == "HIT", url
    assert second.content == first.content
    return second.content.decode()


# --- What is kept --------------------------------------------------------------


@pytest.mark.parametrize("url", ["/", INDEX_URL, "/feiyi/", "/xinxi/guanwudongtai/"])
def test_second_anonymous_get_is_served_from_the_cache_without_queries(
    pages, client, url, django_assert_num_queries
):
    first, status = get(client, url)
    assert (first.status_code, status) == (200, "MISS")
    with django_assert_num_queries(0):
        second, status = get(client, url)
    assert (second.status_code, status) == (200, "HIT")
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_record_page_is_kept_and_keeps_its_security_headers(pages, client):
    url = pages["item"].url
    served_from_cache(client, url)
    response, _status = get(client, url)
    assert "安次快板" in response.content.decode()
    assert response["Content-Security-Policy"]
    assert response["X-Frame-Options"]


def test_shared_list_parameters_are_kept_apart_and_search_text_is_never_kept(pages, client):
    served_from_cache(client, INDEX_URL + "?category=quyi&page=1")
    _response, status = get(client, INDEX_URL + "?page=1&category=quyi")
    assert status == "HIT"  # the same parameters in another order
    _response, status = get(client, INDEX_URL + "?page=2")
    assert status == "MISS"
    for query in ("?q=快板", "?utm_source=wechat", "?q=快板&page=1"):
        for _ in range(2):
            _response, status = get(client, INDEX_URL + query)
            assert status == "BYPASS", query


def test_cache_off_by_setting(pages, client, settings):
    settings.PAGE_CACHE_ENABLED = False
    for _ in range(2):
        response, status = get(client, INDEX_URL)
        assert response.status_code == 200
        assert status is None


# --- Who is never served from it -----------------------------------------------


def test_logged_in_users_are_never_served_nor_stored(pages, client, admin_client):
    for _ in range(2):
        response, status = get(admin_client, INDEX_URL)
        assert response.status_code == 200
        assert status == "BYPASS"
    # The logged-in answers were not kept: the first anonymous GET renders.
    _response, status = get(client, INDEX_URL)
    assert status == "MISS"
    # ...and a kept page is not handed to a logged-in user either.
    _response, status = get(admin_client, INDEX_URL)
    assert status == "BYPASS"


def test_any_session_or_messages_cookie_bypasses(pages, client):
    served_from_cache(client, INDEX_URL)
    client.cookies["sessionid"] = "anything"
    _response, status = get(client, INDEX_URL)
    assert status == "BYPASS"
    del client.cookies["sessionid"]
    client.cookies["messages"] = "a message waiting"
    _response, status = get(client, INDEX_URL)
    assert status == "BYPASS"


def test_previews_are_never_kept(pages, client, admin_client):
    item = pages["item"]
    draft = item.get_latest_revision_as_object()
    draft.title = "草稿中的新名称"
    draft.save_revision()
    # A preview goes through the middleware as a request for the page's own URL.
    preview = draft.make_preview_request()
    assert "草稿中的新名称" in preview.content.decode()
    assert preview.headers.get(page_cache.STATUS_HEADER) == "BYPASS"
    response = admin_client.get(f"/admin/pages/{item.pk}/view_draft/")
    assert "草稿中的新名称" in response.content.decode()
    # The public still gets the live page, rendered for them.
    response, status = get(client, item.url)
    assert status == "MISS"
    assert "草稿中的新名称" not in response.content.decode()
    response, status = get(client, item.url)
    assert status == "HIT"
    assert "草稿中的新名称" not in response.content.decode()


def test_an_answer_with_a_form_is_never_kept(pages):
    """A page that renders a CSRF token (any POST form) goes out, never into the cache."""
    item = pages["item"]

    def page_with_form(request):
        page_cache.mark_cacheable(item, request)  # a public page, as the hook marks it
        return HttpResponse(f'<form method="post"><input value="{get_token(request)}"></form>')

    middleware = page_cache.PageCacheMiddleware(CsrfViewMiddleware(page_with_form))
    factory = RequestFactory()
    for _ in range(2):
        response = middleware(factory.get(item.url))
        assert response.status_code == 200
        assert response.headers[page_cache.STATUS_HEADER] == "BYPASS"

    # The same page without the form is kept: the form alone made the difference.
    def page_without_form(request):
        page_cache.mark_cacheable(item, request)
        return HttpResponse("<p>no form</p>")

    middleware = page_cache.PageCacheMiddleware(CsrfViewMiddleware(page_without_form))
    statuses = [middleware(factory.get(item.url))[page_cache.STATUS_HEADER] for _ in range(2)]
    assert statuses == ["MISS", "HIT"]


def test_restricted_pages_are_never_kept(pages, client):
    item = pages["item"]
    PageViewRestriction.objects.create(
        page=item, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    for _ in range(2):
        response, status = get(client, item.url)
        assert "安次快板" not in response.content.decode().split("<title>")[-1].split("<h1")[-1]
        assert status == "BYPASS"
    # A page under a restricted section is private too.
    PageViewRestriction.objects.filter(page=item).delete()
    PageViewRestriction.objects.create(
        page=pages["heritage_items"], restriction_type=PageViewRestriction.LOGIN
    )
    for _ in range(2):
        _response, status = get(client, item.url)
        assert status == "BYPASS"


def test_unpublished_and_expired_pages_are_never_kept(pages, client):
    item = pages["item"]
    url = item.url
    item.unpublish()
    for _ in range(2):
        response, status = get(client, url)
        assert response.status_code == 404
        assert status == "BYPASS"
    expired = make_heritage_item(pages, title="已过期项目", key="Ⅴ-9")
    Page.objects.filter(pk=expired.pk).update(expire_at=timezone.now() - datetime.timedelta(1))
    for _ in range(2):
        response, status = get(client, expired.url)
        assert response.status_code == 404
        assert status == "BYPASS"


def test_a_page_that_expires_soon_is_kept_no_longer_than_until_then(pages, settings):
    soon = make_heritage_item(pages, title="即将过期", key="Ⅴ-8")
    soon.expire_at = timezone.now() + datetime.timedelta(seconds=30)
    soon.save(update_fields=["expire_at"])
    assert page_cache._lifetime() <= 30
    Page.objects.filter(pk=soon.pk).update(expire_at=None)
    assert page_cache._lifetime() == settings.PAGE_CACHE_SECONDS


# --- Invalidation: every page that shows the record ------------------------------


def test_publish_refreshes_the_record_its_list_and_the_home_page(
    pages, client, django_capture_on_commit_callbacks
):
    item = pages["item"]
    for url in (item.url, INDEX_URL):
        assert "安次快板" in served_from_cache(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        revision = item.get_latest_revision_as_object()
        revision.title = "安次新快板"
        revision.save_revision().publish()
    for url in (item.url, INDEX_URL, "/"):
        response, status = get(client, url)
        assert status == "MISS", url
    assert "安次新快板" in get(client, item.url)[0].content.decode()
    assert "安次新快板" in get(client, INDEX_URL)[0].content.decode()


def test_publishing_a_new_record_shows_it_in_the_kept_list(pages, client):
    served_from_cache(client, INDEX_URL)
    make_heritage_item(pages, title="胜芳花会", key="Ⅲ-2")
    response, status = get(client, INDEX_URL)
    assert status == "MISS"
    assert "胜芳花会" in response.content.decode()


def test_unpublish_removes_the_record_at_once(pages, client):
    item = pages["item"]
    url = item.url
    served_from_cache(client, url)
    assert "安次快板" in served_from_cache(client, INDEX_URL)
    item.unpublish()
    assert get(client, url)[0].status_code == 404
    assert "安次快板" not in get(client, INDEX_URL)[0].content.decode()


def test_move_refreshes_old_and_new_places(pages, client):
    article = ArticlePage(title="移动的文章", slug="moving", date=datetime.date(2024, 8, 1))
    pages["news_center"].add_child(instance=article)
    article.save_revision().publish()
    old_url = article.url
    served_from_cache(client, old_url)
    assert "移动的文章" in served_from_cache(client, "/xinxi/guanwudongtai/")
    served_from_cache(client, "/xinxi/xinxigongkai/")
    article.move(pages["news_public"], pos="last-child")
    new_url = ArticlePage.objects.get(pk=article.pk).url
    # The old address now redirects (Wagtail's automatic redirect), not the kept page.
    response, _status = get(client, old_url)
    assert (response.status_code, response["Location"]) == (301, new_url)
    assert "移动的文章" not in get(client, "/xinxi/guanwudongtai/")[0].content.decode()
    assert "移动的文章" in get(client, "/xinxi/xinxigongkai/")[0].content.decode()
    assert get(client, new_url)[0].status_code == 200


def test_delete_removes_the_record_at_once(pages, client):
    item = pages["item"]
    url = item.url
    served_from_cache(client, url)
    served_from_cache(client, INDEX_URL)
    item.delete()
    assert get(client, url)[0].status_code == 404
    assert "安次快板" not in get(client, INDEX_URL)[0].content.decode()


def test_a_view_restriction_hides_a_kept_page_at_once(pages, client):
    item = pages["item"]
    served_from_cache(client, item.url)
    served_from_cache(client, INDEX_URL)
    PageViewRestriction.objects.create(
        page=item, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    response, status = get(client, item.url)
    assert status == "BYPASS"
    assert 'name="password"' in response.content.decode()
    assert "安次快板" not in get(client, INDEX_URL)[0].content.decode()
    # ...and lifting it shows the page again, rendered afresh.
    PageViewRestriction.objects.filter(page=item).delete()
    response, status = get(client, item.url)
    assert status == "MISS"
    assert 'name="password"' not in response.content.decode()


def test_a_settings_change_refreshes_every_page(pages, client, django_capture_on_commit_callbacks):
    for url in ("/", pages["item"].url):
        assert "安次区文化馆" in served_from_cache(client, url)
    site_settings = SiteSettings.for_site(pages["home"].get_site())
    with django_capture_on_commit_callbacks(execute=True):
        site_settings.site_name = "安次区文化馆数字档案馆"
        site_settings.save()
    for url in ("/", pages["item"].url):
        response, status = get(client, url)
        assert status == "MISS"
        assert "安次区文化馆数字档案馆" in response.content.decode()


def test_an_answer_rendered_before_a_commit_is_stale_after_it(
    pages, client, django_capture_on_commit_callbacks
):
    """A request that read the rows before the commit must not be served afterwards."""
    item = pages["item"]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page_cache.invalidate()
        # Rendered and kept inside the transaction, as a concurrent request would.
        served_from_cache(client, item.url)
    for callback in callbacks:
        callback()
    _response, status = get(client, item.url)
    assert status == "MISS"


# --- The view counter still counts ---------------------------------------------


def test_views_answered_from_the_cache_are_counted(pages, client):
    article = ArticlePage(title="计数文章", slug="counted", date=datetime.date(2024, 8, 1))
    pages["news_center"].add_child(instance=article)
    article.save_revision().publish()
    url = article.url
    served_from_cache(client, url)  # one rendered view, one hit
    _response, status = get(client, url)
    assert status == "HIT"
    _response, status = get(client, url, HTTP_USER_AGENT="Baiduspider")  # a crawler
    assert status == "HIT"
    _response, status = get(client, url, HTTP_SEC_PURPOSE="prefetch")
    assert status == "HIT"
    article.refresh_from_db()
    assert article.view_count == 1  # only the rendered view is in the row yet
    call_command("flush_view_counts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    article.refresh_from_db()
    assert article.view_count == 3  # the two hits by people, not the crawler or prefetch
    call_command("flush_view_counts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    article.refresh_from_db()
    assert article.view_count == 3  # flushed once only


def test_the_next_rendered_view_adds_the_pending_ones_and_shows_them(pages, client):
    article = ArticlePage(title="计数文章", slug="counted", date=datetime.date(2024, 8, 1))
    pages["news_center"].add_child(instance=article)
    article.save_revision().publish()
    url = article.url
    served_from_cache(client, url)
    get(client, url)  # two hits pending, one view in the row
    page_cache.invalidate()  # e.g. a publish elsewhere
    response, status = get(client, url)
    assert status == "MISS"
    article.refresh_from_db()
    assert article.view_count == 4
    assert '<span class="view-count">4</span>' in response.content.decode()
