"""The ``cctns`` console script: the project's ``manage.py``.

``cctns migrate``, ``cctns runserver``, ``cctns load_reference``, ``cctns seed`` and every other
management command run through here, as does ``python -m cctns``.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a Django management command with the CCTNS settings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cctns.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv if argv is not None else sys.argv)


if __name__ == "__main__":
    main()
