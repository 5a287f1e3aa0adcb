"""Pages of the prosecution app (``/court/``; see :mod:`cctns.prosecution.views`)."""

from django.urls import path

from . import views

app_name = "prosecution"
urlpatterns = [
    path("", views.CourtCaseListView.as_view(), name="case_list"),
    path("calendar/", views.HearingCalendarView.as_view(), name="calendar"),
    path("firs/<int:fir_pk>/new/", views.CourtCaseCreateView.as_view(), name="case_create"),
    path("<int:pk>/", views.CourtCaseDetailView.as_view(), name="case_detail"),
    path("<int:pk>/cognizance/", views.CognizanceView.as_view(), name="cognizance"),
    path("<int:pk>/hearing/", views.ScheduleHearingView.as_view(), name="schedule_hearing"),
    path("<int:pk>/bail/", views.BailOrderView.as_view(), name="bail"),
    path("<int:pk>/remand/", views.RemandOrderView.as_view(), name="remand"),
    path("<int:pk>/order/", views.CourtOrderView.as_view(), name="order"),
    path("<int:pk>/warrant/", views.WarrantView.as_view(), name="warrant"),
    path("<int:pk>/summons/", views.SummonsView.as_view(), name="summons"),
    path("<int:pk>/disposal/", views.DisposalView.as_view(), name="disposal"),
    path("<int:pk>/appeal/", views.AppealView.as_view(), name="appeal"),
    path("<int:pk>/status/", views.ConfirmStatusView.as_view(), name="confirm_status"),
    path("<int:pk>/<str:form>/<str:language>/", views.CourtDocumentView.as_view(), name="document"),
    path("hearings/<int:pk>/record/", views.RecordHearingView.as_view(), name="record_hearing"),
    path("process/<str:kind>/<int:pk>/return/", views.ProcessReturnView.as_view(), name="process_return"),
    path("disposals/<int:pk>/correct/", views.DisposalCorrectionView.as_view(), name="correct_disposal"),
    path("appeals/<int:pk>/result/", views.AppealResultView.as_view(), name="appeal_result"),
]
