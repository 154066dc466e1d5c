"""The question coach against its budgets (issue 17), on questions its authors did not write.

    .venv/bin/python bench/coach.py                # dev set, speed; cross-writer and learning curve if
                                                   # the [train] extra is installed (pip install -e '.[train]')
    .venv/bin/python bench/coach.py --quick        # dev set and speed only (the smoke test)
    .venv/bin/python bench/coach.py --errors       # also list the dev questions it gets wrong
    .venv/bin/python bench/coach.py --quick --labelled items.tsv labels_1.tsv labels_2.tsv labels_3.tsv
                                                   # also a set labelled by independent labellers (repeatable)

Figures:
- the development set (coach/dev/dev_questions.tsv, 400 questions written independently of the training
  corpora, never trained on): per-kind precision, recall and F1, macro-F1, the confusion matrix;
- the cross-writer split: every corpus writer in turn is held out, the models are trained on the other
  writers and tested on theirs; the pooled per-kind figures and confusion matrix;
- a learning curve: F1 on held-out writers and on the dev set against the number of training items;
- sets labelled by independent labellers (``--labelled ITEMS LABELS...``: an ``id<TAB>question`` file and
  one ``id<TAB>label`` file per labeller): the majority label of each question (statements, "mixed" and
  questions without a majority left out), per-kind figures and macro-F1 over the kinds present;
- speed: `classify` on a 300-character question (median and p99 of 500 calls, after a warm-up; and with
  its rewrite, which is worked out only when read), and
  the longest single verdict while a 300-character question is typed a key at a time (Ask better
  classifies after each pause in typing; this is the worst case, every key).

Budgets: dev macro-F1 >= 0.90 with every kind >= 0.85; cross-writer macro-F1 >= 0.88; classify median
<= 2 ms and p99 <= 10 ms. Exit 1 if a budget measured in this run is missed.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "coach"))

from als_tui.questioning import KINDS, classify  # noqa: E402
from als_tui.questioning.rewrite import content_words  # noqa: E402

DEV = ROOT / "coach" / "dev" / "dev_questions.tsv"
Q300 = (
    "Just picking up on what you said about the rota and the way the night staff have been covering for "
    "each other since the two senior nurses left in the spring, have you thought about asking the matron "
    "whether the agency budget could be moved across to pay for a permanent band six on nights, or not?"
)


def scores(gold: list[str], pred: list[str]) -> tuple[dict[str, tuple[float, float, float]], float]:
    """Per kind (precision, recall, F1), and macro-F1 over the four kinds."""
    out = {}
    for k in KINDS:
        tp = sum(g == k == p for g, p in zip(gold, pred))
        fp = sum(p == k != g for g, p in zip(gold, pred))
        fn = sum(g == k != p for g, p in zip(gold, pred))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        out[k] = (prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return out, sum(f for _, _, f in out.values()) / len(KINDS)


def report(title: str, gold: list[str], pred: list[str]) -> tuple[dict, float]:
    """Print per-kind figures and the confusion matrix; macro-F1 is over the kinds the labels hold."""
    per, macro = scores(gold, pred)
    present = [k for k in KINDS if k in gold]
    if len(present) < len(KINDS):
        macro = sum(per[k][2] for k in present) / len(present) if present else 0.0
    print(f"\n{title}: {len(gold)} questions, macro-F1 {macro:.3f}"
          + ("" if len(present) == len(KINDS) else f" (over the kinds present: {', '.join(present)})"))
    print(f"  {'kind':8} {'precision':>9} {'recall':>7} {'F1':>6}")
    for k in KINDS:
        p, r, f = per[k]
        print(f"  {k:8} {p:9.3f} {r:7.3f} {f:6.3f}")
    cols = KINDS + ("statement",) if "statement" in pred else KINDS
    print("  confusion (rows: label, columns: verdict)")
    print("  " + " " * 9 + "".join(f"{c[:9]:>10}" for c in cols))
    for g in KINDS:
        print(f"  {g:9}" + "".join(f"{sum(1 for a, b in zip(gold, pred) if a == g and b == c):>10}" for c in cols))
    return per, macro


def read_labelled(items: Path, labels: list[Path]) -> list[tuple[str, str]]:
    """(majority label, question) of a set read by independent labellers: only questions that a strict
    majority gave one of the four kinds."""
    import csv
    from collections import Counter

    def rows(path: Path) -> list[list[str]]:
        with path.open(encoding="utf-8", newline="") as fh:
            return [r for r in list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))[1:] if len(r) >= 2]

    votes: dict[str, Counter[str]] = {}
    for path in labels:
        for r in rows(path):
            votes.setdefault(r[0].strip(), Counter())[r[1].strip()] += 1
    out = []
    for r in rows(items):
        count = votes.get(r[0].strip())
        if not count:
            continue
        label, n = count.most_common(1)[0]
        if label in KINDS and n * 2 > len(labels):
            out.append((label, r[1].strip()))
    return out


def report_labelled(items: Path, labels: list[Path], errors: bool) -> float:
    data = read_labelled(items, labels)
    gold = [label for label, _ in data]
    pred = [classify(q).kind for _, q in data]
    _, macro = report(f"{items.name}, majority of {len(labels)} labellers", gold, pred)
    agree = sum(g == p for g, p in zip(gold, pred)) / len(gold) if gold else 0.0
    print(f"  agreement with the majority: {agree:.3f}")
    if errors:
        for (label, q), p in zip(data, pred):
            if p != label:
                print(f"    {label:8} -> {p:9} {q}")
    return macro


def speed() -> dict[str, float]:
    classify("What matters most to you here?")  # import and weights, once
    times = []
    for _ in range(500):
        t0 = time.perf_counter()
        classify(Q300)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    with_rewrite = []
    for _ in range(300):
        t0 = time.perf_counter()
        classify(Q300).rewrite
        with_rewrite.append((time.perf_counter() - t0) * 1000)
    with_rewrite.sort()
    paste = []
    for text in ("Have you tried " * 700, "why? " * 2000, "a" * 10_000, "[bold]" * 1700):
        t0 = time.perf_counter()
        classify(text[:10_000]).rewrite
        paste.append((time.perf_counter() - t0) * 1000)
    typing = []
    for i in range(1, len(Q300) + 1):
        t0 = time.perf_counter()
        classify(Q300[:i])
        typing.append((time.perf_counter() - t0) * 1000)
    return {
        "median_ms": statistics.median(times),
        "p99_ms": times[int(len(times) * 0.99) - 1],
        "typing_max_ms": max(typing),
        "typing_median_ms": statistics.median(typing),
        "rewrite_median_ms": statistics.median(with_rewrite),
        "rewrite_p99_ms": with_rewrite[int(len(with_rewrite) * 0.99) - 1],
        "paste_max_ms": max(paste),
    }


def cross_writer(rows, learning_curve: bool, seed: int = 7):
    """Each writer held out in turn: both models trained on the others, and the whole verdict (the
    stacked rule and the statement test included) run on the held-out writer's items."""
    import train  # coach/train.py: needs scikit-learn

    from als_tui.questioning.model import parse
    from als_tui.questioning.verdict import _judge

    writers = sorted({w for w, _, _ in rows})
    all_x = train.featurise([t for _, _, t in rows])
    gold, pred, statements = [], [], [0, 0]
    for held in writers:
        idx = [i for i, r in enumerate(rows) if r[0] != held]
        models = parse({"models": train.train_all([rows[i] for i in idx], [all_x[i] for i in idx])})
        for w, label, text in rows:
            if w != held:
                continue
            j = _judge(text, models)
            if label == "statement":
                statements[0] += bool(j and "not_a_question" in j.flags)
                statements[1] += 1
            else:
                gold.append(label)
                pred.append(j.kind if j else "statement")
    q_rows = [r for r in rows if r[1] in KINDS]
    feats = dict(zip(range(len(q_rows)), [x for x, r in zip(all_x, rows) if r[1] in KINDS]))
    by_writer: dict[str, list[int]] = {w: [] for w in writers}
    for i, (w, _, _) in enumerate(q_rows):
        by_writer[w].append(i)
    curve: list[tuple[int, float, float]] = []
    if learning_curve:
        dev = train.read_tsv(DEV)
        dev_x = train.featurise([q for _, q in dev])
        dev_y = [label for label, _ in dev]
        rng = random.Random(seed)
        order = writers[:]
        rng.shuffle(order)
        test_w, pool = order[:4], order[4:]
        test_idx = [i for w in test_w for i in by_writer[w]]
        for n in (1, 2, 4, 8, 12, 16, len(pool)):
            if n > len(pool):
                continue
            idx = [i for w in pool[:n] for i in by_writer[w]]
            pair = train.fit([feats[i] for i in idx], [q_rows[i][1] for i in idx])
            _, held_f1 = scores([q_rows[i][1] for i in test_idx], train.predict(pair, [feats[i] for i in test_idx]))
            _, dev_f1 = scores(dev_y, train.predict(pair, dev_x))
            curve.append((len(idx), held_f1, dev_f1))
    return gold, pred, curve, statements


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="dev set and speed only")
    parser.add_argument("--errors", action="store_true", help="list the dev questions it gets wrong")
    parser.add_argument("--no-curve", action="store_true", help="skip the learning curve")
    parser.add_argument("--labelled", nargs="+", action="append", default=[], metavar="FILE",
                        help="a set read by independent labellers: its items file, then one labels file each")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT / "coach"))
    import train

    dev = train.read_tsv(DEV)
    gold = [label for label, _ in dev]
    feedback = [classify(q) for _, q in dev]
    pred = [fb.kind for fb in feedback]
    per, macro = report("Development set (coach/dev/dev_questions.tsv, never trained on)", gold, pred)
    failed = []
    if macro < 0.90 or min(f for _, _, f in per.values()) < 0.85:
        failed.append("dev")
    if args.errors:
        print("\n  wrong:")
        for (label, q), fb in zip(dev, feedback):
            if fb.kind != label:
                print(f"    {label:8} -> {fb.kind:9} {q}")

    for files in args.labelled:
        if len(files) < 2:
            parser.error("--labelled needs an items file and at least one labels file")
        report_labelled(Path(files[0]), [Path(f) for f in files[1:]], args.errors)

    rewrites = [(q, fb.rewrite) for (label, q), fb in zip(dev, feedback) if label != "open" and fb.rewrite]
    kept = sum(classify(r).kind == "open" and bool(content_words(q) & content_words(r)) for q, r in rewrites)
    print(f"  rewrites: offered for {len(rewrites)} of {sum(g != 'open' for g in gold)} non-open questions; "
          f"{kept} of them classified open and keeping a content word")

    if not args.quick:
        try:
            import sklearn  # noqa: F401
        except ImportError:
            print("\ncross-writer split and learning curve: skipped (pip install -e '.[train]')")
        else:
            rows, _ = train.load_corpus()
            g, p, curve, statements = cross_writer(rows, learning_curve=not args.no_curve)
            writers = len({w for w, _, _ in rows})
            _, cw = report(f"Cross-writer split (each of {writers} writers held out in turn, the whole verdict)", g, p)
            print(f"  statements flagged 'not a question': {statements[0]} of {statements[1]}; "
                  f"questions flagged so: {sum(x == 'statement' for x in p)} of {len(p)}")
            if cw < 0.88:
                failed.append("cross-writer")
            if curve:
                print("\nLearning curve (4 writers held out; training writers added in a fixed random order)")
                print(f"  {'training items':>14} {'held-out writers F1':>20} {'dev F1':>7}")
                for n, held_f1, dev_f1 in curve:
                    print(f"  {n:14} {held_f1:20.3f} {dev_f1:7.3f}")

    s = speed()
    print(f"\nSpeed: classify on a {len(Q300)}-character question: median {s['median_ms']:.2f} ms, "
          f"p99 {s['p99_ms']:.2f} ms (budget 2 / 10 ms); typing it a key at a time: median "
          f"{s['typing_median_ms']:.2f} ms, longest {s['typing_max_ms']:.2f} ms per key; with its rewrite "
          f"(worked out when first read): median {s['rewrite_median_ms']:.2f} ms, p99 {s['rewrite_p99_ms']:.2f} ms; "
          f"a 10,000-character paste: at most {s['paste_max_ms']:.1f} ms")
    if s["median_ms"] > 2 or s["p99_ms"] > 10:
        failed.append("speed")
    print("\n" + ("all budgets met" if not failed else "missed: " + ", ".join(failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
