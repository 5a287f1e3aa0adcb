"""QR codes for printed documents, as SVG ``data:`` URIs that WeasyPrint embeds without fetching."""

import base64

import qrcode
import qrcode.constants
import qrcode.image.svg


def qr_svg(payload: str) -> bytes:
    """The QR code of ``payload`` (error correction M, 4-module quiet zone) as SVG bytes.

    Deterministic: the same payload always gives the same bytes, which tests use to check
    that the image embedded in a document encodes the verify URL.
    """
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        box_size=10,
        border=4,
        image_factory=qrcode.image.svg.SvgPathImage,
    )
    code.add_data(payload)
    code.make(fit=True)
    return code.make_image().to_string(encoding="utf-8")


def qr_data_uri(payload: str) -> str:
    """``data:image/svg+xml;base64,…`` of :func:`qr_svg` for an ``<img src>``."""
    return "data:image/svg+xml;base64," + base64.b64encode(qr_svg(payload)).decode("ascii")
