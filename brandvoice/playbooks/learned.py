"""The learned layer: a classifier trained on a playbook's own examples.

The similarity layer (:mod:`brandvoice.playbooks.similarity`) asks which example a message
is nearest to; a new writer's paraphrase is often near no single example. This layer learns
what each scenario's examples have in common, from two kinds of features of a message:

* its meaning: the WordLlama sentence vector the similarity layer already computes (256
  dimensions, unit length), weighted by :data:`DENSE_WEIGHT`;
* its words: lower-cased word unigrams and bigrams (links and @handles left out), binary,
  scaled to unit length; only n-grams seen in the examples count.

The model is one-vs-rest kernel ridge regression (a closed-form solve: deterministic, no
iterations, only numpy): for each scenario a linear score, fitted to 1 on its examples and 0
on every other example. Counter-examples are fitted to 0 for every scenario, so a near miss
("this burger is killer") pulls all scores down. Scores become probabilities with one
logistic curve fitted to the leave-one-out scores (which kernel ridge gives in closed form),
so a probability says how often a score like this was right on an example the model had not
seen.

Every score is explained: the n-grams that added most to it, and how much the meaning vector
added. ``benchmarks/triage_methods.py`` compares this with other options; the figures and
the choice are in docs/triage-report.md. Training the built-in playbook's ~2,200 examples
takes about a second and a half; the weights are cached on disk under a hash of the examples,
the settings, brandvoice's version and the installed model files
(``~/.cache/brandvoice/learned-*.npz``; ``BRANDVOICE_NO_CACHE=1`` turns it off). A cache file
that cannot be read or does not fit is removed and the model trained again; a cache that
cannot be written is skipped.
"""

from __future__ import annotations

import collections
import itertools
import os
import re
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from brandvoice.hashing import sha256_hex

if TYPE_CHECKING:
    import numpy as np

__all__ = ["Learned", "LearnedModel", "features", "train"]

DENSE_WEIGHT = 1.0  # the meaning vector's weight against the n-grams' (both unit length)
RIDGE = 30.0  # L2 penalty (lambda): higher is smoother, lower fits the examples closer
BIAS = 1.0  # a constant feature, so that scores need not pass through 0
MIN_COUNT = 1  # an n-gram counts when at least this many training messages have it
SHORT = 6  # a message of fewer n-grams is scaled as if it had this many (weaker evidence)
MIN_EXAMPLES = 20  # a scenario needs this many examples to be learned (fewer: similarity)
VERSION = 1  # part of the cache key: bump when features or training change
_MODELS: collections.OrderedDict[str, LearnedModel] = collections.OrderedDict()
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_NOISE = re.compile(r"https?://\S+|www\.\S+|(?<!\w)@\w+")


def features(text: str) -> list[str]:
    """The n-grams of ``text`` the model reads: lower-cased words and word pairs. (Function
    words stay: without them "this burger is killer" and "I will kill you" look alike; on the
    validation split dropping them doubled the false alarms.)"""
    words = _WORD.findall(_NOISE.sub(" ", text[:2000].lower().replace("’", "'")))
    return list(dict.fromkeys([*words, *(f"{a} {b}" for a, b in itertools.pairwise(words))]))


@dataclass(frozen=True)
class Learned:
    """The learned layer's view of one message for one scenario."""

    scenario: str
    probability: float
    score: float  # the ridge score before calibration (about 0..1)
    top: tuple[tuple[str, float], ...]  # n-grams that added most, with what they added
    meaning: float  # what the meaning vector added


