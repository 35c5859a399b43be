from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from heritage_archive.core import routing
from heritage_archive.core import views as core_views
from heritage_archive.core.sitemaps import VisibleSitemap, robots_txt
from heritage_archive.records import views as record_views
from heritage_archive.records.autocomplete import admin_urlpatterns as autocomplete_urls
from heritage_archive.records.feeds import records_feed_view

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    # Before the admin: the record relations' autocomplete (records.autocomplete).
    path("admin/autocomplete/", include(autocomplete_urls())),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": VisibleSitemap}}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("tags/<str:tag>/", record_views.tag_view, name="tag"),
    path("record/page/<int:page_id>/", record_views.record_page_view, name="record_page"),
    path("record/<slug:kind>/<str:key>/", record_views.record_view, name="record"),
    re_path(
        r"^record/(?P<kind>[-\w]+)/(?P<key>[^/]+)/cite\.(?P<fmt>ris|bib)$",
        record_views.record_citation_view,
        name="record_citation",
    ),
    re_path(r"^feeds/records/(?P<fmt>atom|rss)/$", records_feed_view, name="records_feed"),
    path("", include("heritage_archive.site.signups.urls")),
    path("", include("search.urls")),
    path("", include("heritage_archive.interop.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's own front-end URLs, with its serve view behind the one-query routing
# (core.routing); the name stays, since Wagtail reverses it for page URLs.
urlpatterns += [
    pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"
] + [re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve")]
