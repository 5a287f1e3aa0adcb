"""Name normalisation: from a name as an officer typed it to tokens ready for transliteration.

``normalise_name("Late Shri R.K. Sharma @ Pappu S/o Md. Salim R/o Rampur")`` gives the tokens
``r``, ``k`` (initials) and ``sharma``; the alias ``pappu``; the honorifics
``honorific_late``, ``honorific_shri``; the relation ``son_of`` with the relative
``mohammad`` (from ``Md.``) ``salim``; and the tail ``("residence", "Rampur")``.

What it does, in order, each step a named rule (``NormalisedName.rules`` lists those applied):

1. ``unicode_nfc``: Unicode NFC. Combining marks are never removed: Indic vowel signs, viramas
   and nuktas are combining marks, and stripping them would shred the name. ``format_characters``:
   zero-width joiners and non-joiners, soft hyphens, BOMs and direction marks are dropped (they
   change how a name is drawn, not what it is). ``spaces``: every kind of space becomes one space.
2. Markers (:mod:`cctns.matching.tables`): a tail marker (``R/o``, ``निवासी``, ``aged``) ends the
   name; a relation marker (``S/o``, ``W/o``, ``पुत्र``, ``वल्द``) splits off the relative's name,
   which is normalised the same way (it may have its own relation); alias markers (``@``,
   ``alias``, ``urf``, ``उर्फ``) split the rest into the name and its aliases.
3. ``punctuation``: apostrophes are removed inside words (``D'Souza`` → ``dsouza``), other
   punctuation and digits separate tokens; a dot, ``०`` or ``॰`` after a token marks it as
   abbreviated. ``script_boundary``: a token mixing scripts is split where the script changes.
4. Honorifics (``HONORIFICS``): dropped from the start of each name part and recorded.
5. Each token: an abbreviation (``ABBREVIATIONS``: ``Md.`` → ``mohammad``, ``Kr`` → ``kumar``);
   or initials (``initial_latin``: one Latin letter; ``initial_capitals``: two capitals, or three
   without a vowel, in a mixed-case name, ``RK``, ``MA``, even ``MS`` (not ``MD``, Mohammad); ``initial_consonants``: two or three letters
   without a vowel that are no abbreviation, ``rk``; ``initial_letter_name``: a Devanagari
   letter name with a dot, ``आर.``; ``initial_syllable``: one Indic syllable with a dot,
   ``रा.``); or a word, case-folded.

Canonical spellings (``Muhammed`` → ``mohammad``) apply to Latin forms, so after
transliteration: :func:`canonical_spelling`, called by :func:`cctns.matching.names.analyse_name`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from . import tables
from .transliterate import LATIN, char_script, detect_script

WORD = "word"
INITIAL = "initial"
ABBREVIATION = "abbreviation"

_FORMAT_CHARACTERS = dict.fromkeys(
    map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e"), None)
_APOSTROPHES = re.compile(r"['’‘`´ʼ]")
_PUNCTUATION = re.compile(r"[,;:()\[\]{}\"“”«»\-–—_|+&*#!?<>=~\\\d]")
_SEPARATORS = re.compile(r"[\s,;:()\[\]{}\"“”«»\-–—_|+&*#!?<>=~\\]+")
_LATIN_RELATION = re.compile(r"(?i)(?<![a-z])(wd|[sdwhcfmr])\s*[/.]\s*[o0](?![a-z])\.?")
_AKA = re.compile(r"(?i)(?<![a-z])a\s*[/.]\s*k\s*[/.]\s*a(?![a-z])\.?")
_DOTS = ".॰"
_INDIC_ZERO = "0०"
_DIGITS = re.compile(r"\d")
_VOWELS = set("aeiouy")


@dataclass(frozen=True)
class Token:
    """One normalised token.

    ``text``: the form matching starts from: case-folded Latin, an Indic word as written (NFC),
    a single Latin letter for an initial from a letter name, or the canonical Latin word of an
    abbreviation. ``original``: as written (without its dot). ``kind``: ``"word"``,
    ``"initial"`` or ``"abbreviation"``. ``rule``: the table rule that produced it, if any.
    ``script``: the token's script (see :mod:`cctns.matching.transliterate`).
    """

    text: str
    original: str
    kind: str = WORD
    rule: str | None = None
    script: str = LATIN

    @property
    def is_initial(self) -> bool:
        return self.kind == INITIAL


@dataclass(frozen=True)
class NormalisedName:
    """A written name taken apart.

    ``tokens``: the name itself (may be empty when the text was only a relative, ``"S/o Ram"``).
    ``aliases``: other names after ``@``/``alias``/``urf``. ``honorifics``: rule names of the
    honorifics dropped. ``relation``: a ``tables.RELATION_*`` value or ``None``; ``relative``:
    the relative's name. ``tail``: ``(kind, text)`` pairs cut off by tail markers
    (``"residence"``, ``"age"``). ``rules``: every rule applied, in order.
    """

    original: str
    tokens: tuple[Token, ...] = ()
    aliases: tuple[NormalisedName, ...] = ()
    honorifics: tuple[str, ...] = ()
    relation: str | None = None
    relative: NormalisedName | None = None
    tail: tuple[tuple[str, str], ...] = ()
    rules: tuple[str, ...] = field(default=())

    @property
    def text(self) -> str:
        """The tokens' texts joined by spaces."""
        return " ".join(t.text for t in self.tokens)

    @property
    def relative_role(self) -> str | None:
        """What the relative is to the person: ``"parent"``, ``"husband"``, ``"wife"``,
        ``"guardian"``, ``"child"`` or ``None``."""
        return tables.RELATIVE_ROLE.get(self.relation) if self.relation else None


