"""System check: the fonts printed documents need are installed (``cctns check``)."""

import shutil
import subprocess

from django.core.checks import Warning, register

from .pdf import FONT_FAMILIES


def missing_font_families() -> list[str]:
    """The families of :data:`~cctns.documents.pdf.FONT_FAMILIES` fontconfig cannot find.

    Empty when all are installed, or when ``fc-list`` is absent (nothing can be said then).
    """
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return []
    try:
        out = subprocess.run([fc_list, ":", "family"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    installed = {name.strip() for line in out.splitlines() for name in line.split(",")}
    return [family for family in FONT_FAMILIES if family not in installed]


@register()
def fonts_installed(app_configs=None, **kwargs) -> list:
    """Warn (``documents.W001``) when a print font is missing: Hindi would print as boxes."""
    return [
        Warning(
            f"Font family {family!r} is not installed; printed documents will fall back to "
            "another font and Devanagari may not be shaped.",
            hint="Install Debian's fonts-noto-core (bin/setup does it).",
            id="documents.W001",
        )
        for family in missing_font_families()
    ]
