"""The knowledge graph, in rooms named for the rule each obeys.

- ``graph.store``: everything that talks to a database (connection, embedded server, Cypher
  loading, repository, schema, reads, writes, projections, derived-edge sync). Only it imports
  the ``neo4j`` driver.
- ``graph.analytics``: pure functions of plain data or a networkx graph (influence, communities,
  campaign seeds, warmth, related products, recommendations, weekly sentiment, alert rules).
- ``graph.answers``: what the API and the CLI ask, built from stored results and the analytics
  (customers, influencers, products, explanations, hand-off brief, activity, search, alert queue).
- ``graph.jobs``: the analyses that write results back (analyze, incremental, raising alerts).
- ``graph.model`` (records), ``graph.settings`` (one settings object), ``graph.errors`` (one root
  error), ``graph.times`` (UTC helpers).

``graph`` imports neither ``importers`` nor ``api`` (DESIGN.md §1); ``tests/test_architecture.py``
checks these rules.
"""
