"""Running an import: ``files`` (a file or a folder, then the follow-up passes), ``runner`` (one
file: rejects, checkpoints, progress), ``background`` (writes overlapping parsing),
``enrichment`` (NLP results turned into properties and edges), ``live`` (one post now),
``checkpoint``, ``rejects`` and ``progress``."""
