"""The WSGI application, for waitress (``benzotaper serve``) or gunicorn on a server:
``gunicorn benzotaper.web.wsgi:application``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benzotaper.web.settings")

application = get_wsgi_application()
