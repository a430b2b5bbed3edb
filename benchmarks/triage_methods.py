"""Which meaning layer reaches the right scenario from messages it has never seen?

Every method learns from the built-in playbook's examples only (inline and in
``brandvoice/data/examples/``, about 2,100) and is measured on our own messages that are not
among them: ``benchmarks/data/learned_validation.jsonl`` (240, the validation split the
learned layer's settings were chosen on), ``triage_own_heldout.jsonl`` (140) and the two
``tuning_*_heldout.jsonl`` slices (87 and 83), which no method or setting was chosen on. The
blind sets are never used to choose. Triggers are left out: this measures the layer alone.

Methods:

* ``wordllama-knn``: WordLlama static embeddings (mean of token vectors), the nearest
  example's scenario.
* ``wordllama-centroid``: the same vectors, the nearest scenario centroid.
* ``wordllama-hybrid``: the mean of the two (the similarity layer: small playbooks).
* ``wordllama-logreg``: multinomial logistic regression on the vectors.
* ``char-ngram-knn``, ``word-ngram-knn``: TF-IDF nearest example over character 2-5-grams
  or lower-cased words and word pairs.
* ``learned-meaning``, ``learned-words``: the learned layer (``brandvoice/playbooks/
  learned.py``: balanced one-vs-rest kernel ridge, calibrated) on the vectors alone, or on
  the idf-weighted word n-grams alone.
* ``learned``: both (the layer triage uses when a playbook has enough examples).

For each: top-1 accuracy; at the best threshold for each method on that set, how many
messages are matched, how many of those are right, and the recall; for the methods that give
probabilities, how many messages a person should see (a serious scenario expected) reach
one at 0.40 (the review threshold), how many routine ones do, and how many of the 2,188 real
customer messages in ``../shared/corpus/`` do (read in place; a cost, not a score). Run:
``python benchmarks/triage_methods.py [SET.jsonl ...]``.
"""

from __future__ import annotations

import collections
import itertools
import json
import math
import re
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from brandvoice.playbooks.learned import train  # noqa: E402
from brandvoice.playbooks.model import load_playbook  # noqa: E402
from brandvoice.playbooks.similarity import embed  # noqa: E402


