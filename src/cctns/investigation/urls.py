"""Pages of the investigation app (``/investigation/``)."""

from django.urls import path

from . import views

app_name = "investigation"
urlpatterns = [
    path("<int:pk>/", views.CaseView.as_view(), name="case"),
    path("<int:pk>/case-diary/", views.CaseDiaryView.as_view(), name="case_diary"),
    path("<int:pk>/crime-details/", views.CrimeDetailsView.as_view(), name="crime_details"),
    path("<int:pk>/crime-details/pdf/<str:language>/", views.DocumentView.as_view(), name="crime_details_pdf"),
    path("<int:pk>/final-report/", views.FinalReportView.as_view(), name="final_report"),
    path("<int:pk>/final-report/<int:report_id>/pdf/<str:language>/", views.DocumentView.as_view(), name="final_report_pdf"),
    path("<int:pk>/timeline/", views.TimelineView.as_view(), name="timeline"),
    path("<int:pk>/files/<int:file_id>/", views.CaseFileView.as_view(), name="case_file"),
]
