"""Django settings, all read from ``benzotaper.config`` (environment, config file, defaults).

Nothing here needs editing to deploy: set ``BENZOTAPER_*`` variables instead (see
``docs/deployment.md``). The security choices are explained where they are made: the
Content-Security-Policy in ``security.py``, the SQLite tuning in ``database.py``.
"""

from __future__ import annotations

from pathlib import Path

from benzotaper.config import load_config
from benzotaper.web.database import database_settings, make_private_database

CONFIG = load_config()
WEB_DIR = Path(__file__).resolve().parent

SECRET_KEY = CONFIG.secret_key
DEBUG = CONFIG.debug
ALLOWED_HOSTS = CONFIG.allowed_hosts
CSRF_TRUSTED_ORIGINS = CONFIG.csrf_trusted_origins
SIGNUP_OPEN = CONFIG.signup == "open"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",  # the API docs page (Swagger UI) from ninja's own static files, never a CDN
    "benzotaper.web.accounts",
    "benzotaper.web.journal",
    "benzotaper.web.insights",
    "benzotaper.web.glossary",
    "benzotaper.web.sharing",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "benzotaper.web.security.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "benzotaper.web.security.PrivateResponseMiddleware",
    "benzotaper.web.accounts.middleware.PersonProfileMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "benzotaper.web.urls"
WSGI_APPLICATION = "benzotaper.web.wsgi.application"

# The pages are Jinja2 templates in web/jinja2/, tried first (docs/development.md: why not Django's own).
# Django's template language stays only for ninja's API docs page (Swagger UI), which ninja renders from
# its own templates (APP_DIRS).
PAGE_CONTEXT_PROCESSORS = [
    "django.template.context_processors.request",
    "django.contrib.auth.context_processors.auth",
    "django.contrib.messages.context_processors.messages",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [WEB_DIR / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "benzotaper.web.jinja_env.environment",
            "context_processors": [*PAGE_CONTEXT_PROCESSORS, "benzotaper.web.jinja_env.kept_csrf"],
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": PAGE_CONTEXT_PROCESSORS,
        },
    },
]
# Form fields and widgets through Django's Jinja2 copies of its form templates (django/forms/jinja2/).
FORM_RENDERER = "django.forms.renderers.Jinja2"
# A page that prints a variable its view did not give fails instead of printing nothing (web/jinja_env.py):
# while developing, and in the tests (tests/web/conftest.py).
STRICT_TEMPLATES = DEBUG

if not CONFIG.database_url:
    make_private_database(CONFIG.sqlite_path)  # mode 0600 before SQLite first opens it (database.py)
DATABASES = {"default": database_settings(CONFIG.database_url, CONFIG.sqlite_path)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Argon2 first: new passwords are hashed with it; the others only verify old hashes.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "journal:today"
LOGOUT_REDIRECT_URL = "accounts:login"

# Cookies: never readable by scripts (htmx gets the CSRF token from a <meta> tag), not sent on
# cross-site sub-requests, and HTTPS-only when the app runs behind TLS.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = CONFIG.secure_cookies
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = CONFIG.secure_cookies

# Security headers sent by SecurityMiddleware; the Content-Security-Policy is in security.py.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"  # stored times are UTC; each page shows the person's own zone (Profile.time_zone)
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [WEB_DIR / "static"]
# WhiteNoise serves the files straight from the package (no collectstatic step for a local install).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
