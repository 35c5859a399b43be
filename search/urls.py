from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("api/search/", views.search_api, name="api"),
    path("api/search/export.csv", views.export_csv, name="export_csv"),
    path("api/search/export.json", views.export_json, name="export_json"),
]
