"""The read-only JSON API (Wagtail API v2) at /api/v2/.

Every endpoint lists only what core.visibility calls visible: pages that are
live, unexpired and unrestricted; images and documents outside private
collections that such a page uses (Wagtail's reference index).
"""

from django.urls import NoReverseMatch
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import (
    PageHtmlUrlField,
    PageParentField,
    PageSerializer,
    get_serializer_class,
)
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from heritage_archive.core.addresses import page_url
from heritage_archive.core.visibility import visible_files, visible_pages


class PublicImagesAPIViewSet(ImagesAPIViewSet):
    def get_queryset(self):
        return visible_files(super().get_queryset())


class PublicDocumentsAPIViewSet(DocumentsAPIViewSet):
    def get_queryset(self):
        return visible_files(super().get_queryset())


class SiteHtmlUrlField(PageHtmlUrlField):
    """``html_url`` on the site's public address (SITE_BASE_URL when set), like every link."""

    def to_representation(self, page):
        try:
            return page_url(page, self.context.get("request")) or None
        except NoReverseMatch:
            return None


class SiteParentField(PageParentField):
    """The parent page, serialised with the same html_url (Wagtail's uses PageSerializer)."""

    def to_representation(self, value):
        serializer_class = get_serializer_class(
            value.__class__,
            ["id", "type", "detail_url", "html_url", "title"],
            meta_fields=["type", "detail_url", "html_url"],
            base=PublicPageSerializer,
        )
        return serializer_class(context=self.context).to_representation(value)


class PublicPageSerializer(PageSerializer):
    html_url = SiteHtmlUrlField(read_only=True)
    parent = SiteParentField(read_only=True)


class VisiblePagesAPIViewSet(PagesAPIViewSet):
    base_serializer_class = PublicPageSerializer

    def get_base_queryset(self):
        # Wagtail lists live, public pages; expired ones must go too.
        return visible_pages(super().get_base_queryset(), self.request)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", VisiblePagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
