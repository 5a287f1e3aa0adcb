"""The prosecution app's API routes under ``/api/v1/`` (collected by ``cctns.api_urls``)."""

from .views import (
    AppealViewSet,
    BailOrderViewSet,
    CourtCaseViewSet,
    CourtOrderViewSet,
    DisposalViewSet,
    HearingViewSet,
    RemandOrderViewSet,
    SummonsViewSet,
    WarrantViewSet,
)


def register(router) -> None:
    """Register this app's viewsets on the shared ``/api/v1/`` router."""
    router.register("court-cases", CourtCaseViewSet, basename="court-case")
    router.register("hearings", HearingViewSet, basename="hearing")
    router.register("bail-orders", BailOrderViewSet, basename="bail-order")
    router.register("remand-orders", RemandOrderViewSet, basename="remand-order")
    router.register("orders", CourtOrderViewSet, basename="order")
    router.register("warrants", WarrantViewSet, basename="warrant")
    router.register("summons", SummonsViewSet, basename="summons")
    router.register("disposals", DisposalViewSet, basename="disposal")
    router.register("appeals", AppealViewSet, basename="appeal")


urlpatterns: list = []
