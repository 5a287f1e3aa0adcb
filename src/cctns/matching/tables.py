"""The named rule tables of name normalisation (see :mod:`cctns.matching.normalise`).

Every rule is one entry with a stable ``name``; explanations and tests refer to rules by that
name, and ``tests/test_normalise.py`` holds at least one example for every entry, so a rule can
be changed or removed only together with its test.

Forms are written as they are looked up: Unicode NFC, case-folded, with the dots, ``०`` and
``॰`` that mark abbreviations removed (``"Md."``, ``"MD"`` and ``"md"`` are all the form
``"md"``; ``"डॉ०"`` is ``"डॉ"``).

Sources for the forms: the honorifics, abbreviations and relation markers of names as Indian
police forms and court papers write them ("S/o", "W/o", "वल्द", "साकिन", "Mst."); no list was
copied.
"""

from __future__ import annotations

from dataclasses import dataclass

LEADING = "leading"
"""The rule applies only to the first token of a name part (``"Ch. Charan Singh"``)."""
NON_LEADING = "non_leading"
"""The rule applies only after the first token (``"Prem Ch. Gupta"``)."""
ANY = "any"


@dataclass(frozen=True)
class TokenRule:
    """One normalisation rule over a single token.

    ``forms``: the lookup forms (see the module docstring). ``canonical``: the Latin token the
    forms become (``""`` for honorifics, which are dropped and recorded). ``position``:
    :data:`LEADING`, :data:`NON_LEADING` or :data:`ANY`.
    """

    name: str
    forms: tuple[str, ...]
    canonical: str = ""
    position: str = ANY
    note: str = ""
    caps_is_abbreviation: bool = False
    """An all-capitals form in a mixed-case name ("MD Salim") is still this abbreviation; for
    other rules two or three capitals without a vowel are initials ("KR Narayanan", "SK Das")."""


@dataclass(frozen=True)
class MarkerRule:
    """A marker that splits a written name: relation (``S/o``), alias (``@``), or tail
    (``R/o``, ``aged``) markers. ``forms`` may hold several words (``"son of"``)."""

    name: str
    forms: tuple[str, ...]
    kind: str
    note: str = ""


# Honorifics and titles: dropped from the name, recorded by rule name. Only at the start of a
# name part (a name, an alias or a relative's name), repeated ("Late Shri Ram Lal"), and never
# when nothing would be left ("Sri" alone stays a name).
HONORIFICS: tuple[TokenRule, ...] = (
    TokenRule("honorific_shri", ("shri", "sri", "shree", "sree", "sh", "shriman", "श्री", "श्रीमान"),
              position=LEADING, note='"Sh." is Delhi usage for Shri'),
    TokenRule("honorific_smt", ("smt", "shrimati", "shreemati", "srimati", "sreemati", "श्रीमती"),
              position=LEADING),
    TokenRule("honorific_kumari", ("kumari", "km", "kum", "कुमारी", "कु"), position=LEADING,
              note='only leading: "Rekha Kumari" keeps Kumari as a family name'),
    TokenRule("honorific_sushri", ("sushri", "ms", "miss", "सुश्री"), position=LEADING),
    TokenRule("honorific_mr", ("mr", "master", "mstr"), position=LEADING),
    TokenRule("honorific_mrs", ("mrs",), position=LEADING),
    TokenRule("honorific_dr", ("dr", "doctor", "डॉ", "डा", "डॉक्टर"), position=LEADING),
    TokenRule("honorific_late", ("late", "lt", "स्व", "स्वर्गीय", "marhoom", "marhum", "मरहूम"),
              position=LEADING, note="the person named is dead; recorded, not matched on"),
    TokenRule("honorific_musammat", ("mst", "musammat", "mosammat", "mussamat", "मुसम्मात"),
              position=LEADING, note="title of Muslim women in north and east Indian records"),
    TokenRule("honorific_janab", ("janab", "जनाब"), position=LEADING),
    TokenRule("honorific_pandit", ("pt", "pandit", "पं", "पंडित"), position=LEADING,
              note='only leading: "Ravi Pandit" keeps Pandit as a family name'),
    TokenRule("honorific_sardar", ("sardar", "sdr", "सरदार"), position=LEADING),
    TokenRule("honorific_thiru", ("thiru", "tiru", "thirumathi", "tmt", "திரு", "திருமதி"),
              position=LEADING, note="Tamil"),
)

