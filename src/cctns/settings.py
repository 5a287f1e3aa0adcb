"""Django settings for CCTNS, read from environment variables.

| variable | default | meaning |
|---|---|---|
| ``DATABASE_URL`` | ``sqlite:///<CCTNS_DATA_DIR>/cctns.sqlite3`` | database (PostgreSQL in production) |
| ``SECRET_KEY`` | a development key (refused when ``DEBUG`` is off) | Django secret key |
| ``DEBUG`` | ``false`` | development mode |
| ``CCTNS_NODE_ROLE`` | ``state`` | ``state`` or ``national`` (DESIGN.md §2) |
| ``CCTNS_STATE_CODE`` | ``28`` (Andhra Pradesh, LGD code) | the state this node serves |
| ``CCTNS_DATA_DIR`` | ``./var`` | SQLite file, uploads and generated files |
| ``CCTNS_PUBLIC_BASE_URL`` | ``http://127.0.0.1:8000`` | public address printed in documents' verification QR codes |
| ``CCTNS_FIR_REQUIRES_APPROVAL`` | ``true`` | an FIR issues (takes its number) only when the SHO approves it |
| ``CCTNS_FIR_DELAY_HOURS`` | ``24`` | information later than this after the occurrence needs a delay reason |
| ``CCTNS_IO_MIN_RANK`` | ``30`` (ASI) | lowest rank (core.constants.Rank value) that may be assigned as IO |
| ``CCTNS_ATTACHMENT_MAX_BYTES`` | ``10485760`` | largest complaint attachment accepted |
| ``ALLOWED_HOSTS`` | ``127.0.0.1,localhost`` | comma-separated host names |
| ``CCTNS_2FA_REQUIRED_ROLES`` | ``supervisor,admin,scrb,ncrb`` | roles that must use two-factor sign-in (empty: none) |
| ``CCTNS_IDLE_MINUTES`` | ``30`` | sign a session out after this many idle minutes (0: never) |
| ``CCTNS_API_TOKEN_DAYS`` / ``CCTNS_API_TOKEN_MAX_DAYS`` | ``30`` / ``365`` | API token validity by default / at most |
| ``CCTNS_LOGIN_RATE`` / ``CCTNS_SEARCH_RATE`` | ``20/m`` / ``60/m`` | sign-in POSTs per address, searches per user |
| ``CCTNS_REDIS_URL`` | unset | Redis for the cache (rate limits shared by all server processes) |
| ``CCTNS_HSTS_SECONDS`` | ``0`` | HSTS max-age once served over HTTPS only; ``CCTNS_SSL_REDIRECT`` redirects HTTP |
| ``CCTNS_TRUST_X_FORWARDED_FOR`` | ``false`` | take the client address from a reverse proxy's X-Forwarded-For |
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


def env_bool(name: str, default: bool = False) -> bool:
    """Read a boolean environment variable (``1``, ``true``, ``yes``, ``on`` are true)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("CCTNS_DATA_DIR", Path.cwd() / "var")).resolve()

DEBUG = env_bool("DEBUG", False)
_DEV_KEY = "cctns-development-only-key-not-for-production-use-0123456789"
SECRET_KEY = os.environ.get("SECRET_KEY", _DEV_KEY)
if SECRET_KEY == _DEV_KEY and not DEBUG and not env_bool("CCTNS_ALLOW_DEV_KEY", False):
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Set SECRET_KEY, or DEBUG=true (or CCTNS_ALLOW_DEV_KEY=true) for a demo."
    )

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h.strip()]

CCTNS_NODE_ROLE = os.environ.get("CCTNS_NODE_ROLE", "state").strip().lower()
if CCTNS_NODE_ROLE not in {"state", "national"}:
    raise ImproperlyConfigured("CCTNS_NODE_ROLE must be 'state' or 'national'.")
CCTNS_STATE_CODE = os.environ.get("CCTNS_STATE_CODE", "28").strip()
# Registration (cctns.registration): SHO approval before an FIR issues, the delay after which a
# reason is required, the lowest IO rank, and the largest complaint attachment.
CCTNS_FIR_REQUIRES_APPROVAL = env_bool("CCTNS_FIR_REQUIRES_APPROVAL", True)
CCTNS_FIR_DELAY_HOURS = float(os.environ.get("CCTNS_FIR_DELAY_HOURS", "24"))
CCTNS_IO_MIN_RANK = int(os.environ.get("CCTNS_IO_MIN_RANK", "30"))
CCTNS_ATTACHMENT_MAX_BYTES = int(os.environ.get("CCTNS_ATTACHMENT_MAX_BYTES", str(10 * 1024 * 1024)))
# Absolute base of the URLs printed in documents' verification QR codes (cctns.documents).
CCTNS_PUBLIC_BASE_URL = os.environ.get("CCTNS_PUBLIC_BASE_URL", "http://127.0.0.1:8000").strip()

