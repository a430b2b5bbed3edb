"""The spaCy pipeline: blank by default, a trained one used where the voice names it and it is
installed, and what a parse improves (passive voice) used when present."""

from __future__ import annotations

import warnings

import pytest
import spacy
from spacy.tokens import Doc

from brandvoice import Checker, load_voice
from brandvoice.analysis.pipeline import language_of, load_pipeline
from brandvoice.analysis.reply import Reply


def test_language_of():
    assert language_of("en-GB") == "en" and language_of("pt_BR") == "pt"


def test_blank_pipeline_with_sentencizer():
    nlp = load_pipeline("en-GB")
    assert nlp.pipe_names == ["sentencizer"]
    assert load_pipeline("en-US") is nlp  # one per language, loaded once


def test_missing_trained_pipeline_falls_back_with_a_warning(tmp_path):
    path = tmp_path / "v.yaml"
    path.write_text("voice: {name: V, pipeline: en_core_web_sm_not_installed}\n")
    with pytest.warns(UserWarning, match="not installed.*blank 'en' pipeline"):
        checker = Checker(load_voice(path))
        report = checker.check("Your order was cancelled by mistake.")
    assert checker.nlp.pipe_names == ["sentencizer"]
    assert report.rules() == {"readability.passive_voice"}


def test_unknown_language_uses_the_multilanguage_tokenizer():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        nlp = load_pipeline("zz")
    assert nlp.lang == "xx" and "no language 'zz'" in str(caught[0].message)


def _parsed(words, heads, deps):
    nlp = spacy.blank("en")
    return Doc(nlp.vocab, words=words, heads=heads, deps=deps,
               spaces=[True] * (len(words) - 1) + [False])


def test_passive_voice_from_a_dependency_parse():
    voice = load_voice()
    # "The form is required" -- a parser marks "is" as a passive auxiliary; the rule-based
    # fallback treats "required" as an adjective and stays quiet.
    doc = _parsed(["The", "form", "is", "required"], [1, 3, 3, 3],
                  ["det", "nsubjpass", "auxpass", "ROOT"])
    reply = Reply(doc.text, doc, "x", voice.channel("x"), voice)
    assert reply.passives == [(9, 20, "is required")]
    active = _parsed(["We", "required", "it"], [1, 1, 1], ["nsubj", "ROOT", "dobj"])
    reply = Reply(active.text, active, "x", voice.channel("x"), voice)
    assert reply.passives == []


def test_rule_based_passive_without_a_parse():
    voice = load_voice()
    doc = spacy.blank("en")("The form is required and the parcel was sent.")
    reply = Reply(doc.text, doc, "x", voice.channel("x"), voice)
    assert [p[2] for p in reply.passives] == ["was sent"]
