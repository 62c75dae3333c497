"""The `rapport` command: import, analyze, serve, export and look after the database."""

from __future__ import annotations

import os
import sys

from api.cli.app import app
from api.cli.common import run_guarded

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point: run the app, turning Rapport errors into helpful exits."""
    # Everything Rapport writes (rejects, dumps, checkpoints, keys) may hold personal data.
    os.umask(0o077)
    sys.exit(run_guarded(app))
