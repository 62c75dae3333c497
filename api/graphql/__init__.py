"""The GraphQL API (Strawberry, code-first) and the FastAPI app that serves it."""
