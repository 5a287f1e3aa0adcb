"""Script detection and transliteration: a table per script, the inherent-vowel rules, and both
directions of the script variant (Indic ↔ Latin) through scoring and blocking."""

import pytest
from indic_transliteration import sanscript

from cctns.matching.blocking import record_keys
from cctns.matching.score import compare_names
from cctns.matching.transliterate import (
    INDIC_SCRIPTS,
    SCHWA_RULES,
    char_script,
    detect_script,
    fold_latin,
    to_devanagari,
    to_latin,
    transliterate_token,
)

# script → [(written, canonical Latin, a usual Latin spelling)]
TABLE: dict[str, list[tuple[str, str, str]]] = {
    "devanagari": [
        ("राम", "ram", "Ram"), ("सुरेश", "suresh", "Suresh"), ("कमला", "kamla", "Kamla"),
        ("मोहम्मद", "mohammad", "Mohammad"), ("श्रीवास्तव", "shrivastav", "Srivastava"),
        ("लक्ष्मी", "lakshmi", "Laxmi"), ("नरेन्द्र", "narendra", "Narendra"),
        ("हरप्रीत", "harprit", "Harpreet"), ("ज़ाकिर", "zakir", "Zakir"), ("सिंह", "singh", "Singh"),
        ("अमरजीत", "amarjit", "Amarjit"), ("चौधरी", "chaudhri", "Chaudhary"),
        ("थॉमस", "thomas", "Thomas"), ("ज्ञानेश्वर", "gyaneshwar", "Gyaneshwar"),
    ],
    "gurmukhi": [
        ("ਗੁਰਪ੍ਰੀਤ", "gurprit", "Gurpreet"), ("ਸਿੰਘ", "singh", "Singh"), ("ਕੌਰ", "kaur", "Kaur"),
        ("ਸਿੱਧੂ", "sidhu", "Sidhu"), ("ਹਰਜੀਤ", "harjit", "Harjit"), ("ਮਨਜੀਤ", "manjit", "Manjeet"),
        ("ਢਿੱਲੋਂ", "dhilon", "Dhillon"), ("ਖ਼ਾਨ", "khan", "Khan"), ("ਸ਼ਰਮਾ", "sharma", "Sharma"),
    ],
    "bengali": [
        ("সৌরভ", "saurabh", "Sourav"), ("প্রশান্ত", "prashanta", "Prasanta"), ("অর্ণব", "arnab", "Arnab"),
        ("দেবব্রত", "debabrata", "Debabrata"), ("বিশ্বাস", "bishwas", "Biswas"),
        ("সুব্রত", "subrata", "Subrata"), ("অভিজিৎ", "abhijit", "Abhijit"), ("তপন", "tapan", "Tapan"),
        ("চট্টোপাধ্যায়", "chattopadhyay", "Chattopadhyay"),
    ],
    "gujarati": [
        ("ભાવેશ", "bhavesh", "Bhavesh"), ("પટેલ", "patel", "Patel"), ("રમેશ", "ramesh", "Ramesh"),
        ("શાહ", "shah", "Shah"), ("મહેશ", "mahesh", "Mahesh"), ("હાર્દિક", "hardik", "Hardik"),
        ("દેસાઈ", "desai", "Desai"),
    ],
    "oriya": [
        ("ସୁବ୍ରତ", "subrata", "Subrata"), ("ପ୍ରଶାନ୍ତ", "prashanta", "Prasanta"),
        ("ମହାପାତ୍ର", "mahapatra", "Mahapatra"), ("ପଟ୍ଟନାୟକ", "pattanayak", "Pattanayak"),
        ("ଦାସ", "das", "Das"), ("ବିକାଶ", "bikash", "Bikash"), ("ମିଶ୍ର", "mishra", "Mishra"),
    ],
    "tamil": [
        ("முருகன்", "murugan", "Murugan"), ("செல்வம்", "selvam", "Selvam"), ("கண்ணன்", "kannan", "Kannan"),
        ("பாண்டியன்", "pandiyan", "Pandian"), ("கணேசன்", "kanesan", "Ganesan"),
        ("வெற்றி", "vetri", "Vetri"), ("அழகு", "azhagu", "Azhagu"), ("சுந்தரம்", "sundaram", "Sundaram"),
        ("லோகேஷ்", "logesh", "Lokesh"),
    ],
    "telugu": [
        ("వెంకటేష్", "venkatesh", "Venkatesh"), ("రెడ్డి", "reddi", "Reddy"),
        ("శ్రీనివాస్", "shrinivas", "Srinivas"), ("లక్ష్మి", "lakshmi", "Lakshmi"),
        ("కృష్ణ", "krishna", "Krishna"), ("రాజు", "raju", "Raju"),
    ],
    "kannada": [
        ("ಕೃಷ್ಣ", "krishna", "Krishna"), ("ಗೌಡ", "gauda", "Gowda"), ("ರಮೇಶ್", "ramesh", "Ramesh"),
        ("ಶಿವಕುಮಾರ್", "shivakumar", "Shivakumar"), ("ಮಂಜುನಾಥ", "manjunatha", "Manjunath"),
        ("ಹೆಗ್ಡೆ", "hegde", "Hegde"),
    ],
    "malayalam": [
        ("ശ്രീകുമാർ", "shrikumar", "Sreekumar"), ("ഉണ്ണികൃഷ്ണൻ", "unnikrishnan", "Unnikrishnan"),
        ("മോഹൻ", "mohan", "Mohan"), ("ജോസഫ്", "josaph", "Joseph"),
        ("രാധാകൃഷ്ണൻ", "radhakrishnan", "Radhakrishnan"), ("മേനോൻ", "menon", "Menon"),
    ],
}


