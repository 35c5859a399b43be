from django.urls import path

from . import views

app_name = "signups"
urlpatterns = [
    path("signup/<int:page_id>/", views.signup_view, name="form"),
    path("signup/receipt/<str:token>/", views.receipt_view, name="receipt"),
    path("signup/cancel/<str:token>/", views.cancel_view, name="cancel"),
]
