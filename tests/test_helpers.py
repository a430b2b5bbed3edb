"""Small shared helpers, each defined once: the "did you mean" hint, the content hash, the
list of channel names and the irregular-verb table."""

from __future__ import annotations

import hashlib

import pytest
import yaml

from brandvoice.analysis.grammar import passive_spans
from brandvoice.analysis.terms import inflect_like, inflections
from brandvoice.analysis.verbs import IRREGULAR_VERBS, PARTICIPLES
from brandvoice.config.channels import DEFAULT_CHANNEL, KNOWN_CHANNELS, SHORT_CHANNELS
from brandvoice.errors import closest, did_you_mean
from brandvoice.hashing import sha256_hex
from brandvoice.voice import _builtin_text


@pytest.mark.parametrize("word,choices,cutoff,expected", [
    ("tnoe", ["tone", "vocabulary"], 0.6, "did you mean 'tone'? "),
    ("xyz", ["tone", "vocabulary"], 0.6, ""),
    ("instagram_dms", ["instagram_dm", "instagram"], 0.6, "did you mean 'instagram_dm'? "),
])
def test_did_you_mean(word, choices, cutoff, expected):
    assert did_you_mean(word, choices, cutoff=cutoff) == expected


def test_closest_respects_the_cutoff():
    assert closest("emial", ["email", "sms"], cutoff=0.75) == "email"
    assert closest("mail", ["email", "sms"], cutoff=0.9) is None


def test_sha256_hex_is_the_standard_digest_of_utf8():
    # FIPS 180-2 test vector, and a non-ASCII text (bytes differ from Latin-1).
    assert sha256_hex("abc") == \
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert sha256_hex("café") == hashlib.sha256("café".encode()).hexdigest()
    assert sha256_hex("café") != hashlib.sha256("café".encode("latin-1")).hexdigest()


def test_every_channel_of_the_builtin_voice_is_a_known_channel():
    builtin = yaml.safe_load(_builtin_text())
    assert set(builtin["channels"]) <= set(KNOWN_CHANNELS)
    assert DEFAULT_CHANNEL in builtin["channels"]
    assert set(SHORT_CHANNELS) <= set(KNOWN_CHANNELS)
    assert "email" not in SHORT_CHANNELS and "x" in SHORT_CHANNELS


def test_the_verb_table_feeds_both_inflection_and_passive_detection():
    assert IRREGULAR_VERBS["buy"] == ("bought", "bought")
    assert {"bought", "taken", "sent"} <= PARTICIPLES
    assert {"buy", "bought", "buying", "buys"} <= inflections("buy")
    assert inflect_like("send", "buy", "bought") == "sent"
    assert [s[2] for s in passive_spans("It was sent and the box was taken.")] == \
        ["was sent", "was taken"]


def test_a_verb_with_two_pasts_matches_both():
    assert {"burnt", "burned", "burning"} <= inflections("burn")
