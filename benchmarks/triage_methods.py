"""Which similarity layer reaches the right scenario from paraphrases it has never seen?

Every method learns from the built-in playbook's ``examples`` only and is measured on our
own messages that are not in the playbook: ``benchmarks/data/triage_paraphrases.jsonl``
(127, which also guided the examples and thresholds, so its figures are optimistic) and
``benchmarks/data/triage_own_heldout.jsonl`` (140, written before the last tuning round).
The blind set is never used to choose. Triggers are left out: this measures the similarity
layer alone.

Methods:

* ``wordllama-knn``: WordLlama static embeddings (mean of token vectors), the nearest
  example's scenario (the layer triage uses).
* ``wordllama-centroid``: the same vectors, the nearest scenario centroid.
* ``char-ngram-knn``: TF-IDF over character 2-5-grams (within words), nearest example.
* ``word-ngram-knn``: TF-IDF over lower-cased words and word pairs, nearest example.

For each: top-1 accuracy, and at the best similarity threshold for each method on that set, how
many messages are matched, how many of those are right, and the recall. Run:
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


SETS = ("benchmarks/data/triage_paraphrases.jsonl", "benchmarks/data/triage_own_heldout.jsonl")


def main() -> None:
    for name in sys.argv[1:] or SETS:
        compare(name)
        print()


def compare(set_path: str) -> None:
    pb = load_playbook(None)
    ex_text, ex_label = [], []
    for sid, sc in pb.scenarios.items():
        for t in sc.examples:
            ex_text.append(t)
            ex_label.append(sid)
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
    for name, fn in (("char-ngram-knn", char_ngrams), ("word-ngram-knn", word_ngrams)):
        t = time.perf_counter()
        a, b = _tfidf([fn(x) for x in ex_text], [fn(x) for x in q_text])
        methods[name] = (b @ a.T, time.perf_counter() - t)

    print(f"{set_path}: {len(rows)} messages (none in the playbook); {len(ex_text)} examples "
          f"in {len(labels)} scenarios\n")
    print(f"{'method':22} {'top-1':>6}  best threshold: matched / right-of-matched / "
          "recall")
    for name, (sims, _secs) in methods.items():
        if name.endswith(("centroid", "mean", "logreg", "hybrid")):
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
        print(f"{name:22} {top1:6.1%}  at {th:.3f}: {matched:3d} / "
              f"{right / max(matched, 1):.1%} / {rec:.1%}")


if __name__ == "__main__":
    main()
