"""Pages of the citizen portal, mounted at ``/citizen/``."""

from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.login, name="login"),
    path("login/code/", views.verify_code, name="verify_code"),
    path("logout/", views.logout, name="logout"),
    path("profile/", views.profile, name="profile"),
    path("my/", views.my_applications, name="my"),
    path("complaints/new/", views.complaint_new, name="complaint_new"),
    path("efir/new/", views.efir_new, name="efir_new"),
    path("my/<str:reference>/", views.application, name="application"),
    path("my/<str:reference>/acknowledgement.pdf", views.acknowledgement_pdf, name="acknowledgement_pdf"),
    path("my/<str:reference>/fir-copy.pdf", views.informant_fir_copy, name="informant_fir_copy"),
    path("status/", views.status, name="status"),
    path("firs/", views.fir_search, name="fir_search"),
    path("firs/<str:key>/copy.pdf", views.public_fir_copy, name="public_fir_copy"),
    path("police/efirs/", views.police_efirs, name="police_efirs"),
    path("police/efirs/<int:pk>/", views.police_efir, name="police_efir"),
    path("police/firs/<int:pk>/publication/", views.police_fir_publication, name="police_fir_publication"),
]
urlpatterns += [
    path("verification/new/", views.verification_new, name="verification_new"),
    path("permission/new/", views.permission_new, name="permission_new"),
    path("lost/new/", views.lost_new, name="lost_new"),
    path("my/<str:reference>/document.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("stations/", views.nearest_station, name="nearest_station"),
    path("police/requests/", views.police_requests, name="police_requests"),
    path("police/verifications/<int:pk>/", views.police_verification, name="police_verification"),
    path("police/permissions/<int:pk>/", views.police_permission, name="police_permission"),
]
urlpatterns += [
    path("noc/vehicle/", views.noc_new, name="noc_new"),
    path("vehicles/", views.vehicle_search, name="vehicle_search"),
]
urlpatterns += [path("proclaimed-offenders/", views.proclaimed_offenders, name="proclaimed_offenders")]
urlpatterns += [
    path("forms/", views.forms_page, name="forms"),
    path("forms/<str:name>.pdf", views.blank_form, name="blank_form"),
]
