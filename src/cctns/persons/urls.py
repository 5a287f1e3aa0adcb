from django.urls import path

from . import views

app_name = "persons"
urlpatterns = [
    path("", views.PersonListView.as_view(), name="list"),
    path("search", views.PersonSearchView.as_view(), name="search"),
    path("new", views.PersonCreateView.as_view(), name="create"),
    path("duplicates/", views.DuplicateListView.as_view(), name="duplicates"),
    path("duplicates/<int:pk>/reject", views.DuplicateRejectView.as_view(), name="duplicate_reject"),
    path("duplicates/<int:pk>/merge", views.DuplicateMergeView.as_view(), name="duplicate_merge"),
    path("merges/<int:pk>/undo", views.MergeUndoView.as_view(), name="merge_undo"),
    path("<uuid:global_id>/", views.PersonDetailView.as_view(), name="detail"),
]
