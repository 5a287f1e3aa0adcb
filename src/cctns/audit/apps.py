from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """Tamper-evident audit log (issue 4): every write of police data, sensitive reads, sign-ins,
    permission changes and exports, captured by django-auditlog into :class:`AuditEntry` and
    chained by :class:`AuditChainLink` (sha256 of the previous link and the entry)."""

    name = "cctns.audit"
    label = "audit"
    verbose_name = _("Audit log")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cctns.core.navigation import MenuItem, register

        from . import bulk, receivers, registry

        registry.register_audited_models()
        receivers.connect()
        bulk.install()
        register(MenuItem(_("Audit"), "audit:index", permission="audit.view_auditentry", order=185))

        from cctns.core.jobs import Job, register_job

        # The catch-up seal of the hash chain (cctns.audit.chain.seal_pending)
        register_job(Job("audit.seal", "cctns.audit.chain.seal_job", cron="* * * * *"))
