"""Registration pages under ``/registration/`` (see :mod:`cctns.registration.views` for the map)."""

from django.urls import path

from . import views

app_name = "registration"
urlpatterns = [
    path("rules/", views.ValidationRulesView.as_view(), name="rules"),
    # complaints
    path("complaints/", views.ComplaintListView.as_view(), name="complaint_list"),
    path("complaints/new/", views.ComplaintCreateView.as_view(), name="complaint_create"),
    path("complaints/<int:pk>/", views.ComplaintDetailView.as_view(), name="complaint_detail"),
    path("complaints/<int:pk>/enquiry/", views.ComplaintEnquiryView.as_view(), name="complaint_enquiry"),
    path("complaints/<int:pk>/enquiry/note/", views.ComplaintNoteView.as_view(), name="complaint_note"),
    path("complaints/<int:pk>/enquiry/extend/", views.ComplaintExtendView.as_view(), name="complaint_extend"),
    path("complaints/<int:pk>/close/", views.ComplaintCloseView.as_view(), name="complaint_close"),
    path("complaints/<int:pk>/communicated/", views.ComplaintCommunicatedView.as_view(), name="complaint_communicated"),
    path("complaints/<int:pk>/attachments/<int:att>/", views.ComplaintAttachmentView.as_view(), name="complaint_attachment"),
    # FIRs
    path("firs/", views.FIRListView.as_view(), name="fir_list"),
    path("firs/new/", views.FIRCreateView.as_view(), name="fir_create"),
    path("firs/<int:pk>/", views.FIRDetailView.as_view(), name="fir_detail"),
    path("firs/<int:pk>/approve/", views.FIRApproveView.as_view(), name="fir_approve"),
    path("firs/<int:pk>/return/", views.FIRReturnView.as_view(), name="fir_return"),
    path("firs/<int:pk>/assign-io/", views.FIRAssignIOView.as_view(), name="fir_assign_io"),
    path("firs/<int:pk>/mark-sensitive/", views.FIRMarkSensitiveView.as_view(), name="fir_mark_sensitive"),
    path("firs/<int:pk>/transfer/", views.FIRTransferView.as_view(), name="fir_transfer"),
    path("firs/<int:pk>/accept/", views.FIRAcceptView.as_view(), name="fir_accept"),
    path("firs/<int:pk>/correct/", views.FIRCorrectView.as_view(), name="fir_correct"),
    path("firs/<int:pk>/resubmit/", views.FIRResubmitView.as_view(), name="fir_resubmit"),
    path("firs/<int:pk>/copy/<str:language>/", views.FIRCopyView.as_view(), name="fir_copy"),
    # NCRs
    path("ncrs/", views.NCRListView.as_view(), name="ncr_list"),
    path("ncrs/new/", views.NCRCreateView.as_view(), name="ncr_create"),
    path("ncrs/fortnightly/", views.NCRFortnightlyView.as_view(), name="ncr_fortnightly"),
    path("ncrs/<int:pk>/", views.NCRDetailView.as_view(), name="ncr_detail"),
    # General Diary
    path("gd/", views.GDView.as_view(), name="gd"),
    # suggestions for inputs (htmx)
    path("sections/suggest/", views.SectionSuggestView.as_view(), name="section_suggest"),
    path("stations/suggest/", views.StationSuggestView.as_view(), name="station_suggest"),
]
