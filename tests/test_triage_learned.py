"""The learned layer: a classifier trained on each playbook's own examples (real WordLlama
vectors, real spaCy), how triage combines it with the other layers and explains it."""

from __future__ import annotations

import datetime as dt
import re
import textwrap

import numpy as np
import pytest

from brandvoice.playbooks import learned as learned_module
from brandvoice.playbooks.learned import MIN_EXAMPLES, features, train
from brandvoice.playbooks.similarity import embed
from brandvoice.playbooks.triage import LEARN_ACCEPT, LEARN_WEAK, Triager

MONDAY = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="module")
def builtin():
    return Triager()


# Written for these tests; in no example file or evaluation set.
PARAPHRASES = [
    ("the lad behind the till at your Didsbury shop had better start looking over his shoulder",
     "threats_abuse"),
    ("I've worked out which car park your area manager uses, tell him to be careful",
     "threats_abuse"),
    ("my daughter came out in hives and her throat swelled up after your cereal bar",
     "safety_injury"),
    ("the step ladder you sold me folded under me and I cracked my wrist", "safety_injury"),
    ("a man I have never met emailed me a screenshot of my own delivery history from your site",
     "data_breach"),
    ("I'm locked out, the recovery phone on my profile isn't mine any more and my points are gone",
     "security_account"),
]


@pytest.mark.parametrize(("text", "scenario"), PARAPHRASES)
def test_the_layer_alone_puts_paraphrases_in_their_scenario(builtin, text, scenario):
    model = builtin.learned
    [probs] = model.predict([text], embed([text]))
    best = max(probs.values(), key=lambda x: x.probability)
    assert best.scenario == scenario, {k: round(v.probability, 2) for k, v in probs.items()}
    assert best.probability >= LEARN_WEAK


@pytest.mark.parametrize("text", [
    "this pizza is the bomb, cheers",
    "your new hot sauce is to die for",
    "the queue at your Leeds store was murder today but the staff were lovely",
])
def test_harmless_violent_idioms_stay_calm(builtin, text):
    r = builtin.triage(text, MONDAY)
    assert (r.severity, r.escalate, r.review_reasons) in (("low", False, []),
                                                         ("normal", False, [])), r.why


def test_a_learned_decision_names_the_layer_its_score_words_and_nearest_example(builtin):
    text = "a stranger sent me a screenshot of my order history"
    r = builtin.triage(text, MONDAY)
    assert r.scenario == "data_breach" and r.escalate and r.handoff
    m = r.matches[0]
    assert (m.source, m.trigger) == ("learned", -1) and m.score >= LEARN_ACCEPT
    reason = m.reasons[0]
    assert reason["kind"] == "learned" and reason["probability"] == round(m.score, 3)
    assert reason["words"] and all(w in features(text) for w in reason["words"])
    assert all(w > 0 for w in reason["weights"])
    assert reason["location"].startswith("builtin:default")  # the nearest example's line
    assert r.why.startswith(f"data_breach: the learned layer gives it {m.score:.2f} (words "
                            f"{reason['words'][0]!r} +")
    assert "; nearest example " in r.why
    assert r.runner_up and r.why_not.startswith("the learned layer gives it 0.")
    assert 0.0 < r.confidence <= m.score


def test_a_moderate_probability_of_a_serious_scenario_goes_to_a_person(builtin, monkeypatch):
    from brandvoice.playbooks import triage as triage_module

    text = "I've worked out which car park your area manager uses, tell him to be careful"
    # Matching made impossible: what is left is the review ("assume the worst").
    monkeypatch.setattr(triage_module, "LEARN_ACCEPT", 1.01)
    r = builtin.triage(text, MONDAY)
    assert r.scenario != "threats_abuse"
    assert re.match(r"the learned layer gives threats_abuse [01]\.\d\d \(words '",
                    r.review_reasons[0])
    assert r.review_reasons[0].endswith("a person should check it")
    assert (r.severity, r.escalate, r.handoff) == ("high", True, True)
    monkeypatch.setattr(triage_module, "LEARN_WEAK", 1.01)
    r = builtin.triage(text, MONDAY)
    assert not any("learned layer" in x for x in r.review_reasons)


