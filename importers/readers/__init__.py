"""Low-level readers the formats share: text files and encodings, CSV rows, JSON lines, dates and
field values. They know nothing of the graph."""
