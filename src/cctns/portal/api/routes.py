"""The portal app's API routes under ``/api/v1/`` (collected by ``cctns.api_urls``)."""


def register(router) -> None:
    """Register this app's viewsets on the shared ``/api/v1/`` router."""

urlpatterns: list = []
