"""``POST /api/v1/auth/token/``: exchange a username and password for an API token.

DRF's own ``obtain_auth_token`` passes its wrapped ``Request`` to ``authenticate()``; django-axes
then records the failures but flags the lockout on the wrapper, so a locked-out client only saw
"Unable to log in". This view authenticates with the underlying ``HttpRequest`` so that the
lockout (HTTP 429, JSON) applies to the API exactly as to the login page (DESIGN.md §6).
"""

from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.response import Response


class TokenRequestSerializer(AuthTokenSerializer):
    """``{"username": str, "password": str}``; on success ``validated_data["user"]`` is the user.

    Errors: ``{"username": [...]}`` / ``{"password": [...]}`` when missing, and
    ``{"non_field_errors": ["Unable to log in with provided credentials."]}`` when wrong.
    """

    def validate(self, attrs):
        request = self.context.get("request")
        http_request = getattr(request, "_request", request)
        user = authenticate(
            request=http_request, username=attrs.get("username"), password=attrs.get("password")
        )
        if user is None:
            raise serializers.ValidationError(
                _("Unable to log in with provided credentials."), code="authorization"
            )
        attrs["user"] = user
        return attrs


class TokenView(ObtainAuthToken):
    """Return the caller's API token, creating it on first use.

    Request: form or JSON ``{"username", "password"}``. Response 200 ``{"token": str}``.
    Errors: 400 with per-field messages; 429 ``{"detail", "code": "locked_out"}`` after
    ``AXES_FAILURE_LIMIT`` failures for the same username and address.
    """

    serializer_class = TokenRequestSerializer
    # Mounted beside the versioned router, not in it; unversioned so the schema lists it.
    versioning_class = None

    @extend_schema(
        request=TokenRequestSerializer,
        responses={
            200: inline_serializer("TokenResponse", {"token": serializers.CharField()}),
            400: OpenApiResponse(description="Missing field or wrong credentials."),
            429: OpenApiResponse(description="Locked out after repeated failures."),
        },
        auth=[],
    )
    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        token, _created = Token.objects.get_or_create(user=serializer.validated_data["user"])
        return Response({"token": token.key})


token_view = TokenView.as_view()
