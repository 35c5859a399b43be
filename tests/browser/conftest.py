"""Browser tests: Debian's Chromium, driven by Playwright, against a live server.

The package builds the demo content once (``load_demo_content``, about a
minute), serves it with Django's live server thread (static files through
staticfiles' handler, uploads through the test server's media handler) and
puts the database back to its migrated state when the package is done, as a
TransactionTestCase with serialized rollback would, so the other test
packages never see the demo records.

Playwright comes from PyPI with its driver; the browser is Debian's
``/usr/bin/chromium`` and nothing is ever downloaded (never run
``playwright install``). Without that binary the tests are skipped on a
workstation and fail in CI (environment variable CI set).

Playwright's sync API keeps an event loop in the main thread, where Django
refuses ORM calls; so every query runs before the browser starts or after it
stops, and pages are served by the live server's own threads.
"""

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = Path("/usr/bin/chromium")
# Chromium as root needs --no-sandbox; the background-networking flags keep it
# from calling Google's services, whose connections this network refuses.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SCREENSHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"


def _unavailable(reason):
    """Fail in CI, where the browser must be installed; skip elsewhere."""
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run in CI: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="package")
def chromium_path():
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _unavailable("playwright is not installed (pip install -r requirements.txt)")
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium fonts-noto-cjk)")
    return str(CHROMIUM)


@dataclass
class DemoSite:
    """The live server's address and the pages the tests visit, found before the browser starts."""

    live_url: str
    urls: dict = field(default_factory=dict)
    titles: dict = field(default_factory=dict)
    facts: dict = field(default_factory=dict)

    def url(self, name):
        return self.live_url + self.urls[name]


def _pick_pages():
    """Pages of the demo content with what each browser test needs."""
    from django.db.models import Count
    from django.urls import reverse
    from wagtail.models import Page

    from heritage_archive.interop.iiif import manifest_images
    from heritage_archive.records.heritage.models import HeritageItemPage
    from heritage_archive.site.events.models import EventPage
    from heritage_archive.site.news.models import ArticlePage

    urls, titles, facts = {}, {}, {}
    item = (
        HeritageItemPage.objects.live()
        .annotate(images=Count("gallery_images"))
        .filter(images__gte=2)
        .order_by("-images", "pk")
        .first()
    )
    assert item is not None, "the demo content has no heritage item with two gallery images"
    urls["heritage_item"] = item.url
    titles["heritage_item"] = item.title
    facts["gallery_size"] = item.images
    # The IIIF viewer (test_viewer.py) opens this item's manifest.
    urls["manifest"] = reverse("iiif_manifest", args=[item.pk])
    urls["viewer"] = reverse("iiif_viewer", args=[item.pk])
    facts["manifest_canvases"] = len(manifest_images(item))

    article = next(
        (
            page
            for page in ArticlePage.objects.live().order_by("pk")
            if page.previous_article() and page.next_article()
        ),
        None,
    )
    assert article is not None, "the demo content has no article with both neighbours"
    urls["article"] = article.url
    titles["article"] = article.title
    for name, neighbour in (
        ("previous", article.previous_article()),
        ("next", article.next_article()),
    ):
        urls[name] = neighbour.url
        titles[name] = neighbour.title

    # The lineage drawing (test_lineage.py): an inheritor with teachers and
    # students, and the item they carry.
    from heritage_archive.records.inheritors.models import InheritorPage

    middle = (
        InheritorPage.objects.live()
        .filter(teachers__isnull=False, students__isnull=False)
        .order_by("pk")
        .first()
    )
    assert middle is not None, "the demo content has no inheritor with teachers and students"
    urls["lineage_inheritor"] = middle.url
    titles["lineage_inheritor"] = middle.title
    urls["lineage_item"] = middle.items.live().order_by("pk").first().url

    home = Page.objects.live().filter(depth=2).first()
    urls["home"] = home.url
    # test_signups.py: the demo's event open for sign-up.
    open_event = next(
        (page for page in EventPage.objects.live().order_by("pk") if page.signup_is_open()), None
    )
    assert open_event is not None, "the demo content has no event open for sign-up"
    urls["signup_event"] = open_event.url
    titles["signup_event"] = open_event.title
    urls.update(_one_page_of_every_type())
    # An empty query lists every record, so the facets have something to narrow.
    urls["search"] = "/search/"
    return urls, titles, facts


def _one_page_of_every_type():
    """``{"type:<PageClass>": url}``: the first public page (in tree order) of each page type."""
    from wagtail.models import Page

    first_of_type = {}
    for pk, content_type in (
        Page.objects.live().public().filter(depth__gt=1).order_by("path")
    ).values_list("pk", "content_type"):
        first_of_type.setdefault(content_type, pk)
    pages = Page.objects.filter(pk__in=first_of_type.values()).specific()
    return {f"type:{type(page).__name__}": page.url for page in pages}


def _drain_search_outbox():
    from search.indexing import drain_outbox

    while drain_outbox() != (0, 0):
        pass


