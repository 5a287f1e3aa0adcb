"""The property app's API routes under ``/api/v1/`` (collected by ``cctns.api_urls``)."""

from django.urls import re_path

from . import views


def register(router) -> None:
    """Register this app's viewsets on the shared ``/api/v1/`` router."""
    router.register("vehicles", views.VehicleViewSet, basename="vehicle")
    router.register("firearms", views.FirearmViewSet, basename="firearm")
    router.register("phones", views.MobilePhoneViewSet, basename="phone")
    router.register("other-property", views.OtherPropertyViewSet, basename="other-property")
    router.register("property-candidates", views.CandidateViewSet, basename="property-candidate")


# before the router's routes, so that ``check`` is not read as an item id
urlpatterns = [
    re_path(r"^vehicles/check/?$", views.VehicleCheckView.as_view(), name="vehicle-check"),
    re_path(r"^phones/check/?$", views.PhoneCheckView.as_view(), name="phone-check"),
]
