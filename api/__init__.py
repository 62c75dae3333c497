"""Every way into Rapport: ``cli`` (the ``rapport`` command), ``graphql`` (the API and the app that
serves it) and ``auth`` (API keys and roles)."""