class LearnedModel:
    """A trained layer: per scenario, weights for the meaning vector and for each n-gram."""

    def __init__(self, scenarios: list[str], vocab: dict[str, int], w_words: np.ndarray,
                 w_dense: np.ndarray, bias: np.ndarray, calibration: tuple[float, float],
                 dense_weight: float = DENSE_WEIGHT, short: int = SHORT) -> None:
        self.scenarios = scenarios
        self.vocab = vocab
        self.w_words = w_words  # (len(vocab), scenarios)
        self.w_dense = w_dense  # (256, scenarios)
        self.bias = bias  # (scenarios,)
        self.calibration = calibration
        self.dense_weight = dense_weight
        self.short = short

    def _rows(self, texts: Sequence[str]) -> tuple[list[list[int]], list[float]]:
        rows, norms = [], []
        for t in texts:
            grams = features(t)
            rows.append([i for g in grams if (i := self.vocab.get(g)) is not None])
            # Scaled by all the message's n-grams, seen or not: a long message that shares two
            # words with an example is weaker evidence than a short one.
            norms.append(1.0 / max(self.short, len(grams)) ** 0.5)
        return rows, norms

    def scores(self, texts: Sequence[str], vectors: np.ndarray) -> np.ndarray:
        """Ridge scores, one row per text and one column per scenario."""
        import numpy as np

        rows, norms = self._rows(texts)
        out = (vectors @ self.w_dense) * self.dense_weight + self.bias
        lengths = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
        if lengths.sum():
            flat = np.fromiter((i for r in rows for i in r), dtype=np.int64,
                               count=int(lengths.sum()))
            which = np.repeat(np.arange(len(rows)), lengths)
            summed = np.zeros_like(out)
            np.add.at(summed, which, self.w_words[flat])
            out += summed * np.asarray(norms, dtype=np.float32)[:, None]
        return np.asarray(out)

    def probabilities(self, scores: np.ndarray) -> np.ndarray:
        import numpy as np

        a, b = self.calibration
        return np.asarray(1.0 / (1.0 + np.exp(-(a * scores + b))))

    def predict(self, texts: Sequence[str], vectors: np.ndarray) -> list[dict[str, Learned]]:
        """For each text, every scenario's probability (explanations are made on demand by
        :meth:`explain`, for the few scenarios a result names)."""
        s = self.scores(texts, vectors)
        p = self.probabilities(s)
        out = []
        for row in range(len(texts)):
            out.append({sid: Learned(sid, float(p[row, c]), float(s[row, c]), (), 0.0)
                        for c, sid in enumerate(self.scenarios)})
        return out

    def explain(self, text: str, vector: np.ndarray, scenario: str, top: int = 3) -> Learned:
        """``scenario``'s probability for ``text`` with the n-grams that added most to it."""
        import numpy as np

        c = self.scenarios.index(scenario)
        grams = features(text)
        norm = 1.0 / max(self.short, len(grams)) ** 0.5
        parts = [(g, float(self.w_words[i, c]) * norm) for g in grams
                 if (i := self.vocab.get(g)) is not None]
        parts.sort(key=lambda x: -x[1])
        meaning = float(vector @ self.w_dense[:, c]) * self.dense_weight
        score = float(self.bias[c]) + meaning + sum(v for _, v in parts)
        prob = float(self.probabilities(np.asarray([score]))[0])
        return Learned(scenario, prob, score,
                       tuple((g, round(v, 3)) for g, v in parts[:top] if v > 0),
                       round(meaning, 3))


def _model_stamp() -> str:
    """What identifies the installed embedding model: its files' sizes and modification
    times (a new wordllama with the same vector size must not reuse weights fitted to the
    old vectors)."""
    from brandvoice.playbooks import similarity

    root = similarity._model_dir()
    if root is None:
        return "no-model"
    parts = []
    for name in (similarity._WEIGHTS, similarity._TOKENIZER):
        try:
            st = (root / name).stat()
        except OSError:
            parts.append(f"{name}:missing")
            continue
        parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
    return "|".join(parts)


def _key(labelled: Sequence[tuple[str, str | None]], scenarios: Sequence[str],
         settings: str, ridge: float) -> str:
    from brandvoice import __version__
    from brandvoice.playbooks.similarity import MAX_CHARS

    # Everything the weights depend on: the examples, the settings, the code that turns text
    # into features (brandvoice's version, the patterns, the constants) and the model.
    code = (f"{__version__}|{BIAS}|{_WORD.pattern}|{_NOISE.pattern}|{MAX_CHARS}|"
            f"{MIN_EXAMPLES}|{_model_stamp()}")
    body = "\x1e".join(f"{label or ''}\x1f{text}" for text, label in labelled)
    return sha256_hex(f"{VERSION}|{code}|{settings}|{ridge}|{','.join(scenarios)}|{body}")


