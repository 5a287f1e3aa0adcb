"""Public document verification, mounted at ``/verify/``."""

from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("<str:token>/", views.verify, name="verify"),
]
