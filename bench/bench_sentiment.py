"""Sentiment people can trust: judged on human ratings, on labelled shop posts, and by the alerts
it raises.

1. **Human ratings** (the VADER paper's four ground-truth corpora, Hutto & Gilbert, ICWSM 2014:
   4,200 tweets, 3,708 Amazon review sentences, 10,605 movie review snippets, 5,190 NYT editorial
   snippets, each rated by 20 people; ``tests/data/vader/``, MIT licence): Pearson r between
   the score and the mean rating, and class-weighted F1 (the paper's convention: compound >=
   0.05 positive, <= -0.05 negative; the people's class by the sign of the mean), for plain
   VADER 3.3.2 and for Rapport, beside the paper's figures. Then every rule Rapport adds on top
   of the score, switched off one at a time: the labels it fixes and breaks on all four corpora
   and on the shop posts; and how many texts people rated clearly positive (mean >= +1) a rule
   pushes to the alert threshold.
2. **Labelled posts** (``tests/importers/nlp/labelled_posts.tsv``: 329 short posts about a
   clothing shop — praise, complaints, questions, neutral, sarcasm, emoji-only, mixed — each
   labelled by how a person reads it): Rapport's label (lexicon, VADER and the intent rules)
   against plain VADER 3.3.2 (the baseline), measured in the same run: accuracy, accuracy per
   kind, and the confusion matrix.
3. **Alerts on the demo data** (``rapport generate --customers N``, imported and analysed on the
   chosen engine): of the open alerts, the share whose post a person reads as praise or neutral
   (the generator's ``truth_tones.json``), and whether the planted angry post has its alert.

    .venv/bin/python bench/bench_sentiment.py [--customers 2000] [--seed 7] [--no-demo]
                                              [--backend embedded|neo4j|both]

The labelled set was written for this project, and the lexicon tuned while reading the
mistakes it showed: treat its accuracy as a regression figure for this domain, not a general
one.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import statistics
import sys
import tempfile
from collections import Counter
from pathlib import Path

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from bench.engines import Engine, add_backend_option, chosen, side_by_side, unique
from graph.answers.alert_queue import AlertFilter, count_alerts, list_alerts
from graph.jobs.analyze import analyze
from graph.settings import load_settings
from graph.store.repository import Repository
from importers.generate import generate
from importers.nlp import Catalog, analyse, build_pipeline, lexicon
from importers.nlp.intent import COMPLAINT_SCORE, SARCASM_SCORE, classify_intent
from importers.nlp.sentiment import DEFAULT_MAX_CHARS, POSITIVE_AT, head, label_for
from importers.nlp.vader import FastVader
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


VADER_DATA = BENCH.parent / "tests/data/vader"
CORPORA = {  # file, the paper's (r, F1) for VADER (Hutto & Gilbert 2014, table 3)
    "tweets": ("tweets", 0.881, 0.96),
    "Amazon reviews": ("amazonReviewSnippets", 0.565, 0.63),
    "movie reviews": ("movieReviewSnippets", 0.451, 0.61),
    "NYT editorials": ("nytEditorialSnippets", 0.492, 0.55),
}
RULES = ("shop words", "emoji", "sarcasm", "flat complaint")


def rated(name: str) -> list[tuple[float, str]]:
    """(mean human rating -4..4, text) of one ground-truth corpus."""
    found = []
    with gzip.open(VADER_DATA / f"{name}_GroundTruth.txt.gz", "rt", encoding="utf-8",
                   errors="replace") as fh:  # fmt: skip
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3:
                found.append((float(parts[1]), parts[2]))
    return found


def people_class(mean: float) -> str:
    """The people's class of a text: the sign of its mean rating."""
    return "positive" if mean > 0 else "negative" if mean < 0 else "neutral"


def weighted_f1(truth: list[str], said: list[str]) -> float:
    """F1 per class, weighted by how many texts each class holds."""
    total = 0.0
    for label, support in Counter(truth).items():
        pairs = list(zip(truth, said, strict=True))
        tp = sum(t == label and s == label for t, s in pairs)
        fp = sum(t != label and s == label for t, s in pairs)
        fn = sum(t == label and s != label for t, s in pairs)
        total += (2 * tp / (2 * tp + fp + fn) if tp else 0.0) * support / len(truth)
    return total


