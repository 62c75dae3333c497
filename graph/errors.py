"""One root error for Rapport, with subclasses that carry a stable code and a hint.

Every error a user can cause says what was wrong (the message) and how to fix it
(the hint). The CLI and the API turn them into output in one place each.
"""

from __future__ import annotations


class RapportError(Exception):
    """Root of every expected Rapport failure.

    >>> err = RapportError("the data dir is read-only", hint="choose another RAPPORT_DATA_DIR")
    >>> err.code, str(err)
    ('RAPPORT_ERROR', 'the data dir is read-only (hint: choose another RAPPORT_DATA_DIR)')
    """

    code = "RAPPORT_ERROR"

    def __init__(self, message: str, *, hint: str | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.field = field  # the input field at fault, when there is one (shown next to it)

    def __str__(self) -> str:
        return f"{self.message} (hint: {self.hint})" if self.hint else self.message


class ConfigError(RapportError):
    """A setting is missing or malformed."""

    code = "CONFIG_INVALID"


class UnknownUriScheme(ConfigError):
    """``RAPPORT_DB_URI`` names a scheme the driver cannot speak."""

    code = "DB_URI_SCHEME"


class DataDirNotWritable(ConfigError):
    """The data directory cannot be created or written."""

    code = "DATA_DIR_NOT_WRITABLE"


class ServerProcessError(RapportError):
    """A database server Rapport runs itself could not be started, reached or stopped."""

    code = "SERVER_PROCESS"


class EmbeddedServerError(ServerProcessError):
    """The embedded database could not be started, reached or stopped."""

    code = "EMBEDDED_SERVER"


class Neo4jServerError(ServerProcessError):
    """The local Neo4j could not be resolved, started, reached or stopped."""

    code = "NEO4J_SERVER"


class ServerUnreachable(RapportError):
    """Nothing answers Bolt at the configured address."""

    code = "DB_UNREACHABLE"


class AuthenticationFailed(RapportError):
    """The database refused the user name or password."""

    code = "DB_AUTH"


class DatabaseNotFound(RapportError):
    """The named database does not exist on the server."""

    code = "DB_NOT_FOUND"


class CypherFileNotFound(RapportError):
    """A named Cypher file is missing from ``cypher/``."""

    code = "CYPHER_FILE"


class InvalidRecord(RapportError):
    """A record handed to the graph breaks the model's rules."""

    code = "RECORD_INVALID"


class WriteFailed(RapportError):
    """A batch could not be written even after retries."""

    code = "WRITE_FAILED"


class NotFound(RapportError):
    """A record the user named by id does not exist."""

    code = "NOT_FOUND"


class InvalidInput(RapportError):
    """An option or argument outside what the operation can work with (too few purchases, ...)."""

    code = "INVALID_INPUT"


class InvalidTransition(RapportError):
    """An action that the record's current state does not allow (resolving twice, ...)."""

    code = "INVALID_TRANSITION"


class DatabaseUnavailable(RapportError):
    """The database stopped answering (its server died or the network is gone)."""

    code = "DATABASE_UNAVAILABLE"


class QueryTimeout(RapportError):
    """A statement ran longer than its transaction timeout and was stopped."""

    code = "TIMEOUT"
