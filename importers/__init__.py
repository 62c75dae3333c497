"""Sources -> records -> graph: file formats, NLP enrichment, identity resolution, generator."""
