"""Import annotated reports (``incoming/<batch>/*.ann``) into reports/, labels/ and index.tsv.

Usage: python corpora/import_ann.py [incoming-dir]   (run from the repository root)
The .ann format is described in corpora/README.md.
"""
from __future__ import annotations

import csv
import glob
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from reportlint.classify.corpus import ALL_LABELS, import_ann  # noqa: E402

ROOT = os.path.dirname(os.path.abspath(__file__))


def main() -> None:
    incoming = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "incoming")
    idx_path = os.path.join(ROOT, "index.tsv")
    rows = {}
    if os.path.exists(idx_path):
        with open(idx_path, encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh, delimiter="\t"):
                rows[r["path"]] = r
    for batch_dir in sorted(glob.glob(os.path.join(incoming, "*"))):
        batch = os.path.basename(batch_dir).lower()
        if batch == "batch":
            batch = "a"
        for ann in sorted(glob.glob(os.path.join(batch_dir, "*.ann"))):
            try:
                r = import_ann(ann, ROOT, batch)
            except ValueError as exc:
                print(f"skipped: {exc}", file=sys.stderr)
                continue
            rows[r["path"]] = r
    cols = ["path", "genre", "domain", "flaws", "chars", "paragraphs", *ALL_LABELS]
    with open(idx_path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=cols, delimiter="\t", lineterminator="\n", extrasaction="ignore")
        w.writeheader()
        for k in sorted(rows):
            w.writerow({c: rows[k].get(c, 0) for c in cols})
    print(f"{len(rows)} reports in {idx_path}")


if __name__ == "__main__":
    main()
