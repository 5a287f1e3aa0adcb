"""``/api/v1/``: one router; each app registers its viewsets here."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from cctns.core.api.views import MeView, UnitViewSet
from cctns.legal.api.views import ActViewSet, SectionViewSet

router = DefaultRouter()
router.register("units", UnitViewSet, basename="unit")
router.register("acts", ActViewSet, basename="act")
router.register("sections", SectionViewSet, basename="section")

urlpatterns = [path("me/", MeView.as_view(), name="me"), *router.urls]
