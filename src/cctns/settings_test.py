"""Settings for the test suite: the normal settings with the development key allowed."""

import os

os.environ.setdefault("CCTNS_ALLOW_DEV_KEY", "true")
os.environ.setdefault("CCTNS_SECURE_COOKIES", "false")
# Two-factor enforcement off for the suite at large (tests log in with force_login); the
# accounts tests switch it on with override_settings to the production default.
os.environ.setdefault("CCTNS_2FA_REQUIRED_ROLES", "")

from cctns.settings import *  # noqa: E402,F403

# Argon2 still, with a small memory cost so thousands of test logins stay fast.
PASSWORD_HASHERS = ["cctns.core.hashers.TestArgon2PasswordHasher"]

# Background tasks run inline, in the caller's process and transaction (django-q2 "sync").
Q_CLUSTER = {**Q_CLUSTER, "sync": True}  # noqa: F405
