"""Administration: recomputing the analytics (admin key)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.graphql.common import UserError
from api.graphql.context import AnyInfo, repo
from api.graphql.threads import off_loop
from graph.errors import InvalidInput
from graph.jobs.analyze import analyze
from graph.jobs.incremental import last_run
from graph.store.repository import Repository


@strawberry.type(description="How one stage of an analysis went.")
class StageResult:
    name: str = strawberry.field(description="influence, communities, warmth, related, …")
    seconds: float = strawberry.field(description="How long it took.")
    written: int = strawberry.field(description="Records it wrote (changed ones only).")
    removed: int = strawberry.field(description="Records it removed (their evidence is gone).")


@strawberry.type(description="What recomputeAnalytics did.")
class RecomputeAnalyticsPayload:
    stages: list[StageResult] = strawberry.field(description="Each stage, in the order run.")
    user_errors: list[UserError] = strawberry.field(description="Why nothing was run, if so.")


@strawberry.type(name="Mutation")
class AdminMutation:
    @strawberry.mutation(
        description="Recompute the analytics (admin): everything, or incrementally what the "
        "events since the last run touch."
    )
    async def recompute_analytics(
        self,
        info: AnyInfo,
        incremental: Annotated[
            bool,
            strawberry.argument(
                description="Only what the events since the last run touch (needs a full run "
                "before)."
            ),
        ] = False,
    ) -> RecomputeAnalyticsPayload:
        info.context.require("admin")
        r = repo(info)
        since = last_run(r.settings, r.connection.database) if incremental else None
        if incremental and since is None:
            refused = InvalidInput(
                "no earlier analysis of this database to continue from",
                hint="run a full recomputeAnalytics first",
                field="incremental",
            )
            return RecomputeAnalyticsPayload(stages=[], user_errors=[UserError.of(refused)])
        # An analysis runs for minutes on a large graph: the default transaction timeout, not
        # the API's.
        report = await off_loop(analyze, Repository(r.connection), since=since)
        stages = [
            StageResult(name=st.name, seconds=round(st.seconds, 3), written=st.written,
                        removed=st.removed)
            for st in report.stages
        ]  # fmt: skip
        return RecomputeAnalyticsPayload(stages=stages, user_errors=[])
