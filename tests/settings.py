"""Test settings: kette's settings with plain HTTP and fast password hashing."""

import os

os.environ.setdefault("KETTE_TESTING", "1")
os.environ.setdefault("KETTE_HTTPS", "0")
# pytest-xdist: each worker keeps its files (secret key, kept uploads,
# pseudonym keys) in a folder of its own.
if worker := os.environ.get("PYTEST_XDIST_WORKER"):
    base = os.environ.get("KETTE_DATA_DIR", "var")
    os.environ["KETTE_DATA_DIR"] = os.path.join(base, f"test-{worker}")

from kette.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
