"""``python -m brandvoice``: the same as the ``brandvoice`` command."""

from __future__ import annotations

from brandvoice.cli.app import run

run()