def test_a_counter_example_does_not_veto_a_probable_serious_scenario(builtin, monkeypatch):
    from brandvoice.playbooks import similarity
    from brandvoice.playbooks import triage as triage_module

    text = "I've worked out which car park your area manager uses, tell him to be careful"
    monkeypatch.setattr(triage_module, "LEARN_ACCEPT", 1.01)  # only the review is left
    # Every scenario's nearest text is one of its counter-examples.
    monkeypatch.setattr(similarity.Nearest, "vetoed", property(lambda self: True))
    r = builtin.triage(text, MONDAY)
    assert r.review_reasons[0].startswith("the learned layer gives threats_abuse")
    assert float(r.review_reasons[0].split()[5]) >= triage_module.LEARN_SURE
    assert (r.severity, r.escalate, r.handoff) == ("high", True, True)
    # Below LEARN_SURE the counter-example rules it out, and nothing brings in a person.
    monkeypatch.setattr(triage_module, "LEARN_SURE", 1.01)
    r = builtin.triage(text, MONDAY)
    assert not any("learned layer" in x for x in r.review_reasons)


def write(folder, name, text):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


ALLERGY = [f"{who} {what} after eating your {food}" for who, what, food in zip(
    ["my son", "my wife", "I", "my friend", "our toddler", "my husband", "my mum", "my niece",
     "a guest", "my colleague", "my brother", "my daughter", "my dad", "my partner",
     "my flatmate", "my nephew", "my sister", "my granddad", "my aunt", "my cousin",
     "my boyfriend", "my girlfriend"],
    ["had an allergic reaction", "broke out in hives", "needed an epipen",
     "had a swollen tongue", "was rushed to hospital", "could not breathe",
     "had a nut reaction", "went blotchy and wheezy", "had anaphylaxis",
     "had a reaction to hidden sesame", "reacted to the peanuts", "had lips swell up",
     "needed antihistamines", "reacted to the milk", "had a shellfish reaction",
     "came out in a rash", "had a gluten reaction", "got itchy and swollen",
     "had to use her inhaler", "reacted to the egg", "had a bad allergic attack",
     "was wheezing for hours"],
    ["brownie", "flapjack", "cookie", "muffin", "croissant", "granola bar", "cake",
     "sandwich", "pie", "biscuits", "doughnut", "roll", "scone", "pastry", "bagel", "tart",
     "cupcake", "loaf", "wrap", "salad", "soup", "crumble"], strict=True)]
MENU = [f"do you {verb} {item}" for verb, item in zip(
    ["sell", "still make", "have", "stock", "bake", "do", "offer", "serve", "bring back",
     "ever make", "deliver", "sell", "have", "make", "do", "stock", "offer", "bake", "serve",
     "sell", "have", "make"],
    ["sourdough on sundays", "the lemon drizzle", "vegan options", "birthday cakes",
     "rye bread", "afternoon tea", "gift boxes", "oat milk", "the cheese scones",
     "hot cross buns in march", "to my office", "gift cards", "a kids menu", "custom cakes",
     "catering for parties", "gluten free bread", "a loyalty card", "pretzels", "breakfast",
     "day old bread cheap", "seating inside", "coffee beans to take home"], strict=True)]


def bakery(folder, examples: tuple[list[str], list[str]] = (ALLERGY, MENU)):
    write(folder, "examples/allergy.txt", "\n".join(examples[0]) + "\n")
    write(folder, "examples/menu.txt", "\n".join(examples[1]) + "\n")
    return write(folder, "bakery.yaml", """\
        playbook: {name: Bakery, default_scenario: general}
        severities:
          - {id: high, first_response: 1h, clock: calendar}
          - {id: low, first_response: 1d, clock: calendar}
        routes: {care: {name: Care}}
        handoff: {at_or_above: high}
        scenarios:
          allergy:
            severity: high
            route: care
            escalate: true
            examples_file: examples/allergy.txt
          menu:
            severity: low
            route: care
            examples_file: examples/menu.txt
          general:
            severity: low
            route: care
        """)