def clean_text(text: str) -> tuple[str, tuple[str, ...]]:
    """NFC, without format characters, with single spaces. Returns ``(text, rules applied)``."""
    rules = []
    nfc = unicodedata.normalize("NFC", text)
    if nfc != text:
        rules.append("unicode_nfc")
    stripped = nfc.translate(_FORMAT_CHARACTERS)
    if stripped != nfc:
        rules.append("format_characters")
    spaced = " ".join(stripped.split())
    if spaced != stripped:
        rules.append("spaces")
    return unicodedata.normalize("NFC", spaced), tuple(rules)


def lookup_form(text: str) -> str:
    """The form rule tables are keyed by: case-folded, without abbreviation dots and ``०``."""
    return text.casefold().strip(_DOTS + "०").replace("\\", "/")


@functools.cache
def _marker_index() -> dict[tuple[str, ...], tables.MarkerRule]:
    index: dict[tuple[str, ...], tables.MarkerRule] = {}
    for rule in (*tables.RELATION_MARKERS, *tables.ALIAS_MARKERS, *tables.TAIL_MARKERS):
        for form in rule.forms:
            index[tuple(lookup_form(w) for w in form.split())] = rule
    return index


@functools.cache
def _token_index(table_name: str) -> dict[str, list[tables.TokenRule]]:
    index: dict[str, list[tables.TokenRule]] = {}
    for rule in getattr(tables, table_name):
        for form in rule.forms:
            index.setdefault(lookup_form(form), []).append(rule)
    return index


def _find_rule(table_name: str, form: str, position: int) -> tables.TokenRule | None:
    for rule in _token_index(table_name).get(form, ()):
        if rule.position == tables.ANY:
            return rule
        if (rule.position == tables.LEADING) == (position == 0):
            return rule
    return None


def canonical_spelling(word: str) -> tuple[str, str | None]:
    """A Latin word's canonical spelling and the rule that gave it, or ``(word, None)``.

    >>> canonical_spelling("muhammed")
    ('mohammad', 'spelling_mohammad')
    """
    rule = _find_rule("CANONICAL_SPELLINGS", word.casefold(), 1)
    return (rule.canonical, rule.name) if rule else (word, None)


def _raw_tokens(text: str) -> list[str]:
    text = _LATIN_RELATION.sub(lambda m: f" {m.group(1)}/o ", text)
    text = _AKA.sub(" a/k/a ", text)
    text = text.replace("@", " @ ")
    text = _APOSTROPHES.sub("", text)
    return [t for t in _SEPARATORS.split(text) if t and t.strip(_DOTS + "/")]