def _cache_dir() -> Path | None:
    if os.environ.get("BRANDVOICE_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "brandvoice"


def train(examples: Mapping[str, Sequence[str]], counter_examples: Mapping[str, Sequence[str]],
          *, dense_weight: float = DENSE_WEIGHT, ridge: float = RIDGE, idf: bool = True,
          min_count: int = MIN_COUNT, short: int = SHORT, words: bool = True,
          embed_fn: object = None, use_disk: bool = True) -> LearnedModel | None:
    """A model of the scenarios that have examples, or None when fewer than two scenarios
    have :data:`MIN_EXAMPLES` each: a handful of examples is too few to learn from (nearest
    examples do better there, and triage uses them instead). Cached in the process and on
    disk by a hash of everything it is trained on."""
    scenarios = [s for s, ex in examples.items() if ex]
    if sum(len(examples[s]) >= MIN_EXAMPLES for s in scenarios) < 2:
        return None
    labelled: list[tuple[str, str | None]] = []
    seen: set[str] = set()
    for sid in scenarios:
        for text in examples[sid]:
            if text.lower() not in seen:
                seen.add(text.lower())
                labelled.append((text, sid))
    for texts in counter_examples.values():
        for text in texts:
            if text.lower() not in seen:
                seen.add(text.lower())
                labelled.append((text, None))
    key = _key(labelled, scenarios, f"{dense_weight}|{idf}|{min_count}|{short}|{words}", ridge)
    if key in _MODELS:
        _MODELS.move_to_end(key)
        return _MODELS[key]
    folder = _cache_dir() if use_disk else None
    model = None
    if folder:
        from brandvoice.playbooks.similarity import embed

        dim = int((embed_fn or embed)([]).shape[1])  # type: ignore[operator]
        model = _load(folder / f"learned-{key[:32]}.npz", scenarios, dim)
    if model is None:
        model = _fit(labelled, scenarios, dense_weight, ridge, embed_fn, idf, min_count, short,
                     words)
        if folder:
            _save(model, folder / f"learned-{key[:32]}.npz")
    _MODELS[key] = model
    while len(_MODELS) > 8:
        _MODELS.popitem(last=False)
    return model


def _fit(labelled: Sequence[tuple[str, str | None]], scenarios: list[str],
         dense_weight: float, ridge: float, embed_fn: object, idf: bool = True,
         min_count: int = MIN_COUNT, short: int = SHORT, words: bool = True) -> LearnedModel:
    import numpy as np

    from brandvoice.playbooks.similarity import embed

    texts = [t for t, _ in labelled]
    vectors = (embed_fn or embed)(texts)  # type: ignore[operator]
    n, c = len(texts), len(scenarios)
    y = np.zeros((n, c), dtype=np.float64)
    col = {s: i for i, s in enumerate(scenarios)}
    for i, (_, label) in enumerate(labelled):
        if label is not None:
            y[i, col[label]] = 1.0
    every = [features(t) if words else [] for t in texts]
    counts = collections.Counter(x for g in every for x in g)
    vocab: dict[str, int] = {}
    for g in every:
        for x in g:
            if counts[x] >= min_count:
                vocab.setdefault(x, len(vocab))
    # Rare n-grams weigh more than common ones ("i", "and", "my" say little about a scenario):
    # inverse document frequency, folded into the weights so that scoring stays a lookup.
    weight = np.asarray([np.log((1 + n) / (1 + counts[x])) + 1.0 if idf else 1.0
                         for x in vocab]) if vocab else np.zeros(0)
    grams = [[x for x in g if x in vocab] for g in every]
    scale = [1.0 / max(short, len(g)) ** 0.5 for g in every]
    # Sparse rows as (row, column, value), then the Gram matrix of the n-gram part from the
    # pairs of rows that share a column (no scipy needed).
    rows = np.repeat(np.arange(n), [len(g) for g in grams])
    cols = np.fromiter((vocab[x] for g in grams for x in g), dtype=np.int64, count=len(rows))
    vals = np.repeat(np.asarray(scale), [len(g) for g in grams]) * weight[cols]
    order = np.argsort(cols, kind="stable")
    rows, cols, vals = rows[order], cols[order], vals[order]
    starts = np.flatnonzero(np.r_[True, cols[1:] != cols[:-1]])
    ends = np.r_[starts[1:], len(cols)]
    gram = np.zeros(n * n, dtype=np.float64)
    for s, e in zip(starts.tolist(), ends.tolist(), strict=True):
        r, v = rows[s:e], vals[s:e]
        np.add.at(gram, (r[:, None] * n + r[None, :]).ravel(), np.outer(v, v).ravel())
    k = gram.reshape(n, n)
    dense = vectors.astype(np.float64) * dense_weight
    k += dense @ dense.T + BIAS * BIAS
    # Each scenario weighs the same in total, however many examples it has (a scenario with
    # 400 examples would otherwise claim every message that shares a word with one of them);
    # counter-examples weigh as a scenario's example does on average. Weighted ridge: the
    # penalty of each example is divided by its weight.
    sizes = y.sum(axis=0)
    weight_of = np.where(y.any(axis=1), (y @ (n / (c * np.maximum(sizes, 1.0)))), 1.0)
    # Solved through a Cholesky factor, not inverted: the matrix is symmetric positive
    # definite (a Gram matrix plus a positive diagonal D). The leave-one-out scores need the
    # diagonal of K M with M = (K + D)^-1, which is 1 - D_ii M_ii since K M = I - D M; and
    # M = L^-T L^-1 gives M_ii as the squared norm of L^-1's column i.
    penalty = ridge / weight_of
    diagonal = k.diagonal().copy()
    k[np.diag_indices(n)] += penalty  # in place: a copy of K would be n x n more memory
    lower = np.linalg.cholesky(k)
    k[np.diag_indices(n)] = diagonal
    lower_inv = np.linalg.solve(lower, np.eye(n))
    del lower
    alpha = lower_inv.T @ (lower_inv @ y)
    fitted = k @ alpha
    hat = 1.0 - penalty * np.einsum("ij,ij->j", lower_inv, lower_inv)
    del lower_inv
    loo = (fitted - hat[:, None] * y) / (1.0 - hat)[:, None]
    calibration = _platt(loo.ravel(), y.ravel())
    w_words = np.zeros((len(vocab), c), dtype=np.float64)
    np.add.at(w_words, cols, alpha[rows] * vals[:, None])
    # Scoring scales a message by its own length only: the idf goes into the weights.
    w_words *= weight[:, None]
    w_dense = dense.T @ alpha  # scaled by dense_weight once here, once more when scoring
    return LearnedModel(scenarios, vocab, w_words.astype(np.float32),
                        w_dense.astype(np.float32),
                        (BIAS * BIAS * alpha.sum(axis=0)).astype(np.float32), calibration,
                        dense_weight, short)


def _platt(scores: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """The logistic curve p = 1 / (1 + exp(-(a s + b))) that fits ``labels`` (0/1) from
    ``scores`` best (Newton's method on the log-likelihood, two parameters)."""
    import numpy as np

    a, b = 8.0, -4.0
    x = np.stack([scores, np.ones_like(scores)], axis=1)
    for _ in range(30):
        p = 1.0 / (1.0 + np.exp(-(x @ np.asarray([a, b]))))
        g = x.T @ (p - labels)
        h = (x * (p * (1 - p))[:, None]).T @ x + 1e-6 * np.eye(2)
        step = np.linalg.solve(h, g)
        a, b = a - float(step[0]), b - float(step[1])
        if float(np.abs(step).max()) < 1e-8:
            break
    return a, b


def _save(model: LearnedModel, path: Path) -> None:
    """Write ``model`` to ``path`` atomically: a temporary file of its own in the same folder
    (unique across threads, processes and containers sharing the folder), then renamed.
    Nothing here may fail triage: a cache that cannot be written is simply not written."""
    import numpy as np

    tmp: str | None = None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f"{path.stem}.", suffix=".tmp", dir=path.parent)
        words = sorted(model.vocab, key=model.vocab.__getitem__)
        with os.fdopen(fd, "wb") as f:
            np.savez(f, scenarios=np.asarray(model.scenarios), vocab=np.asarray(words),
                     w_words=model.w_words, w_dense=model.w_dense, bias=model.bias,
                     calibration=np.asarray(model.calibration),
                     dense_weight=np.asarray(model.dense_weight), short=np.asarray(model.short))
        os.replace(tmp, path)
        tmp = None
    except Exception:  # noqa: BLE001 - a cache that cannot be written is no reason to fail
        pass  # the model is trained again next time
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _load(path: Path, scenarios: list[str], dim: int) -> LearnedModel | None:
    """The model cached at ``path``, or None (and the file removed, so that it is written
    again) when it is missing, unreadable, truncated, of the wrong shapes or not finite."""
    import numpy as np

    if not path.is_file():
        return None
    try:
        with np.load(path, allow_pickle=False) as f:
            if [str(s) for s in f["scenarios"]] != scenarios:
                raise ValueError("other scenarios")
            words = [str(w) for w in f["vocab"]]
            vocab = {w: i for i, w in enumerate(words)}
            w_words, w_dense, bias = f["w_words"], f["w_dense"], f["bias"]
            calibration = np.asarray(f["calibration"], dtype=np.float64)
            dense_weight, short = float(f["dense_weight"]), int(f["short"])
        n = len(scenarios)
        shapes = {"w_words": (w_words.shape, (len(words), n)),
                  "w_dense": (w_dense.shape, (dim, n)), "bias": (bias.shape, (n,)),
                  "calibration": (calibration.shape, (2,))}
        for name, (got, want) in shapes.items():
            if got != want:
                raise ValueError(f"{name} is {got}, not {want}")
        if len(vocab) != len(words):
            raise ValueError("repeated n-grams")
        for arr in (w_words, w_dense, bias, calibration, np.asarray([dense_weight])):
            if arr.dtype.kind != "f" or not np.isfinite(arr).all():
                raise ValueError("not finite numbers")
        a, b = (float(x) for x in calibration)
        return LearnedModel(scenarios, vocab, w_words, w_dense, bias, (a, b), dense_weight,
                            short)
    except Exception:  # noqa: BLE001 - truncated (BadZipFile), empty (EOFError), tampered
        try:
            path.unlink()
        except OSError:
            pass
        return None
