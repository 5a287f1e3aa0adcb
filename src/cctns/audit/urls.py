from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("", views.AuditIndexView.as_view(), name="index"),
    path("record/<str:model>/<str:pk>/", views.RecordTrailView.as_view(), name="record_trail"),
    path("user/<str:username>/", views.UserHistoryView.as_view(), name="user_history"),
]
