#!/usr/bin/env python3
"""Account-level precision and recall of a sweep against a generated labels.csv.

usage: score.py LABELS_CSV ACCOUNTS_CSV
"""
import csv
import sys
from collections import Counter


def main(labels_path: str, accounts_path: str) -> int:
    with open(labels_path, newline="") as f:
        labels = {row["account"]: row["label"] for row in csv.DictReader(f)}
    with open(accounts_path, newline="") as f:
        flagged = {row["account"] for row in csv.DictReader(f)}
    def benign(label: str) -> bool:
        return label == "benign" or label.startswith("benign:")
    truth = {a for a, l in labels.items() if not benign(l)}
    hits = flagged & truth
    precision = len(hits) / len(flagged) if flagged else 1.0
    recall = len(hits) / len(truth) if truth else 1.0
    print(f"flagged {len(flagged)} accounts; planted {len(truth)}")
    print(f"precision {precision:.4f}  recall {recall:.4f}")
    per = Counter(labels[a] for a in truth)
    found = Counter(labels[a] for a in hits)
    for label in sorted(per):
        print(f"  {label:32s} recall {found[label] / per[label]:.4f} ({found[label]}/{per[label]})")
    false = Counter(labels.get(a, "unknown") for a in flagged - truth)
    for label in sorted(false):
        print(f"  false positives {label:24s} {false[label]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
