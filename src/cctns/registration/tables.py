"""Tables of the registration list pages (django-tables2): FIRs, complaints, NCRs, GD entries.

Each list view names its queryset (scoped by ``for_user``), its filterset (``filtersets.py``) and
one of these tables. The FIR table masks what the user may not see through
:func:`cctns.registration.display.fir_display`, from rows the view prefetches (no query per row).
"""

import django_tables2 as tables
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from cctns.core.templatetags.cctns import local_name

from .display import PROTECTED, fir_display
from .models import FIR, NCR, Complaint, GDEntry


def _when(value) -> str:
    return timezone.localtime(value).strftime("%d-%m-%Y %H:%M") if value else "—"


class FIRTable(tables.Table):
    """FIRs: number (or "pending approval"), station, status, registered/submitted, occurrence,
    sections, informant (masked when protected), IO."""

    number = tables.Column(verbose_name=_("FIR number"), empty_values=(), orderable=False)
    police_station = tables.Column(verbose_name=_("Police station"), orderable=False)
    status = tables.Column(verbose_name=_("Status"), orderable=False)
    registered_at = tables.Column(verbose_name=_("Registered / submitted"), empty_values=(), orderable=False)
    occurrence_from = tables.Column(verbose_name=_("Occurred"), orderable=False)
    sections = tables.Column(verbose_name=_("Acts and sections"), empty_values=(), orderable=False)
    informant = tables.Column(verbose_name=_("Informant"), empty_values=(), orderable=False)
    io = tables.Column(verbose_name=_("IO"), empty_values=(), orderable=False)

    class Meta:
        model = FIR
        fields = ["number", "police_station", "status", "registered_at", "occurrence_from", "sections", "informant", "io"]
        orderable = False
        attrs = {"class": "records", "data-testid": "fir-table"}
        row_attrs = {"data-fir": lambda record: record.pk}

    def render_number(self, record):
        url = reverse("registration:fir_detail", args=[record.pk])
        label = record.number or _("(not yet numbered)")
        extra = format_html(' <span class="tag">{}</span>', _("sensitive")) if record.is_sensitive else ""
        return format_html('<a href="{}">{}</a>{}', url, label, extra)

    def render_police_station(self, value):
        return local_name(value)

    def render_status(self, record):
        return format_html('<span class="status status-{}">{}</span>', record.status, record.get_status_display())

    def render_registered_at(self, record):
        return _when(record.registered_at or record.submitted_at)

    def render_occurrence_from(self, value):
        return _when(value)

    def render_sections(self, record):
        return format_html_join(", ", "{}", ((str(fs),) for fs in record.sections.all()))

    def render_informant(self, record):
        user = getattr(self.request, "user", None)
        if not fir_display(user, record, with_victims=False).informant_visible:
            return PROTECTED
        return record.informant_name or (_("Suo motu") if record.suo_motu else "—")

    def render_io(self, record):
        return local_name(record.io) if record.io_id else "—"


class ComplaintTable(tables.Table):
    number = tables.Column(verbose_name=_("Complaint number"), orderable=False)
    received_at = tables.Column(verbose_name=_("Received"), orderable=False)
    channel = tables.Column(verbose_name=_("Received by"), orderable=False)
    complainant_name = tables.Column(verbose_name=_("Complainant"), orderable=False)
    subject = tables.Column(verbose_name=_("Subject"), empty_values=(), orderable=False)
    status = tables.Column(verbose_name=_("Status"), orderable=False)
    police_station = tables.Column(verbose_name=_("Police station"), orderable=False)

    class Meta:
        model = Complaint
        fields = ["number", "received_at", "channel", "complainant_name", "subject", "status", "police_station"]
        orderable = False
        attrs = {"class": "records", "data-testid": "complaint-table"}

    def render_number(self, record):
        return format_html('<a href="{}">{}</a>', reverse("registration:complaint_detail", args=[record.pk]), record.number)

    def render_received_at(self, value):
        return _when(value)

    def render_subject(self, record):
        text = record.subject or record.narrative
        return text if len(text) <= 80 else text[:79] + "…"

    def render_police_station(self, value):
        return local_name(value)


class NCRTable(tables.Table):
    number = tables.Column(verbose_name=_("NCR number"), orderable=False)
    registered_at = tables.Column(verbose_name=_("Registered"), orderable=False)
    informant_name = tables.Column(verbose_name=_("Informant"), orderable=False)
    sections = tables.Column(verbose_name=_("Acts and sections"), empty_values=(), orderable=False)
    sent_to_magistrate_at = tables.Column(verbose_name=_("Sent to the Magistrate"), empty_values=(), orderable=False)
    police_station = tables.Column(verbose_name=_("Police station"), orderable=False)

    class Meta:
        model = NCR
        fields = ["number", "registered_at", "informant_name", "sections", "sent_to_magistrate_at", "police_station"]
        orderable = False
        attrs = {"class": "records", "data-testid": "ncr-table"}

    def render_number(self, record):
        return format_html('<a href="{}">{}</a>', reverse("registration:ncr_detail", args=[record.pk]), record.number)

    def render_registered_at(self, value):
        return _when(value)

    def render_sections(self, record):
        return ", ".join(str(s) for s in record.sections.all()) or "—"

    def render_sent_to_magistrate_at(self, record):
        return _when(record.sent_to_magistrate_at)

    def render_police_station(self, value):
        return local_name(value)


#: GD entry → the page of the record it is about, and the link's text.
RECORD_PAGES = {"fir": ("registration:fir_detail", _("FIR")), "ncr": ("registration:ncr_detail", _("NCR")),
                "complaint": ("registration:complaint_detail", _("Complaint"))}


class GDEntryTable(tables.Table):
    number = tables.Column(verbose_name=_("GD number"), orderable=False)
    entry_time = tables.Column(verbose_name=_("Time"), orderable=False)
    kind = tables.Column(verbose_name=_("Kind"), orderable=False)
    text = tables.Column(verbose_name=_("Entry"), orderable=False)
    author = tables.Column(verbose_name=_("Author"), orderable=False)
    record = tables.Column(verbose_name=_("Record"), empty_values=(), orderable=False)

    class Meta:
        model = GDEntry
        fields = ["number", "entry_time", "kind", "text", "author", "record"]
        orderable = False
        attrs = {"class": "records gd", "data-testid": "gd-table"}

    def __init__(self, *args, protected_firs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.protected_firs = set(protected_firs)

    def render_number(self, record):
        return record.reference

    def render_text(self, record):
        if record.object_id in self.protected_firs and record.content_type.model == "fir":
            return PROTECTED
        return record.text

    def render_entry_time(self, value):
        return timezone.localtime(value).strftime("%H:%M")

    def render_author(self, value):
        return local_name(value)

    def render_record(self, record):
        if record.content_type_id is None:
            return "—"
        page = RECORD_PAGES.get(record.content_type.model)
        if page is None:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse(page[0], args=[record.object_id]), page[1])
