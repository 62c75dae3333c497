"""The Neo4j Browser kit: the saved queries in ``cypher/browser/``, the ``rapport.grass`` style, and
a Browser guide (``:play``) built from the queries' own headers, so each query has one home."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

KIT = Path(__file__).resolve().parents[2] / "cypher" / "browser"
STYLE = KIT / "rapport.grass"

#: The order a marketer meets the queries in the guide (any other kit file comes after).
ORDER = (
    "top_influencers", "product_influencers", "topic_influencers", "influence_neighbourhood",
    "communities", "community_bridges", "influence_path", "campaign_seeds", "warmth_map",
    "complaint_hotspots", "follower_network", "customer_neighbourhood",
)  # fmt: skip

_PARAM = re.compile(r"`(:param [^`]+)`")


@dataclass(frozen=True, slots=True)
class KitQuery:
    """One saved query: its name, what it shows, its parameters and the statement."""

    name: str
    purpose: str
    parameters: str
    returns: str
    params: tuple[str, ...]
    statement: str

    @property
    def title(self) -> str:
        """A heading made from the file name.

        >>> KitQuery("top_influencers", "", "", "", (), "").title
        'Top influencers'
        """
        return self.name.replace("_", " ").capitalize()


def parse(path: Path) -> KitQuery:
    """A kit file's header (Purpose, Parameters, Returns) and statement.

    >>> q = parse(KIT / "top_influencers.cypher")
    >>> q.params
    (':param limit => 10', ':param audience => 15')
    >>> q.statement.splitlines()[0]
    'UNWIND range(1, $limit) AS wanted'
    """
    sections: dict[str, list[str]] = {"Purpose": [], "Parameters": [], "Returns": []}
    current = "Purpose"
    body: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("//"):
            body.append(line)
            continue
        text = line[2:].strip()
        head, _, rest = text.partition(":")
        if head in sections:
            current, text = head, rest.strip()
        sections[current].append(text)
    purpose = " ".join(sections["Purpose"]).removeprefix("Neo4j Browser - ")
    parameters = " ".join(sections["Parameters"])
    return KitQuery(
        name=path.stem,
        purpose=purpose,
        parameters=parameters,
        returns=" ".join(sections["Returns"]),
        params=tuple(_PARAM.findall(parameters)),
        statement="\n".join(body).strip(),
    )


def queries() -> list[KitQuery]:
    """Every kit query, in the guide's order."""
    rank = {name: i for i, name in enumerate(ORDER)}
    paths = sorted(KIT.glob("*.cypher"), key=lambda p: (rank.get(p.stem, len(ORDER)), p.stem))
    return [parse(p) for p in paths]


def _code(text: str) -> str:
    return f'<pre class="pre-scrollable code runnable">{html.escape(text)}</pre>'


def guide(style_url: str, examples: dict[str, str] | None = None) -> str:
    """The Browser guide, one slide per query: what it shows, its ``:param`` lines and the
    statement, each runnable with a click. ``examples`` replaces a parameter's example value
    (``{"id": "'c000089'"}``) with one from the connected graph.

    >>> page = guide("http://localhost:7476/rapport/rapport.grass", {"limit": "5"})
    >>> page.count("<slide") == len(queries()) + 1, ":param limit =&gt; 5" in page
    (True, True)
    """
    examples = examples or {}

    def param(line: str) -> str:
        name = line.split()[1]
        return f":param {name} => {examples[name]}" if name in examples else line

    slides = [
        "<h3>Rapport for marketers</h3>"
        "<p>Who influences whom, who sold a product, where the complaints are. Each slide is one "
        "saved query from Rapport's kit: click a grey block to put it in the editor, then run it "
        "(Ctrl+Enter). Set the parameters first (the <code>:param</code> blocks).</p>"
        "<p>First load Rapport's style: labels in colour, customers captioned by name, "
        "<code>INFLUENCES</code> and <code>RAPPORT</code> drawn wide.</p>"
        + _code(f":style {style_url}")
        + "<p>Node size by influence and colour by community are not possible in a Browser "
        "style (it styles by label and type only): the Rapport Explorer at <code>/explore</code> "
        "of <code>rapport serve</code> draws them. Influence, rank and community are properties "
        "on every <code>Customer</code>: click a node to see them.</p>"
    ]
    for q in queries():
        parts = [f"<h3>{html.escape(q.title)}</h3>", f"<p>{html.escape(q.purpose)}</p>"]
        if q.params:
            parts.append(_code("\n".join(param(p) for p in q.params)))
        parts.append(_code(q.statement))
        parts.append(f'<p class="muted"><b>Returns</b>: {html.escape(q.returns)}</p>')
        slides.append("".join(parts))
    body = "".join(f'<slide class="row-fluid"><div class="col-sm-12">{s}</div></slide>'
                   for s in slides)  # fmt: skip
    return (
        f'<article class="guide"><carousel class="deck container-fluid">{body}</carousel></article>'
    )