# Abbreviations expanded to one canonical Latin token. The tables hold written short forms; full
# spellings of the same name are in CANONICAL_SPELLINGS.
ABBREVIATIONS: tuple[TokenRule, ...] = (
    TokenRule("abbr_mohammad", ("md", "mohd", "mhd", "muhd", "mohmd", "mo", "मो", "मोह"),
              "mohammad", caps_is_abbreviation=True,
              note='"Mo." and "मो०" are the usual short forms in Hindi records; "MD" in capitals '
                   "is Mohammad too, never two initials"),
    TokenRule("abbr_kumar", ("kr", "kmr", "कु"), "kumar", position=NON_LEADING,
              note='"कु." leading is Kumari (honorific_kumari)'),
    TokenRule("abbr_prasad", ("pd", "prd", "prsd", "प्र"), "prasad", position=NON_LEADING),
    TokenRule("abbr_chand", ("ch",), "chand", position=NON_LEADING,
              note='"Prem Ch. Gupta"; leading "Ch." is the title Chaudhary (abbr_chaudhary)'),
    TokenRule("abbr_chaudhary", ("ch", "chy"), "chaudhary", position=LEADING,
              note='"Ch. Charan Singh"'),
    TokenRule("abbr_sheikh", ("sk", "shk"), "sheikh",
              note='"Sk. Rahim" (Bengal, Odisha); an all-capitals "SK" in a mixed-case name is '
                   "two initials instead"),
    TokenRule("abbr_syed", ("syd",), "syed"),
    TokenRule("abbr_abdul", ("abd",), "abdul"),
    TokenRule("abbr_ghulam", ("gh", "gul"), "ghulam", note='"Gh. Nabi" (Kashmir)'),
)

# Full spellings of one name that officers write many ways, folded to one canonical token. The
# phonetic keys already bring most spelling variants together; these are the names that also
# have abbreviations, so that "Md." and "Muhammed" meet on the same token.
CANONICAL_SPELLINGS: tuple[TokenRule, ...] = (
    TokenRule("spelling_mohammad",
              ("mohammad", "mohammed", "muhammad", "muhammed", "mohamad", "mohamed", "muhamad",
               "muhamed", "mahomed", "mohammod", "muhammod", "mahammad", "mohmmad", "mohmad",
               "mohmed", "mohamaad", "mohammadh", "muhammadh", "mohammadu"),
              "mohammad"),
    TokenRule("spelling_syed", ("syed", "sayed", "sayyed", "sayyad", "saiyad", "saiyed", "sayyid",
                                "syyed", "saiyyad", "saiyid", "saiyyed"), "syed"),
    TokenRule("spelling_sheikh", ("sheikh", "shaikh", "shekh", "sheik", "shaik", "seikh", "shaikhh",
                                  "shek", "sekh"), "sheikh"),
)

RELATION_SON_OF = "son_of"
RELATION_DAUGHTER_OF = "daughter_of"
RELATION_CHILD_OF = "child_of"
RELATION_WIFE_OF = "wife_of"
RELATION_WIDOW_OF = "widow_of"
RELATION_HUSBAND_OF = "husband_of"
RELATION_CARE_OF = "care_of"
RELATION_PARENT_OF = "parent_of"

# What the relative named after each marker is to the person.
RELATIVE_ROLE = {
    RELATION_SON_OF: "parent",
    RELATION_DAUGHTER_OF: "parent",
    RELATION_CHILD_OF: "parent",
    RELATION_WIFE_OF: "husband",
    RELATION_WIDOW_OF: "husband",
    RELATION_HUSBAND_OF: "wife",
    RELATION_CARE_OF: "guardian",
    RELATION_PARENT_OF: "child",
}

