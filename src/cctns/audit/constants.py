"""Coded vocabularies of the audit log."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What an audit entry records."""

    CREATE = "create", _("Created")
    UPDATE = "update", _("Changed")
    STATUS = "status", _("Status changed")
    PERMISSION = "permission", _("Role or permissions changed")
    DELETE = "delete", _("Deleted")
    DELETE_REFUSED = "delete_refused", _("Deletion refused")
    ACCESS = "access", _("Sensitive record read")
    EXPORT = "export", _("Exported")
    LOGIN = "login", _("Signed in")
    LOGIN_FAILED = "login_failed", _("Sign-in failed")
    LOGOUT = "logout", _("Signed out")
    TOKEN = "token", _("API token issued or revoked")
    TWO_FACTOR = "2fa", _("Two-factor event")


#: Fields of the user whose change is a permission/role change (Kind.PERMISSION).
PERMISSION_FIELDS = frozenset({
    "role", "rank", "unit", "is_staff", "is_superuser", "is_active", "groups", "user_permissions",
})

#: Fields never recorded in change diffs (secrets, and bookkeeping that every save touches).
EXCLUDED_FIELDS = ("password", "last_login", "updated_at")
