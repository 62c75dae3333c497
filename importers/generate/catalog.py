"""The product catalog: realistic distinct names, a few brands, curated complements, popularity."""

from __future__ import annotations

import bisect
import itertools
import random
from dataclasses import dataclass, replace

GREEN_SHIRT = "SKU-GRN-SHIRT"
WOOL_SOCKS = "SKU-WOOL-SOCKS"
SILK_TIE = "SKU-SILK-TIE"
PLANTED = (GREEN_SHIRT, WOOL_SOCKS, SILK_TIE)
ANGRY_PRODUCT_NAME = "Oxford Shirt"

BRANDS = ("Rapport Atelier", "Northfield", "Maison Lune", "Harbor & Pine", "Kestrel Supply")


@dataclass(frozen=True, slots=True)
class Product:
    """One catalog entry; prices in cents."""

    idx: int
    sku: str
    name: str
    category: str
    brand: str
    price: int
    tags: tuple[str, ...]
    complements: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Catalog:
    """Products plus the weights random baskets draw from."""

    products: tuple[Product, ...]
    cum_weights: tuple[float, ...]
    popular: tuple[int, ...]  # the most-bought everyday products (indices)

    def draw(self, rng: random.Random) -> int:
        """A product index by popularity (the way random baskets are filled)."""
        return bisect.bisect(self.cum_weights, rng.random() * self.cum_weights[-1])

    def by_sku(self, sku: str) -> Product:
        """The product with this SKU."""
        return next(p for p in self.products if p.sku == sku)


# category -> (noun, styles, price range in euros, tags, complementary categories).
# "Green" is never a shirt style, "Wool" never a sock and "Silk" never a tie, so the planted
# names are never part of another product's name.
CATEGORIES: dict[str, tuple[str, tuple[str, ...], tuple[int, int], str, tuple[str, ...]]] = {
    "shirts": ("Shirt", ("Oxford", "Linen", "Flannel", "Chambray", "Poplin", "Denim", "Corduroy",
               "Seersucker", "Twill", "Striped", "Gingham", "Popover", "Band Collar", "Checked",
               "White", "Navy", "Western", "Work"),
               (39, 89), "cotton;classic", ("ties", "belts", "trousers")),
    "tees": ("Tee", ("Organic", "Pocket", "Heavyweight", "Slub", "Ringer", "Merino", "Breton",
             "Henley", "Graphic", "Long Sleeve", "V-Neck"), (19, 39), "cotton;casual",
             ("jeans", "sneakers")),
    "trousers": ("Trousers", ("Linen", "Chino", "Wool", "Pleated", "Cargo", "Corduroy", "Tailored",
                 "Drawstring", "Cropped", "Flannel"), (59, 129), "tailoring", ("belts", "shirts")),
    "jeans": ("Jeans", ("Slim", "Straight", "Selvedge", "Relaxed", "Tapered", "Raw", "Bootcut",
              "Washed"), (69, 149), "denim;casual", ("belts", "tees")),
    "jackets": ("Jacket", ("Denim", "Field", "Chore", "Harrington", "Bomber", "Quilted", "Waxed",
                "Suede", "Corduroy", "Leather", "Puffer", "Rain"), (119, 299), "outerwear",
                ("scarves", "knitwear")),
    "coats": ("Coat", ("Wool", "Trench", "Pea", "Duffle", "Camel", "Car", "Rain"), (179, 399),
              "outerwear;winter", ("scarves", "hats")),
    "knitwear": ("Sweater", ("Merino", "Cashmere", "Cable Knit", "Fisherman", "Lambswool",
                 "Mohair", "Alpaca", "Crewneck"), (69, 189), "knit;winter", ("shirts", "scarves")),
    "cardigans": ("Cardigan", ("Merino", "Shawl Collar", "Chunky", "Cotton"), (79, 169),
                  "knit", ("tees",)),
    "boots": ("Boots", ("Chelsea", "Chukka", "Desert", "Hiking", "Lace-Up", "Rain"), (139, 259),
              "footwear;leather", ("socks",)),
    "loafers": ("Loafers", ("Suede", "Penny", "Tassel", "Horsebit"), (119, 229),
                "footwear;leather", ("socks",)),
    "sneakers": ("Sneakers", ("Canvas", "Leather", "Suede", "Running", "Retro", "High Top"),
                 (69, 159), "footwear;casual", ("socks",)),
    "belts": ("Belt", ("Leather", "Braided", "Canvas", "Suede", "Reversible", "Woven"), (29, 79),
              "accessories;leather", ("trousers",)),
    "bags": ("Tote", ("Canvas", "Leather", "Waxed", "Market"), (39, 159), "accessories;bags", ()),
    "backpacks": ("Backpack", ("Canvas", "Leather", "Roll-Top", "Daypack"), (79, 189),
                  "accessories;bags", ()),
    "socks": ("Socks", ("Merino", "Cotton", "Cashmere", "Bamboo", "Hiking", "Ribbed", "Ankle",
              "Running", "Striped"), (9, 24), "accessories", ()),
    "ties": ("Tie", ("Knit", "Wool", "Linen", "Paisley", "Striped", "Grenadine", "Polka Dot"),
             (29, 69), "accessories;formal", ()),
    "scarves": ("Scarf", ("Wool", "Cashmere", "Silk", "Linen", "Merino", "Checked"), (29, 119),
                "accessories;winter", ()),
    "hats": ("Beanie", ("Wool", "Ribbed", "Merino", "Cashmere", "Fisherman"), (19, 59),
             "accessories;winter", ()),
    "caps": ("Cap", ("Baseball", "Corduroy", "Linen", "Wool"), (25, 49), "accessories", ()),
    "dresses": ("Dress", ("Linen", "Wrap", "Slip", "Midi", "Knit", "Floral", "Shirt", "Maxi"),
                (69, 179), "womenswear", ("bags",)),
    "skirts": ("Skirt", ("Pleated", "Denim", "Midi", "Wrap", "Linen", "Corduroy"), (49, 119),
               "womenswear", ("bags",)),
    "gloves": ("Gloves", ("Leather", "Wool", "Cashmere"), (35, 89), "accessories;winter", ()),
    "wallets": ("Wallet", ("Leather", "Card", "Zip", "Bifold", "Coin"), (35, 89),
                "accessories;leather", ()),
    "polos": ("Polo", ("Pique", "Knit", "Linen", "Merino", "Striped", "Terry"), (39, 89),
              "cotton;summer", ("shorts",)),
    "shorts": ("Shorts", ("Chino", "Linen", "Denim", "Cargo", "Running", "Pleated"), (39, 79),
               "summer;casual", ("polos", "sneakers")),
    "hoodies": ("Hoodie", ("Zip", "Organic", "Heavyweight", "Fleece"), (59, 109), "casual", ()),
    "blazers": ("Blazer", ("Wool", "Linen", "Unstructured", "Tweed", "Corduroy", "Seersucker"),
                (149, 329), "tailoring", ("shirts", "ties", "trousers")),
    "overshirts": ("Overshirt", ("Wool", "Corduroy", "Canvas", "Quilted"), (79, 149),
                   "outerwear", ("tees",)),
    "sunglasses": ("Sunglasses", ("Aviator", "Round", "Wayfarer", "Cat-Eye"), (59, 149),
                   "accessories;summer", ()),
    "sandals": ("Sandals", ("Leather", "Slide", "Strappy", "Cork"), (49, 119),
                "footwear;summer", ()),
    "pyjamas": ("Pyjamas", ("Flannel", "Cotton", "Linen"), (59, 119), "sleepwear", ()),
}  # fmt: skip

