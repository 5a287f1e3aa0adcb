"""A written name analysed for matching: normalised, transliterated, canonicalised, keyed.

:func:`analyse_name` is the one entry point the rest of CCTNS uses; scoring
(:mod:`cctns.matching.score`) and blocking (:mod:`cctns.matching.blocking`) take its result.

>>> name = analyse_name("श्री मो० सलीम")
>>> [(t.original, t.latin, t.strict) for t in name.tokens]
[('मो', 'mohammad', 'mohamad'), ('सलीम', 'salim', 'salim')]
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from .normalise import (
    ABBREVIATION,
    INITIAL,
    NormalisedName,
    Token,
    canonical_spelling,
    normalise_name,
)
from .phonetic import loose_key, strict_key
from .transliterate import LATIN, fold_latin, transliterate_token


@dataclass(frozen=True)
class NameToken:
    """One token of an analysed name.

    ``original``: as written (any script). ``script``: its script. ``latin``: canonical Latin
    (lower-case ASCII; for an initial, its one letter; ``""`` for an unreadable script).
    ``alternatives``: other Latin readings (Tamil voicing). ``strict``/``loose``: phonetic keys
    of ``latin`` (``""`` for initials). ``kind``: ``"word"``, ``"initial"`` or
    ``"abbreviation"``. ``rules``: the rules that made it (``abbr_mohammad``,
    ``spelling_mohammad``, ``initial_latin``…).
    """

    original: str
    script: str
    latin: str
    strict: str
    loose: str
    kind: str = "word"
    alternatives: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()

    def __hash__(self) -> int:
        # cached: tokens are keys of the scoring caches
        cached = self.__dict__.get("_hash")
        if cached is None:
            cached = hash((self.original, self.script, self.latin, self.kind, self.alternatives, self.rules))
            object.__setattr__(self, "_hash", cached)
        return cached

    @property
    def is_initial(self) -> bool:
        return self.kind == INITIAL

    @property
    def readings(self) -> tuple[str, ...]:
        """``latin`` then the alternatives."""
        return tuple(r for r in (self.latin, *self.alternatives) if r)

    @property
    def initial(self) -> str:
        """The token's first Latin letter (``""`` if it has none)."""
        return self.latin[:1]

    @property
    def initials(self) -> frozenset[str]:
        """Letters an initial written for this token could be: the first letter of each reading
        and of its strict key (``"shyam"`` → ``{"s"}``; ``"wasim"`` → ``{"w", "v"}``)."""
        out = {r[:1] for r in self.readings}
        if self.strict:
            out.add(self.strict[:1])
        return frozenset(x for x in out if x)

    def key_pairs(self) -> tuple[tuple[str, str], ...]:
        """``(strict, loose)`` of every reading, ``latin``'s first."""
        return tuple(dict.fromkeys((strict_key(r), loose_key(r)) for r in self.readings))


@dataclass(frozen=True)
class AnalysedName:
    """A name ready for matching (see :class:`cctns.matching.normalise.NormalisedName` for the
    meaning of ``honorifics``, ``relation``, ``tail`` and ``rules``)."""

    original: str
    tokens: tuple[NameToken, ...]
    aliases: tuple[AnalysedName, ...] = ()
    honorifics: tuple[str, ...] = ()
    relation: str | None = None
    relative: AnalysedName | None = None
    tail: tuple[tuple[str, str], ...] = ()
    rules: tuple[str, ...] = ()

    @property
    def latin(self) -> str:
        """Canonical Latin of the name: token ``latin`` forms joined by spaces."""
        return " ".join(t.latin for t in self.tokens if t.latin)

    @property
    def words(self) -> tuple[NameToken, ...]:
        """Tokens that are not initials."""
        return tuple(t for t in self.tokens if not t.is_initial)

    def __bool__(self) -> bool:
        return bool(self.tokens)


def _analyse_token(token: Token) -> NameToken:
    rules = (token.rule,) if token.rule else ()
    if token.kind == ABBREVIATION:
        latin, alternatives = token.text, ()  # the table's canonical Latin word
    elif token.kind == INITIAL and (token.script == LATIN or token.text.isascii()):
        latin, alternatives = fold_latin(token.text), ()  # "À" → "a"; a letter name is already one
    else:
        tr = transliterate_token(token.text)
        latin, alternatives = tr.latin, tr.alternatives
    if token.kind == INITIAL:
        return NameToken(token.original, token.script, latin[:1], "", "", INITIAL, (), rules)
    canonical, rule = canonical_spelling(latin)
    if rule:
        latin = canonical
        rules += (rule,)
        alternatives = ()
    return NameToken(
        original=token.original, script=token.script, latin=latin, strict=strict_key(latin),
        loose=loose_key(latin), kind=token.kind, alternatives=alternatives, rules=rules,
    )


def from_normalised(name: NormalisedName) -> AnalysedName:
    """Transliterate, canonicalise and key a :class:`NormalisedName`."""
    tokens = tuple(t for t in (_analyse_token(tok) for tok in name.tokens) if t.latin or t.original)
    extra = tuple(r for t in tokens for r in t.rules if r.startswith("spelling_"))
    return AnalysedName(
        original=name.original,
        tokens=tokens,
        aliases=tuple(from_normalised(a) for a in name.aliases),
        honorifics=name.honorifics,
        relation=name.relation,
        relative=from_normalised(name.relative) if name.relative is not None else None,
        tail=name.tail,
        rules=name.rules + extra,
    )


@functools.lru_cache(maxsize=65536)
def analyse_name(text: str) -> AnalysedName:
    """Analyse a written name (any script; see :func:`cctns.matching.normalise.normalise_name`
    for what the text may hold). Pure and cached; never raises for a string."""
    return from_normalised(normalise_name(text))
