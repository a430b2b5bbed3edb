"""The ``brandvoice`` command (:mod:`.app`) and its report formats (:mod:`.formatters`)."""

from __future__ import annotations

from brandvoice.cli.app import main, run

__all__ = ["main", "run"]
