"""``/api/v1/``: one router. Older apps register their viewsets here; newer apps keep theirs in
``<app>/api/routes.py`` (``register(router)`` plus optional extra ``urlpatterns``), collected below
from ``INSTALLED_APPS`` so that apps do not all edit this file."""

from importlib import import_module

from django.conf import settings
from django.urls import path
from rest_framework.routers import DefaultRouter

from cctns.core.api.views import AlertViewSet, ApprovalViewSet, MeView, UnitViewSet
from cctns.legal.api.views import ActViewSet, SectionViewSet
from cctns.persons.api.views import DuplicateViewSet, MergeViewSet, PersonViewSet
from cctns.registration.api.views import ComplaintViewSet, FIRViewSet, GDEntryViewSet, NCRViewSet

router = DefaultRouter()
router.register("units", UnitViewSet, basename="unit")
router.register("alerts", AlertViewSet, basename="alert")
router.register("approvals", ApprovalViewSet, basename="approval")
router.register("acts", ActViewSet, basename="act")
router.register("sections", SectionViewSet, basename="section")
router.register("firs", FIRViewSet, basename="fir")
router.register("ncrs", NCRViewSet, basename="ncr")
router.register("gd", GDEntryViewSet, basename="gd")
router.register("complaints", ComplaintViewSet, basename="complaint")
router.register("persons", PersonViewSet, basename="person")
router.register("person-duplicates", DuplicateViewSet, basename="person-duplicate")
router.register("person-merges", MergeViewSet, basename="person-merge")

extra_urls = []
for app in settings.INSTALLED_APPS:
    if not app.startswith("cctns."):
        continue
    try:
        routes = import_module(f"{app}.api.routes")
    except ModuleNotFoundError as exc:
        if exc.name not in {f"{app}.api", f"{app}.api.routes"}:
            raise
        continue
    routes.register(router)
    extra_urls += getattr(routes, "urlpatterns", [])

urlpatterns = [path("me/", MeView.as_view(), name="me"), *extra_urls, *router.urls]