def _match_marker(raw: list[str], i: int) -> tuple[tables.MarkerRule, int] | None:
    index = _marker_index()
    for length in (4, 3, 2, 1):
        if i + length > len(raw):
            continue
        key = tuple(lookup_form(w) for w in raw[i:i + length])
        rule = index.get(key)
        if rule is not None:
            return rule, length
    return None


@dataclass
class _Piece:
    text: str  # without dots
    dotted: bool
    script: str


def _pieces(raw: list[str], rules: list[str]) -> list[_Piece]:
    """Raw tokens split on dots, slashes, digits and script changes."""
    out: list[_Piece] = []
    for token in raw:
        # a 0/० right after an Indic letter is an abbreviation dot (मो०, डॉ0)
        chars = []
        for j, ch in enumerate(token):
            if ch in _INDIC_ZERO and j > 0 and char_script(token[j - 1]) not in (None, LATIN):
                chars.append(".")
            elif ch in "॰":
                chars.append(".")
            elif _DIGITS.match(ch):
                chars.append(" ")
            else:
                chars.append(ch)
        cleaned = "".join(chars).replace("/", " ")
        for chunk in cleaned.split():
            for part in re.findall(r"[^.]+\.?|\.", chunk):
                dotted = part.endswith(".")
                body = part.rstrip(".")
                if not body:
                    continue
                for run, script in _script_runs(body):
                    if len(run) != len(body) and "script_boundary" not in rules:
                        rules.append("script_boundary")
                    out.append(_Piece(run, dotted, script))
    return out


def _script_runs(text: str) -> list[tuple[str, str]]:
    runs: list[tuple[str, str]] = []
    current: list[str] = []
    current_script: str | None = None
    for ch in text:
        s = char_script(ch)
        if s is None and unicodedata.category(ch)[0] not in "LM":
            continue  # stray punctuation inside a token
        if s is not None and current_script is not None and s != current_script and current:
            runs.append(("".join(current), current_script))
            current = []
        if s is not None:
            current_script = s
        current.append(ch)
    if current:
        runs.append(("".join(current), current_script or detect_script("".join(current))))
    return runs


def _name_part(raw: list[str], original: str, mixed_case: bool) -> NormalisedName:
    rules: list[str] = []
    pieces = _pieces(raw, rules)
    honorifics: list[str] = []
    while len(pieces) > 1 and not _caps_initials(pieces[0], mixed_case):
        rule = _find_rule("HONORIFICS", lookup_form(pieces[0].text), 0)
        if rule is None:
            break
        honorifics.append(rule.name)
        rules.append(rule.name)
        pieces.pop(0)
    tokens: list[Token] = []
    for position, piece in enumerate(pieces):
        tokens.extend(_classify(piece, position, mixed_case, rules))
    return NormalisedName(original=original, tokens=tuple(tokens), honorifics=tuple(honorifics),
                          rules=tuple(rules))


def _classify(piece: _Piece, position: int, mixed_case: bool, rules: list[str]) -> list[Token]:
    form = lookup_form(piece.text)
    if piece.script == LATIN:
        if len(form) == 1:
            rules.append("initial_latin")
            return [Token(form, piece.text, INITIAL, "initial_latin")]
        abbreviation = _find_rule("ABBREVIATIONS", form, position)
        vowelless = 2 <= len(form) <= 3 and not (set(form) & _VOWELS)
        if _caps_initials(piece, mixed_case) and not (abbreviation and abbreviation.caps_is_abbreviation):
            rules.append("initial_capitals")
            return [Token(ch, ch.upper(), INITIAL, "initial_capitals") for ch in form]
        if abbreviation is not None:
            rules.append(abbreviation.name)
            return [Token(abbreviation.canonical, piece.text, ABBREVIATION, abbreviation.name)]
        if vowelless:
            rules.append("initial_consonants")
            return [Token(ch, ch, INITIAL, "initial_consonants") for ch in form]
        return [Token(form, piece.text, WORD, None, LATIN)]
    abbreviation = _find_rule("ABBREVIATIONS", form, position)
    if abbreviation is not None:
        rules.append(abbreviation.name)
        return [Token(abbreviation.canonical, piece.text, ABBREVIATION, abbreviation.name, piece.script)]
    if piece.dotted:
        letter = tables.DEVANAGARI_LETTER_NAMES.get(form)
        if letter is not None:
            rules.append("initial_letter_name")
            return [Token(letter, piece.text, INITIAL, "initial_letter_name", piece.script)]
        if _is_one_syllable(form):
            rules.append("initial_syllable")
            return [Token(form, piece.text, INITIAL, "initial_syllable", piece.script)]
    return [Token(form, piece.text, WORD, None, piece.script)]


