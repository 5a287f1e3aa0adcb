"""``cctns validation_rules``: print the registry of coded validation rules as Markdown."""

from django.core.management.base import BaseCommand

from cctns.core.validation import as_markdown, rules_for


class Command(BaseCommand):
    help = "Print the coded validation rules (code, level, record part, messages in English and Hindi, legal source) as Markdown."

    def add_arguments(self, parser):
        parser.add_argument("--record", help="only the rules of one record type (fir, ncr, complaint …)")

    def handle(self, *args, record=None, **options):
        known = sorted({r.record for r in rules_for()})
        if record and record not in known:
            self.stderr.write(f"Unknown record type {record!r}; known: {', '.join(known)}")
            return
        self.stdout.write(as_markdown(record), ending="")
