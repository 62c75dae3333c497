"""The knowledge graph: settings, connection, embedded database, schema, model, writes and reads.

``graph`` imports neither ``importers`` nor ``api`` (DESIGN.md §1).
"""
