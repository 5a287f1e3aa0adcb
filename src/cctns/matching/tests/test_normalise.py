"""Name normalisation: every named rule on its own, and the guarantees around them."""

import unicodedata

import pytest

from cctns.matching import tables
from cctns.matching.names import analyse_name
from cctns.matching.normalise import (
    ABBREVIATION,
    INITIAL,
    canonical_spelling,
    clean_text,
    normalise_name,
)

# rule name → (input, expected token texts, expected extra attributes)
RULE_EXAMPLES: dict[str, list[tuple[str, list[str], dict]]] = {
    # text-level steps
    "unicode_nfc": [("Jose\u0301 Mathew", ["josé", "mathew"], {}),
                    ("க\u0bc6\u0bbeடி", ["கொடி"], {})],
    "format_characters": [("Ra\u200bm Lal", ["ram", "lal"], {}),
                          ("മോഹന്\u200d", ["മോഹന്"], {})],
    "spaces": [("Ram\u00a0\u2003 Kumar", ["ram", "kumar"], {})],
    "punctuation": [("D'Souza, Anthony", ["dsouza", "anthony"], {}),
                    ("Ram-Lal (Verma)", ["ram", "lal", "verma"], {})],
    "script_boundary": [("रामKumar", ["राम", "kumar"], {})],
    # honorifics
    "honorific_shri": [("Shri Ram Lal", ["ram", "lal"], {}), ("Sh. Ram Lal", ["ram", "lal"], {}),
                       ("श्री रामलाल", ["रामलाल"], {})],
    "honorific_smt": [("Smt. Sunita Devi", ["sunita", "devi"], {}), ("श्रीमती सुनीता", ["सुनीता"], {})],
    "honorific_kumari": [("Km. Sita", ["sita"], {}), ("कुमारी सीता", ["सीता"], {})],
    "honorific_sushri": [("Ms Rekha", ["rekha"], {}), ("Miss Rekha", ["rekha"], {})],
    "honorific_mr": [("Mr. Rahul Roy", ["rahul", "roy"], {})],
    "honorific_mrs": [("Mrs. Rekha Roy", ["rekha", "roy"], {})],
    "honorific_dr": [("Dr. Anil Gupta", ["anil", "gupta"], {}), ("डॉ० अनिल", ["अनिल"], {})],
    "honorific_late": [("Late Ram Lal", ["ram", "lal"], {}), ("स्व. रामलाल", ["रामलाल"], {})],
    "honorific_musammat": [("Mst. Rabia Khatoon", ["rabia", "khatoon"], {})],
    "honorific_janab": [("Janab Salim Khan", ["salim", "khan"], {})],
    "honorific_pandit": [("Pt. Ravi Shankar", ["ravi", "shankar"], {})],
    "honorific_sardar": [("Sardar Gurpreet Singh", ["gurpreet", "singh"], {})],
    "honorific_thiru": [("Thiru Murugan", ["murugan"], {}), ("Tmt. Selvi", ["selvi"], {})],
    # abbreviations
    "abbr_mohammad": [("Mohd. Salim", ["mohammad", "salim"], {}), ("MD Salim", ["mohammad", "salim"], {}),
                      ("मो० सलीम", ["mohammad", "सलीम"], {})],
    "abbr_kumar": [("Ram Kr. Verma", ["ram", "kumar", "verma"], {}),
                   ("रा. कु. शर्मा", ["रा", "kumar", "शर्मा"], {})],
    "abbr_prasad": [("Ram Pd. Yadav", ["ram", "prasad", "yadav"], {})],
    "abbr_chand": [("Prem Ch. Gupta", ["prem", "chand", "gupta"], {})],
    "abbr_chaudhary": [("Ch. Charan Singh", ["chaudhary", "charan", "singh"], {})],
    "abbr_sheikh": [("Sk. Rahim", ["sheikh", "rahim"], {})],
    "abbr_syed": [("Syd. Ali", ["syed", "ali"], {})],
    "abbr_abdul": [("Abd. Rahman", ["abdul", "rahman"], {})],
    "abbr_ghulam": [("Gh. Nabi Dar", ["ghulam", "nabi", "dar"], {})],
    # initials
    "initial_latin": [("R. K. Sharma", ["r", "k", "sharma"], {}), ("R.K.Sharma", ["r", "k", "sharma"], {})],
    "initial_capitals": [("RK Sharma", ["r", "k", "sharma"], {}), ("MS Qureshi", ["m", "s", "qureshi"], {})],
    "initial_consonants": [("rk sharma", ["r", "k", "sharma"], {})],
    "initial_letter_name": [("आर. के. शर्मा", ["r", "k", "शर्मा"], {})],
    "initial_syllable": [("रा. शर्मा", ["रा", "शर्मा"], {})],
    # markers
    "relation_son_of": [("Ram S/o Shyam", ["ram"], {"relation": "son_of", "relative": "shyam"}),
                        ("Ram s / o Shyam", ["ram"], {"relation": "son_of", "relative": "shyam"}),
                        ("Ram son of Shyam", ["ram"], {"relation": "son_of", "relative": "shyam"}),
                        ("रमेश पुत्र सुरेश", ["रमेश"], {"relation": "son_of", "relative": "सुरेश"}),
                        ("रमेश वल्द सुरेश", ["रमेश"], {"relation": "son_of", "relative": "सुरेश"}),
                        ("Rahim bin Karim", ["rahim"], {"relation": "son_of", "relative": "karim"})],
    "relation_daughter_of": [("Sita D/O Ram", ["sita"], {"relation": "daughter_of", "relative": "ram"}),
                             ("सीता पुत्री राम", ["सीता"], {"relation": "daughter_of", "relative": "राम"})],
    "relation_wife_of": [("Sita W/o Ram", ["sita"], {"relation": "wife_of", "relative": "ram"}),
                         ("सीता पत्नी राम", ["सीता"], {"relation": "wife_of", "relative": "राम"})],
    "relation_widow_of": [("Sita Wd/o Ram", ["sita"], {"relation": "widow_of", "relative": "ram"})],
    "relation_husband_of": [("Ram H/o Sita", ["ram"], {"relation": "husband_of", "relative": "sita"})],
    "relation_care_of": [("Ram C/o Shyam", ["ram"], {"relation": "care_of", "relative": "shyam"})],
    "relation_parent_of": [("Shyam F/o Ram", ["shyam"], {"relation": "parent_of", "relative": "ram"})],
    "relation_father_is": [("राम पिता श्याम", ["राम"], {"relation": "child_of", "relative": "श्याम"})],
    "alias_marker": [("Ramesh @ Pappu", ["ramesh"], {"aliases": ["pappu"]}),
                     ("Ramesh alias Pappu a.k.a. Bunty", ["ramesh"], {"aliases": ["pappu", "bunty"]}),
                     ("रमेश उर्फ पप्पू", ["रमेश"], {"aliases": ["पप्पू"]})],
    "tail_residence": [("Ram Kumar R/o Rampur", ["ram", "kumar"], {"tail": [("residence", "Rampur")]}),
                       ("राम निवासी दिल्ली", ["राम"], {"tail": [("residence", "दिल्ली")]})],
    "tail_age": [("Ram aged 35", ["ram"], {"tail": [("age", "35")]})],
}

