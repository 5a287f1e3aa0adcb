"""Property pages under ``/property/`` (see :mod:`cctns.property.views` for the map)."""

from django.urls import path

from . import views

app_name = "property"
urlpatterns = [
    path("items/", views.ItemListView.as_view(), name="item_list"),
    path("items/new/<str:kind>/", views.ItemCreateView.as_view(), name="item_create"),
    path("items/<int:pk>/", views.ItemDetailView.as_view(), name="item_detail"),
    path("items/<int:pk>/state/", views.ItemStateView.as_view(), name="item_state"),
    path("candidates/", views.CandidateListView.as_view(), name="candidate_list"),
    path("candidates/<int:pk>/", views.CandidateDetailView.as_view(), name="candidate_detail"),
    path("check/", views.CheckView.as_view(), name="check"),
]
