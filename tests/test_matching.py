"""Forgiving matching: what a fan types finds what the library holds (the pure module)."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cryplaylist.matching import INITIALS, LITERAL, LOOSE, Query, by_prefix, find, fold, squash, whole

NFD_BAM_PYEON_JI = unicodedata.normalize("NFD", "밤편지")

TITLES = {
    1: ("Through the Night", "밤편지"),
    2: ("Don't Wanna Cry", None),
    3: ("Until We Meet Again", "이별까지 사랑"),
    4: ("The Day Before", None),
    5: ("Breathe / Daylight", None),
    6: ("Spring Day", "봄날"),
    7: ("Spring Rain", "봄비"),
    8: ("The Sea", "바다"),
    9: ("「Farewell」", None),
}


def titles(number: int) -> tuple[str, str | None]:
    return TITLES[number]


def found(text: str, items: dict[int, tuple[str, str | None]] = TITLES) -> tuple[int | None, list[int]]:
    result = find(Query.parse(text), list(items), lambda n: items[n])
    return result.tier, result.items


def test_a_decomposed_macos_paste_finds_the_composed_title() -> None:
    assert NFD_BAM_PYEON_JI != "밤편지"
    assert found(NFD_BAM_PYEON_JI) == (LITERAL, [1])


def test_a_decomposed_title_is_found_by_the_composed_query() -> None:
    assert found("밤편지", {1: (NFD_BAM_PYEON_JI, None)}) == (LITERAL, [1])


def test_case_is_folded_beyond_lower() -> None:
    assert found("SPRING DAY") == (LITERAL, [6])
    assert found("strasse", {1: ("Straße", None)}) == (LITERAL, [1])


@pytest.mark.parametrize("typed", ["don’t wanna", "don‘t wanna", "don`t wanna", "don´t wanna", "donʼt wanna"])
def test_every_apostrophe_is_the_same_apostrophe(typed: str) -> None:
    assert found(typed) == (LITERAL, [2])


def test_quotation_marks_of_every_kind_are_equal() -> None:
    assert found("“farewell”") == (LITERAL, [9])
    assert found("'farewell'") == (LITERAL, [9])
    assert found('"farewell"') == (LITERAL, [9])


def test_full_width_letters_from_an_asian_keyboard_are_ascii() -> None:
    assert found("ＳＰＲＩＮＧ　ＤＡＹ") == (LITERAL, [6])


def test_without_the_apostrophe_the_loose_tier_finds_it() -> None:
    assert found("dont wanna") == (LOOSE, [2])


def test_korean_typed_without_spaces_finds_the_spaced_title() -> None:
    assert found("이별까지사랑") == (LOOSE, [3])


def test_spaces_and_punctuation_are_ignored_only_when_nothing_matches_as_typed() -> None:
    # "the day" is literally in one title: the squashed "theday" in "Breathe / Daylight" does not count.
    assert found("the day") == (LITERAL, [4])
    assert found("theday") == (LOOSE, [4, 5])


def test_hangul_initial_consonants_find_the_syllables_they_begin() -> None:
    assert found("ㅂㅍㅈ") == (INITIALS, [1])
    assert found("ㅂㄴ") == (INITIALS, [6])
    assert found("ㅂ ㄴ") == (INITIALS, [6])
    assert found("ㅇㅂㄲㅈㅅㄹ") == (INITIALS, [3])


def test_initials_mixed_with_whole_syllables() -> None:
    assert found("봄ㄴ") == (INITIALS, [6])
    assert found("봄ㅂ") == (INITIALS, [7])
    assert found("바ㄷ") == (INITIALS, [8])


def test_an_initial_stands_for_its_own_syllables_only() -> None:
    # ㄲ begins 까 (in 이별까지); ㄱ does not stand for it.
    assert found("ㅇㅂㄱㅈ") == (None, [])
    # A final-only cluster (ㄳ) begins no syllable: it matches only itself.
    assert found("ㄳ") == (None, [])
    assert found("ㄳ", {1: ("ㄳㄳ thanks", None)}) == (LITERAL, [1])


def test_every_one_of_the_nineteen_initials() -> None:
    # Each syllable block of 588 begins with one initial: first and last syllable of each.
    initials = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
    for index, consonant in enumerate(initials):
        first, last = chr(0xAC00 + index * 588), chr(0xAC00 + index * 588 + 587)
        items = {1: (first, None), 2: (last, None), 3: (chr(0xAC00 + ((index + 1) % 19) * 588), None)}
        assert found(consonant, items) == (INITIALS, [1, 2]), consonant


def test_a_match_never_runs_from_one_text_into_the_next() -> None:
    items = {1: ("Rain", "Bow"), 2: ("Rainbow", None)}
    assert found("rainbow", items) == (LITERAL, [2])
    assert found("rain bow", items) == (LOOSE, [2])
    assert found("rain\nbow", items) == (LOOSE, [2])


def test_nothing_found_is_no_tier_and_no_items() -> None:
    assert found("zzz") == (None, [])
    assert found("ㅋㅋ") == (None, [])


def test_a_query_of_punctuation_alone_finds_it_literally_or_nothing() -> None:
    assert found("!!", {1: ("Hey!!", None), 2: ("Hey", None)}) == (LITERAL, [1])
    assert found("?!", {1: ("Hey!!", None), 2: ("Hey", None)}) == (None, [])


def test_an_empty_query_finds_everything() -> None:
    assert found("") == (LITERAL, list(TITLES))


def test_whole_names_the_items_whose_text_is_the_query_at_its_tier() -> None:
    def whole_of(text: str) -> list[int]:
        query = Query.parse(text)
        return whole(query, find(query, list(TITLES), titles), titles)

    assert whole_of("spring day") == [6]
    assert whole_of("봄날") == [6]
    assert whole_of("dont wanna cry") == [2]
    assert whole_of("ㅂㅍㅈ") == [1]
    assert whole_of("ㅂㅍ") == []
    assert whole_of("spring") == []
    assert whole_of("zzz") == []


def test_fold_and_squash_by_example() -> None:
    assert fold("Don’t «Wanna» Ｃｒｙ") == "don't 'wanna' cry"
    assert squash(fold("Zion.T – 양화대교 (Yanghwa BRDG)!")) == "ziont양화대교yanghwabrdg"
    assert squash("a b\nc-d") == "ab\ncd"


CRIES = ("none", "teary", "cried", "sobbed")


def test_an_answer_names_the_choice_it_begins() -> None:
    assert by_prefix("sob", CRIES) == ["sobbed"]
    assert by_prefix(" T ", CRIES) == ["teary"]
    assert by_prefix("SOBBED", CRIES) == ["sobbed"]


def test_an_answer_that_begins_several_choices_or_none_names_them_all_or_nothing() -> None:
    assert by_prefix("c", ("cried", "crying", "none")) == ["cried", "crying"]
    assert by_prefix("sop", CRIES) == []
    assert by_prefix("", CRIES) == []


def test_a_choice_spelt_out_wins_over_the_longer_ones_it_begins() -> None:
    assert by_prefix("cry", ("cry", "crying")) == ["cry"]


hangul = st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3)
jamo = st.characters(min_codepoint=0x1100, max_codepoint=0x11FF) | st.characters(
    min_codepoint=0x3131, max_codepoint=0x318E
)
text = st.text(st.characters(codec="utf-8") | hangul | jamo | st.sampled_from("'’“」ＡＢａ　é\u0301\u0345ß"))


@settings(max_examples=400, deadline=None)
@given(text)
def test_fold_is_idempotent(value: str) -> None:
    assert fold(fold(value)) == fold(value)


@settings(max_examples=400, deadline=None)
@given(text)
def test_composed_and_decomposed_text_fold_alike(value: str) -> None:
    nfc, nfd = unicodedata.normalize("NFC", value), unicodedata.normalize("NFD", value)
    assert fold(nfc) == fold(nfd) == fold(value)


@settings(max_examples=400, deadline=None)
@given(text)
def test_squash_keeps_exactly_the_letters_digits_and_line_breaks(value: str) -> None:
    folded = fold(value)
    assert squash(folded) == re.sub(r"[^\w\n]|_", "", folded)


#: Text that composes nothing across its joins (no combining marks, no conjoining jamo).
plain = st.text(st.characters(categories=("Lu", "Ll", "Nd", "Po", "Zs")) | hangul)


@settings(max_examples=200, deadline=None)
@given(plain, plain, plain)
def test_a_text_contains_its_own_middle_at_the_literal_tier(before: str, middle: str, after: str) -> None:
    assert Query.parse(middle).is_empty or found(middle, {1: (before + middle + after, None)})[1] == [1]