SPELLING_EXAMPLES = {
    "spelling_mohammad": [("Muhammed", "mohammad"), ("Mohamed", "mohammad"), ("Mohammod", "mohammad")],
    "spelling_syed": [("Sayyed", "syed"), ("Saiyad", "syed")],
    "spelling_sheikh": [("Shaikh", "sheikh"), ("Shaik", "sheikh")],
}

TEXT_RULES = {"unicode_nfc", "format_characters", "spaces", "punctuation", "script_boundary",
              "initial_latin", "initial_capitals", "initial_consonants", "initial_letter_name",
              "initial_syllable"}


def _cases():
    for rule, examples in RULE_EXAMPLES.items():
        for text, tokens, extra in examples:
            yield pytest.param(rule, text, tokens, extra, id=f"{rule}:{text}")


@pytest.mark.parametrize("rule,text,tokens,extra", list(_cases()))
def test_rule(rule, text, tokens, extra):
    name = normalise_name(text)
    assert [t.text for t in name.tokens] == tokens
    assert rule in name.rules
    if rule.startswith("honorific_"):
        assert rule in name.honorifics
    if "relation" in extra:
        assert name.relation == extra["relation"]
        assert name.relative.text == extra["relative"]
    if "aliases" in extra:
        assert [a.text for a in name.aliases] == extra["aliases"]
    if "tail" in extra:
        assert [tuple(t) for t in name.tail] == extra["tail"]


@pytest.mark.parametrize("rule,examples", SPELLING_EXAMPLES.items())
def test_canonical_spelling_rule(rule, examples):
    for written, canonical in examples:
        assert canonical_spelling(written.lower()) == (canonical, rule)
        assert rule in analyse_name(f"{written} Khan").rules


def test_every_table_rule_has_an_example():
    """A rule added to a table without an example here fails: each rule is tested on its own."""
    documented = set(RULE_EXAMPLES) | set(SPELLING_EXAMPLES)
    assert set(tables.all_rules()) <= documented
    assert TEXT_RULES <= documented


