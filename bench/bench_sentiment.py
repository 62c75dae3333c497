"""Sentiment people can trust: accuracy on labelled posts, and how many alerts are false.

1. **Labelled posts** (``tests/importers/nlp/labelled_posts.tsv``: 329 short posts about a
   clothing shop — praise, complaints, questions, neutral, sarcasm, emoji-only, mixed — each
   labelled by how a person reads it): Rapport's label (lexicon, VADER and the intent rules)
   against plain VADER 3.3.2 (the baseline), measured in the same run: accuracy, accuracy per
   kind, and the confusion matrix.
2. **Alerts on the demo data** (``rapport generate --customers N``, imported and analysed on the
   chosen engine): of the open alerts, the share whose post a person reads as praise or neutral
   (the generator's ``truth_tones.json``), and whether the planted angry post has its alert.

    .venv/bin/python bench/bench_sentiment.py [--customers 2000] [--seed 7]
                                              [--backend embedded|neo4j|both]

The labelled set was written for this project, and the lexicon tuned while reading the
mistakes it showed: treat its accuracy as a regression figure for this domain, not a general
one.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from bench.engines import Engine, add_backend_option, chosen, side_by_side, unique
from graph.answers.alert_queue import count_alerts, list_alerts
from graph.jobs.analyze import analyze
from graph.store.repository import Repository
from importers.generate import generate
from importers.nlp import Catalog, analyse, build_pipeline
from importers.nlp.sentiment import label_for
from importers.run.files import import_path

LABELLED = BENCH.parent / "tests/importers/nlp/labelled_posts.tsv"
LABELS = ("positive", "neutral", "negative")
BENCH_OUT = BENCH / "out"


def labelled_posts(path: Path = LABELLED) -> list[tuple[str, str, str]]:
    """(label, kind, text) of every labelled post."""
    with open(path, encoding="utf-8") as fh:
        rows = csv.reader((line for line in fh if not line.startswith("#")), delimiter="\t")
        next(rows)
        return [(label, kind, text) for label, kind, text in rows]


def rapport_labels(texts: list[str]) -> list[str]:
    """Rapport's labels (the blank pipeline, as imports run it)."""
    nlp = build_pipeline(Catalog(products=(), employees=(), brand_handles=("rapportshop",)))
    return [a.sentiment_label for a in analyse(nlp, texts)]


def vader_labels(texts: list[str]) -> list[str]:
    """Plain VADER's labels (compound, the usual ±0.05 thresholds)."""
    vader = SentimentIntensityAnalyzer()
    return [label_for(vader.polarity_scores(t)["compound"]) for t in texts]


def report(name: str, posts: list[tuple[str, str, str]], found: list[str]) -> float:
    """Print accuracy, accuracy per kind and the confusion matrix; return the accuracy."""
    right = sum(label == got for (label, _, _), got in zip(posts, found, strict=True))
    accuracy = right / len(posts)
    print(f"\n{name}: accuracy {accuracy:.1%} ({right} of {len(posts)})")
    kinds = Counter(kind for _, kind, _ in posts)
    hits = Counter(kind for (label, kind, _), got in zip(posts, found, strict=True) if label == got)
    print("  per kind: " + ", ".join(f"{k} {hits[k] / n:.0%}" for k, n in sorted(kinds.items())))
    matrix = Counter((label, got) for (label, _, _), got in zip(posts, found, strict=True))
    corner = "truth \\ said"
    print(f"  {corner:>14}" + "".join(f"{g:>10}" for g in LABELS))
    for label in LABELS:
        print(f"  {label:>14}" + "".join(f"{matrix[label, g]:>10}" for g in LABELS))
    return accuracy


def demo_alerts(engine: Engine, folder: Path) -> tuple[int, int, int, bool]:
    """(open alerts, of them praise, of them neutral, planted angry post alerted) on ``engine``."""
    tones: dict[str, str] = json.loads((folder / "truth_tones.json").read_text("utf-8"))
    angry = json.loads((folder / "truth.json").read_text("utf-8"))["angry_post"]["tweet"]
    holder = engine.hold()
    name = unique("sentiment")
    conn = engine.fresh(holder, name)
    try:
        repo = Repository(conn)
        import_path(repo, folder, live_progress=False)
        analyze(repo)
        total = count_alerts(repo, status="open")
        alerts = list_alerts(repo, status="open", first=max(total, 1))
        said = Counter(tones.get((a.post or "").removeprefix("twitter:"), "?") for a in alerts)
        alerted = any((a.post or "") == f"twitter:{angry}" for a in alerts)
        return total, said["positive"], said["neutral"], alerted
    finally:
        conn.close()
        engine.drop(holder, name)
        holder.close()


def main() -> None:
    """Print both measurements."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--customers", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    add_backend_option(parser)
    args = parser.parse_args()

    posts = labelled_posts()
    texts = [text for _, _, text in posts]
    baseline = report("plain VADER 3.3.2 (baseline)", posts, vader_labels(texts))
    ours = report("Rapport (lexicon + VADER + intent rules)", posts, rapport_labels(texts))
    print(f"\naccuracy: {ours:.1%} vs {baseline:.1%} for plain VADER")

    folder = BENCH_OUT / f"demo-{args.customers}-{args.seed}"
    if not (folder / "truth_tones.json").exists():
        generate(folder, customers=args.customers, seed=args.seed)
    rows: dict[str, tuple[int, int, int, bool]] = {}
    for name in chosen(args.backend):
        with tempfile.TemporaryDirectory(prefix="rapport-bench-") as tmp:
            rows[name] = demo_alerts(Engine(name, Path(tmp)), folder)
        total, praise, neutral, alerted = rows[name]
        share = (praise + neutral) / total if total else 0.0
        print(
            f"\ndemo data ({args.customers:,} customers, {Engine(name, Path()).title}): "
            f"{total} open alerts, {praise} on praise and {neutral} on neutral posts = "
            f"{share:.1%} not complaints; planted angry post alerted: {'yes' if alerted else 'NO'}"
        )
    if len(rows) > 1:
        side_by_side(
            "bench_sentiment (demo alerts)",
            [
                ("open alerts", [str(r[0]) for r in rows.values()]),
                ("on praise or neutral posts", [str(r[1] + r[2]) for r in rows.values()]),
                ("planted complaint alerted", ["yes" if r[3] else "NO" for r in rows.values()]),
            ],
            list(rows),
        )


if __name__ == "__main__":
    main()
