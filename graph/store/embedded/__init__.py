"""The embedded database: ArcadeDB with its Bolt plugin, started and shared by Rapport itself.

``datadir`` knows the files in the data dir (password, port file, leases); ``server`` is the
process that hosts the JVM; ``lifecycle`` starts, shares and stops it; ``admin`` creates
databases through the server's HTTP API.
"""
