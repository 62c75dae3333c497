"""The planted truths, as returned by ``generate()`` and written to ``truth.json``."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class TopInfluencer:
    """The customer whose green-shirt praise converted many followers."""

    customer: str
    handle: str
    product: str
    praise_tweet: str
    praised_at: str
    converted_followers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class WarmestEmployee:
    """The employee with the warmest relationship with ``customer``, and the runner-up."""

    customer: str
    employee: str
    runner_up: str


@dataclass(frozen=True, slots=True)
class Complements:
    """The two products most bought with ``product``, strongest first."""

    product: str
    top_two: tuple[str, str]


@dataclass(frozen=True, slots=True)
class AngryPost:
    """A recent, strongly negative, unanswered post by an influential customer."""

    tweet: str
    customer: str
    handle: str
    product: str
    assignee: str


@dataclass(frozen=True, slots=True)
class Truth:
    """What the analytics must find in a generated dataset."""

    seed: int
    customers: int
    now: str
    brand_handle: str
    top_influencer: TopInfluencer
    warmest_employee: WarmestEmployee
    complements: Complements
    angry_post: AngryPost

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (tuples become lists)."""
        return json.loads(json.dumps(asdict(self)))  # type: ignore[no-any-return]

    def write(self, path: Path) -> None:
        """Write ``truth.json`` (indented, stable key order)."""
        path.write_text(json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n", "utf-8")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Truth:
        """The inverse of :meth:`to_dict`."""
        inf, comp = data["top_influencer"], data["complements"]
        return cls(
            seed=data["seed"],
            customers=data["customers"],
            now=data["now"],
            brand_handle=data["brand_handle"],
            top_influencer=TopInfluencer(
                **{**inf, "converted_followers": tuple(inf["converted_followers"])}
            ),
            warmest_employee=WarmestEmployee(**data["warmest_employee"]),
            complements=Complements(comp["product"], (comp["top_two"][0], comp["top_two"][1])),
            angry_post=AngryPost(**data["angry_post"]),
        )

    @classmethod
    def load(cls, path: Path) -> Truth:
        """Read a ``truth.json``."""
        return cls.from_dict(json.loads(path.read_text("utf-8")))
