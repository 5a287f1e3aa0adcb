"""``/inbox/``: the officer's alerts (cctns.core.alerts)."""

from django.urls import path

from . import views

app_name = "inbox"
urlpatterns = [
    path("", views.inbox, name="list"),
    path("<int:pk>/seen/", views.inbox_acknowledge, name="acknowledge"),
]