def _tfidf(docs: list[list[str]], queries: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
    vocab: dict[str, int] = {}
    df: collections.Counter[str] = collections.Counter()
    for d in docs:
        df.update(set(d))
    for term in df:
        vocab[term] = len(vocab)
    idf = np.array([math.log((1 + len(docs)) / (1 + df[t])) + 1 for t in vocab])

    def vec(items: list[list[str]]) -> np.ndarray:
        m = np.zeros((len(items), len(vocab)), dtype=np.float32)
        for i, d in enumerate(items):
            for t, c in collections.Counter(d).items():
                if t in vocab:
                    m[i, vocab[t]] = (1 + math.log(c)) * idf[vocab[t]]
        n = np.linalg.norm(m, axis=1, keepdims=True)
        return np.divide(m, n, out=np.zeros_like(m), where=n > 0)

    return vec(docs), vec(queries)


def _logreg(x: np.ndarray, y: np.ndarray, labels: list[str], q: np.ndarray) -> np.ndarray:
    """Multinomial logistic regression on the vectors (plain gradient descent, L2)."""
    onehot = (y[:, None] == np.array(labels)[None, :]).astype(np.float32)
    w = np.zeros((x.shape[1], len(labels)), dtype=np.float32)
    b = np.zeros(len(labels), dtype=np.float32)
    for _ in range(300):
        z = x @ w * 10 + b
        p = np.exp(z - z.max(1, keepdims=True))
        p /= p.sum(1, keepdims=True)
        g = p - onehot
        w -= 0.5 * (x.T @ g * 10 / len(x) + 1e-3 * w)
        b -= 0.5 * g.mean(0)
    z = q @ w * 10 + b
    p = np.exp(z - z.max(1, keepdims=True))
    return np.asarray(p / p.sum(1, keepdims=True))


def char_ngrams(text: str) -> list[str]:
    out = []
    for w in re.findall(r"\w+", text.lower()):
        w = f" {w} "
        out += [w[i:i + n] for n in range(2, 6) for i in range(len(w) - n + 1)]
    return out


def word_ngrams(text: str) -> list[str]:
    ws = re.findall(r"\w+", text.lower())
    return ws + [f"{a} {b}" for a, b in itertools.pairwise(ws)]


SETS = ("benchmarks/data/learned_validation.jsonl", "benchmarks/data/triage_own_heldout.jsonl",
        "benchmarks/data/tuning_triage_data_heldout.jsonl",
        "benchmarks/data/tuning_triage_safety_heldout.jsonl")
CORPUS = ROOT.parent / "shared" / "corpus" / "twcs_customer_messages.csv"
REVIEW = 0.35  # brandvoice.playbooks.triage.LEARN_WEAK
SEVERE = {"critical", "high"}


def main() -> None:
    corpus: list[str] = []
    if CORPUS.exists():
        import csv

        with CORPUS.open(encoding="utf-8") as f:
            corpus = [row["text"] for row in csv.DictReader(f)]
    for name in sys.argv[1:] or SETS:
        compare(name, corpus)
        print()


def compare(set_path: str, corpus: list[str]) -> None:
    pb = load_playbook(None)
    ex_text, ex_label = [], []
    for sid, sc in pb.scenarios.items():
        for t in sc.examples:
            ex_text.append(t)
            ex_label.append(sid)
    serious = [sid for sid, sc in pb.scenarios.items()
               if pb.severity(sc.severity).rank <= 1]
    rows = [json.loads(line) for line in
            (ROOT / set_path).open(encoding="utf-8")]
    q_text = [r["text"] for r in rows]
    gold = [r["expected"] for r in rows]
    labels = sorted(set(ex_label))
    lab = np.array(ex_label)

    methods: dict[str, tuple[np.ndarray, float]] = {}
    t = time.perf_counter()
    e, q = embed(ex_text), embed(q_text)
    methods["wordllama-knn"] = (q @ e.T, time.perf_counter() - t)
    cents = np.stack([e[lab == s].mean(0) for s in labels])
    cents /= np.linalg.norm(cents, axis=1, keepdims=True)
    methods["wordllama-centroid"] = (q @ cents.T, 0.0)
    per = np.stack([np.sort((q @ e.T)[:, lab == s], axis=1)[:, -3:].mean(1) for s in labels], 1)
    methods["wordllama-top3-mean"] = (per, 0.0)
    knn = np.stack([(q @ e.T)[:, lab == s].max(1) for s in labels], 1)
    methods["wordllama-hybrid"] = ((q @ cents.T + knn) / 2, 0.0)
    methods["wordllama-logreg"] = (_logreg(e, lab, labels, q), 0.0)
    examples = {sid: sc.examples for sid, sc in pb.scenarios.items()}
    counter = {sid: sc.counter_examples for sid, sc in pb.scenarios.items()}
    c_vec = embed(corpus) if corpus else None
    corpus_flags: dict[str, int] = {}
    for name, options in (("learned-meaning", {"words": False}),
                          ("learned-words", {"dense_weight": 0.0}), ("learned", {})):
        t = time.perf_counter()
        model = train(examples, counter, use_disk=False, **options)  # type: ignore[arg-type]
        assert model is not None
        order = [model.scenarios.index(s) for s in labels]
        probs = model.probabilities(model.scores(q_text, q))[:, order]
        methods[name] = (probs, time.perf_counter() - t)
        if c_vec is not None:
            cp = model.probabilities(model.scores(corpus, c_vec))
            cols = [model.scenarios.index(s) for s in serious if s in model.scenarios]
            corpus_flags[name] = int((cp[:, cols].max(1) >= REVIEW).sum())
    for name, fn in (("char-ngram-knn", char_ngrams), ("word-ngram-knn", word_ngrams)):
        t = time.perf_counter()
        a, b = _tfidf([fn(x) for x in ex_text], [fn(x) for x in q_text])
        methods[name] = (b @ a.T, time.perf_counter() - t)

    print(f"{set_path}: {len(rows)} messages (none in the playbook); {len(ex_text)} examples "
          f"in {len(labels)} scenarios\n")
    print(f"{'method':22} {'top-1':>6}  best threshold: matched / right-of-matched / "
          f"recall; with probabilities, a serious scenario at {REVIEW:.2f}: serious / "
          "routine / real corpus")
    want = np.array([r.get("min_severity") in SEVERE for r in rows])
    cols = [labels.index(s) for s in serious if s in labels]
    for name, (sims, _secs) in methods.items():
        if name.endswith(("centroid", "mean", "logreg", "hybrid")) or name.startswith("learned"):
            col_label = np.array(labels)
        else:
            col_label = lab
        best = sims.argmax(1)
        pred = col_label[best]
        score = sims[np.arange(len(rows)), best]
        top1 = np.mean([p == g for p, g in zip(pred, gold, strict=True)])
        results = []
        for th in np.arange(0.20, 0.90, 0.025):
            m = score >= th
            right = sum(1 for i in np.flatnonzero(m) if pred[i] == gold[i])
            results.append((right / len(rows), th, m.sum(), right))
        rec, th, matched, right = max(results, key=lambda r: (r[0] - 0.5 * (r[2] - r[3])
                                                              / len(rows)))
        line = (f"{name:22} {top1:6.1%}  at {th:.3f}: {matched:3d} / "
                f"{right / max(matched, 1):.1%} / {rec:.1%}")
        if name.startswith("learned"):
            flag = sims[:, cols].max(1) >= REVIEW
            line += (f"; {flag[want].mean():.1%} / {flag[~want].mean():.1%} / "
                     f"{corpus_flags.get(name, '-')}")
        print(line)


if __name__ == "__main__":
    main()
