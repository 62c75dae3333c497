"""API keys and roles: created, listed and revoked by ``rapport keys``, checked on every request."""