def test_a_custom_playbook_trains_its_own_layer_from_its_examples_files(tmp_path):
    triager = Triager(str(bakery(tmp_path)))
    model = triager.learned
    assert model is not None and model.scenarios == ["allergy", "menu"]
    assert model is not Triager().learned
    r = triager.triage("my husband had a reaction after your walnut loaf and needed hospital",
                       MONDAY)
    assert r.scenario == "allergy" and r.escalate
    assert r.matches[0].source == "learned"
    assert r.why.startswith("allergy: the learned layer gives it ")
    assert "examples/allergy.txt:" in r.matches[0].reasons[0]["location"]
    # Less like the examples: not enough to choose allergy, enough for a person to look.
    r = triager.triage("the almond slice you sold me gave my kid a rash and a puffy face",
                       MONDAY)
    assert r.scenario == "general"
    assert r.review_reasons and r.review_reasons[0].startswith(
        "the learned layer gives allergy 0.")
    assert (r.severity, r.escalate, r.handoff) == ("high", True, True)
    r = triager.triage("do you make wholemeal loaves", MONDAY)
    assert r.scenario == "menu" and not r.escalate


def test_too_few_examples_leave_the_decision_to_nearest_examples(tmp_path):
    few = (ALLERGY[:MIN_EXAMPLES - 1], MENU)
    triager = Triager(str(bakery(tmp_path, few)))
    assert triager.learned is None
    r = triager.triage("my son had an allergic reaction after eating your fudge", MONDAY)
    assert r.scenario == "allergy" and r.matches[0].source == "similar"


