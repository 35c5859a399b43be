"""The read-only JSON API (Wagtail API v2) at /api/v2/.

Every endpoint lists only what core.visibility calls visible: pages that are
live, unexpired and unrestricted; images and documents outside private
collections that such a page uses (Wagtail's reference index).
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from heritage_archive.core.visibility import visible_files, visible_pages


class PublicImagesAPIViewSet(ImagesAPIViewSet):
    def get_queryset(self):
        return visible_files(super().get_queryset())


class PublicDocumentsAPIViewSet(DocumentsAPIViewSet):
    def get_queryset(self):
        return visible_files(super().get_queryset())


class VisiblePagesAPIViewSet(PagesAPIViewSet):
    def get_base_queryset(self):
        # Wagtail lists live, public pages; expired ones must go too.
        return visible_pages(super().get_base_queryset(), self.request)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", VisiblePagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
