"""Uploaded files of a case: checked from their contents (type and size), stored with their SHA-256."""

import hashlib

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cctns.registration.services.complaints import describe_upload
from cctns.registration.validation import ATTACHMENT_TYPES, attachment_max_bytes

from ..models import CaseFile, FileKind


def file_sha256(upload) -> str:
    """The SHA-256 (hex) of an uploaded or stored file's contents; the file is rewound."""
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks() if hasattr(upload, "chunks") else [upload.read()]:
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def check_uploads(uploads, field: str = "files") -> list[dict]:
    """Check each upload is a PDF, JPEG or PNG judged by its first bytes (not its name), not empty
    and at most ``CCTNS_ATTACHMENT_MAX_BYTES`` (default 10 MiB). Returns, per upload,
    ``{"upload", "name", "size", "content_type", "sha256"}``. Raises ``ValidationError``
    keyed by ``field`` naming every bad file."""
    out, errors = [], []
    limit = attachment_max_bytes()
    for upload in uploads or []:
        info = describe_upload(upload)
        name = (info["name"].replace("\\", "/").rsplit("/", 1)[-1] or "attachment")[:255]
        if info["content_type"] not in ATTACHMENT_TYPES:
            errors.append(_("%(name)s is not a PDF, JPEG or PNG file.") % {"name": name})
        elif not info["size"] or info["size"] > limit:
            errors.append(_("%(name)s is empty or larger than %(limit)s MB.") % {
                "name": name, "limit": round(limit / 1024 / 1024, 1)})
        else:
            out.append({"upload": upload, "name": name, "size": info["size"], "content_type": info["content_type"],
                        "sha256": file_sha256(upload)})
    if errors:
        raise ValidationError({field: errors})
    return out


def store_files(fir, checked: list[dict], user, *, kind: str = FileKind.DOCUMENT, **links) -> list[CaseFile]:
    """Save files checked by :func:`check_uploads` as :class:`CaseFile` rows of ``fir`` linked by
    ``links`` (``diary_entry=…`` or ``crime_details=…``)."""
    rows = []
    for item in checked:
        row = CaseFile(fir=fir, kind=kind, original_name=item["name"], content_type=item["content_type"],
                       size=item["size"], sha256=item["sha256"], uploaded_by=user, **links)
        ext = ATTACHMENT_TYPES.get(item["content_type"], "")
        row.file.save(f"upload{ext}", item["upload"], save=False)
        row.save()
        rows.append(row)
    return rows