def test_training_is_deterministic_and_cached_on_disk(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("BRANDVOICE_NO_CACHE", raising=False)
    examples = {"allergy": ALLERGY, "menu": MENU}
    learned_module._MODELS.clear()
    first = train(examples, {})
    [cached] = (tmp_path / "brandvoice").glob("learned-*.npz")
    learned_module._MODELS.clear()
    again = train(examples, {})  # read back from the file
    learned_module._MODELS.clear()
    fresh = train(examples, {}, use_disk=False)
    texts = ["my son reacted to your fudge", "do you sell bread"]
    vectors = embed(texts)
    for model in (again, fresh):
        assert model is not first
        np.testing.assert_allclose(model.scores(texts, vectors), first.scores(texts, vectors),
                                   rtol=1e-5, atol=1e-6)
        assert model.calibration == pytest.approx(first.calibration)
    assert cached.stat().st_size > 0


def test_counter_examples_pull_a_near_miss_down():
    examples = {"allergy": ALLERGY, "menu": MENU}
    near_miss = ["my son had a reaction to the price of your cake",
                 "my wife was wheezing with laughter at your cake",
                 "I broke out in a sweat running for your bus"]
    without = train(examples, {}, use_disk=False)
    with_counter = train(examples, {"allergy": near_miss}, use_disk=False)
    text = ["my friend was wheezing with laughter at your cake"]
    before = without.predict(text, embed(text))[0]["allergy"].probability
    after = with_counter.predict(text, embed(text))[0]["allergy"].probability
    assert after < before


# The disk cache must never break triage: whatever is in the file (a truncated or empty
# write, another version's shapes, numbers that are not finite), the model is trained again
# and the file replaced.
@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("BRANDVOICE_NO_CACHE", raising=False)
    learned_module._MODELS.clear()
    yield tmp_path / "brandvoice"
    learned_module._MODELS.clear()


def _rewrite(path, **change):
    with np.load(path, allow_pickle=False) as f:
        arrays = {k: f[k] for k in f.files}
    arrays.update(change)
    with path.open("wb") as f:
        np.savez(f, **arrays)


BROKEN = {
    "truncated": lambda p: p.write_bytes(p.read_bytes()[: p.stat().st_size // 2]),
    "empty": lambda p: p.write_bytes(b""),
    "not a zip": lambda p: p.write_bytes(b"not numpy at all\n" * 10),
    "w_dense of another shape": lambda p: _rewrite(p, w_dense=np.zeros((10, 2), np.float32)),
    "w_words shorter than the vocabulary": lambda p: _rewrite(
        p, w_words=np.zeros((3, 2), np.float32)),
    "bias of another shape": lambda p: _rewrite(p, bias=np.zeros((3,), np.float32)),
    "not finite": lambda p: _rewrite(p, bias=np.asarray([np.nan, 0.0], np.float32)),
}


@pytest.mark.parametrize("damage", BROKEN.values(), ids=BROKEN.keys())
def test_a_broken_cache_file_is_trained_again_and_replaced(cache, damage):
    examples = {"allergy": ALLERGY, "menu": MENU}
    first = train(examples, {})
    [path] = cache.glob("learned-*.npz")
    damage(path)
    learned_module._MODELS.clear()
    again = train(examples, {})
    texts = ["my son reacted to your fudge", "do you sell bread"]
    vectors = embed(texts)
    assert again is not first
    np.testing.assert_allclose(again.scores(texts, vectors), first.scores(texts, vectors),
                               rtol=1e-5, atol=1e-6)
    [rewritten] = cache.glob("learned-*")
    assert rewritten == path
    learned_module._MODELS.clear()
    from_file = learned_module._load(path, ["allergy", "menu"], vectors.shape[1])
    assert from_file is not None and from_file.w_dense.shape == (vectors.shape[1], 2)


def test_an_unwritable_cache_does_not_break_triage_and_leaves_no_temporary_file(cache):
    examples = {"allergy": ALLERGY, "menu": MENU}
    train(examples, {})
    [path] = cache.glob("learned-*.npz")
    path.unlink()
    path.mkdir()  # the rename onto it fails
    learned_module._MODELS.clear()
    model = train(examples, {})
    assert model is not None and model.scenarios == ["allergy", "menu"]
    assert sorted(p.name for p in cache.iterdir()) == [path.name]
    assert path.is_dir()


def test_a_cache_folder_that_is_a_file_does_not_break_triage(cache):
    cache.parent.mkdir(exist_ok=True)
    cache.write_text("not a folder\n", encoding="utf-8")
    model = train({"allergy": ALLERGY, "menu": MENU}, {})
    assert model is not None and model.scenarios == ["allergy", "menu"]
    assert cache.read_text(encoding="utf-8") == "not a folder\n"


def test_the_cache_folder_is_private(cache):
    train({"allergy": ALLERGY, "menu": MENU}, {})
    assert cache.stat().st_mode & 0o777 == 0o700


def test_the_cache_key_covers_the_model_files_and_the_training_constants(cache, tmp_path,
                                                                        monkeypatch):
    import shutil

    from brandvoice.playbooks import similarity

    examples = {"allergy": ALLERGY, "menu": MENU}
    train(examples, {})
    assert len(list(cache.glob("learned-*.npz"))) == 1
    # Another wordllama: the same files (so the same vectors), installed later.
    root = similarity._model_dir()
    other = tmp_path / "wordllama"
    for name in (similarity._WEIGHTS, similarity._TOKENIZER):
        (other / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(root / name, other / name)
    monkeypatch.setattr(similarity, "_model_dir", lambda: other)
    learned_module._MODELS.clear()
    train(examples, {})
    assert len(list(cache.glob("learned-*.npz"))) == 2
    # A training constant changed in the code: not the old weights either.
    monkeypatch.setattr(learned_module, "BIAS", 2.0)
    learned_module._MODELS.clear()
    train(examples, {})
    assert len(list(cache.glob("learned-*.npz"))) == 3