def _rows():
    for script, rows in TABLE.items():
        for written, latin, usual in rows:
            yield pytest.param(script, written, latin, usual, id=f"{script}:{usual}")


def test_every_script_has_at_least_five_names():
    assert set(TABLE) == set(INDIC_SCRIPTS)
    assert all(len(rows) >= 5 for rows in TABLE.values())


@pytest.mark.parametrize("script,written,latin,usual", list(_rows()))
def test_table(script, written, latin, usual):
    result = transliterate_token(written)
    assert result.script == script
    assert result.original == written
    assert result.latin == latin


@pytest.mark.parametrize("script,written,latin,usual", list(_rows()))
def test_script_variant_matches_in_both_directions(script, written, latin, usual):
    """The Latin spelling officers use meets the Indic one: by score either way round, and by
    at least one shared blocking key."""
    forward = compare_names(written, usual)
    backward = compare_names(usual, written)
    assert forward.score == backward.score
    assert forward.score >= 0.88, forward.detail
    assert record_keys(written) & record_keys(usual)


class TestDetection:
    @pytest.mark.parametrize("text,script", [
        ("Ram", "latin"), ("राम", "devanagari"), ("ਰਾਮ", "gurmukhi"), ("রাম", "bengali"),
        ("રામ", "gujarati"), ("ରାମ", "oriya"), ("ராம்", "tamil"), ("రామ్", "telugu"),
        ("ರಾಮ್", "kannada"), ("രാമ്", "malayalam"), ("رام", "other"), ("123", "latin"),
    ])
    def test_detect(self, text, script):
        assert detect_script(text) == script

    def test_combining_marks_belong_to_their_script(self):
        assert char_script("\u094d") == "devanagari"  # virama
        assert char_script("\u0bcd") == "tamil"  # pulli

    def test_danda_and_digits_have_no_script(self):
        assert char_script("।") is None and char_script("७") is None and char_script("7") is None

    def test_unreadable_script_gives_empty_latin(self):
        result = transliterate_token("رام")
        assert result.script == "other" and result.latin == ""


