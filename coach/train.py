"""Train the question coach's models and write als_tui/questioning/weights.json.

    pip install -e '.[train]'          # scikit-learn and numpy: needed here only, never by the app
    python coach/train.py              # train on coach/corpus/*.tsv, write the weights
    python coach/train.py --check      # train and compare with the shipped weights (exit 1 if they differ)

The corpora are questions written by independent writers (one file each; see coach/README.md), as
``label<TAB>question`` lines with labels open, closed, leading, advice and statement. Before
training, exact and near duplicates are dropped, across writers and against the development set
(coach/dev/dev_questions.tsv), which is never trained on. Two models are fitted on the features of
als_tui.questioning.cues: ``kind`` (the four kinds, on questions only) and ``question`` (question or
statement, on everything). Features seen fewer than MIN_COUNT times are left out, which keeps the
shipped file small.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from als_tui.questioning.features import features  # noqa: E402
from als_tui.questioning.model import WEIGHTS  # noqa: E402
from als_tui.questioning.text import analyse  # noqa: E402

CORPUS = ROOT / "coach" / "corpus"
DEV = ROOT / "coach" / "dev" / "dev_questions.tsv"
KINDS = ("open", "closed", "leading", "advice")
LABELS = KINDS + ("statement",)
C = 1.0               # inverse regularisation strength (cross-writer score flat from 0.5 to 2)
MIN_COUNT = 3         # features seen fewer times are dropped (cues are always kept)
NEAR = 0.8            # word-set Jaccard at which two corpus items count as the same question
NEAR_DEV = 0.5        # ... and at which a corpus item is too close to a development question


def read_tsv(path: Path) -> list[tuple[str, str]]:
    """(label, text) rows of a ``label<TAB>question`` file with a header line."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [(r[0].strip(), r[1].strip()) for r in rows[1:] if len(r) >= 2 and r[1].strip()]


def _words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"[a-z0-9']+", text.lower()))


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


class _NearIndex:
    """Word sets with an index on their less common words, to find near copies without comparing all pairs."""

    COMMON = 200  # a word in more sets than this is too common to find candidates by

    def __init__(self) -> None:
        self.sets: list[frozenset[str]] = []
        self.postings: dict[str, list[int]] = {}

    def add(self, ws: frozenset[str]) -> None:
        k = len(self.sets)
        self.sets.append(ws)
        for w in ws:
            self.postings.setdefault(w, []).append(k)

    def near(self, ws: frozenset[str], threshold: float) -> bool:
        candidates: set[int] = set()
        for w in ws:
            posting = self.postings.get(w, ())
            if len(posting) <= self.COMMON:
                candidates.update(posting)
        return any(_jaccard(ws, self.sets[k]) >= threshold for k in candidates)


def load_corpus(folder: Path = CORPUS, dev: Path = DEV) -> tuple[list[tuple[str, str, str]], Counter[str]]:
    """(writer, label, text) after de-duplication, and a count of what was dropped and why."""
    dev_index = _NearIndex()
    for _, q in read_tsv(dev) if dev.is_file() else []:
        dev_index.add(_words(q))
    kept: list[tuple[str, str, str]] = []
    kept_index = _NearIndex()
    seen: set[str] = set()
    dropped: Counter[str] = Counter()
    for path in sorted(folder.glob("*.tsv")):
        writer = path.stem
        for label, text in read_tsv(path):
            if label not in LABELS:
                dropped["unknown label"] += 1
                continue
            key = " ".join(re.findall(r"[a-z0-9']+", text.lower()))
            ws = _words(text)
            if key in seen:
                dropped["exact duplicate"] += 1
                continue
            if dev_index.near(ws, NEAR_DEV):
                dropped["close to a development question"] += 1
                continue
            if kept_index.near(ws, NEAR):
                dropped["near duplicate"] += 1
                continue
            seen.add(key)
            kept.append((writer, label, text))
            kept_index.add(ws)
    return kept, dropped


def corpus_digest(folder: Path = CORPUS) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.glob("*.tsv")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def featurise(texts: list[str]) -> list[dict[str, float]]:
    return [features(analyse(t)) for t in texts]


