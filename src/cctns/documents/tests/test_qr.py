"""The QR image: its SVG holds exactly the modules qrcode computes for the payload."""

import re
import shutil
import subprocess

import pytest
import qrcode
import qrcode.constants
from PIL import Image

from cctns.documents.pdf import html_to_pdf
from cctns.documents.qr import qr_data_uri, qr_svg


def modules_of(svg: bytes) -> list[list[bool]]:
    """Read the module matrix back from the run-length path of :func:`qr_svg`."""
    text = svg.decode("ascii")
    size = int(re.search(r'viewBox="0 0 (\d+) \1"', text)[1])
    grid = [[False] * size for _ in range(size)]
    path = re.search(r'<path fill="#000" d="([^"]*)"', text)[1]
    for x, y, w in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\3z", path):
        for i in range(int(x), int(x) + int(w)):
            grid[int(y)][i] = True
    return grid


def reference_matrix(payload: str) -> list[list[bool]]:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(payload)
    code.make(fit=True)
    return code.get_matrix()


def test_svg_encodes_exactly_the_qr_modules_of_the_payload():
    payload = "http://127.0.0.1:8000/verify/qh6p1Jx03sHXqy1y267e2Q.3NlOKki-9HwbeU1vIGsoxQ/"
    grid = modules_of(qr_svg(payload))
    assert grid == reference_matrix(payload)
    assert len(grid) == 37 + 8  # version 5 plus the 4-module quiet zone on each side
    assert not any(grid[0]) and not any(row[0] for row in grid)  # quiet zone is light
    assert grid[4][4:11] == [True] * 7  # top-left finder pattern


def test_another_payload_gives_another_code():
    a = "http://127.0.0.1:8000/verify/qh6p1Jx03sHXqy1y267e2Q.3NlOKki-9HwbeU1vIGsoxQ/"
    b = a.replace("qh6p", "qh6q")
    assert modules_of(qr_svg(a)) != modules_of(qr_svg(b))
    assert qr_svg(a) == qr_svg(a)


def test_the_printed_qr_has_the_payload_modules(tmp_path):
    """Rasterise a PDF holding the QR image and read each module's colour back at its centre."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    payload = "http://127.0.0.1:8000/verify/qh6p1Jx03sHXqy1y267e2Q.3NlOKki-9HwbeU1vIGsoxQ/"
    expected = reference_matrix(payload)
    size = len(expected)
    pdf = html_to_pdf(
        f'<style>@page {{ size: {size}mm {size}mm; margin: 0 }} body {{ margin: 0 }}</style>'
        f'<img src="{qr_data_uri(payload)}" style="display:block; width:{size}mm; height:{size}mm">'
    )
    (tmp_path / "qr.pdf").write_bytes(pdf)
    # 254 dpi = 10 pixels per millimetre = 10 pixels per module
    subprocess.run(["pdftoppm", "-r", "254", "-gray", "-png", "-singlefile", str(tmp_path / "qr.pdf"),
                    str(tmp_path / "qr")], check=True)
    image = Image.open(tmp_path / "qr.png").convert("L")
    printed = [[image.getpixel((x * 10 + 5, y * 10 + 5)) < 128 for x in range(size)] for y in range(size)]
    assert printed == expected