@pytest.fixture(scope="package")
def test_database(django_db_setup, django_db_blocker):
    """The test database, also when no other collected test asked pytest-django for one.

    pytest-django creates it only for tests using ``db``, ``transactional_db``
    or ``live_server``, which would flush the demo content after every test;
    these tests use none of them, so when run alone they make it here.
    """
    from django.db import connections
    from django.test.utils import setup_databases, teardown_databases

    connection = connections["default"]
    with django_db_blocker.unblock():
        if connection.settings_dict["NAME"] == connection.creation._get_test_db_name():
            yield
            return
        config = setup_databases(verbosity=0, interactive=False, aliases={"default"})
        try:
            yield
        finally:
            teardown_databases(config, verbosity=0)


def _restore_rows_a_transactional_test_flushed(connection):
    """pytest-django runs these tests after the transactional ones, and a
    transactional test ends by flushing every table; with serialized rollback
    it leaves the migrated rows (Wagtail's root page, locale, collections) in
    ``_test_serialized_contents`` for the next test to restore, as here."""
    from wagtail.models import Page

    serialized = getattr(connection, "_test_serialized_contents", None)
    if serialized and not Page.objects.exists():
        connection.creation.deserialize_db_from_string(serialized)


@pytest.fixture(scope="package")
def demo_site(chromium_path, test_database, django_db_blocker):
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.management import call_command
    from django.db import connections
    from django.test.testcases import LiveServerThread
    from django.test.utils import override_settings

    # The search page answers from the database table here: Elasticsearch has
    # its own tests, and its test indices must not receive the demo records.
    no_elasticsearch = override_settings(ELASTICSEARCH_URL="")
    with django_db_blocker.unblock(), no_elasticsearch:
        connection = connections["default"]
        _restore_rows_a_transactional_test_flushed(connection)
        migrated_state = connection.creation.serialize_db_to_string()
        call_command("load_demo_content", verbosity=0)
        _drain_search_outbox()
        urls, titles, facts = _pick_pages()

        # An in-memory SQLite database exists only in this connection, so the
        # server threads share it; other databases get connections of their own.
        shared = {}
        if connection.vendor == "sqlite" and connection.is_in_memory_db():
            shared["default"] = connection
            connection.inc_thread_sharing()
        server = LiveServerThread(
            "127.0.0.1", StaticFilesHandler, connections_override=shared, port=0
        )
        server.daemon = True
        server.start()
        server.is_ready.wait()
        # The site's public address is the live server's, as SITE_BASE_URL is a
        # deployment's: manifests, feeds and citations link back to this server.
        address = f"http://127.0.0.1:{server.port}"
        public_address = override_settings(SITE_BASE_URL=address)
        public_address.enable()
        try:
            if server.error:
                raise server.error
            yield DemoSite(address, urls, titles, facts)
        finally:
            public_address.disable()
            server.terminate()
            if shared:
                connection.dec_thread_sharing()
            # Back to the migrated state, as TransactionTestCase does with
            # serialized_rollback: flush without post_migrate, then restore.
            call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
            connection.creation.deserialize_db_from_string(migrated_state)


@pytest.fixture(scope="package")
def browser(demo_site, chromium_path):
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()
    finally:
        playwright.stop()


# Console errors a vendored library writes itself, not the site failing: Mirador
# 4.0.0's build (static_src/vendor/mirador/) ships React 19's development
# warnings, and its MUI components read element.ref.
KNOWN_LIBRARY_CONSOLE_ERRORS = ("Accessing element.ref was removed in React 19.",)


class PageProblems:
    """Console errors and failed requests to the site itself, gathered from every page."""

    def __init__(self, live_url):
        self.live_url = live_url
        self.messages = []

    def is_ours(self, url):
        return url.startswith(self.live_url + "/") or url == self.live_url

    def watch(self, page):
        page.on("console", self.on_console)
        page.on("pageerror", lambda error: self.messages.append(f"page error: {error}"))
        page.on("requestfailed", self.on_request_failed)
        page.on("response", self.on_response)

    def on_console(self, message):
        if message.type == "error" and not message.text.startswith(KNOWN_LIBRARY_CONSOLE_ERRORS):
            self.messages.append(f"console error on {message.location.get('url')}: {message.text}")

    def on_request_failed(self, request):
        # ERR_ABORTED is the browser cancelling a request itself (the page
        # navigated on before a favicon or image arrived), not the site failing.
        if self.is_ours(request.url) and "ERR_ABORTED" not in (request.failure or ""):
            self.messages.append(f"request failed: {request.url} ({request.failure})")

    def on_response(self, response):
        if self.is_ours(response.url) and response.status >= 400:
            self.messages.append(f"HTTP {response.status}: {response.url}")


@pytest.fixture
def open_page(browser, demo_site):
    """``open_page(viewport=DESKTOP)``: a fresh page whose problems fail the test at teardown."""
    problems = PageProblems(demo_site.live_url)
    contexts = []

    def open_page(viewport=DESKTOP, init_script=None):
        context = browser.new_context(viewport=viewport, locale="zh-CN")
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        if init_script:
            page.add_init_script(init_script)
        problems.watch(page)
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert not problems.messages, "problems on the site:\n" + "\n".join(problems.messages)
