"""``brandvoice serve``: the review desk (pages) and the JSON API in one process.

:mod:`~brandvoice.server.config` reads the users, tokens and proxy settings;
:mod:`~brandvoice.server.auth` says who is calling; :mod:`~brandvoice.server.library` holds
and reloads voices and playbooks; :mod:`~brandvoice.server.api` and
:mod:`~brandvoice.server.pages` serve them; :mod:`~brandvoice.server.guard` is the bot
guard; :mod:`~brandvoice.server.app` puts them together. Needs the ``server`` extra.
"""

from __future__ import annotations

__all__: list[str] = []
