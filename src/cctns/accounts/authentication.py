"""Django REST framework authentication and permission for scoped API tokens."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions, permissions

from .models import ApiToken
from .tokens import allows, find_token, resource_names


class ApiTokenAuthentication(authentication.TokenAuthentication):
    """``Authorization: Token cctns_…`` (or ``Bearer cctns_…``). ``request.auth`` is the
    :class:`ApiToken`. Unknown, revoked or expired tokens are a 401."""

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if header and header[0].lower() == b"bearer":
            header[0] = b"Token"
            request.META["HTTP_AUTHORIZATION"] = b" ".join(header).decode("latin-1")
        return super().authenticate(request)

    def authenticate_credentials(self, key):
        row = find_token(key)
        if row is None:
            raise exceptions.AuthenticationFailed(_("Invalid, expired or revoked token."))
        now = timezone.now()
        if row.last_used_at is None or (now - row.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        return row.user, row


class TokenScopePermission(permissions.BasePermission):
    """Requests authenticated by an :class:`ApiToken` need the view's scope: ``<resource>:read``
    for GET/HEAD/OPTIONS, ``<resource>:write`` otherwise. The resource is the view's
    ``token_scope`` or its router prefix (``firs``); a view with neither is refused to tokens, and one with
    ``token_scope = ""`` accepts any valid token (the caller's own profile). Session users pass."""

    message = _("This token's scopes do not allow this request.")

    def has_permission(self, request, view):
        if not isinstance(request.auth, ApiToken):
            return True
        resource = getattr(view, "token_scope", None)
        if resource is None:
            resource = resource_names().get(getattr(view, "basename", None) or "")
        if resource == "":
            return True
        if not resource:
            return False
        action = "read" if request.method in permissions.SAFE_METHODS else "write"
        return allows(request.auth.scopes, resource, action)
