"""Test settings: kette's settings with plain HTTP and fast password hashing."""

import os

os.environ.setdefault("KETTE_TESTING", "1")
os.environ.setdefault("KETTE_HTTPS", "0")

from kette.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
