"""The investigation app's API routes under ``/api/v1/`` (collected by ``cctns.api_urls``)."""


def register(router) -> None:
    """Register this app's viewsets on the shared ``/api/v1/`` router."""
    from .views import CaseDiaryViewSet, CaseViewSet, CrimeDetailsViewSet, FinalReportViewSet

    router.register("investigation/cases", CaseViewSet, basename="investigation-case")
    router.register("investigation/case-diary", CaseDiaryViewSet, basename="investigation-case-diary")
    router.register("investigation/crime-details", CrimeDetailsViewSet, basename="investigation-crime-details")
    router.register("investigation/final-reports", FinalReportViewSet, basename="investigation-final-report")


urlpatterns: list = []
