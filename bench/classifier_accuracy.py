"""Accuracy of the question classifier over content/training.yaml.

Prints accuracy per kind, precision/recall per flag, a confusion matrix, the
misclassified examples, and the mean time per call. Always exits 0.

    .venv/bin/python bench/classifier_accuracy.py [path/to/training.yaml] [--quiet]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from als_tui.questioning import FLAGS, KINDS, classify, load_training  # noqa: E402


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    quiet = "--quiet" in argv
    training = load_training(args[0] if args else None)
    examples = training.examples

    confusion = {k: {j: 0 for j in KINDS} for k in KINDS}
    flag_tp = {f: 0 for f in FLAGS}
    flag_fp = {f: 0 for f in FLAGS}
    flag_fn = {f: 0 for f in FLAGS}
    flag_right = {f: 0 for f in FLAGS}
    misses: list[str] = []
    t0 = time.perf_counter()
    for ex in examples:
        fb = classify(ex.text)
        confusion[ex.kind][fb.kind] += 1
        for f in FLAGS:
            want, got = f in ex.flags, f in fb.flags
            flag_right[f] += want == got
            flag_tp[f] += want and got
            flag_fp[f] += got and not want
            flag_fn[f] += want and not got
        if fb.kind != ex.kind or set(fb.flags) != set(ex.flags):
            misses.append(
                f"  want {ex.kind:8} {','.join(ex.flags) or '-':28} got {fb.kind:8} "
                f"{','.join(fb.flags) or '-':28} {ex.text[:90]}"
            )
    elapsed = time.perf_counter() - t0

    n = len(examples)
    print(f"{n} examples, {len(training.scenarios)} scenarios")
    print(f"mean classify time: {1000 * elapsed / max(n, 1):.3f} ms\n")

    print("Accuracy per kind (recall: share of examples of that kind classified as it)")
    total_right = 0
    for k in KINDS:
        row = confusion[k]
        count = sum(row.values())
        right = row[k]
        total_right += right
        print(f"  {k:8} {right:4}/{count:<4} {right / count if count else 0:6.1%}")
    print(f"  {'overall':8} {total_right:4}/{n:<4} {total_right / n if n else 0:6.1%}\n")

    print("Flags (accuracy over all examples; precision, recall, support)")
    for f in FLAGS:
        tp, fp, fn = flag_tp[f], flag_fp[f], flag_fn[f]
        prec = tp / (tp + fp) if tp + fp else 1.0
        rec = tp / (tp + fn) if tp + fn else 1.0
        print(f"  {f:15} acc {flag_right[f] / n if n else 0:6.1%}  P {prec:6.1%}  R {rec:6.1%}  n={tp + fn}")

    print("\nConfusion matrix (rows: labelled kind, columns: predicted)")
    print("  " + " " * 9 + "".join(f"{k:>9}" for k in KINDS))
    for k in KINDS:
        print(f"  {k:9}" + "".join(f"{confusion[k][j]:>9}" for j in KINDS))

    if misses and not quiet:
        print(f"\nDisagreements ({len(misses)}):")
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
