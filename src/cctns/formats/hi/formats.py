"""Hindi formats: the same conventions as English (India); Django's Hindi catalogue names the
months (``29 नवम्बर 2026``). See :mod:`cctns.formats`."""

from cctns.formats.en.formats import *  # noqa: F401,F403
