from django.urls import path

from . import views

app_name = "legal"
urlpatterns = [
    path("", views.ActListView.as_view(), name="act_list"),
    path("<str:code>/", views.ActDetailView.as_view(), name="act_detail"),
]
