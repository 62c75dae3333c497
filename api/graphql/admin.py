"""Administration: recomputing the analytics (admin key)."""

from __future__ import annotations

import strawberry

from api.graphql.context import AnyInfo, repo
from api.graphql.loaders import off_loop
from graph.errors import ConfigError
from graph.jobs.analyze import analyze
from graph.jobs.incremental import last_run
from graph.store.repository import Repository


@strawberry.type(description="How one stage of an analysis went.")
class StageResult:
    name: str
    seconds: float
    written: int
    removed: int


@strawberry.type(name="Mutation")
class AdminMutation:
    @strawberry.mutation(
        description="Recompute the analytics (admin): everything, or incrementally what the "
        "events since the last run touch."
    )
    async def recompute_analytics(
        self, info: AnyInfo, incremental: bool = False
    ) -> list[StageResult]:
        info.context.require("admin")
        r = repo(info)
        since = last_run(r.settings, r.connection.database) if incremental else None
        if incremental and since is None:
            raise ConfigError(
                "no earlier analysis of this database to continue from",
                hint="run a full recomputeAnalytics first",
            )
        # An analysis runs for minutes on a large graph: the default transaction timeout, not
        # the API's.
        report = await off_loop(analyze, Repository(r.connection), since=since)
        return [
            StageResult(name=st.name, seconds=round(st.seconds, 3), written=st.written,
                        removed=st.removed)
            for st in report.stages
        ]  # fmt: skip
