"""Password hashers. Production uses Django's Argon2 hasher (DESIGN.md §6)."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class TestArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id with a small memory cost, for the test suite only (``settings_test``)."""

    memory_cost = 1024
    time_cost = 1
