"""``cctns demo_logins``: print the demo logins, their password and the address to open."""

import os

from django.contrib.auth.hashers import check_password
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from cctns.core.demo import seeding


class Command(BaseCommand):
    help = (
        "Print the headline demo logins (username, role, rank, posting), the demo password and the "
        "address of the demo server. --all lists every demo user."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="list every demo user, not only the headline logins")

    def handle(self, *args, **opts):
        users = list(seeding.demo_users().select_related("unit")) if opts["all"] else seeding.headline_users()
        if not users:
            self.stdout.write(_("No demo users yet: run `cctns seed`."))
            return
        password = seeding.demo_password()
        rows = [(_("username"), _("role"), _("rank"), _("posting"))]
        for user in users:
            posting = f"{user.unit.name} ({user.unit.code})" if user.unit else "-"
            rows.append((user.username, user.get_role_display(), user.get_rank_display(), posting))
        widths = [max(len(str(row[i])) for row in rows) for i in range(4)]
        for n, row in enumerate(rows):
            self.stdout.write("  ".join(str(cell).ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
            if n == 0:
                self.stdout.write("  ".join("-" * w for w in widths))
        self.stdout.write("")
        self.stdout.write(_("Password for every demo user: %(password)s") % {"password": password})
        # No hash upgrade, no save: a plain comparison with the shared demo hash.
        if not check_password(password, users[0].password):
            self.stderr.write(self.style.WARNING(
                _("The demo users were seeded with another password than $%(env)s now gives; "
                  "run `cctns seed` again to reset it.") % {"env": seeding.PASSWORD_ENV}
            ))
        port = os.environ.get("PORT", "8000")
        self.stdout.write(_("Open http://127.0.0.1:%(port)s/") % {"port": port})
