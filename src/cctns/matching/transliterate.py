"""Script detection and transliteration of name tokens to a canonical Latin form.

A token in an Indic script becomes plain lower-case ASCII the way Indian names are usually
spelt in Latin letters (``"सुरेश"`` → ``"suresh"``, ``"कमला"`` → ``"kamla"``,
``"ਗੁਰਪ੍ਰੀਤ"`` → ``"gurprit"``), and the original is kept beside it: matching compares both.

How (one path for every script):

1. The token is moved into the Devanagari block. Unicode lays the Indic blocks out in parallel
   (ISCII heritage), so a letter's offset from its block start is the same in every script;
   the few letters without a parallel (Malayalam chillus, Bengali khanda ta, Gurmukhi tippi…)
   are tabled in ``_SCRIPT_FIXES``. This also sidesteps two gaps of the package's own script
   tables: its Tamil table maps several Devanagari letters onto one Tamil letter, so it reads
   க back as "gha", and it leaves nukta letters of Gurmukhi, Bengali and Oriya untransliterated.
2. ``indic-transliteration`` (``sanscript``) turns the Devanagari into SLP1, a scheme with one
   ASCII character per sound, which makes the inherent vowel visible: a consonant followed by
   ``a`` carries the inherent vowel; a consonant followed by a consonant has none.
3. Our rules drop the inherent vowel where the language does not pronounce it, and map each
   sound to the Latin letters names are written with (``S`` → ``sh``, ``c`` → ``ch``…).

Inherent vowel ("schwa") rules, by script (``SCHWA_RULES``):

- ``hindi`` (Devanagari, Gurmukhi, Gujarati): a word-final inherent vowel is dropped
  (``राम`` → ``ram``), except after a written consonant cluster ending in y, r, l, v or a nasal,
  where Hindi names keep it (``नरेन्द्र`` → ``narendra``, ``सत्य`` → ``satya``, ``कृष्ण`` →
  ``krishna``). A medial one is dropped, scanning right to left, when it follows a vowel and one
  consonant and precedes either a consonant with a vowel or a written cluster that is not a
  double consonant: V C _ C V, V C _ CC V (``कमला`` → ``kamla``, ``हरप्रीत`` → ``harprit``,
  ``मोहम्मद`` → ``mohammad``, ``अमरजीत`` → ``amarjit``). The first syllable never loses its vowel.
  Compounds are not recognised (``नूरजहाँ`` → ``nurajhan``), so the reading that keeps every
  medial vowel is given as an alternative (``nurajahan``); scoring and blocking use both.
- ``eastern`` (Bengali, Oriya): the inherent vowel is pronounced /ɔ/, but Latin spellings of
  Bengali and Odia names write it ``a`` (Arnab, Tapas, Debabrata, Prasanta), so we write ``a``;
  only a word-final one after a single consonant other than ``ত``/``ତ`` is dropped (``অর্ণব`` →
  ``arnab``, ``প্রশান্ত`` → ``prashanta``, ``সুব্রত`` → ``subrata``: Bengali writes a final ``t``
  without a vowel as ``ৎ``, so a final ``ত`` is pronounced with it); medial ones stay
  (``দেবব্রত`` → ``debabrata``). ``ব``/``ବ`` is read ``b`` (``w`` after a consonant other than a
  nasal: ``বিশ্বাস`` → ``bishwas``) and a word-initial ``য``/``ଯ`` ``j``.
- ``dravidian`` (Tamil, Telugu, Kannada, Malayalam): nothing is dropped; these languages
  pronounce their final vowels and write a virama where there is none (``முருகன்``).

Tamil script does not distinguish voiced from voiceless stops; the first reading applies
Tamil's rules (voiced after a nasal and between vowels: ``முருகன்`` → ``murugan``; ``ச`` is
``s``; ``ற்ற`` is ``tr``) and ``alternatives`` carries the reading with a voiced first letter
(``கணேசன்`` → ``kanesan``, alternative ``ganesan``) and the literal one (``லோகேஷ்`` →
``logesh``, alternative ``lokesh``).

Latin tokens are folded to ASCII (IAST letters first: ``ś``/``ṣ`` → ``sh``, ``ṛ`` → ``ri``).
Tokens in other scripts (Urdu, for one) are not transliterated: ``latin`` is ``""``.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

from indic_transliteration import sanscript

LATIN = "latin"
DEVANAGARI = "devanagari"
BENGALI = "bengali"
GURMUKHI = "gurmukhi"
GUJARATI = "gujarati"
ORIYA = "oriya"
TAMIL = "tamil"
TELUGU = "telugu"
KANNADA = "kannada"
MALAYALAM = "malayalam"
OTHER = "other"

# (script, first code point, last code point) of each Indic block.
INDIC_BLOCKS: tuple[tuple[str, int, int], ...] = (
    (DEVANAGARI, 0x0900, 0x097F),
    (BENGALI, 0x0980, 0x09FF),
    (GURMUKHI, 0x0A00, 0x0A7F),
    (GUJARATI, 0x0A80, 0x0AFF),
    (ORIYA, 0x0B00, 0x0B7F),
    (TAMIL, 0x0B80, 0x0BFF),
    (TELUGU, 0x0C00, 0x0C7F),
    (KANNADA, 0x0C80, 0x0CFF),
    (MALAYALAM, 0x0D00, 0x0D7F),
)
INDIC_SCRIPTS = tuple(b[0] for b in INDIC_BLOCKS)
SCRIPTS = (LATIN, *INDIC_SCRIPTS)

SCHWA_HINDI = "hindi"
SCHWA_EASTERN = "eastern"
SCHWA_DRAVIDIAN = "dravidian"
SCHWA_RULES: dict[str, str] = {
    DEVANAGARI: SCHWA_HINDI, GURMUKHI: SCHWA_HINDI, GUJARATI: SCHWA_HINDI,
    BENGALI: SCHWA_EASTERN, ORIYA: SCHWA_EASTERN,
    TAMIL: SCHWA_DRAVIDIAN, TELUGU: SCHWA_DRAVIDIAN, KANNADA: SCHWA_DRAVIDIAN,
    MALAYALAM: SCHWA_DRAVIDIAN,
}

# Letters without a parallel in the Devanagari block, replaced before the shift (the replacement
# is already Devanagari and is not shifted again).
_SCRIPT_FIXES: dict[str, dict[str, str]] = {
    DEVANAGARI: {"ऑ": "ओ", "ॉ": "ो", "ऍ": "ए", "ॅ": "े", "ॲ": "ए", "ऎ": "ए", "ॆ": "े", "ऒ": "ओ", "ॊ": "ो"},
    BENGALI: {"ৎ": "त्", "ৰ": "र", "ৱ": "व"},
    GURMUKHI: {"ੰ": "ं", "ੱ": "", "ੲ": "इ", "ੳ": "उ", "ੵ": "्य",
               "\u0a38\u0a3c": "श", "\u0a32\u0a3c": "ळ"},  # ਸ਼ and ਲ਼, decomposed as NFC leaves them
    ORIYA: {"ୱ": "व"},
    KANNADA: {"ೞ": "ळ"},
    MALAYALAM: {"ൺ": "ण्", "ൻ": "न्", "ർ": "र्", "ൽ": "ल्", "ൾ": "ळ्", "ൿ": "क्", "ൎ": "र्",
                "ൔ": "म्", "ൕ": "य्", "ൖ": "ळ्"},
}

_VOWELS = set("aAiIuUfFxXeEoOèò")
_CONSONANTS = set("kKgGNcCjJYwWqQRtTdDnpPbBmyrlvSzshL")
_LABIALS = {"p", "P", "b", "B", "m"}
_NASALS = {"N", "Y", "R", "n", "m", "n0"}

_CONSONANT_LATIN: dict[str, str] = {
    "k": "k", "K": "kh", "g": "g", "G": "gh", "N": "n",
    "c": "ch", "C": "chh", "j": "j", "J": "jh", "Y": "n",
    "w": "t", "W": "th", "q": "d", "Q": "dh", "R": "n",
    "t": "t", "T": "th", "d": "d", "D": "dh", "n": "n",
    "p": "p", "P": "ph", "b": "b", "B": "bh", "m": "m",
    "y": "y", "r": "r", "l": "l", "v": "v",
    "S": "sh", "z": "sh", "s": "s", "h": "h", "L": "l",
    # nukta letters (SLP1 writes the nukta as "0"); Tamil/Malayalam letters via the shift
    "k0": "q", "K0": "kh", "g0": "gh", "j0": "z", "P0": "f", "q0": "r", "Q0": "rh", "y0": "y",
    "n0": "n", "L0": "zh", "r2": "r", "r0": "r", "Y0": "y",
}
# consonants sanscript reads with a nukta; a nukta on any other is dropped (it would otherwise
# come out as a stray mark between a consonant and an invented vowel)
_NUKTA_CONSONANTS = set("कखगजडढफयनरळ")
_VOWEL_LATIN: dict[str, str] = {
    "a": "a", "A": "a", "i": "i", "I": "i", "u": "u", "U": "u", "f": "ri", "F": "ri",
    "x": "lri", "X": "lri", "e": "e", "E": "ai", "o": "o", "O": "au", "è": "e", "ò": "o",
}

# IAST and other Latin letters folded before the general ASCII fold.
_LATIN_FOLDS: dict[str, str] = {
    "ś": "sh", "ṣ": "sh", "ṛ": "ri", "ṝ": "ri", "ḷ": "l", "ṅ": "n", "ñ": "n", "ṇ": "n", "ṃ": "n",
    "ṁ": "n", "ḥ": "h", "ṭ": "t", "ḍ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l",
    "đ": "d", "ð": "d", "þ": "th", "ı": "i",
}


@dataclass(frozen=True)
class Transliteration:
    """One token in its original script and in canonical Latin.

    ``original``: the token as given (NFC). ``script``: one of :data:`SCRIPTS` or ``"other"``.
    ``latin``: lower-case ASCII letters (``""`` for a script we cannot read).
    ``alternatives``: other plausible Latin readings (Tamil voicing), never containing ``latin``.
    """

    original: str
    script: str
    latin: str
    alternatives: tuple[str, ...] = ()

    @property
    def readings(self) -> tuple[str, ...]:
        """``latin`` first, then the alternatives (without empty strings)."""
        return tuple(r for r in (self.latin, *self.alternatives) if r)


def char_script(ch: str) -> str | None:
    """The script of one character: a name from :data:`SCRIPTS`, ``"other"`` for a letter of any
    other script, or ``None`` for characters that belong to no script (digits, punctuation,
    spaces, Latin combining accents, the danda)."""
    cp = ord(ch)
    if cp in (0x0964, 0x0965):  # danda, double danda: shared by every Indic script
        return None
    for script, lo, hi in INDIC_BLOCKS:
        if lo <= cp <= hi:
            cat = unicodedata.category(ch)
            return script if cat[0] in "LM" else None
    if 0xA8E0 <= cp <= 0xA8FF or 0x1CD0 <= cp <= 0x1CFF:  # Devanagari extended, Vedic
        return DEVANAGARI
    cat = unicodedata.category(ch)
    if cat[0] == "L":
        if cp < 0x250 or 0x1E00 <= cp <= 0x1EFF:
            return LATIN
        return OTHER
    return None


def detect_script(text: str) -> str:
    """The script most letters of ``text`` are written in (ties: the first seen); ``"latin"``
    for text with no letters. Combining marks count for the script of their block."""
    counts: dict[str, int] = {}
    for ch in text:
        s = char_script(ch)
        if s:
            counts[s] = counts.get(s, 0) + 1
    if not counts:
        return LATIN
    return max(counts, key=lambda s: counts[s])


def fold_latin(text: str) -> str:
    """Lower-case ASCII letters of a Latin-script token (``"Kṛṣṇa"`` → ``"krishna"``,
    ``"José"`` → ``"jose"``); anything that is not a letter is dropped."""
    text = unicodedata.normalize("NFC", text).casefold()
    text = "".join(_LATIN_FOLDS.get(ch, ch) for ch in text)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if "a" <= ch <= "z")


def to_devanagari(text: str, script: str) -> str:
    """``text`` (in ``script``) moved into the Devanagari block, letter for letter."""
    fixes = _SCRIPT_FIXES.get(script, {})
    base = next(lo for s, lo, _ in INDIC_BLOCKS if s == script)
    out = []
    i = 0
    while i < len(text):
        pair = text[i:i + 2]
        if len(pair) == 2 and pair in fixes:
            out.append(fixes[pair])
            i += 2
            continue
        ch = text[i]
        if ch in fixes:
            out.append(fixes[ch])
        elif script != DEVANAGARI and base <= ord(ch) <= base + 0x7F:
            out.append(chr(ord(ch) - base + 0x900))
        else:
            out.append(ch)
        i += 1
    return "".join(out)


@dataclass
class _Unit:
    """One sound of an SLP1 string: ``kind`` is ``"C"`` (consonant), ``"V"`` (a written vowel),
    ``"A"`` (an inherent vowel), ``"M"`` (anusvara), ``"~"`` (candrabindu) or ``"H"`` (visarga)."""

    kind: str
    value: str
    deleted: bool = False


def _parse_slp1(slp: str) -> list[_Unit]:
    units: list[_Unit] = []
    i = 0
    while i < len(slp):
        ch = slp[i]
        if ch in _CONSONANTS:
            value = ch
            if i + 1 < len(slp) and slp[i + 1] in "0123":
                value += slp[i + 1]
                i += 1
            units.append(_Unit("C", value))
            if i + 1 < len(slp) and slp[i + 1] == "a":
                units.append(_Unit("A", "a"))
                i += 1
        elif ch in _VOWELS:
            units.append(_Unit("V", ch))
        elif ch == "M":
            units.append(_Unit("M", ch))
        elif ch == "~":
            units.append(_Unit("~", ch))
        elif ch == "H":
            units.append(_Unit("H", ch))
        # anything else (avagraha, digits, stray marks) is not part of a name's sound
        i += 1
    return units


def _is_vowel(u: _Unit) -> bool:
    return u.kind in ("V", "A") and not u.deleted


def _delete_schwas(units: list[_Unit], rule: str, medial: bool = True) -> None:
    """Mark the inherent vowels ``rule`` drops (see the module docstring); ``medial=False``
    drops the word-final one only."""
    if rule == SCHWA_DRAVIDIAN:
        return
    vowels = [i for i, u in enumerate(units) if u.kind in ("V", "A")]
    if len(vowels) < 2:
        return  # a one-syllable word keeps its only vowel ("न" → "na")
    n = len(units)
    last = units[-1]
    if last.kind == "A":
        cluster = n >= 3 and units[-2].kind == "C" and units[-3].kind == "C"
        if rule == SCHWA_HINDI:
            keep = cluster and units[-2].value[0] in "yrlvnmRNY"
        else:  # eastern: kept after any cluster, and after ত/ତ (a silent one is written ৎ)
            keep = cluster or units[-2].value in ("t", "T")
        if not keep:
            last.deleted = True
    if rule != SCHWA_HINDI or not medial:
        return
    for i in range(n - 2, 0, -1):
        u = units[i]
        if u.kind != "A" or u.deleted:
            continue
        # V C _ : the consonant before stands alone after a (kept) vowel
        if not (units[i - 1].kind == "C" and i >= 2 and _is_vowel(units[i - 2])):
            continue
        if i + 1 >= n or units[i + 1].kind != "C":
            continue
        nxt = units[i + 2] if i + 2 < n else None
        if nxt is not None and _is_vowel(nxt):
            units[i].deleted = True  # V C _ C V
        elif (nxt is not None and nxt.kind == "C" and nxt.value != units[i + 1].value
              and i + 3 < n and _is_vowel(units[i + 3])):
            units[i].deleted = True  # V C _ C C V, a written cluster that is not a double letter


def _render(units: list[_Unit], script: str, voicing: str = "tamil") -> str:
    """Latin letters for the (schwa-deleted) units. ``voicing`` matters for Tamil only:
    ``"tamil"`` (allophone rules), ``"initial"`` (the same with a voiced first stop) or
    ``"literal"`` (every stop as written)."""
    kept = [u for u in units if not u.deleted]
    out: list[str] = []
    eastern = SCHWA_RULES.get(script) == SCHWA_EASTERN
    for i, u in enumerate(kept):
        prev = kept[i - 1] if i > 0 else None
        nxt = kept[i + 1] if i + 1 < len(kept) else None
        if u.kind in ("V", "A"):
            out.append(_VOWEL_LATIN[u.value])
        elif u.kind in ("M", "~"):
            if nxt is None:
                out.append("n")  # a final nasal vowel: ढिल्लों → dhillon, नूरजहाँ → nurjahan
            elif nxt.kind == "C" and nxt.value in _LABIALS:
                out.append("m")
            elif nxt.kind == "C" and nxt.value == "h":
                out.append("ng")  # सिंह → singh
            else:
                out.append("n")
        elif u.kind == "H":
            out.append("h")
        else:
            v = u.value
            after_consonant = prev is not None and prev.kind == "C"
            if script == TAMIL:
                out.append(_tamil_consonant(kept, i, voicing))
                continue
            if v == "Y" and prev is not None and prev.kind == "C" and prev.value == "j":
                out[-1] = "g"  # ज्ञ → gy (Gyan)
                out.append("y")
                continue
            if v == "b" and eastern and after_consonant and prev.value not in _NASALS:
                out.append("w")  # ব-phala: বিশ্বাস → bishwas, স্বপন → swapan
                continue
            if v == "v":
                if eastern:
                    out.append("w" if after_consonant else "b")
                else:
                    out.append("w" if after_consonant else "v")
                continue
            if v == "y" and eastern and prev is None:
                out.append("j")
                continue
            out.append(_CONSONANT_LATIN.get(v, _CONSONANT_LATIN.get(v[0], "")))
    return "".join(out)




def _tamil_consonant(kept: list[_Unit], i: int, voicing: str) -> str:
    u = kept[i]
    v = u.value
    prev = kept[i - 1] if i > 0 else None
    nxt = kept[i + 1] if i + 1 < len(kept) else None
    if v in ("r2", "r0"):
        if nxt is not None and nxt.kind == "C" and nxt.value == v:
            return "t"  # ற்ற → tr (Vetri)
        if prev is not None and prev.kind == "C" and prev.value in ("r2", "r0"):
            return "r"
        return "r"
    if v not in ("k", "c", "w", "t", "p"):
        if v == "j" and prev is not None and prev.kind == "C" and prev.value == "Y":
            return "j"
        return _CONSONANT_LATIN.get(v, "")
    initial = prev is None
    geminate = (prev is not None and prev.kind == "C" and prev.value == v) or (
        nxt is not None and nxt.kind == "C" and nxt.value == v)
    after_nasal = prev is not None and (prev.kind == "M" or (prev.kind == "C" and prev.value in _NASALS))
    between = prev is not None and (prev.kind in ("V", "A") or (prev.kind == "C" and prev.value in "yrlL"))
    voiced = {"k": "g", "c": "j", "w": "d", "t": "d", "p": "b"}
    plain = {"k": "k", "c": "s", "w": "t", "t": "t", "p": "p"}
    if voicing == "literal":
        return {"k": "k", "c": "ch", "w": "t", "t": "t", "p": "p"}[v]
    if initial:
        if voicing == "initial":
            return {"k": "g", "c": "j", "w": "d", "t": "d", "p": "b"}[v]
        return plain[v]
    if geminate:
        return {"k": "k", "c": "ch", "w": "t", "t": "t", "p": "p"}[v]
    if after_nasal:
        return voiced[v]
    if between:
        return {"k": "g", "c": "s", "w": "d", "t": "th", "p": "p"}[v]
    return plain[v]


@functools.lru_cache(maxsize=65536)
def transliterate_token(token: str) -> Transliteration:
    """Canonical Latin for one name token (no spaces). Never raises: a token in a script we
    cannot read gets ``latin=""``.

    >>> transliterate_token("सुरेश").latin
    'suresh'
    """
    token = unicodedata.normalize("NFC", token)
    script = detect_script(token)
    if script == LATIN:
        return Transliteration(token, LATIN, fold_latin(token))
    if script not in SCHWA_RULES:
        return Transliteration(token, script, "")
    # keep only the token's own script (stray marks of other blocks would shift wrongly)
    own = "".join(ch for ch in token if char_script(ch) == script or ch in "\u200c\u200d")
    deva = to_devanagari(own, script)
    deva = "".join(ch for i, ch in enumerate(deva)
                   if ch != "\u093c" or (i > 0 and deva[i - 1] in _NUKTA_CONSONANTS))
    slp = sanscript.transliterate(deva, sanscript.DEVANAGARI, sanscript.SLP1)
    parsed = _parse_slp1(slp)
    units = [_Unit(u.kind, u.value) for u in parsed]
    _delete_schwas(units, SCHWA_RULES[script])
    latin = _render(units, script)
    alternatives: list[str] = []
    if SCHWA_RULES[script] == SCHWA_HINDI:
        # compounds defeat the medial rule (नूरजहाँ is nur+jahan, नरसिम्हा narasimha in the
        # south): the reading that keeps every medial vowel is an alternative
        kept = [_Unit(u.kind, u.value) for u in parsed]
        _delete_schwas(kept, SCHWA_RULES[script], medial=False)
        alt = _render(kept, script)
        if alt != latin:
            alternatives.append(alt)
    if script == TAMIL:
        for mode in ("initial", "literal"):
            alt = _render(units, script, mode)
            if alt and alt != latin and alt not in alternatives:
                alternatives.append(alt)
    return Transliteration(token, script, latin, tuple(alternatives))


def to_latin(text: str) -> str:
    """Canonical Latin of a whole string, token by token (split on white space)."""
    return " ".join(t for t in (transliterate_token(w).latin for w in text.split()) if t)
