from django.urls import path

from . import views

app_name = "registration"
urlpatterns = [
    path("rules/", views.ValidationRulesView.as_view(), name="rules"),
]
