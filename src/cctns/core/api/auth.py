"""``POST /api/v1/auth/token/``: exchange a username and password for a scoped API token.

DRF's own ``obtain_auth_token`` passes its wrapped ``Request`` to ``authenticate()``; django-axes
then records the failures but flags the lockout on the wrapper, so a locked-out client only saw
"Unable to log in". This view authenticates with the underlying ``HttpRequest`` so that the
lockout (HTTP 429, JSON) applies to the API exactly as to the login page (DESIGN.md §6).

Tokens are :class:`cctns.accounts.models.ApiToken` rows: scoped, expiring, stored hashed
(issue 4 §5). Users who must use two-factor sign-in send the current code as ``otp``.
"""

from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from cctns.accounts import tokens, twofactor


class TokenRequestSerializer(serializers.Serializer):
    """``{"username", "password", "scopes"?, "expires_in_days"?, "otp"?}``; on success
    ``validated_data["user"]`` is the user.

    ``scopes``: a list or a space-separated string of ``resource:read|write`` (default
    ``["*:read"]``). Errors: ``{"username": [...]}`` / ``{"password": [...]}`` when missing,
    ``{"non_field_errors": ["Unable to log in with provided credentials."]}`` when wrong,
    ``{"otp": [...]}`` when a required two-factor code is missing or wrong,
    ``{"scopes": [...]}`` / ``{"expires_in_days": [...]}`` for bad values.
    """

    username = serializers.CharField(label=_("Username"), write_only=True)
    password = serializers.CharField(label=_("Password"), style={"input_type": "password"},
                                     trim_whitespace=False, write_only=True)
    scopes = serializers.JSONField(required=False, write_only=True)
    expires_in_days = serializers.IntegerField(required=False, min_value=1, write_only=True)
    otp = serializers.CharField(required=False, allow_blank=True, write_only=True, max_length=10)

    def validate_scopes(self, value):
        try:
            return tokens.parse_scopes(value)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc

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
        if twofactor.must_verify(user) and not twofactor.verify_for_user(user, attrs.get("otp", "")):
            raise serializers.ValidationError(
                {"otp": [_("Send the current code from your authenticator app (two-factor sign-in; "
                           "enrol on the web first).")]}, code="otp_required")
        attrs["user"] = user
        return attrs


class TokenView(APIView):
    """Issue a new scoped API token (shown once).

    Request: form or JSON ``{"username", "password", "scopes"?, "expires_in_days"?, "otp"?}``.
    Response 200 ``{"token": str, "scopes": [str], "expires_at": ISO 8601}``.
    Errors: 400 with per-field messages; 429 ``{"detail", "code": "locked_out"}`` after
    ``AXES_FAILURE_LIMIT`` failures for the same username and address.
    """

    serializer_class = TokenRequestSerializer
    authentication_classes = ()
    permission_classes = ()
    throttle_classes = ()
    parser_classes = (FormParser, MultiPartParser, JSONParser)
    renderer_classes = (JSONRenderer,)
    # Mounted beside the versioned router, not in it; unversioned so the schema lists it.
    versioning_class = None

    @extend_schema(
        request=TokenRequestSerializer,
        responses={
            200: inline_serializer("TokenResponse", {
                "token": serializers.CharField(), "scopes": serializers.ListField(child=serializers.CharField()),
                "expires_at": serializers.DateTimeField()}),
            400: OpenApiResponse(description="Missing field, wrong credentials or two-factor code."),
            429: OpenApiResponse(description="Locked out after repeated failures."),
        },
        auth=[],
    )
    def post(self, request, *args, **kwargs):
        serializer = TokenRequestSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            row, token = tokens.issue_token(data["user"], scopes=data.get("scopes"),
                                            days=data.get("expires_in_days"), name="api")
        except DjangoValidationError as exc:
            raise serializers.ValidationError({"expires_in_days": exc.messages}) from exc
        return Response({"token": token, "scopes": row.scopes, "expires_at": row.expires_at},
                        status=status.HTTP_200_OK)


token_view = TokenView.as_view()
