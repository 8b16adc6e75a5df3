"""Settings for kette, read from ``KETTE_*`` environment variables only.

No data lives here: everything a municipality can change is in the database.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    items = (item.strip() for item in os.environ.get(name, default).split(","))
    return [item for item in items if item]


DATA_DIR = Path(os.environ.get("KETTE_DATA_DIR", "var")).resolve()
if DATA_DIR.is_relative_to(PACKAGE_DIR):
    # Data (and the secret key) inside the source tree would end up in commits.
    raise ImproperlyConfigured(
        f"KETTE_DATA_DIR {DATA_DIR} lies inside the kette package; run kette from "
        "the project folder or set KETTE_DATA_DIR elsewhere."
    )
DATA_DIR.mkdir(parents=True, exist_ok=True)


def load_secret_key() -> str:
    """The key from the environment, else one generated once into the data dir.

    Created with O_EXCL so that two processes starting together agree on one key.
    """
    if key := os.environ.get("KETTE_SECRET_KEY"):
        return key
    key_file = DATA_DIR / "secret_key"
    try:
        descriptor = os.open(key_file, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        key = key_file.read_text().strip()
        if not key:
            raise ImproperlyConfigured(
                f"{key_file} is empty: delete it to have a new key generated"
            ) from None
        return key
    with os.fdopen(descriptor, "w") as handle:
        handle.write(secrets.token_urlsafe(50))
        handle.flush()
        os.fsync(handle.fileno())
    return key_file.read_text().strip()


SECRET_KEY = load_secret_key()
DEBUG = env_bool("KETTE_DEBUG")
ALLOWED_HOSTS = env_list("KETTE_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("KETTE_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "kette.core.adminsite.KetteAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI as static files, no CDN
    "django_filters",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "kette.core",
    "kette.offers",
    "kette.monitoring",
    "kette.goals",
    "kette.networks",
    "kette.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kette.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Before the second-factor middleware: its answers are personal as well.
    "kette.core.security.CacheAndPermissionsMiddleware",
    "kette.core.security.TwoFactorEnrolmentMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kette.urls"
WSGI_APPLICATION = "kette.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kette.core.context_processors.kette",
            ],
        },
    }
]

# --- Database: SQLite file in the data dir (WAL), or KETTE_DATABASE_URL. ---
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("KETTE_DATABASE_URL", f"sqlite:///{DATA_DIR / 'kette.sqlite3'}"),
        conn_max_age=int(os.environ.get("KETTE_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts ---
AUTH_USER_MODEL = "kette_core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

AXES_FAILURE_LIMIT = int(os.environ.get("KETTE_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "kette_core/account_locked.html"
AXES_SENSITIVE_PARAMETERS = ["password", "otp_token"]
AXES_VERBOSE = False
AXES_ENABLE_ADMIN = False
if env_bool("KETTE_BEHIND_PROXY"):
    # Without this every request seems to come from the proxy, and five wrong
    # passwords from anyone would lock a user out everywhere.
    AXES_IPWARE_PROXY_COUNT = int(os.environ.get("KETTE_PROXY_COUNT", "1"))
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")

OTP_TOTP_ISSUER = "kette"
# Roles that must log in with a second factor: "state_admin" and membership
# roles (coordinator, planner, network_lead, provider_editor). Checked by the
# system check kette.E021; empty makes two-factor login optional for everyone.
TWO_FACTOR_REQUIRED_ROLES = env_list(
    "KETTE_REQUIRE_2FA_ROLES", "state_admin,coordinator"
)
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# --- Mail ---
_email_url = os.environ.get("KETTE_EMAIL_URL", "console://")
if _email_url.split("://")[0] not in dj_email_url.SCHEMES:
    raise ImproperlyConfigured(
        "KETTE_EMAIL_URL must start with one of "
        + ", ".join(f"{scheme}://" for scheme in sorted(dj_email_url.SCHEMES))
    )
_email = dj_email_url.parse(_email_url)
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"]
EMAIL_PORT = _email["EMAIL_PORT"]
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
DEFAULT_FROM_EMAIL = os.environ.get("KETTE_DEFAULT_FROM_EMAIL", "kette@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where the site is reached: links in mails sent outside a request (cron).
KETTE_SITE_URL = os.environ.get("KETTE_SITE_URL", "http://localhost:8000")

# --- Caches: per process, nothing to run beside the app. "pages" holds
# rendered public fragments (see kette.core.fragments), bounded by count. ---
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "kette-pages",
        "OPTIONS": {"MAX_ENTRIES": 500},
    },
}

# --- Internationalisation: German by default, English complete. ---
LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# --- Static files ---
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("KETTE_TESTING")
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = DATA_DIR / "media"
WHITENOISE_USE_FINDERS = DEBUG or env_bool("KETTE_TESTING")

# --- Security: safe by default, relaxed only for plain-HTTP local use. ---
# Debug and test runs (test client, live server) speak plain HTTP.
_https = env_bool("KETTE_HTTPS", default=not (DEBUG or env_bool("KETTE_TESTING")))
SESSION_COOKIE_SECURE = _https
CSRF_COOKIE_SECURE = _https
SECURE_SSL_REDIRECT = env_bool("KETTE_SSL_REDIRECT", default=_https)
SECURE_HSTS_SECONDS = int(
    os.environ.get("KETTE_HSTS_SECONDS", "31536000" if _https else "0")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("KETTE_HSTS_INCLUDE_SUBDOMAINS", _https)
SECURE_HSTS_PRELOAD = env_bool("KETTE_HSTS_PRELOAD", _https)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("KETTE_BEHIND_PROXY") else None
)
SESSION_COOKIE_HTTPONLY = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
LANGUAGE_COOKIE_SECURE = _https
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Pages carry no script of their own and no inline style: everything comes
# from kette's static files (colour swatches are SVG, whose presentation
# attributes CSP does not restrict; the QR code is inline SVG markup).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# --- Uploads and imports: limits checked before a file is parsed
# (kette.core.importers.limits), on the web and on the command line. ---
KETTE_MAX_UPLOAD_MB = float(os.environ.get("KETTE_MAX_UPLOAD_MB", "50"))
KETTE_MAX_DEFINITION_MB = float(os.environ.get("KETTE_MAX_DEFINITION_MB", "1"))
KETTE_MAX_UNPACKED_MB = float(os.environ.get("KETTE_MAX_UNPACKED_MB", "500"))
KETTE_MAX_JSON_DEPTH = int(os.environ.get("KETTE_MAX_JSON_DEPTH", "64"))
KETTE_MAX_TABLE_ROWS = int(os.environ.get("KETTE_MAX_TABLE_ROWS", "1000000"))
KETTE_MAX_TABLE_COLUMNS = int(os.environ.get("KETTE_MAX_TABLE_COLUMNS", "1000"))
# Request bodies that are not files (the API's JSON): 2.5 MB, Django's default.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(
    float(os.environ.get("KETTE_MAX_REQUEST_MB", "2.5")) * 1024 * 1024
)

# --- API ---
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "kette.api.authentication.ApiTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "kette.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "kette.api.errors.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # Within DATA_UPLOAD_MAX_MEMORY_SIZE and the JSON depth limit.
    "DEFAULT_PARSER_CLASSES": [
        "kette.api.parsers.JSONParser",
        "kette.api.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "kette API",
    "DESCRIPTION": "Public and staff API of kette, version 1.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models have a "status"; each enum gets a name of its own.
    "ENUM_NAME_OVERRIDES": {
        "GoalStatusEnum": "kette.goals.models.GoalStatus",
        "BodyStatusEnum": "kette.networks.models.BodyStatus",
        "ActionStatusEnum": "kette.networks.models.ActionStatus",
    },
}

# --- Logging: to stderr; never request bodies, so no passwords or tokens. ---
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"secret_paths": {"()": "kette.core.logfilters.RedactSecretPaths"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["secret_paths"]}
    },
    "root": {
        "handlers": ["console"],
        "level": os.environ.get("KETTE_LOG_LEVEL", "INFO"),
    },
    "loggers": {
        # Only the root handler prints, so debug runs show each error once.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.db.backends": {"level": "WARNING"},
        # axes announces itself on every start and logs each login at INFO.
        "axes": {"level": "WARNING"},
    },
}
