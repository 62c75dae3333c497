"""Identity resolution against the graph: a candidate a person rejected is never proposed again,
whether every unowned account is looked at or only some."""

from __future__ import annotations

import pytest

from graph import model
from graph.store.repository import Repository
from graph.store.writes import upsert
from importers.identity.store import decide, list_candidates, resolve_identities


@pytest.mark.parametrize("scoped", [False, True], ids=["every account", "these accounts"])
def test_a_rejected_candidate_is_not_proposed_again(graph_repo: Repository, scoped: bool) -> None:
    person, account = f"is-cora-{scoped}", f"twitter:is_cora_{scoped}".lower()
    name = f"Cora Identitytest{'x' if scoped else 'y'}"
    upsert(graph_repo, [
        model.Customer(id=person, name=name),
        # The same name, no city: a candidate (0.7), not an owner.
        model.SocialAccount(id=account, platform="twitter", handle=account.split(":")[1],
                            display_name=name),
    ])  # fmt: skip
    only = [account] if scoped else None
    resolve_identities(graph_repo, only)
    assert (account, person) in {(c.account, c.person) for c in list_candidates(graph_repo)}
    decide(graph_repo, account=account, person=person, confirm=False)
    again = resolve_identities(graph_repo, only)
    assert (account, person) not in {(c.account, c.person) for c in list_candidates(graph_repo)}
    assert again.accounts >= 1  # it was looked at again, and its rejection read
