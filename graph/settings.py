"""Every setting in one object, read from ``RAPPORT_*`` environment variables.

Secrets print masked. Use :func:`get_settings` for the process-wide instance, or build a
``Settings(...)`` explicitly (tests, batch jobs) and pass it down.
"""

from __future__ import annotations

import re
from datetime import timedelta
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from graph.analytics.alert_rules import AlertPolicy
from graph.analytics.warmth import WarmthParams
from graph.errors import ConfigError, UnknownUriScheme

EMBEDDED = "embedded"
LOCAL_NEO4J = "local-neo4j"
NEO4J_SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")
_DB_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,62}$")


class Settings(BaseSettings):
    """Rapport's configuration. Each field is ``RAPPORT_<FIELD>`` in the environment."""

    model_config = SettingsConfigDict(env_prefix="RAPPORT_", extra="ignore", frozen=True)

    db_uri: str = Field(
        default=EMBEDDED,
        description="`embedded` (default), `local-neo4j` (a Neo4j Community server Rapport "
        "runs itself) or a Neo4j URI such as neo4j://host:7687.",
    )
    db_user: str | None = Field(
        default=None, description="Database user; `root` on embedded, `neo4j` otherwise."
    )
    db_password: SecretStr | None = Field(
        default=None,
        description="Database password; embedded generates one in the data dir.",
    )
    db_name: str | None = Field(
        default=None,
        description="Database name; default `rapport` on embedded (created on first use), "
        "`neo4j` on Neo4j (Community has that one user database).",
    )
    data_dir: Path = Field(default=Path(".rapport"), description="Where embedded data lives.")
    batch_size: int = Field(default=5000, ge=1, le=100_000, description="Rows per write batch.")
    batch_bytes: int = Field(
        default=4 * 1024 * 1024,
        ge=64 * 1024,
        le=12 * 1024 * 1024,
        description="Largest write batch in bytes (ArcadeDB drops Bolt messages over 16 MiB).",
    )
    import_checkpoint_seconds: float = Field(
        default=10.0,
        ge=0,
        le=3600,
        description="Least seconds between two checkpoints of an import: at most what an "
        "interrupted import redoes when resumed (each checkpoint waits for every write before it).",
    )
    tx_timeout: float = Field(
        default=120.0, gt=0, description="Seconds a database transaction may run."
    )
    write_retries: int = Field(
        default=8, ge=0, le=100, description="Extra attempts for a batch that conflicts."
    )
    embedded_heap: str = Field(default="4g", description="JVM heap of the embedded server.")
    embedded_start_timeout: float = Field(
        default=120.0, gt=0, description="Seconds to wait for the embedded server to start."
    )
    embedded_idle_grace: float = Field(
        default=2.0,
        ge=0,
        description="Seconds an unpinned embedded server lingers after its last client.",
    )
    neo4j_version: str = Field(
        default="5.26.30",
        pattern=r"^\d+\.\d+\.\d+$",
        description="Neo4j Community version the local Neo4j resolves from Maven Central.",
    )
    embedded_bolt_port: int = Field(
        default=0,
        ge=0,
        le=65535,
        description="Bolt port of the embedded server (0: any free). Fix it to keep Neo4j "
        "Browser's saved connection across restarts (`rapport browser`).",
    )
    browser_port: int = Field(
        default=7476,
        ge=1,
        le=65535,
        description="Port `rapport browser` serves Neo4j Browser and the Rapport kit on.",
    )
    neo4j_bolt_port: int = Field(
        default=7687, ge=0, le=65535, description="Bolt port of the local Neo4j (0: any free)."
    )
    neo4j_http_port: int = Field(
        default=7474,
        ge=0,
        le=65535,
        description="HTTP port of the local Neo4j, where Neo4j Browser is served (0: any free).",
    )
    neo4j_heap: str = Field(
        default="1g", pattern=r"^\d+[kmgKMG]$", description="JVM heap of the local Neo4j."
    )
    neo4j_apoc: bool = Field(
        default=False,
        description="Load APOC Core into the local Neo4j (resolved from Maven Central on first "
        "start): for tools that need it, such as @neo4j/graphql (make bench-peer).",
    )
    neo4j_gds: bool = Field(
        default=False,
        description="Load Graph Data Science Community 2.13 into the local Neo4j (resolved from "
        "Maven Central on first start), for RAPPORT_ANALYZE_IN_DATABASE.",
    )
    analyze_in_database: bool = Field(
        default=False,
        description="Run PageRank and Louvain inside the connected Neo4j with Graph Data Science "
        "(gds.pageRank.write, gds.louvain.write) instead of in this process: for a graph too "
        "big for one Python process. Needs Neo4j with GDS (RAPPORT_NEO4J_GDS for the local one).",
    )
    neo4j_start_timeout: float = Field(
        default=180.0, gt=0, description="Seconds to wait for the local Neo4j to start."
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "WARNING"
    brand_handles: str = Field(
        default="twitter:rapportshop",
        description="Our brand accounts, comma-separated `platform:handle`.",
    )
    signature_pattern: str = Field(
        default=r"\^([A-Z]{2,3})\s*$",
        description="Regex whose group 1 is the signature closing a brand reply (e.g. ^AB).",
    )
    phone_region: str | None = Field(
        default=None,
        pattern=r"^[A-Za-z]{2}$",
        description="Country (ISO code, e.g. FR) of phone numbers written without +country.",
    )
    import_max_rejected: float = Field(
        default=0.5,
        ge=0.0,
        le=1.0,
        description="An import whose rejected records exceed this share of those read (or that "
        "imports nothing) exits with status 1.",
    )
    nlp_model: str | None = Field(
        default=None,
        description="spaCy model for enrichment; default: en_core_web_sm when installed, "
        "else rules on a blank pipeline.",
    )

    alert_threshold: float = Field(
        default=-0.3,
        ge=-1.0,
        le=1.0,
        description="A post about us at or below this sentiment raises an alert.",
    )
    alert_sla_urgent_hours: float = Field(
        default=4.0, gt=0, description="Hours to answer an alert of severity >= the urgent level."
    )
    alert_sla_hours: float = Field(default=24.0, gt=0, description="Hours to answer other alerts.")
    alert_urgent_at: float = Field(
        default=0.7, ge=0.0, le=1.0, description="Severity from which an alert is urgent."
    )
    on_duty_team: str = Field(
        default="care",
        min_length=1,
        description="Team that gets an alert when no employee knows its author.",
    )
    warmth_half_life_days: float = Field(
        default=90.0, gt=0, description="Days after which a contact counts half in warmth."
    )
    # 0 by default: the significance test (with its false discovery rate) and three baskets at
    # least decide; a support floor only hid the rarer products' real partners (bench_recs).
    min_support: float = Field(
        default=0.0,
        ge=0.0,
        le=1.0,
        description="Smallest share of purchases a product pair needs to become BOUGHT_WITH "
        "(besides 3 baskets and a significant Fisher test).",
    )

    api_max_depth: int = Field(
        default=10, ge=2, le=100, description="Deepest GraphQL query served."
    )
    api_tx_timeout: float = Field(
        default=15.0, gt=0, description="Seconds a database transaction of an API request may run."
    )
    api_max_page: int = Field(
        default=100, ge=1, le=1000, description="Most items one GraphQL list field returns."
    )
    api_max_aliases: int = Field(
        default=30, ge=1, le=1000, description="Most aliases one GraphQL query may use."
    )
    api_max_cost: int = Field(
        default=50_000,
        ge=100,
        description="Most objects one GraphQL query may visit (lists count as many as `first`).",
    )
    api_max_body: int = Field(
        default=1024 * 1024, ge=1024, description="Largest request body the API reads, in bytes."
    )
    api_request_timeout: float = Field(
        default=30.0, gt=0, description="Seconds an API request may take before it is stopped."
    )
    api_rate_limit: float = Field(
        default=0.0,
        ge=0,
        description="Requests a second each API key may send on average (bursts of twice "
        "that); 0: no limit.",
    )
    api_max_tokens: int = Field(
        default=2000, ge=50, description="Longest GraphQL document (in tokens) parsed."
    )
    api_introspection: bool = Field(
        default=True, description="Answer GraphQL introspection (switch off in production)."
    )
    api_graphiql: bool = Field(default=True, description="Serve the GraphiQL IDE at /graphql.")
    webhook_retries: int = Field(
        default=5,
        ge=0,
        le=20,
        description="Attempts after the first before a webhook delivery becomes a dead letter.",
    )
    webhook_backoff: float = Field(
        default=1.0,
        gt=0,
        description="Seconds before the first retry of a webhook delivery; doubled each time.",
    )
    webhook_timeout: float = Field(
        default=5.0, gt=0, description="Seconds a webhook receiver has to answer."
    )
    webhook_warmth_threshold: float = Field(
        default=70.0,
        ge=0,
        le=100,
        description="The warmth (0-100) whose crossing, either way, an analysis reports to "
        "webhooks as warmth.crossed.",
    )
    webhook_top_k: int = Field(
        default=10,
        ge=1,
        le=1000,
        description="How many top influencers an analysis watches: a customer entering them is "
        "reported to webhooks as influencer.entered.",
    )
    x_consumer_secret: SecretStr | None = Field(
        default=None,
        description="The X app's consumer secret: checks the CRC and signatures of /hooks/x "
        "(unset: the endpoint answers 503).",
    )
    shopify_webhook_secret: SecretStr | None = Field(
        default=None,
        description="The Shopify app's webhook secret: checks the X-Shopify-Hmac-Sha256 of "
        "/hooks/shopify (unset: the endpoint answers 503).",
    )
    shopify_store: str | None = Field(
        default=None,
        description="The store name order webhooks key purchases by (shopify:<store>:#1001): "
        "give the same name as `rapport import --store` gives this shop's exports, so an order "
        "pushed and exported is one purchase (unset: the default store, as without --store).",
    )
    api_workers: int = Field(
        default=1,
        ge=1,
        le=64,
        description="Processes serving the API (`rapport serve --workers`). Each holds 1/n of "
        "every key's rate limit, so the limit stays what RAPPORT_API_RATE_LIMIT says.",
    )
    api_event_poll: float = Field(
        default=0.5,
        gt=0,
        le=60,
        description="Seconds between two reads of the alert outbox (how soon subscribers hear of "
        "alerts another process raised or changed).",
    )
    api_cors_origins: str = Field(
        default="",
        description="Browser origins allowed to call the API, comma-separated (none by default).",
    )
    api_auth: bool = Field(
        default=True, description="Require an API key (X-API-Key header) on every GraphQL request."
    )

    @field_validator("db_name")
    @classmethod
    def _db_name_is_safe(cls, value: str | None) -> str | None:
        if value is not None and not _DB_NAME.match(value):
            raise ValueError(
                "must start with a letter and hold only letters, digits, '_' or '-' "
                "(at most 63 characters)"
            )
        return value

    @field_validator("db_uri")
    @classmethod
    def _uri_scheme_is_known(cls, value: str) -> str:
        value = value.strip()
        if value in (EMBEDDED, LOCAL_NEO4J):
            return value
        scheme = value.split("://", 1)[0].lower() if "://" in value else ""
        if scheme not in NEO4J_SCHEMES:
            raise ValueError(
                f"unknown scheme in {value!r}: use `embedded`, `local-neo4j` or one of "
                + ", ".join(f"{s}://" for s in NEO4J_SCHEMES)
            )
        return value

    @field_validator("signature_pattern")
    @classmethod
    def _signature_is_a_regex(cls, value: str) -> str:
        try:
            compiled = re.compile(value)
        except re.error as exc:
            raise ValueError(f"not a regular expression: {exc}") from None
        if compiled.groups < 1:
            raise ValueError("needs a group capturing the signature, e.g. \\^([A-Z]{2,3})\\s*$")
        return value

    @property
    def brand_accounts(self) -> tuple[str, ...]:
        """Our brand accounts' ids (``platform:handle``, lower-cased)."""
        items = (part.strip().lower().lstrip("@") for part in self.brand_handles.split(","))
        return tuple(item if ":" in item else f"twitter:{item}" for item in items if item)

    @property
    def alert_policy(self) -> AlertPolicy:
        """When to alert and how fast to answer, from the ``RAPPORT_ALERT_*`` settings."""
        return AlertPolicy(
            threshold=self.alert_threshold,
            sla_urgent=timedelta(hours=self.alert_sla_urgent_hours),
            sla_normal=timedelta(hours=self.alert_sla_hours),
            urgent_at=self.alert_urgent_at,
        )

    @property
    def warmth_params(self) -> WarmthParams:
        """How warmth is computed, from the ``RAPPORT_WARMTH_*`` settings."""
        return WarmthParams(half_life_days=self.warmth_half_life_days)

    @property
    def is_embedded(self) -> bool:
        """True when Rapport runs its own ArcadeDB instead of connecting to Neo4j."""
        return self.db_uri == EMBEDDED

    @property
    def is_local_neo4j(self) -> bool:
        """True when Rapport runs a Neo4j Community server of its own (``local-neo4j``)."""
        return self.db_uri == LOCAL_NEO4J

    @property
    def database(self) -> str:
        """The database to use: ``RAPPORT_DB_NAME``, else ``rapport`` (embedded) or ``neo4j``.

        >>> load_settings().database, load_settings(db_uri="local-neo4j").database
        ('rapport', 'neo4j')
        """
        if self.db_name:
            return self.db_name
        return "rapport" if self.is_embedded else "neo4j"

    @property
    def user(self) -> str:
        """The database user, defaulted per backend."""
        if self.db_user:
            return self.db_user
        return "root" if self.is_embedded else "neo4j"


def load_settings(**overrides: object) -> Settings:
    """Build settings from the environment plus ``overrides``, as a :class:`ConfigError`.

    >>> load_settings(db_name="shop").database
    'shop'
    """
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            field = ".".join(str(p) for p in err["loc"]) or "settings"
            problems.append(f"RAPPORT_{field.upper()}: {err['msg']}")
        kind = UnknownUriScheme if any("scheme" in p for p in problems) else ConfigError
        raise kind(
            "invalid configuration: " + "; ".join(problems),
            hint="fix the environment variable(s) named above; see README § Configuration",
        ) from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return load_settings()
