"""Phonetic keys tuned to Indian names written in Latin letters.

Two keys per token, both short lower-case ASCII strings fit for an indexed column:

- the **strict** key folds spellings of one pronunciation: ``sh``/``s`` (Shrivastav,
  Srivastava), aspirates (``th``/``t``: Jyothi, Jyoti), ``w``/``v``, ``z``/``j``, ``q``/``k``,
  ``ph``/``f``, ``x``/``ks`` (Laxmi, Lakshmi), doubled letters (Siddharth, Sidharth), long vowels
  (``aa``/``a``, ``ee``/``i``, ``oo``/``u``), diphthongs (``au``/``ou``/``ow`` → ``o``, ``ai``/``ay``/
  ``ei``/``ey`` → ``e``), a final ``y`` (Reddy, Reddi) and a final ``a`` (Sharma, Sharmaa).
- the **loose** key is the strict key's consonant skeleton: vowels dropped after the first letter
  (an initial vowel kept as one of three classes: ``a``; ``e``/``i`` → ``i``; ``o``/``u`` →
  ``u``), and ``b`` folded into ``v``. It brings together spellings that differ in vowels
  (Chaudhary, Choudhury, Chowdhury; Kamla, Kamala; Rahman, Rehman) and the ``b``/``v`` of
  eastern spellings (Biswas, Vishwas; Sourav, Saurabh).

Why ``b`` is separate from ``v`` in the strict key: in Hindi, Punjabi and the south the two
are different names (Vijay, Bijay are not one spelling), but Bengali and Odia have one letter
for both and their Latin spellings write ``b`` (Bikash for Vikas, Debabrata for Devavrat). The
loose key, used for blocking and as weaker evidence in scoring, folds them.

Every rule is one named entry of :data:`STRICT_RULES` or :data:`LOOSE_RULES`, applied in order.
Keys are deterministic and depend on nothing but the input.

No third, English-tuned key is stored. Evaluated with jellyfish 1.3.0 (which has Metaphone,
NYSIIS, Soundex and Match Rating, but no Double Metaphone): over the 607 distinct Latin names
of the demo lists, Metaphone gives 66 pairs of different names one key (strict key: 15, loose:
127, NYSIIS: 100, Soundex: 359); over the differing token pairs of the generated variant set
(:mod:`cctns.matching.variants`, 300 names) Metaphone finds 77.5 % of spelling variants and
70 % of script variants, where strict ∪ loose find 98.4 % and 94.6 %, and adding Metaphone
raises the union only to 98.4 % and 95.2 % (NYSIIS: 99.5 % and 94.6 %). That is not worth a
dependency or another indexed column.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class PhoneticRule:
    """One rewriting step: ``pattern`` (a regular expression over lower-case ASCII) becomes
    ``replacement``."""

    name: str
    pattern: str
    replacement: str
    note: str = ""

    @functools.cached_property
    def regex(self) -> re.Pattern:
        return re.compile(self.pattern)

    def apply(self, text: str) -> str:
        return self.regex.sub(self.replacement, text)


_V = "aeiou"

STRICT_RULES: tuple[PhoneticRule, ...] = (
    # consonants
    PhoneticRule("c_soft", r"c(?=[eiy])", "s", "Cecil, Vincent"),
    PhoneticRule("c_hard", r"c(?!h)", "k", "Chacko, Francis: a c that is not ch is k"),
    PhoneticRule("x_ks", r"x", "ks", "Laxmi = Lakshmi (after sh_s)"),
    PhoneticRule("qu_k", r"qu(?=[ei])", "k", "Siddiqui, Siddiqi; Farooqui, Faruqi"),
    PhoneticRule("q_k", r"q", "k", "Qureshi, Kureshi"),
    PhoneticRule("zh_l", r"zh", "l", "Tamil ழ: Azhagiri, Alagiri"),
    PhoneticRule("ch_c", r"chh?", "c", "Chhaya, Chaya; the affricate becomes c"),
    PhoneticRule("sh_s", r"sh", "s", "Shrivastav, Srivastava"),
    PhoneticRule("ph_f", r"ph", "f", "Phool, Fool"),
    PhoneticRule("aspirates", r"([kgjtdbr])h", r"\1", "kh gh jh th dh bh rh: Jyothi, Jyoti"),
    PhoneticRule("z_j", r"z", "j", "Zakir, Jakir"),
    PhoneticRule("h_after_consonant", r"(?<=[^aeiouh])h", "", "a silent h after a consonant"),
    PhoneticRule("h_final", r"(?<=[aeiou])h$", "", "a silent final h: Shah, Sha"),
    # vowels
    PhoneticRule("iy_glide", r"(?<=i)y(?=[aeiou])", "", "Cherian, Cheriyan; Pandian, Pandiyan"),
    PhoneticRule("long_a", r"aa+", "a", "Sharmaa, Sharma"),
    PhoneticRule("long_i", r"(?:ee|ii)+", "i", "Sunil, Suneel"),
    PhoneticRule("long_u", r"(?:oo|uu)+", "u", "Pooja, Puja"),
    PhoneticRule("diphthong_o", rf"(?:au|ou|ow(?![{_V}]))", "o", "Chaudhary, Choudhury, Chowdhury"),
    PhoneticRule("w_v", r"w", "v", "Dwivedi, Dvivedi; after diphthong_o, which reads ow"),
    PhoneticRule("silent_final_e", r"(?<=[aeiou][rs])e$", "",
                 "Kishore, Kishor; Rathore, Rathaur; Bose, Bos (not Dube, Pande: their e is said)"),
    PhoneticRule("diphthong_e", rf"(?:ai|ei|ae|[ae]y(?![{_V}]))", "e", "Sanjay, Sanjai; Pandey, Pande"),
    PhoneticRule("er_ar", r"er(?![aeiou])", "ar",
                 "Verma, Varma; Kulwinder, Kulwindar: Hindi writes -अर for Latin -er"),
    PhoneticRule("ao_final", r"(?<=[^aeiou])ao$", "av", "Rao, Rav (राव)"),
    PhoneticRule("final_a", r"(?<=..)(?<![^aeiou]y)(?<!bb|dd|gg|kk|ll|mm|nn|pp|rr|ss|tt|vv)a$", "",
                 "Sharma, Sharm; kept after consonant + y (Aditya is not Aditi), after a double "
                 "consonant (Khanna is not Khan) and in short keys"),
    PhoneticRule("y_vowel", rf"y(?![{_V}])", "i", "a y not before a vowel is a vowel: Reddy, Reddi"),
    PhoneticRule("doubles", r"([a-z])\1+", r"\1", "Siddharth, Sidharth"),
)

LOOSE_RULES: tuple[PhoneticRule, ...] = (
    PhoneticRule("b_v", r"b", "v", "Biswas, Vishwas; Sourav, Saurabh"),
    PhoneticRule("drop_vowels", r"(?<=.)[aeiou]", "", "Kamla, Kamala; Rahman, Rehman"),
    PhoneticRule("initial_vowel_i", r"^e", "i", "Ishwar, Eshwar"),
    PhoneticRule("initial_vowel_u", r"^o", "u", "Omkar, Umkar"),
    PhoneticRule("doubles_again", r"([a-z])\1+", r"\1", "consonants brought together by drop_vowels"),
)


@dataclass(frozen=True)
class PhoneticKeys:
    """The two keys of one token: ``strict`` and ``loose`` (equal strict keys imply equal loose
    keys)."""

    strict: str
    loose: str


def _ascii(word: str) -> str:
    return "".join(ch for ch in word.lower() if "a" <= ch <= "z")


@functools.lru_cache(maxsize=262144)
def strict_key(word: str) -> str:
    """The strict key of a Latin word (letters other than a–z are ignored).

    >>> strict_key("Shrivastava"), strict_key("Srivastav")
    ('srivastav', 'srivastav')
    """
    key = _ascii(word)
    for rule in STRICT_RULES:
        key = rule.apply(key)
    return key


@functools.lru_cache(maxsize=262144)
def loose_key(word: str) -> str:
    """The loose key of a Latin word: the strict key's consonants, initial vowel class kept.

    >>> loose_key("Chaudhary"), loose_key("Choudhury")
    ('cdr', 'cdr')
    """
    key = strict_key(word)
    for rule in LOOSE_RULES:
        key = rule.apply(key)
    return key


def keys(word: str) -> PhoneticKeys:
    """Both keys of a Latin word."""
    return PhoneticKeys(strict_key(word), loose_key(word))


def rule_by_name(name: str) -> PhoneticRule:
    """The rule called ``name`` (``KeyError`` if there is none)."""
    for rule in (*STRICT_RULES, *LOOSE_RULES):
        if rule.name == name:
            return rule
    raise KeyError(name)
