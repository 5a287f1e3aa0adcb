"""Key tables of the matching engine (DESIGN.md §5: "compute phonetic keys … and store them
indexed").

The library (:mod:`cctns.matching.blocking`) decides what keys a record has; these tables store
them so that candidate generation is an indexed lookup on SQLite and PostgreSQL alike:

- :class:`PersonKey`: one row per (person, key), indexed on ``(key, person)`` so a key's postings
  are read from the index alone;
- :class:`PersonKeyFrequency`: how many persons hold each key, so that search can skip keys
  too common to narrow anything (``"l:kmr"``, Kumar) and weigh the others by inverse frequency
  without counting postings at query time.

Written only by :mod:`cctns.matching.services` (``store_keys``, ``rebuild_frequencies``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PersonKey(models.Model):
    """A blocking key of a person: ``key`` is ``"<kind>:<value>"`` (``"s:srm"``), ``kind`` its
    first letter (see ``cctns.matching.blocking.KEY_KINDS``)."""

    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="match_keys")
    key = models.CharField(_("key"), max_length=120)
    kind = models.CharField(_("kind"), max_length=2)

    class Meta:
        verbose_name = _("person key")
        verbose_name_plural = _("person keys")
        indexes = [models.Index(fields=["key", "person"], name="matching_personkey_key")]
        constraints = [models.UniqueConstraint(fields=["person", "key"], name="matching_personkey_once")]

    def __str__(self) -> str:
        return self.key


class PersonKeyFrequency(models.Model):
    """How many persons hold ``key`` (maintained with the keys; rebuilt by
    ``services.rebuild_frequencies``)."""

    key = models.CharField(_("key"), max_length=120, unique=True)
    count = models.PositiveIntegerField(_("persons"), default=0)

    class Meta:
        verbose_name = _("key frequency")
        verbose_name_plural = _("key frequencies")

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"
