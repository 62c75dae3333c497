"""Database servers Rapport runs itself: the embedded ArcadeDB and a local Neo4j.

Both follow one life (:mod:`~graph.store.servers.lifecycle`): the first ``rapport`` process that
needs the server starts it in a process of its own, others join it through the port file of its
data dir (:mod:`~graph.store.servers.datadir`), each holding a lease; the last one out stops it
unless ``rapport db start`` / ``rapport neo4j start`` pinned it. No JVM outlives its clients.
"""
