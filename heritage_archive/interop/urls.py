from django.urls import path, re_path

from . import views
from .api import api_router

urlpatterns = [
    path("oai/", views.oai_pmh, name="oai_pmh"),
    path("iiif/<int:page_id>/manifest.json", views.iiif_manifest, name="iiif_manifest"),
    path("iiif/<int:page_id>/viewer/", views.iiif_viewer, name="iiif_viewer"),
    path("iiif/image/<int:image_id>", views.iiif_image_base, name="iiif_image_base"),
    path("iiif/image/<int:image_id>/info.json", views.iiif_image_info, name="iiif_image_info"),
    re_path(
        r"^iiif/image/(?P<image_id>\d+)/(?P<region>[^/]+)/(?P<size>[^/]+)/(?P<rotation>[^/]+)/"
        r"(?P<quality>[a-z]+)\.(?P<image_format>[a-z0-9]+)$",
        views.iiif_image,
        name="iiif_image",
    ),
    path("api/v2/", api_router.urls),
]
