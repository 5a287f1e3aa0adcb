"""Settings for the test suite: the normal settings with the development key allowed."""

import os

os.environ.setdefault("CCTNS_ALLOW_DEV_KEY", "true")
os.environ.setdefault("CCTNS_SECURE_COOKIES", "false")

from cctns.settings import *  # noqa: E402,F403

# Argon2 still, with a small memory cost so thousands of test logins stay fast.
PASSWORD_HASHERS = ["cctns.core.hashers.TestArgon2PasswordHasher"]
