"""``/api/v1/``: one router; each app registers its viewsets here."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from cctns.core.api.views import MeView, UnitViewSet
from cctns.legal.api.views import ActViewSet, SectionViewSet
from cctns.persons.api.views import DuplicateViewSet, MergeViewSet, PersonViewSet
from cctns.registration.api.views import ComplaintViewSet, FIRViewSet, GDEntryViewSet, NCRViewSet

router = DefaultRouter()
router.register("units", UnitViewSet, basename="unit")
router.register("acts", ActViewSet, basename="act")
router.register("sections", SectionViewSet, basename="section")
router.register("firs", FIRViewSet, basename="fir")
router.register("ncrs", NCRViewSet, basename="ncr")
router.register("gd", GDEntryViewSet, basename="gd")
router.register("complaints", ComplaintViewSet, basename="complaint")
router.register("persons", PersonViewSet, basename="person")
router.register("person-duplicates", DuplicateViewSet, basename="person-duplicate")
router.register("person-merges", MergeViewSet, basename="person-merge")

urlpatterns = [path("me/", MeView.as_view(), name="me"), *router.urls]