# Citizen portal (cctns.portal; docs/portal.md): the SMS gateway (console backend for the demo,
# cctns.portal.sms.HTTPBackend in production), one-time passwords, e-FIR offences, publication
# of FIRs, police verification.
CCTNS_SMS_BACKEND = os.environ.get("CCTNS_SMS_BACKEND", "cctns.portal.sms.ConsoleBackend")
CCTNS_SMS_HTTP_URL = os.environ.get("CCTNS_SMS_HTTP_URL", "")
CCTNS_SMS_HTTP_TOKEN = os.environ.get("CCTNS_SMS_HTTP_TOKEN", "")
CCTNS_SMS_SENDER = os.environ.get("CCTNS_SMS_SENDER", "")
CCTNS_SMS_HTTP_TIMEOUT = float(os.environ.get("CCTNS_SMS_HTTP_TIMEOUT", "10"))
CCTNS_SMS_TEMPLATE_IDS = os.environ.get("CCTNS_SMS_TEMPLATE_IDS", "")
CCTNS_PORTAL_OTP_PER_HOUR = int(os.environ.get("CCTNS_PORTAL_OTP_PER_HOUR", "5"))
CCTNS_PORTAL_OTP_MAX_ATTEMPTS = int(os.environ.get("CCTNS_PORTAL_OTP_MAX_ATTEMPTS", "5"))
CCTNS_PORTAL_OTP_LOCK_FAILURES = int(os.environ.get("CCTNS_PORTAL_OTP_LOCK_FAILURES", "10"))
CCTNS_PORTAL_OTP_LOCK_MINUTES = int(os.environ.get("CCTNS_PORTAL_OTP_LOCK_MINUTES", "60"))
CCTNS_PORTAL_OTP_IP_RATE = os.environ.get("CCTNS_PORTAL_OTP_IP_RATE", "10/h")
CCTNS_PORTAL_PUBLIC_RATE = os.environ.get("CCTNS_PORTAL_PUBLIC_RATE", "30/m")
CCTNS_EFIR_OFFENCES = os.environ.get("CCTNS_EFIR_OFFENCES", "vehicle_theft,property_theft")
CCTNS_FIR_PUBLISH_AFTER_HOURS = float(os.environ.get("CCTNS_FIR_PUBLISH_AFTER_HOURS", "24"))
CCTNS_VERIFICATION_SLA_DAYS = int(os.environ.get("CCTNS_VERIFICATION_SLA_DAYS", "15"))
CCTNS_VERIFICATION_FEES = os.environ.get("CCTNS_VERIFICATION_FEES", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_tables2",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "auditlog",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_q",
    "cctns.core",
    "cctns.legal",
    "cctns.registration",
    "cctns.matching",
    "cctns.persons",
    "cctns.documents",
    "cctns.audit",
    "cctns.accounts",
    "cctns.investigation",
    "cctns.prosecution",
    "cctns.property",
    "cctns.missing",
    "cctns.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "cctns.audit.middleware.AuditContextMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "cctns.accounts.middleware.IdleTimeoutMiddleware",
    "cctns.accounts.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
]

ROOT_URLCONF = "cctns.urls"
WSGI_APPLICATION = "cctns.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cctns.core.context_processors.cctns",
            ],
        },
    },
]