class TestInherentVowel:
    def test_rules_by_script(self):
        assert SCHWA_RULES["devanagari"] == SCHWA_RULES["gurmukhi"] == SCHWA_RULES["gujarati"] == "hindi"
        assert SCHWA_RULES["bengali"] == SCHWA_RULES["oriya"] == "eastern"
        assert {SCHWA_RULES[s] for s in ("tamil", "telugu", "kannada", "malayalam")} == {"dravidian"}

    @pytest.mark.parametrize("written,latin", [
        ("राम", "ram"),  # final: always dropped
        ("कमला", "kamla"),  # medial V C _ C V
        ("हरप्रीत", "harprit"),  # medial V C _ CC V
        ("मोहम्मद", "mohammad"),  # not before a double consonant
        ("अमरजीत", "amarjit"),  # right to left: one deletion blocks the next
        ("कमलजीत", "kamaljit"),
        ("सत्य", "satya"),  # kept after a cluster ending in y
        ("कृष्ण", "krishna"),  # … or in a nasal
        ("सिद्धार्थ", "siddharth"),  # dropped after a cluster ending in a stop
        ("रमेश", "ramesh"),  # the first syllable keeps its vowel
        ("न", "na"),  # a one-syllable word keeps its only vowel
    ])
    def test_hindi(self, written, latin):
        assert transliterate_token(written).latin == latin

    def test_hindi_alternative_keeps_medial_vowels(self):
        assert transliterate_token("नूरजहाँ").alternatives == ("nurajahan",)

    @pytest.mark.parametrize("written,latin", [
        ("অর্ণব", "arnab"), ("তপস", "tapas"),  # final after one consonant: dropped
        ("প্রশান্ত", "prashanta"),  # after a cluster: kept
        ("সুব্রত", "subrata"),  # after ত: kept (a silent final t is written ৎ)
        ("দেবব্রত", "debabrata"),  # medial: kept
    ])
    def test_eastern(self, written, latin):
        assert transliterate_token(written).latin == latin

    @pytest.mark.parametrize("written,latin", [("ರಮೇಶ", "ramesha"), ("కొండ", "konda"), ("കൊടി", "koti")])
    def test_dravidian_keeps_final_vowels(self, written, latin):
        assert transliterate_token(written).latin == latin

    def test_eastern_b_and_initial_y(self):
        assert transliterate_token("বিকাশ").latin == "bikash"
        assert transliterate_token("স্বপন").latin == "swapan"
        assert transliterate_token("যশোদা").latin == "jashoda"


class TestTamil:
    def test_voicing_readings(self):
        result = transliterate_token("கணேசன்")
        assert result.latin == "kanesan"
        assert "ganesan" in result.alternatives

    def test_rr_is_tr(self):
        assert transliterate_token("வெற்றி").latin == "vetri"

    def test_voiced_after_nasal_and_between_vowels(self):
        assert transliterate_token("பாண்டியன்").latin == "pandiyan"
        assert transliterate_token("முருகன்").latin == "murugan"


class TestShiftAgreesWithPackage:
    """Where the package's own tables are right, moving the text into the Devanagari block first
    gives the same SLP1; the shift is what makes Tamil and nukta letters readable."""

    @pytest.mark.parametrize("script,word", [
        ("telugu", "వెంకటేష్"), ("telugu", "శ్రీనివాస్"), ("kannada", "ಶಿವಕುಮಾರ್"), ("kannada", "ಹೆಗ್ಡೆ"),
        ("gujarati", "ભાવેશ"), ("gujarati", "હાર્દિક"), ("bengali", "প্রশান্ত"), ("oriya", "ମହାପାତ୍ର"),
        ("malayalam", "രാധാകൃഷ്ണന്"), ("gurmukhi", "ਗੁਰਪ੍ਰੀਤ"),
    ])
    def test_same_slp1(self, script, word):
        direct = sanscript.transliterate(word, script, sanscript.SLP1)
        shifted = sanscript.transliterate(to_devanagari(word, script), sanscript.DEVANAGARI, sanscript.SLP1)
        assert direct == shifted

    def test_package_tamil_table_is_lossy(self):
        # the reason for the shift: the package reads க back as "gha"
        assert "G" in sanscript.transliterate("முருகன்", sanscript.TAMIL, sanscript.SLP1)


class TestLatin:
    @pytest.mark.parametrize("text,folded", [
        ("Kṛṣṇa", "krishna"), ("Śrī", "shri"), ("José", "jose"), ("D'Souza", "dsouza"), ("RAM", "ram"),
    ])
    def test_fold(self, text, folded):
        assert fold_latin(text) == folded

    def test_to_latin_whole_string(self):
        assert to_latin("राम Kumar शर्मा") == "ram kumar sharma"
