"""The spelling of tone patterns (brandvoice.checks.tone_patterns), worked out by hand.

Whole findings of the patterns are in tests/fixtures/findings/tone.yaml and
tests/fixtures/checks/tone.yaml; these tests pin the small language they are written in."""

from __future__ import annotations

from brandvoice.checks.tone_patterns import KEYS, PATTERNS, compile_token_pattern


def test_alternatives_optional_and_wildcard() -> None:
    assert compile_token_pattern("as|like we? _") == [
        {"LOWER": {"IN": ["as", "like"]}},
        {"LOWER": "we", "OP": "?"},
        {},
    ]


def test_lemma_expands_to_inflections() -> None:
    [tok] = compile_token_pattern("~stop")
    forms = set(tok["LOWER"]["IN"])
    assert {"stop", "stops", "stopped", "stopping"} <= forms


def test_apostrophes_match_both_spellings() -> None:
    assert compile_token_pattern("'ve") == [{"LOWER": {"IN": ["'ve", "’ve"]}}]


def test_key_marker_is_not_part_of_the_word() -> None:
    [tok] = compile_token_pattern("hands!")
    assert tok["LOWER"] == "hands"


def test_every_pattern_is_gated_by_uncommon_words() -> None:
    by_name = {p.name: p for p in PATTERNS}
    assert by_name["nothing_we_can_do"].keys == frozenset(
        {"nothing", "anything", "much", "lot", "little", "hands", "all"})
    assert by_name["stop_contacting"].keys >= {"stop", "stopped", "quit", "cease"}
    # Words in nearly every reply would run the matchers on every reply.
    assert KEYS.isdisjoint({"we", "you", "the", "to", "is", "can", "n't"})


def test_a_pattern_runs_only_when_each_required_word_is_there() -> None:
    stop = {p.name: p for p in PATTERNS}["stop_contacting"]
    assert stop.could_match(frozenset({"please", "stopped", "messaging", "us"}))
    assert not stop.could_match(frozenset({"please", "stop", "the", "card"}))  # no contact verb
    assert not stop.could_match(frozenset({"stop", "messaging", "them"}))  # nobody says "us"