class Scorer:
    """Rapport's score with any of its rules switched off (for the ablation)."""

    def __init__(self) -> None:
        self._vaders = {
            (w, e): FastVader(
                words=lexicon.WORDS if w else None, emoji=lexicon.EMOJI if e else None
            )
            for w in (False, True) for e in (False, True)
        }  # fmt: skip

    def score(self, text: str, off: frozenset[str] = frozenset()) -> float:
        """The score of ``text`` with the rules in ``off`` switched off."""
        text = head(text, DEFAULT_MAX_CHARS)
        vader = self._vaders["shop words" not in off, "emoji" not in off]
        compound = vader.compound(text) if text.strip() else 0.0
        _, adjusted = classify_intent(text, compound)
        if adjusted == SARCASM_SCORE and compound >= POSITIVE_AT and "sarcasm" in off:
            return compound
        if adjusted == COMPLAINT_SCORE and "flat complaint" in off:
            return compound
        return adjusted

    def plain(self, text: str) -> float:
        """Plain VADER 3.3.2."""
        return self._vaders[False, False].compound(text) if text.strip() else 0.0


def human_ratings(scorer: Scorer, shop: list[tuple[str, str, str]]) -> None:
    """Print part 1: the corpora side by side, then the rules' ablation."""
    print(f"{'corpus':<16}{'texts':>7}  {'paper r / F1':>13}  {'VADER 3.3.2':>13}  {'Rapport':>13}")
    texts: dict[str, list[tuple[str, str, float | None]]] = {}
    threshold = load_settings().alert_threshold
    alarmed = [0, 0, 0]  # plain VADER, Rapport, texts rated clearly positive
    for title, (name, r_paper, f1_paper) in CORPORA.items():
        rows = rated(name)
        means = [m for m, _ in rows]
        truth = [people_class(m) for m in means]
        plain = [scorer.plain(t) for _, t in rows]
        ours = [scorer.score(t) for _, t in rows]
        cells = [
            f"{statistics.correlation(means, s):.3f} / "
            f"{weighted_f1(truth, [label_for(x) for x in s]):.3f}"
            for s in (plain, ours)
        ]  # fmt: skip
        print(f"{title:<16}{len(rows):>7,}  {r_paper:.3f} / {f1_paper:.2f}  "
              f"{cells[0]:>13}  {cells[1]:>13}")  # fmt: skip
        texts[title] = [(people_class(m), t, m) for m, t in rows]
        clear = [(p, o) for m, p, o in zip(means, plain, ours, strict=True) if m >= 1]
        alarmed[0] += sum(p <= threshold for p, _ in clear)
        alarmed[1] += sum(o <= threshold for _, o in clear)
        alarmed[2] += len(clear)
    texts["shop posts"] = [(label, text, None) for label, _, text in shop]
    print(f"\nof the {alarmed[2]:,} texts people rated clearly positive (mean >= +1), at or "
          f"below the alert threshold ({threshold}): plain VADER {alarmed[0]}, "
          f"Rapport {alarmed[1]}")  # fmt: skip
    print("\nrules on top of the score (labels fixed / broken when the rule is on):")
    print(f"{'rule':<16}" + "".join(f"{t:>16}" for t in texts) + f"{'pushed to alert':>17}")
    for rule in RULES:
        cells, pushed = [], 0
        for judged in texts.values():
            fixed = broken = 0
            for label, text, mean in judged:
                on, off = scorer.score(text), scorer.score(text, frozenset({rule}))
                fixed += label_for(on) == label != label_for(off)
                broken += label_for(off) == label != label_for(on)
                pushed += mean is not None and mean >= 1 and on <= threshold < off
            cells.append(f"+{fixed} / -{broken}")
        print(f"{rule:<16}" + "".join(f"{c:>16}" for c in cells) + f"{pushed:>17}")


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
        total = count_alerts(repo, AlertFilter(status="open"))
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
    parser.add_argument("--no-demo", action="store_true", help="skip part 3 (no database)")
    add_backend_option(parser)
    args = parser.parse_args()

    posts = labelled_posts()
    human_ratings(Scorer(), posts)
    texts = [text for _, _, text in posts]
    baseline = report("plain VADER 3.3.2 (baseline)", posts, vader_labels(texts))
    ours = report("Rapport (lexicon + VADER + intent rules)", posts, rapport_labels(texts))
    print(f"\naccuracy: {ours:.1%} vs {baseline:.1%} for plain VADER")
    if args.no_demo:
        return

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
