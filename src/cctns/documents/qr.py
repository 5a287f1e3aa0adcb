"""QR codes for printed documents, as SVG ``data:`` URIs that WeasyPrint embeds without fetching.

The ``qrcode`` package computes the module matrix; the SVG is written here as one path of
horizontal runs (``M x y h w v1 h-w z``), which WeasyPrint draws about twice as fast as
``qrcode``'s own SVG (one sub-path per module) and which stays vector-sharp in print.
"""

import base64

import qrcode
import qrcode.constants

QUIET_ZONE_MODULES = 4  # ISO/IEC 18004 quiet zone


def qr_matrix(payload: str) -> list[list[bool]]:
    """The QR modules of ``payload`` (error correction M, smallest version that fits), quiet zone
    included; ``True`` is dark."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=QUIET_ZONE_MODULES)
    code.add_data(payload)
    code.make(fit=True)
    return code.get_matrix()


def qr_svg(payload: str) -> bytes:
    """The QR code of ``payload`` as SVG bytes, one module per user unit.

    Deterministic: the same payload always gives the same bytes, which tests use to check
    that the image embedded in a document encodes the verify URL.
    """
    matrix = qr_matrix(payload)
    size = len(matrix)
    runs = []
    for y, row in enumerate(matrix):
        x = 0
        while x < size:
            if not row[x]:
                x += 1
                continue
            start = x
            while x < size and row[x]:
                x += 1
            runs.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        f'width="{size}" height="{size}" shape-rendering="crispEdges">'
        f'<rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path fill="#000" d="{"".join(runs)}"/></svg>'
    ).encode("ascii")


def qr_data_uri(payload: str) -> str:
    """``data:image/svg+xml;base64,…`` of :func:`qr_svg` for an ``<img src>``."""
    return "data:image/svg+xml;base64," + base64.b64encode(qr_svg(payload)).decode("ascii")
