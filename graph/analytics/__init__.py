"""Pure analytics: functions of plain data or a networkx graph, no database and no settings.

One analytic per module: ``influence`` (evidence, conversions, PageRank, paths), ``communities``
(Louvain), ``campaign`` (CELF seeds), ``warmth`` (employee-customer warmth), ``related``
(co-purchase rules), ``recommend`` (next products with reasons), ``sentiment_trend`` (weekly
sentiment) and ``alert_rules`` (when a post alerts, how severe, who answers, which moves).
"""
