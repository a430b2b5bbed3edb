"""Meaning beyond keywords: the playbook examples nearest to a message.

Each scenario can list ``examples`` (messages that belong to it) and ``counter_examples``
(near misses that do not). Messages and examples become sentence vectors: the mean of
WordLlama's static token embeddings (256 dimensions, trained by distilling a large language
model's token embeddings), L2-normalised, so that the dot product is the cosine similarity.
The model ships inside the ``wordllama`` wheel (16 MB), so nothing is downloaded at run
time; its vectors are read here with ``tokenizers`` and ``safetensors`` directly, because
importing the ``wordllama`` package itself configures the root logger and pulls in
``requests``. Embedding costs about 70 microseconds a message, which keeps triage well
above a thousand messages a second (``benchmarks/triage_speed.py``).

Why this and not another layer: ``benchmarks/triage_methods.py`` measures the options on
paraphrases that are not in the playbook (``benchmarks/data/triage_paraphrases.jsonl``);
the figures and the choice are in docs/triage-report.md.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from brandvoice.errors import BrandvoiceError

if TYPE_CHECKING:
    import numpy as np

__all__ = ["ExampleIndex", "Nearest", "embed", "model_available"]

MAX_CHARS = 2000  # only the start of a very long message is embedded (cost stays bounded)
_WEIGHTS = "weights/l2_supercat_256.safetensors"
_TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"


def _model_dir() -> Path | None:
    # find_spec locates the package without running its __init__ (see the module docstring).
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(next(iter(spec.submodule_search_locations)))
    return root if (root / _WEIGHTS).is_file() and (root / _TOKENIZER).is_file() else None


def model_available() -> bool:
    """Whether the WordLlama model files are installed."""
    return _model_dir() is not None


@functools.lru_cache(maxsize=1)
def _model() -> tuple[Any, np.ndarray]:
    import numpy as np
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    root = _model_dir()
    if root is None:
        raise BrandvoiceError("triage by example needs the WordLlama model: pip install "
                              "'wordllama>=0.4' (it ships the model; nothing is downloaded)")
    tokenizer = Tokenizer.from_file(str(root / _TOKENIZER))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    table = load_file(str(root / _WEIGHTS))["embedding.weight"].astype(np.float32)
    return tokenizer, table


_NOISE = re.compile(r"https?://\S+|www\.\S+|(?<!\w)@\w+")


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length sentence vectors (one row per text; a text without tokens gets zeros).

    Links and @handles are left out: they say where a message was posted, not what it
    means (without this, replies that start with the brand's handle all look alike). Text
    is lower-cased."""
    import numpy as np

    tokenizer, table = _model()
    # Lower-cased: shouting and sentence case do not change what a message means, and it
    # measured better on held-out paraphrases (benchmarks/triage_methods.py).
    texts = [_NOISE.sub(" ", t[:MAX_CHARS]).lower() for t in texts]
    out = np.zeros((len(texts), table.shape[1]), dtype=np.float32)
    if not texts:
        return out
    encoded = tokenizer.encode_batch([t[:MAX_CHARS] for t in texts], add_special_tokens=False)
    lengths = np.fromiter((len(e.ids) for e in encoded), dtype=np.int64, count=len(encoded))
    ids = np.fromiter((i for e in encoded for i in e.ids), dtype=np.int64,
                      count=int(lengths.sum()))
    if ids.size:
        np.clip(ids, 0, table.shape[0] - 1, out=ids)
        rows = np.repeat(np.arange(len(texts)), lengths)
        np.add.at(out, rows, table[ids])
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    np.divide(out, norms, out=out, where=norms > 0)
    return out


@dataclass(frozen=True)
class Nearest:
    """The example of one scenario nearest to a message, and its nearest counter-example."""

    scenario: str
    score: float  # mean of centroid and example similarity, -1..1
    centroid_score: float  # cosine similarity to the centroid of the scenario's examples
    example: str  # the nearest single example, to show people why
    example_index: int
    example_score: float
    counter_score: float  # to the nearest counter-example (-1 when there is none)
    counter_example: str
    counter_index: int

    @property
    def vetoed(self) -> bool:
        """A counter-example (a near miss) is at least as close as every example."""
        return self.counter_index >= 0 and self.counter_score >= self.example_score


