"""Baskets from a file: one basket per line, its products as the cells of an RFC 4180 CSV row.

The layout of the public point-of-sale basket sets (the ``Groceries`` data of the R package
``arules``, the "market basket" files of many tutorials): no header, as many cells as products,
cells trimmed, blank cells ignored. ``rapport evaluate recs --file`` reads it.
"""

from __future__ import annotations

import csv
from pathlib import Path


def read_baskets(path: Path, *, encoding: str = "utf-8") -> list[list[str]]:
    """The baskets of ``path``, in file order (lines without a product are left out).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     f = Path(d) / "b.csv"
    ...     _ = f.write_text('milk, bread\\n\\n"eggs, large",milk,\\n', encoding="utf-8")
    ...     read_baskets(f)
    [['milk', 'bread'], ['eggs, large', 'milk']]
    """
    with path.open(encoding=encoding, newline="") as handle:
        rows = ([cell.strip() for cell in row if cell.strip()] for row in csv.reader(handle))
        return [row for row in rows if row]