def test_rule_names_are_unique():
    assert len(tables.all_rules()) == sum(
        len(t) for t in (tables.HONORIFICS, tables.ABBREVIATIONS, tables.CANONICAL_SPELLINGS,
                         tables.RELATION_MARKERS, tables.ALIAS_MARKERS, tables.TAIL_MARKERS))


class TestCombiningMarksSurvive:
    """STYLE.md: a normaliser that strips combining marks shreds Indic names."""

    @pytest.mark.parametrize("text", ["श्रीवास्तव", "मोहम्मद", "கண்ணன்", "সৌরভ", "ਗੁਰਪ੍ਰੀਤ", "ശ്രീകുമാർ"])
    def test_indic_word_is_kept_whole(self, text):
        name = normalise_name(text)
        assert [t.text for t in name.tokens] == [unicodedata.normalize("NFC", text)]

    def test_virama_and_vowel_signs_counted(self):
        text = normalise_name("श्रीवास्तव").tokens[0].text
        marks = [ch for ch in text if unicodedata.category(ch) in ("Mn", "Mc")]
        assert len(marks) == 4  # ् ी ा ् — none removed

    def test_nukta_stays(self):
        assert "\u093c" in normalise_name("ज़ाकिर").tokens[0].text


class TestPositions:
    def test_honorific_only_leading(self):
        assert [t.text for t in normalise_name("Rekha Kumari").tokens] == ["rekha", "kumari"]
        assert [t.text for t in normalise_name("Ravi Pandit").tokens] == ["ravi", "pandit"]

    def test_honorific_alone_stays_a_name(self):
        assert [t.text for t in normalise_name("Sri").tokens] == ["sri"]

    def test_repeated_honorifics(self):
        name = normalise_name("Late Shri Ram Lal")
        assert name.honorifics == ("honorific_late", "honorific_shri")

    def test_ch_leading_is_chaudhary_else_chand(self):
        assert normalise_name("Ch. Ram").tokens[0].rule == "abbr_chaudhary"
        assert normalise_name("Prem Ch.").tokens[1].rule == "abbr_chand"

    def test_ku_leading_is_kumari_else_kumar(self):
        assert normalise_name("कु. सीता").honorifics == ("honorific_kumari",)
        assert normalise_name("राम कु. वर्मा").tokens[1].text == "kumar"


class TestInitials:
    def test_kinds(self):
        name = normalise_name("R. K. Sharma")
        assert [t.kind for t in name.tokens] == [INITIAL, INITIAL, "word"]

    def test_sk_in_capitals_in_mixed_case_is_initials(self):
        assert [t.text for t in normalise_name("SK Das").tokens] == ["s", "k", "das"]

    def test_sk_with_dot_is_sheikh(self):
        assert normalise_name("Sk. Rahim").tokens[0].kind == ABBREVIATION

    def test_all_capitals_name_keeps_table_reading(self):
        assert [t.text for t in normalise_name("MD SALIM").tokens] == ["mohammad", "salim"]
        assert [t.text for t in normalise_name("RAM KUMAR").tokens] == ["ram", "kumar"]

    def test_undotted_devanagari_letter_name_is_a_word(self):
        assert normalise_name("के शर्मा").tokens[0].kind == "word"


class TestStructure:
    def test_full_example(self):
        name = normalise_name("Late Shri R.K. Sharma @ Pappu S/o Md. Salim R/o Rampur")
        assert [t.text for t in name.tokens] == ["r", "k", "sharma"]
        assert [a.text for a in name.aliases] == ["pappu"]
        assert name.relation == "son_of" and name.relative_role == "parent"
        assert name.relative.text == "mohammad salim"
        assert name.tail == (("residence", "Rampur"),)

    def test_relative_with_its_own_honorific(self):
        name = normalise_name("श्री आर. के. शर्मा पुत्र स्व. श्री रामलाल")
        assert name.honorifics == ("honorific_shri",)
        assert name.relative.honorifics == ("honorific_late", "honorific_shri")

    def test_only_a_relative(self):
        name = normalise_name("S/o Ram Lal")
        assert name.tokens == () and name.relative.text == "ram lal"

    @pytest.mark.parametrize("text", ["", "   ", "...", "@", "S/o", "१२३", "\u200d"])
    def test_degenerate_input_never_raises(self, text):
        assert normalise_name(text).tokens == ()

    def test_not_a_string(self):
        with pytest.raises(TypeError):
            normalise_name(None)

    def test_clean_text_reports_rules(self):
        assert clean_text("a\u200db  c") == ("ab c", ("format_characters", "spaces"))
