"""Jobs: the analyses that compute and write results back.

``analyze`` runs the stages of ``rapport analyze`` (full or incremental), ``incremental`` finds
what changed since the last run, ``raise_alerts`` raises, answers and re-scores alerts.
"""
