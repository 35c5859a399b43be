"""The read-only JSON API (Wagtail API v2) at /api/v2/.

Pages are only ever listed live and public (Wagtail's pages endpoint does
that itself), so drafts and private records never appear. Images and
documents have no privacy of their own in Wagtail, so their endpoints list
only files that a live, public page uses (Wagtail's reference index).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, IntegerField
from django.db.models.functions import Cast
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, ReferenceIndex


def used_on_public_pages(queryset):
    """The files of ``queryset`` referenced by a live, public page."""
    public_page_ids = (
        Page.objects.live().public().annotate(id_text=Cast("pk", CharField())).values("id_text")
    )
    referenced_ids = (
        ReferenceIndex.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=public_page_ids,
            to_content_type=ContentType.objects.get_for_model(queryset.model),
        )
        .annotate(target_id=Cast("to_object_id", IntegerField()))
        .values("target_id")
    )
    return queryset.filter(pk__in=referenced_ids)


class PublicImagesAPIViewSet(ImagesAPIViewSet):
    def get_queryset(self):
        return used_on_public_pages(super().get_queryset())


class PublicDocumentsAPIViewSet(DocumentsAPIViewSet):
    def get_queryset(self):
        return used_on_public_pages(super().get_queryset())


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