class ExampleIndex:
    """Examples and counter-examples of every scenario, embedded once."""

    def __init__(self, examples: dict[str, Sequence[str]],
                 counter_examples: dict[str, Sequence[str]]) -> None:
        import numpy as np

        self.scenarios = [s for s, ex in examples.items() if ex]
        self._texts: list[str] = []
        self._owner: list[int] = []
        self._index: list[int] = []
        self._counter: list[bool] = []
        for n, sid in enumerate(self.scenarios):
            for kind, source in ((False, examples), (True, counter_examples)):
                for i, text in enumerate(source.get(sid) or ()):
                    self._texts.append(text)
                    self._owner.append(n)
                    self._index.append(i)
                    self._counter.append(kind)
        self._vectors = embed(self._texts)
        owner = np.asarray(self._owner, dtype=np.int64)
        counter = np.asarray(self._counter, dtype=bool)
        # One boolean mask per scenario and kind: the column sets to take maxima over.
        self._masks = [(np.flatnonzero((owner == n) & ~counter),
                        np.flatnonzero((owner == n) & counter))
                       for n in range(len(self.scenarios))]
        # A scenario's centroid: what its examples share. The score is the mean of the
        # similarity to the centroid and to the nearest example: on paraphrases kept apart
        # from the examples that beat either alone (docs/triage-report.md).
        self._centroids = self._centre(())

    def _centre(self, exclude: Sequence[tuple[str, int]]) -> np.ndarray:
        import numpy as np

        gone = {(self.scenarios.index(s), i) for s, i in exclude if s in self.scenarios}
        rows = []
        for n, (pos, _neg) in enumerate(self._masks):
            keep = [c for c in pos if (n, self._index[int(c)]) not in gone]
            v = self._vectors[keep].mean(axis=0) if keep else np.zeros(self._vectors.shape[1])
            norm = float(np.linalg.norm(v))
            rows.append(v / norm if norm > 0 else v)
        return np.stack(rows).astype(np.float32)

    def __len__(self) -> int:
        return len(self._texts)

    def nearest(self, vectors: np.ndarray, *, exclude: Sequence[tuple[str, int]] = ()
                ) -> list[dict[str, Nearest]]:
        """For each message vector, the nearest example of every scenario that has any.

        ``exclude`` leaves out examples given as (scenario, index): lint's leave-one-out
        runs use it to ask whether an example would be recognised without itself."""
        import numpy as np

        if not self.scenarios or not len(vectors):
            return [{} for _ in range(len(vectors))]
        sims = vectors @ self._vectors.T
        central = vectors @ (self._centre(exclude) if exclude else self._centroids).T
        for sid, idx in exclude:
            n = self.scenarios.index(sid)
            for c in self._masks[n][0]:
                if self._index[int(c)] == idx:
                    sims[:, c] = -2.0
        out: list[dict[str, Nearest]] = [{} for _ in range(len(vectors))]
        rows = np.arange(len(vectors))
        texts, index = self._texts, self._index
        for n, sid in enumerate(self.scenarios):
            pos, neg = self._masks[n]
            best = pos[np.argmax(sims[:, pos], axis=1)]
            near_s = sims[rows, best].tolist()
            cen_s = central[:, n].tolist()
            best_l = best.tolist()
            if len(neg):
                best_neg = neg[np.argmax(sims[:, neg], axis=1)]
                neg_s, neg_l = sims[rows, best_neg].tolist(), best_neg.tolist()
            for row in range(len(vectors)):
                col, cen, near = best_l[row], cen_s[row], near_s[row]
                if len(neg):
                    ncol = neg_l[row]
                    counter = (neg_s[row], texts[ncol], index[ncol])
                else:
                    counter = (-1.0, "", -1)
                out[row][sid] = Nearest(sid, (cen + near) / 2, cen, texts[col], index[col],
                                        near, *counter)
        return out
