"""The analysis pipeline: normalise → transliterate → canonical spelling → keys."""

from hypothesis import given, settings
from hypothesis import strategies as st

from cctns.matching.names import analyse_name


def test_original_and_canonical_side_by_side():
    name = analyse_name("श्री मो० सलीम")
    assert [(t.original, t.script, t.latin) for t in name.tokens] == [
        ("मो", "devanagari", "mohammad"), ("सलीम", "devanagari", "salim")]
    assert name.honorifics == ("honorific_shri",)
    assert name.latin == "mohammad salim"


def test_canonical_spelling_after_transliteration():
    name = analyse_name("मुहम्मद इरफ़ान")
    assert name.tokens[0].latin == "mohammad"
    assert "spelling_mohammad" in name.tokens[0].rules and "spelling_mohammad" in name.rules


def test_keys_on_every_word():
    token = analyse_name("Shrivastava").tokens[0]
    assert (token.strict, token.loose) == ("srivastav", "srvstv")


def test_initials():
    name = analyse_name("आर. के. शर्मा")
    assert [(t.latin, t.is_initial) for t in name.tokens] == [("r", True), ("k", True), ("sharma", False)]
    assert [t.latin for t in name.words] == ["sharma"]
    assert analyse_name("रा. शर्मा").tokens[0].latin == "r"  # a syllable initial: its first letter


def test_initials_a_word_can_have():
    token = analyse_name("Wasim").tokens[0]
    assert token.initials == {"w", "v"}


def test_readings_and_key_pairs_include_alternatives():
    token = analyse_name("கணேசன்").tokens[0]
    assert token.readings[0] == "kanesan" and "ganesan" in token.readings
    assert ("ganesan", "gnsn") in token.key_pairs()


def test_relative_and_aliases_are_analysed():
    name = analyse_name("रमेश उर्फ पप्पू पुत्र सुरेश")
    assert name.latin == "ramesh"
    assert name.aliases[0].latin == "pappu"
    assert name.relative.latin == "suresh" and name.relation == "son_of"


def test_empty():
    assert not analyse_name("")
    assert analyse_name("Ram")


_INDIC_AND_LATIN = st.characters(codec="utf-8", categories=("L", "M", "N", "P", "Z", "S", "Cf"))


@settings(max_examples=300, deadline=None)
@given(st.text(_INDIC_AND_LATIN, max_size=40) | st.text(alphabet="रामसुरेशक्षत्रज्ञ़ंँॉ्ािीुूेैोौ .०/@", max_size=30))
def test_any_text_is_analysed_without_error(text):
    name = analyse_name(text)
    for token in name.tokens:
        assert token.latin == "" or (token.latin.isascii() and token.latin.islower() and token.latin.isalpha())
        assert token.strict.isascii() and token.loose.isascii()
