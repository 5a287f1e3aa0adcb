from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.UnitListView.as_view(), name="unit_list"),
    path("<str:code>/", views.UnitDetailView.as_view(), name="unit_detail"),
]