_PLANTED_ROWS = (
    (GREEN_SHIRT, "Green Shirt", "shirts", "Rapport Atelier", 4990,
     "shirt;green;cotton;sustainable", (WOOL_SOCKS, SILK_TIE)),
    (WOOL_SOCKS, "Wool Socks", "socks", "Northfield", 1490, "socks;wool;winter", (GREEN_SHIRT,)),
    (SILK_TIE, "Silk Tie", "ties", "Maison Lune", 3900, "tie;silk;formal", (GREEN_SHIRT,)),
)  # fmt: skip


def _size(n_customers: int) -> int:
    return min(200, max(40, n_customers // 5))


def _candidates(rng: random.Random) -> list[tuple[str, str, str]]:
    """Every (name, category, style) a non-planted product could be, shuffled; Oxford first."""
    rows = [
        (f"{style} {noun}", category, style)
        for category, (noun, styles, *_rest) in CATEGORIES.items()
        for style in styles
    ]
    rng.shuffle(rows)
    rows.sort(key=lambda row: row[0] != ANGRY_PRODUCT_NAME)  # stable: Oxford Shirt first
    return rows


def _product(idx: int, number: int, row: tuple[str, str, str], rng: random.Random) -> Product:
    name, category, style = row
    _noun, _styles, (low, high), tags, _comp = CATEGORIES[category]
    price = rng.randint(low, high) * 100 + rng.choice((0, 0, 90, 50))
    extra = ["sustainable"] if rng.random() < 0.2 else []
    style_tag = style.lower().replace(" ", "-")
    return Product(
        idx=idx,
        sku=f"SKU-{number:05d}",
        name=name,
        category=category,
        brand=rng.choice(BRANDS),
        price=price,
        tags=tuple(dict.fromkeys((category, style_tag, *tags.split(";"), *extra))),
        complements=(),
    )


def _with_complements(products: list[Product], rng: random.Random) -> list[Product]:
    by_category: dict[str, list[str]] = {}
    for p in products:
        if p.sku not in PLANTED:
            by_category.setdefault(p.category, []).append(p.sku)
    result = []
    for p in products:
        if p.sku in PLANTED:
            result.append(p)
            continue
        pool = [sku for cat in CATEGORIES[p.category][4] for sku in by_category.get(cat, [])]
        k = min(len(pool), rng.choice((0, 1, 1, 2)))
        chosen = tuple(sorted(rng.sample(pool, k)))
        result.append(replace(p, complements=chosen))
    return result


def make_catalog(n_customers: int, rng: random.Random) -> Catalog:
    """Planted products first (green shirt, wool socks, silk tie), then ``Oxford Shirt``, etc."""
    products = [
        Product(i, sku, name, cat, brand, price, tuple(tags.split(";")), comp)
        for i, (sku, name, cat, brand, price, tags, comp) in enumerate(_PLANTED_ROWS)
    ]
    for number, row in enumerate(_candidates(rng)[: _size(n_customers) - len(products)], 1):
        products.append(_product(len(products), number, row, rng))
    products = _with_complements(products, rng)
    weights = _popularity(len(products), rng)
    ranked = sorted(range(3, len(products)), key=lambda i: -weights[i])
    return Catalog(
        products=tuple(products),
        cum_weights=tuple(itertools.accumulate(weights)),
        popular=tuple(ranked[:20]),
    )


def _popularity(count: int, rng: random.Random) -> list[float]:
    """Mildly skewed (Zipf, exponent 0.5) weights over everyday products; the planted ones
    stay rare in random baskets (green shirt ~0.08% of draws, socks and tie ~0.25% each)."""
    ranks = list(range(1, count - 2))
    rng.shuffle(ranks)
    everyday = [1.0 / rank**0.5 for rank in ranks]
    total = sum(everyday)
    return [0.0008 * total, 0.0025 * total, 0.0025 * total, *everyday]
