"""`python -m api.cli` is the `rapport` command."""

from api.cli import main

main()