def _caps_initials(piece: _Piece, mixed_case: bool) -> bool:
    """Two capitals, or three without a vowel, in a name otherwise written in mixed case
    (``"RK Sharma"``, ``"MA Khan"``, ``"MS Qureshi"``): initials, even where the letters spell
    an abbreviation or honorific (except ``caps_is_abbreviation`` rules such as ``MD``)."""
    text = piece.text
    if piece.script != LATIN or not mixed_case or not text.isupper() or not text.isalpha():
        return False
    return len(text) == 2 or (len(text) == 3 and not (set(text.casefold()) & _VOWELS))


def _is_one_syllable(text: str) -> bool:
    """One Indic syllable: consonants joined by viramas, then at most one vowel sign or mark."""
    letters = [ch for ch in text if unicodedata.category(ch) == "Lo"]
    viramas = sum(1 for ch in text if unicodedata.name(ch, "").endswith("SIGN VIRAMA"))
    return 1 <= len(letters) - viramas <= 1


def normalise_name(text: str) -> NormalisedName:
    """Take a written name apart (see the module docstring). Never raises; empty or
    punctuation-only input gives a name with no tokens.

    ``text``: a name as entered, in any script, possibly with honorifics, initials,
    abbreviations, aliases, a relation marker and the relative's name, and an address tail.
    """
    if not isinstance(text, str):
        raise TypeError("a name must be a string")
    cleaned, clean_rules = clean_text(text)
    if _APOSTROPHES.search(cleaned) or _PUNCTUATION.search(cleaned):
        clean_rules += ("punctuation",)
    raw = _raw_tokens(cleaned)
    letters = [ch for ch in cleaned if char_script(ch) == LATIN]
    mixed_case = any(c.isupper() for c in letters) and any(c.islower() for c in letters)
    return _parse(raw, cleaned, mixed_case, clean_rules)


def _parse(raw: list[str], original: str, mixed_case: bool, rules_before: tuple[str, ...]) -> NormalisedName:
    rules = list(rules_before)
    tail: list[tuple[str, str]] = []
    # tail markers: everything after the first one is not the name
    for i in range(len(raw)):
        found = _match_marker(raw, i)
        if found and found[0].kind in ("residence", "age") and i > 0:
            rule, length = found
            rules.append(rule.name)
            tail.append((rule.kind, " ".join(raw[i + length:])))
            raw = raw[:i]
            break
    relation = None
    relative = None
    for i in range(len(raw)):
        found = _match_marker(raw, i)
        if found and found[0].kind not in ("alias", "residence", "age"):
            rule, length = found
            rules.append(rule.name)
            relation = rule.kind
            rest = raw[i + length:]
            relative = _parse(rest, " ".join(rest), mixed_case, ())
            raw = raw[:i]
            break
    parts: list[list[str]] = [[]]
    for i, token in enumerate(raw):
        found = _match_marker(raw, i)
        if found and found[0].kind == "alias" and found[1] == 1:
            if "alias_marker" not in rules:
                rules.append("alias_marker")
            parts.append([])
        else:
            parts[-1].append(token)
    parts = [p for p in parts if p]
    main = _name_part(parts[0], " ".join(parts[0]), mixed_case) if parts else NormalisedName(original="")
    aliases = tuple(_name_part(p, " ".join(p), mixed_case) for p in parts[1:])
    rules.extend(main.rules)
    for alias in aliases:
        rules.extend(alias.rules)
    if relative is not None:
        rules.extend(relative.rules)
    return NormalisedName(
        original=original, tokens=main.tokens, aliases=aliases, honorifics=main.honorifics,
        relation=relation, relative=relative, tail=tuple(tail), rules=tuple(rules),
    )
