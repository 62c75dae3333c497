"""Sources -> records -> graph.

``formats`` (one module per source format, each declaring its spec; ``registry`` derives the
rest), ``readers`` (CSV, JSON lines, text, dates and values, shared by the formats), ``nlp``
(spaCy components: sentiment, intent, entities), ``identity`` (who owns which social account),
``run`` (running an import: files and folders, enrichment, background writes, checkpoints,
rejects, progress, single live posts), ``directory`` (who is who, read once per import) and
``generate`` (synthetic data with planted truths).
"""
