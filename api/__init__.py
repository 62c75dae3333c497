"""Every way into Rapport: the `rapport` command line (and, later, GraphQL and the explorer)."""