# Whether a turn is a question at all is a matter of its form: the question model sees only these.
FORM = ("bias", "cue:", "o1:", "o2:", "oc2:", "oc3:", "qmark", "len:", "multi_part", "has_preamble")


def prune(xs: list[dict[str, float]], min_count: int | None = None, only: tuple[str, ...] = ()) -> list[dict[str, float]]:
    min_count = MIN_COUNT if min_count is None else min_count
    counts = Counter(k for x in xs for k in x)
    return [
        {k: v for k, v in x.items() if (counts[k] >= min_count or k.startswith("cue:")) and (not only or k.startswith(only))}
        for x in xs
    ]


def fit(xs: list[dict[str, float]], ys: list[str], c: float = C, only: tuple[str, ...] = ()):
    """A fitted (vectoriser, model) pair; needs the [train] extra."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    model = LogisticRegression(C=c, max_iter=5000)
    model.fit(vec.fit_transform(prune(xs, only=only)), ys)
    return vec, model


def predict(pair, xs: list[dict[str, float]]) -> list[str]:
    vec, model = pair
    return list(model.predict(vec.transform(xs)))


def export(pair, classes: tuple[str, ...]) -> dict:
    """The model as {classes, bias, weights} in the order of *classes*, zero rows left out."""
    vec, model = pair
    order = [list(model.classes_).index(c) for c in classes] if len(model.classes_) > 2 else None
    names = vec.get_feature_names_out()
    coef = model.coef_
    if order is None:  # binary: one row of weights for classes_[1]; the other class scores 0
        pos = list(model.classes_).index(classes[1])
        sign = 1.0 if pos == 1 else -1.0
        rows = {n: (0.0, round(float(sign * coef[0, j]), 3)) for j, n in enumerate(names)}
        bias = (0.0, round(float(sign * model.intercept_[0]), 4))
    else:
        rows = {n: tuple(round(float(coef[i, j]), 3) for i in order) for j, n in enumerate(names)}
        bias = tuple(round(float(model.intercept_[i]), 4) for i in order)
    weights = {n: list(r) for n, r in sorted(rows.items()) if any(abs(x) >= 0.001 for x in r)}
    return {"classes": list(classes), "bias": list(bias), "weights": weights}


def train_all(rows: list[tuple[str, str, str]], xs: list[dict[str, float]] | None = None) -> dict:
    """Both models on *rows* (features *xs* if already computed), as the weights file holds them."""
    xs = featurise([t for _, _, t in rows]) if xs is None else xs
    labels = [label for _, label, _ in rows]
    q_idx = [i for i, label in enumerate(labels) if label in KINDS]
    kind = fit([xs[i] for i in q_idx], [labels[i] for i in q_idx])
    question = fit(xs, ["statement" if label == "statement" else "question" for label in labels], only=FORM)
    return {"kind": export(kind, KINDS), "question": export(question, ("statement", "question"))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped weights; write nothing")
    parser.add_argument("--out", type=Path, default=WEIGHTS)
    args = parser.parse_args(argv)
    rows, dropped = load_corpus()
    writers = sorted({w for w, _, _ in rows})
    counts = Counter(label for _, label, _ in rows)
    print(f"{len(rows)} items from {len(writers)} writers: " + ", ".join(f"{k} {counts[k]}" for k in LABELS))
    print("dropped: " + (", ".join(f"{n} {why}" for why, n in dropped.items()) or "none"))
    data = {
        "meta": {
            "corpus_sha256": corpus_digest(),
            "writers": writers,
            "items": len(rows),
            "per_label": {k: counts[k] for k in LABELS},
            "C": C,
            "min_count": MIN_COUNT,
        },
        "models": train_all(rows),
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"
    if args.check:
        same = args.out.is_file() and args.out.read_text(encoding="utf-8") == text
        print("the shipped weights match a fresh training run" if same else "the shipped weights differ from a fresh training run")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    n = len(data["models"]["kind"]["weights"]) + len(data["models"]["question"]["weights"])
    print(f"wrote {args.out.relative_to(ROOT)}: {n} weight rows, {len(text) / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