# Relation markers: the text after one is the relative's name ("Ram S/o Shyam"). Forms are
# matched on tokens with "/", "." and "\" removed, so "S/o", "S/O", "s.o." and "S\o" are all "so".
# The bare Latin "so", "do" and "wo" count only when written with a separator (see normalise).
RELATION_MARKERS: tuple[MarkerRule, ...] = (
    MarkerRule("relation_son_of", ("s/o", "son of", "पुत्र", "सुपुत्र", "वल्द", "walad", "wald", "valad",
                                   "bin", "बिन", "s/0"), RELATION_SON_OF,
               note='"वल्द"/"walad" (Urdu) and "bin" (Arabic) are common in north Indian records'),
    MarkerRule("relation_daughter_of", ("d/o", "daughter of", "पुत्री", "सुपुत्री", "binti", "bint",
                                        "d/0"), RELATION_DAUGHTER_OF),
    MarkerRule("relation_wife_of", ("w/o", "wife of", "पत्नी", "धर्मपत्नी", "जौजा", "zauja", "w/0"),
               RELATION_WIFE_OF),
    MarkerRule("relation_widow_of", ("wd/o", "widow of", "विधवा", "बेवा", "bewa"), RELATION_WIDOW_OF),
    MarkerRule("relation_husband_of", ("h/o", "husband of", "पति"), RELATION_HUSBAND_OF),
    MarkerRule("relation_care_of", ("c/o", "care of"), RELATION_CARE_OF),
    MarkerRule("relation_parent_of", ("f/o", "m/o", "father of", "mother of"), RELATION_PARENT_OF,
               note="missing-child reports name the child this way"),
    MarkerRule("relation_father_is", ("पिता", "father", "fathers name", "पिता का नाम"),
               RELATION_CHILD_OF, note='"राम पिता श्याम": the relative is the father'),
)

# Alias markers: "Ramesh @ Pappu", "Ramesh alias Pappu", "रमेश उर्फ पप्पू".
ALIAS_MARKERS: tuple[MarkerRule, ...] = (
    MarkerRule("alias_marker", ("@", "alias", "urf", "urfe", "aka", "a/k/a", "उर्फ", "उर्फ़"), "alias"),
)

# Tail markers: what follows is not a name (address, age). Kept as text in ``tail``.
TAIL_MARKERS: tuple[MarkerRule, ...] = (
    MarkerRule("tail_residence", ("r/o", "resident of", "निवासी", "नि", "साकिन", "sakin", "vill",
                                  "village", "ग्राम", "मोहल्ला", "mohalla"), "residence"),
    MarkerRule("tail_age", ("aged", "age", "उम्र", "आयु", "umar", "umr"), "age"),
)

# Devanagari spellings of the Latin letter names, so that "आर. के. शर्मा" has the initials R, K.
# Used only for a token followed by an abbreviation dot.
DEVANAGARI_LETTER_NAMES: dict[str, str] = {
    "ए": "a", "बी": "b", "सी": "c", "डी": "d", "ई": "e", "एफ": "f", "एफ़": "f", "जी": "g",
    "एच": "h", "आई": "i", "जे": "j", "के": "k", "एल": "l", "एम": "m", "एन": "n", "ओ": "o",
    "पी": "p", "क्यू": "q", "आर": "r", "एस": "s", "टी": "t", "यू": "u", "वी": "v",
    "डब्ल्यू": "w", "एक्स": "x", "वाई": "y", "ज़ेड": "z", "जेड": "z",
}


def all_rules() -> dict[str, TokenRule | MarkerRule]:
    """Every rule of this module by name (raises ``ValueError`` on a duplicate name)."""
    out: dict[str, TokenRule | MarkerRule] = {}
    for table in (HONORIFICS, ABBREVIATIONS, CANONICAL_SPELLINGS, RELATION_MARKERS, ALIAS_MARKERS,
                  TAIL_MARKERS):
        for rule in table:
            if rule.name in out:
                raise ValueError(f"duplicate rule name {rule.name!r}")
            out[rule.name] = rule
    return out
