"""The coach's learned linear models: weights read from ``weights.json`` beside this file.

Two multinomial logistic models share the features of :mod:`.cues`: ``kind`` (open, closed, leading,
advice) and ``question`` (is the turn a question at all, or a statement). They are trained by
``coach/train.py`` on the corpora in ``coach/corpus/`` and shipped as a small JSON file; the app only
adds up weights, so it needs no numerical library and no download. Standard library only.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["Linear", "Models", "load", "WEIGHTS"]

WEIGHTS = Path(__file__).with_name("weights.json")


@dataclass(frozen=True)
class Linear:
    """A multinomial linear model: a bias and a weight per class for each feature."""

    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]

    def scores(self, feats: dict[str, float]) -> list[float]:
        out = list(self.bias)
        weights = self.weights
        for name, value in feats.items():
            row = weights.get(name)
            if row is not None:
                for i, w in enumerate(row):
                    out[i] += w * value
        return out

    def probs(self, feats: dict[str, float]) -> dict[str, float]:
        scores = self.scores(feats)
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps)}

    def reasons(self, feats: dict[str, float], chosen: str, against: str) -> list[tuple[str, float]]:
        """The features that pushed *chosen* above *against*, strongest first."""
        a, b = self.classes.index(chosen), self.classes.index(against)
        out = []
        for name, value in feats.items():
            row = self.weights.get(name)
            if row is not None:
                push = (row[a] - row[b]) * value
                if push > 0:
                    out.append((name, push))
        out.sort(key=lambda item: -item[1])
        return out


@dataclass(frozen=True)
class Models:
    kind: Linear
    question: Linear
    meta: dict[str, object]


def _linear(data: dict) -> Linear:
    classes = tuple(str(c) for c in data["classes"])
    bias = tuple(float(b) for b in data["bias"])
    weights = {str(k): tuple(float(x) for x in v) for k, v in data["weights"].items()}
    if len(bias) != len(classes) or any(len(v) != len(classes) for v in weights.values()):
        raise ValueError("weights.json: a row does not have one weight per class")
    return Linear(classes, bias, weights)


def parse(data: dict) -> Models:
    models = data["models"]
    return Models(_linear(models["kind"]), _linear(models["question"]), dict(data.get("meta", {})))


@lru_cache(maxsize=1)
def load() -> Models:
    """The shipped models (read once)."""
    with WEIGHTS.open(encoding="utf-8") as fh:
        return parse(json.load(fh))
