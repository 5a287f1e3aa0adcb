"""WSGI entry point (``gunicorn cctns.wsgi``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cctns.settings")
application = get_wsgi_application()
