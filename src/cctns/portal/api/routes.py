"""The portal app's API routes under ``/api/v1/`` (collected by ``cctns.api_urls``)."""


def register(router) -> None:
    """Register this app's viewsets on the shared ``/api/v1/`` router."""
    from .views import (
        EFIRViewSet,
        LostArticleViewSet,
        PermissionViewSet,
        VehicleNOCViewSet,
        VerificationViewSet,
    )

    router.register("efirs", EFIRViewSet, basename="efir")
    router.register("verification-requests", VerificationViewSet, basename="verification-request")
    router.register("permission-requests", PermissionViewSet, basename="permission-request")
    router.register("vehicle-nocs", VehicleNOCViewSet, basename="vehicle-noc")
    router.register("lost-articles", LostArticleViewSet, basename="lost-article")


urlpatterns: list = []
