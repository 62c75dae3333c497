"""Neo4j Browser for Rapport: its kit (the saved queries of ``cypher/browser/``, a style and a
guide built from them) and `rapport browser`, which serves Neo4j Browser for the embedded engine."""
