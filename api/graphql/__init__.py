"""The GraphQL API (Strawberry, code-first) and the FastAPI app that serves it.

One module per domain, with its types and resolvers: ``customers``, ``employees``, ``products``,
``activity``, ``social``, ``alerts``, ``admin``; merged in ``schema`` with the limits. ``app`` is
the HTTP app, ``context`` and ``loaders`` what resolvers get, ``refs`` the lazy links between
domains, ``connections`` the Relay pages, ``errors`` the one error translation, ``events`` the
alert feed.
"""
