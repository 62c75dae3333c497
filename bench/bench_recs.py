"""Related products judged on held-out baskets: real point-of-sale baskets and the generated data.

Each data set is split in two (:mod:`graph.analytics.holdout`): the rankings learn on one part
and are judged on the other, side by side in the same run:

- **best sellers**: the shop's most bought products, whatever was bought (the baseline);
- **confidence (before)**: the ranking Rapport used before: confidence first, lift >= 1;
- **Rapport**: significant pairs only (one-sided Fisher exact test, Benjamini-Hochberg false
  discovery rate 5%), ranked by cosine, at most three of the six best sellers before the rest;
- **implicit cosine / BM25** (reference): the item-item models of the ``implicit`` library
  (``pip install -e '.[bench]'``), fit on the same baskets; left out when it is not installed.

Metrics per held-out query (a product of a held-out basket asking for its top k): hit@k,
recall@k, NDCG@k, and hit@k counting only products beyond the six best sellers; over the
catalogue: the best sellers' share of the slots, the share of products listed somewhere, and the
share of listed pairs that are significant. Targets (issue "Answers that hold on real data"):
on the groceries, beyond >= 0.30, hit >= 0.65, best sellers <= 40% of slots, coverage >= 60%,
every pair significant.

Data: ``tests/data/groceries/groceries.csv`` (9,835 real baskets of 169 products, the arules
``Groceries`` set; see the README there) with a random 80/20 split and four more seeds; the
generated data (``--customers``), whose baskets are random draws plus the planted green shirt
with socks and tie, split at random and by time. Last, the time the related stage's
computation takes on all the generated baskets, before and now.

    .venv/bin/python bench/bench_recs.py [--customers 100000] [--seed 7] [--k 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.analytics import holdout, related
from graph.jobs.evaluate import Evaluation, Split, evaluate_recs
from importers.generate import REFERENCE_NOW, build_world
from importers.generate import orders as generated_orders
from importers.generate.world import rng_for
from importers.readers.baskets import read_baskets

GROCERIES = ROOT / "tests" / "data" / "groceries" / "groceries.csv"


def implicit_rankings() -> dict[str, holdout.Ranking]:
    """The ``implicit`` library's item-item models as rankings, or none when not installed."""
    try:
        import numpy as np
        from implicit.nearest_neighbours import BM25Recommender, CosineRecommender
        from scipy.sparse import csr_matrix
    except ImportError:
        print("(implicit is not installed: pip install -e '.[bench]' for the reference rows)")
        return {}

    def ranking(model_class: type) -> holdout.Ranking:
        def rank(baskets: Sequence[holdout.Basket], k: int) -> dict[str, list[str]]:
            products = sorted({p for b in baskets for p in b})
            index = {p: i for i, p in enumerate(products)}
            rows, cols = [], []
            for r, basket in enumerate(baskets):
                for p in set(basket):
                    rows.append(r)
                    cols.append(index[p])
            matrix = csr_matrix(
                (np.ones(len(rows), dtype=np.float32), (rows, cols)),
                shape=(len(baskets), len(products)),
            )
            model = model_class(K=max(50, k + 1))
            model.fit(matrix, show_progress=False)
            ids, scores = model.similar_items(np.arange(len(products)), N=k + 1)
            return {
                p: [products[j] for j, s in zip(ids[i], scores[i], strict=True)
                    if j != i and s > 0][:k]
                for i, p in enumerate(products)
            }  # fmt: skip

        return rank

    return {
        "implicit cosine": ranking(CosineRecommender),
        "implicit BM25": ranking(BM25Recommender),
    }


def table(title: str, found: Evaluation, seconds: float) -> None:
    print(f"\n{title}: {found.baskets:,} baskets, learnt on {found.learn:,}, judged on "
          f"{found.judge:,} ({found.split.value} split, {seconds:.1f} s)")  # fmt: skip
    print(f"  best sellers: {', '.join(found.best_sellers)}")
    k, top = found.k, found.top
    print(f"  {'ranking':<22}{'hit@' + str(k):>8}{'recall':>8}{'NDCG':>8}{f'beyond{top}':>9}"
          f"{'best':>7}{'cover':>7}{'signif':>8}")  # fmt: skip
    for s in found.scores:
        print(f"  {s.name:<22}{s.hit:8.3f}{s.recall:8.3f}{s.ndcg:8.3f}{s.beyond:9.3f}"
              f"{s.best_seller_share:7.0%}{s.coverage:7.0%}{s.significant:8.0%}")  # fmt: skip


def run(
    title: str,
    dated: Sequence[tuple[datetime | None, Sequence[str]]],
    rankings: dict[str, holdout.Ranking],
    *,
    k: int,
    split: Split = Split.random,
) -> Evaluation:
    started = time.perf_counter()
    found = evaluate_recs(dated, rankings=rankings, k=k, split=split)
    table(title, found, time.perf_counter() - started)
    return found


def generated(customers: int, seed: int) -> list[tuple[datetime, list[str]]]:
    world = build_world(customers=customers, seed=seed, now=int(REFERENCE_NOW.timestamp()))
    made = generated_orders.make_orders(world, rng_for(seed, "orders"))
    skus = [p.sku for p in world.catalog.products]
    return [(datetime.fromtimestamp(o.ts, UTC), [skus[i] for i, _ in o.items]) for o in made]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--k", type=int, default=5)
    args = parser.parse_args()
    warnings.filterwarnings("ignore", module="implicit")  # its notes on matrix formats
    rankings = {**holdout.RANKINGS, **implicit_rankings()}

    groceries = [(None, b) for b in read_baskets(GROCERIES)]
    first = run("groceries (real point-of-sale baskets)", groceries, rankings, k=args.k)
    others = [
        evaluate_recs(groceries, k=args.k, seed=s, rankings=holdout.RANKINGS) for s in (1, 2, 3, 4)
    ]
    print("\n  Rapport over five random splits (seeds 7, 1, 2, 3, 4): mean / worst")
    runs = [first, *others]
    for label, attr, worst in (
        ("hit", "hit", min), ("beyond", "beyond", min), ("best sellers", "best_seller_share", max),
        ("coverage", "coverage", min), ("significant", "significant", min),
    ):  # fmt: skip
        values = [getattr(next(s for s in r.scores if s.name == "Rapport"), attr) for r in runs]
        print(f"  {label:<14}{statistics.mean(values):7.3f} / {worst(values):.3f}")

    dated = generated(args.customers, args.seed)
    run(f"generated ({args.customers:,} customers)", dated, rankings, k=args.k)
    run(f"generated ({args.customers:,} customers)", dated, rankings, k=args.k, split=Split.time)
    stage_time([b for _, b in dated], args.customers)


def stage_time(baskets: list[list[str]], customers: int) -> None:
    """The related stage's computation on every basket, before and now (best of three); the
    stage's reads and writes are the same statements for both."""
    print(f"\nrelated-products computation on {len(baskets):,} baskets ({customers:,} customers)")
    rankings: dict[str, Callable[[], list[related.Rule]]] = {
        "confidence (before)": lambda: related.association_rules(
            baskets, max_q=1.0, min_support=0.0005
        ),
        "Rapport": lambda: related.association_rules(baskets),
    }
    for name, compute in rankings.items():
        times = []
        for _ in range(3):
            started = time.perf_counter()
            rules = compute()
            times.append(time.perf_counter() - started)
        print(f"  {name:<22}{min(times):6.2f} s  {len(rules):,} rules")


if __name__ == "__main__":
    main()
