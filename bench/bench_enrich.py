"""Enrichment throughput: posts per second through ``importers.nlp.analyse`` on one core.

Builds the blank pipeline (``spacy.blank("en")``, whether or not a model is installed) with a
catalog of 200 products and 20 employees, generates typical tweets (80-280 characters, some
emoji, hashtags, mentions, URLs, product names and SKUs; every sentence says something the
intent rules look for, so this is their busy case) and prints posts/s (target >= 5,000), both
by the wall clock and per CPU second (the same on an idle machine; on a busy one the second is
what one core would do). Also prints how long building the pipeline takes for 5,000 products.

    .venv/bin/python bench/bench_enrich.py [--posts 20000] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import time

from spacy.language import Language

from importers.nlp import Catalog, CatalogEmployee, CatalogProduct, analyse, build_pipeline

COLOURS = ["green", "navy", "red", "black", "sand", "olive", "white", "plum", "rust", "teal"]
KINDS = ["tee", "hoodie", "jacket", "scarf", "sneakers", "jeans", "cap", "dress", "coat", "bag"]
BRANDS = ["Rapport", "Northwind", "Lumen", "Okapi"]
FIRST = ["Eve", "Sam", "Noor", "Lina", "Tom", "Ada", "Ravi", "Mia", "Jon", "Zoe"]
LAST = ["Martin", "Okafor", "Durand", "Novak", "Silva"]
EMOJI = ["😍", "🔥", "😡", "👍🏽", "❤️", "😂", "🙄", "✨", "📦", "🇫🇷"]
TAGS = ["ootd", "fashion", "sale", "fail", "winter", "style", "customerservice", "newin"]
SENTENCES = [
    "Just got my {p} and I love it, best purchase this year!",
    "My {p} ripped after one wash. Really disappointed, I want a refund.",
    "Does the {p} come in XL? Asking for a friend",
    "You should add more colours for the {p}, it would be nice to have plum.",
    "Where can I get the {p} in store? Thinking of buying two.",
    "Order {sku} arrived late and the box was damaged. Never again.",
    "Great, the {p} shrank. Just great.",
    "Thanks {m} for the help with my return, amazing service as always",
    "Not sure about the {p}, the fit is not great on me",
    "Wearing the {p} today, the weather is grey but the colour is not",
]


def catalog(rng: random.Random) -> Catalog:
    """200 products, 20 employees with handles, one brand account."""
    products = tuple(
        CatalogProduct(
            sku=f"SKU-{kind[:3].upper()}-{i:03d}",
            name=f"{colour.title()} {kind.title()} {i}" if i >= 100 else f"{colour} {kind}",
            brand=rng.choice(BRANDS),
        )
        for i, (colour, kind) in enumerate((c, k) for _ in range(2) for c in COLOURS for k in KINDS)
    )
    employees = tuple(
        CatalogEmployee(
            id=f"emp-{i}", name=f"{FIRST[i % 10]} {LAST[i % 5]}", handles=(f"staff_{i}",)
        )
        for i in range(20)
    )
    return Catalog(products=products, employees=employees, brand_handles=("rapportshop",))


def tweet(rng: random.Random, cat: Catalog) -> str:
    """One tweet of 80-280 characters."""
    parts: list[str] = []
    if rng.random() < 0.4:
        parts.append(f"@{rng.choice(['rapportshop', 'staff_3', 'anna_k', 'bobby99'])}")
    while sum(len(p) + 1 for p in parts) < rng.randint(80, 220):
        product = rng.choice(cat.products)
        parts.append(
            rng.choice(SENTENCES).format(
                p=product.name, sku=product.sku.lower(), m=f"@staff_{rng.randrange(20)}"
            )
        )
        if rng.random() < 0.5:
            parts.append(rng.choice(EMOJI) * rng.randint(1, 3))
    parts += [f"#{rng.choice(TAGS)}" for _ in range(rng.randint(0, 3))]
    if rng.random() < 0.2:
        parts.append(f"https://t.co/{rng.randrange(16**8):08x}")
    return " ".join(parts)[:280]


def large_catalog(size: int) -> Catalog:
    """``size`` products with distinct names and SKUs, for the build time."""
    return Catalog(
        products=tuple(
            CatalogProduct(
                sku=f"RP-{i:06d}",
                name=f"{COLOURS[i % 10].title()} {KINDS[i // 10 % 10].title()} Model {i}",
                brand=BRANDS[i % 4],
            )
            for i in range(size)
        )
    )


def throughput(nlp: Language, texts: list[str], brand: list[bool]) -> tuple[float, float]:
    """Posts per wall-clock second and per CPU second of ``analyse`` over ``texts``."""
    started, cpu_started = time.perf_counter(), time.process_time()
    for _ in analyse(nlp, texts, is_brand=brand):
        pass
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    return len(texts) / elapsed, len(texts) / cpu


def main() -> None:
    """Generate the tweets, time ``analyse`` over them, print posts/s."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--posts", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    cat = catalog(rng)
    started = time.perf_counter()
    nlp = build_pipeline(cat, model="blank:en")
    built = time.perf_counter() - started
    started = time.perf_counter()
    build_pipeline(large_catalog(5000), model="blank:en")
    built_large = time.perf_counter() - started
    texts = [tweet(rng, cat) for _ in range(args.posts)]
    brand = [rng.random() < 0.1 for _ in texts]
    print(f"pipeline built in {built * 1000:.0f} ms ({len(cat.products)} products), "
          f"{built_large * 1000:.0f} ms (5,000 products)")  # fmt: skip
    print(f"{len(texts)} posts, mean {sum(map(len, texts)) / len(texts):.0f} characters")
    wall, cpu = throughput(nlp, texts, brand)
    print(f"{wall:,.0f} posts/s (wall clock), {cpu:,.0f} posts per CPU second, one thread")


if __name__ == "__main__":
    main()
