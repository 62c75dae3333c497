"""The store: the only code that talks to a database, through the official ``neo4j`` driver.

``connection`` opens the one driver (to the embedded ArcadeDB, started by ``embedded``, or to
Neo4j); ``cypher`` loads the named statements of ``cypher/``; ``repository`` runs them (reads,
managed writes, retries); ``schema`` applies constraints and indexes; ``reads`` and ``writes`` are
typed reads and batched upserts; ``projection`` reads what the analytics need; ``derived``
synchronises the edges they compute.
"""
