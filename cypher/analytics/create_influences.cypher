// Purpose: create INFLUENCES edges that the graph does not hold yet (`rapport analyze`; their absence was
// just checked, and CREATE is several times faster than MERGE on ArcadeDB). The properties are
// given in the pattern, a third faster on ArcadeDB than `SET r = row.props`; a null one is not
// stored (as SET leaves it out), and tests/cypher checks the list against the record's fields.
// Parameters: $rows: list of {start: Customer id, ends: list of {end: Customer id, props: map}}
// (edges grouped by their start, which is looked up once: graph/store/derived.py).
// Returns: written (edges created).
UNWIND $rows AS src
MATCH (a:Customer {id: src.start})
UNWIND src.ends AS row
MATCH (b:Customer {id: row.end})
CREATE (a)-[r:INFLUENCES {source: row.props.source, computedAt: row.props.computedAt,
  weight: row.props.weight, follows: row.props.follows, replies: row.props.replies,
  reshares: row.props.reshares, quotes: row.props.quotes, mentions: row.props.mentions,
  referrals: row.props.referrals, conversions: row.props.conversions,
  digest: row.props.digest}]->(b)
RETURN count(r) AS written
