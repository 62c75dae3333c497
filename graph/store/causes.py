"""What a driver error was caused by: a timeout, or a refused connection (their chain of causes
walked, as the driver wraps socket errors in its own)."""

from __future__ import annotations

from collections.abc import Iterator

__all__ = ["connection_refused", "timed_out"]


def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def timed_out(exc: BaseException) -> bool:
    """A statement stopped by a timeout: the server's (Neo4j's transaction timeout, ArcadeDB's
    command timeout) or the driver's read timeout (:mod:`graph.store.limits`).

    >>> timed_out(RuntimeError("x")), timed_out(TimeoutError())
    (False, True)
    """
    for cause in _causes(exc):
        code = getattr(cause, "code", None) or ""
        if "TransactionTimedOut" in code or "TimeoutException" in str(cause):
            return True
        if isinstance(cause, TimeoutError):
            return True
    return False


def connection_refused(exc: BaseException) -> bool:
    """Whether ``exc`` comes of a connection the server refused (nothing listens)."""
    return any(isinstance(c, ConnectionRefusedError) for c in _causes(exc))
