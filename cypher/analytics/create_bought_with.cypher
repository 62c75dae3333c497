// Purpose: create BOUGHT_WITH edges that the graph does not hold yet (`rapport analyze`; their absence was
// just checked, and CREATE is several times faster than MERGE on ArcadeDB). The properties are
// given in the pattern, a third faster on ArcadeDB than `SET r = row.props`; a null one is not
// stored (as SET leaves it out), and tests/cypher checks the list against the record's fields.
// Parameters: $rows: list of {start: Product id, ends: list of {end: Product id, props: map}}
// (edges grouped by their start, which is looked up once: graph/store/derived.py).
// Returns: written (edges created).
UNWIND $rows AS src
MATCH (a:Product {id: src.start})
UNWIND src.ends AS row
MATCH (b:Product {id: row.end})
CREATE (a)-[r:BOUGHT_WITH {source: row.props.source, computedAt: row.props.computedAt,
  support: row.props.support, confidence: row.props.confidence, lift: row.props.lift,
  count: row.props.count, score: row.props.score, pValue: row.props.pValue,
  qValue: row.props.qValue, rank: row.props.rank, digest: row.props.digest}]->(b)
RETURN count(r) AS written