DATA_DIR.mkdir(parents=True, exist_ok=True)
(DATA_DIR / "static").mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'cctns.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers proceed while one writer commits; IMMEDIATE takes the write lock at
    # BEGIN so that two registrations never interleave a read-then-write (numbering).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # UTF-8 so that pg_trgm treats Devanagari as word characters (DESIGN.md §8).
    DATABASES["default"]["TEST"] = {"TEMPLATE": "template0", "CHARSET": "UTF8"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
CSRF_FAILURE_VIEW = "cctns.core.errors.csrf_failure"

# django-axes: lock an account+IP after repeated failures (DESIGN.md §6).
AXES_FAILURE_LIMIT = int(os.environ.get("CCTNS_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# The lockout answer in the user's language: JSON under /api/, the page elsewhere (HTTP 429).
AXES_LOCKOUT_CALLABLE = "cctns.core.auth.lockout_response"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("hi", _("Hindi"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The language switch (Django's set_language) remembers the choice in a cookie for a year,
# for anonymous and signed-in users alike (it survives log-in and log-out).
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Indian date, time and number formats in both languages (day first; 12,34,567).
FORMAT_MODULE_PATH = ["cctns.formats"]
TIME_ZONE = "Asia/Kolkata"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Without collectstatic (tests, the demo) WhiteNoise serves straight from the finders.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("CCTNS_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_AGE = int(os.environ.get("CCTNS_SESSION_SECONDS", str(8 * 3600)))
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "cctns.accounts.authentication.ApiTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "cctns.accounts.authentication.TokenScopePermission",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["cctns.accounts.ratelimit.SearchRateThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.NamespaceVersioning",
    "ALLOWED_VERSIONS": ["v1"],
    "EXCEPTION_HANDLER": "cctns.core.api.exceptions.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "CCTNS API",
    "DESCRIPTION": "Crime and Criminal Tracking Network & Systems: police records API.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # Swagger UI and Redoc served by the application itself (no CDN: police intranets).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One name per choice set shared by several serializers (registration).
    "ENUM_NAME_OVERRIDES": {
        "FIRKindEnum": "cctns.registration.constants.FIRKind",
        "FIRStatusEnum": "cctns.registration.constants.FIRStatus",
        "GDKindEnum": "cctns.registration.constants.GDKind",
        "ComplaintStatusEnum": "cctns.registration.constants.ComplaintStatus",
        "TransferStatusEnum": "cctns.registration.constants.TransferStatus",
        "SexEnum": "cctns.registration.constants.Sex",
        "RelationEnum": "cctns.registration.constants.Relation",
        "IDTypeEnum": "cctns.registration.constants.IDType",
        "PersonNameKindEnum": "cctns.persons.constants.NameKind",
        "AddressKindEnum": "cctns.persons.constants.AddressKind",
    },
    # No call to the online validator at validator.swagger.io (intranets; nothing external).
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
}

# Audit log (cctns.audit): django-auditlog writes into our hash-chained AuditEntry; the request id
# is the correlation id. Proxies' X-Forwarded-For / X-Request-ID are trusted only when told so.
AUDITLOG_LOGENTRY_MODEL = "audit.AuditEntry"
AUDITLOG_CID_GETTER = "cctns.audit.context.current_request_id"
# django-auditlog's own LogEntry is swapped out; its migrations would still create an unused
# auditlog_logentry table (with a foreign key to users that blocks PostgreSQL's TRUNCATE in flush).
MIGRATION_MODULES = {"auditlog": None}
CCTNS_TRUST_X_FORWARDED_FOR = env_bool("CCTNS_TRUST_X_FORWARDED_FOR", False)
CCTNS_TRUST_REQUEST_ID = env_bool("CCTNS_TRUST_REQUEST_ID", False)

# Sign-in hardening (cctns.accounts; docs/security.md).
CCTNS_2FA_REQUIRED_ROLES = os.environ.get("CCTNS_2FA_REQUIRED_ROLES", "supervisor,admin,scrb,ncrb")
CCTNS_IDLE_MINUTES = int(os.environ.get("CCTNS_IDLE_MINUTES", "30"))
CCTNS_API_TOKEN_DAYS = int(os.environ.get("CCTNS_API_TOKEN_DAYS", "30"))
CCTNS_API_TOKEN_MAX_DAYS = int(os.environ.get("CCTNS_API_TOKEN_MAX_DAYS", "365"))
CCTNS_LOGIN_RATE = os.environ.get("CCTNS_LOGIN_RATE", "20/m")
CCTNS_SEARCH_RATE = os.environ.get("CCTNS_SEARCH_RATE", "60/m")
OTP_TOTP_ISSUER = "CCTNS"
RATELIMIT_VIEW = "cctns.accounts.views.ratelimited"
# Local memory by default (one process: the embedded mode); Redis when several server processes
# must share rate-limit counts (install the "redis" extra).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "cctns"}}
if os.environ.get("CCTNS_REDIS_URL"):
    CACHES["default"] = {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                         "LOCATION": os.environ["CCTNS_REDIS_URL"]}

# Content Security Policy (django-csp): everything from this server, no inline scripts, no
# frames, no plugins. data: images for the Swagger UI's icons and the QR codes of documents.
from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# HTTPS hardening, off until the site is served over HTTPS only (then set CCTNS_HSTS_SECONDS to
# 31536000 and CCTNS_SSL_REDIRECT=true; behind a TLS-terminating proxy also
# CCTNS_PROXY_SSL_HEADER=true).
SECURE_HSTS_SECONDS = int(os.environ.get("CCTNS_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("CCTNS_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("CCTNS_HSTS_PRELOAD", False)
SECURE_SSL_REDIRECT = env_bool("CCTNS_SSL_REDIRECT", False)
if env_bool("CCTNS_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Background work (django-q2; cctns.core.jobs): the database is the broker in the embedded mode,
# Redis when CCTNS_REDIS_URL is set (production). Workers run as `cctns qcluster`; periodic jobs
# are installed by `cctns schedule_jobs`. The test suite runs tasks inline (settings_test).
Q_CLUSTER = {
    "name": "cctns",
    "workers": int(os.environ.get("CCTNS_TASK_WORKERS", "2")),
    "timeout": 600,
    "retry": 900,
    "max_attempts": 3,
    "catch_up": False,
    "label": "Tasks",
    "orm": "default",
}
if os.environ.get("CCTNS_REDIS_URL"):
    Q_CLUSTER.pop("orm")
    Q_CLUSTER["redis"] = os.environ["CCTNS_REDIS_URL"]

DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5.html"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
