"""Signal receivers: seal after commit, sign-in events, refused deletions of police records."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save

from .constants import Kind


def _after_entry_saved(sender, instance, created, **kwargs) -> None:
    if created:
        from .chain import schedule_seal

        schedule_seal()


def _logged_in(sender, request, user, **kwargs) -> None:
    from .services import record_event

    record_event(Kind.LOGIN, user, user=user)


def _logged_out(sender, request, user, **kwargs) -> None:
    if user is None:
        return
    from .services import record_event

    record_event(Kind.LOGOUT, user, user=user)


def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    """A failed sign-in: the username tried (never the password), the address, and the user
    when the username exists."""
    from .services import record_event

    username = str((credentials or {}).get("username", ""))[:150]
    User = get_user_model()
    known = User.objects.filter(username=username).only("pk").first() if username else None
    record_event(
        Kind.LOGIN_FAILED, None, model=User, object_pk=str(known.pk) if known else "",
        object_repr=username, data={"username": username},
    )


def _delete_refused(sender, instance, **kwargs) -> None:
    from .services import record_event

    record_event(Kind.DELETE_REFUSED, instance)


def connect() -> None:
    """Connect the receivers (``AuditConfig.ready``)."""
    from cctns.core.signals import delete_refused

    from .models import AuditEntry

    post_save.connect(_after_entry_saved, sender=AuditEntry, dispatch_uid="cctns_audit_seal")
    user_logged_in.connect(_logged_in, dispatch_uid="cctns_audit_login")
    user_logged_out.connect(_logged_out, dispatch_uid="cctns_audit_logout")
    user_login_failed.connect(_login_failed, dispatch_uid="cctns_audit_login_failed")
    delete_refused.connect(_delete_refused, dispatch_uid="cctns_audit_delete_refused")
