"""URL configuration: pages, ``/api/v1/``, OpenAPI schema and docs, admin, health check."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from cctns.accounts.ratelimit import login_ratelimit
from cctns.core import views as core_views
from cctns.core.api.auth import token_view

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("login/", login_ratelimit(auth_views.LoginView.as_view(redirect_authenticated_user=True)), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("units/", include("cctns.core.urls")),
    path("law/", include("cctns.legal.urls")),
    path("registration/", include("cctns.registration.urls")),
    path("persons/", include("cctns.persons.urls")),
    path("verify/", include("cctns.documents.urls")),
    path("audit/", include("cctns.audit.urls")),
    path("accounts/", include("cctns.accounts.urls")),
    path("inbox/", include("cctns.core.inbox_urls")),
    path("investigation/", include("cctns.investigation.urls")),
    path("court/", include("cctns.prosecution.urls")),
    path("property/", include("cctns.property.urls")),
    path("missing/", include("cctns.missing.urls")),
    path("citizen/", include("cctns.portal.urls")),
    path("api/v1/", include(("cctns.api_urls", "api"), namespace="v1")),
    path("api/v1/auth/token/", token_view, name="api-token"),
    path("api/schema/", SpectacularAPIView.as_view(api_version="v1"), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("admin/", admin.site.urls),
]

# Errors: a page in the user's language, or JSON under /api/ (cctns.core.errors).
handler400 = "cctns.core.errors.bad_request"
handler403 = "cctns.core.errors.permission_denied"
handler404 = "cctns.core.errors.page_not_found"
handler500 = "cctns.core.errors.server_error"
