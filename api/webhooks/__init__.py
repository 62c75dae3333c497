"""Webhooks: events sent out to subscribers (signed, retried, dead-lettered, logged) and platform
webhooks taken in (an X tweet, through the same ingestion and alerting as everything else)."""
