"""Progress bars for long-running commands: on a terminal only, quiet otherwise.

tqdm draws them: it has no dependencies of its own, redraws at a bounded rate, sizes itself
to the terminal and shows the rate and the time left. A bar goes to standard error and only
when standard error is a terminal, so pipes, CI logs and ``--format json`` output never see
one. ``BRANDVOICE_PROGRESS=0`` turns bars off on a terminal too.
"""

from __future__ import annotations

import os
import sys
from typing import Any

__all__ = ["PROGRESS_ENV", "Progress", "progress"]

PROGRESS_ENV = "BRANDVOICE_PROGRESS"


class Progress:
    """A progress bar, or nothing: the same calls either way."""

    def __init__(self, bar: Any = None) -> None:
        self.bar = bar

    def update(self, n: int = 1) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def set_total(self, total: int | None) -> None:
        if self.bar is not None and total is not None:
            self.bar.total = total
            self.bar.refresh()

    def note(self, text: str) -> None:
        if self.bar is not None:
            self.bar.set_postfix_str(text, refresh=False)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def enabled() -> bool:
    if os.environ.get(PROGRESS_ENV, "") == "0":
        return False
    stream = sys.stderr
    try:
        return stream is not None and stream.isatty()
    except (ValueError, OSError):  # a closed or odd stream: no bar
        return False


def progress(description: str, unit: str, total: int | None = None) -> Progress:
    """A bar on standard error when it is a terminal, else a silent stand-in."""
    if not enabled():
        return Progress()
    from tqdm import tqdm

    try:
        columns = os.get_terminal_size(sys.stderr.fileno()).columns
    except (OSError, ValueError):
        columns = 0
    # A terminal that reports no size (some pseudo-terminals) would get an empty bar.
    sizing: dict[str, Any] = {"dynamic_ncols": True} if columns else {"ncols": 80, "nrows": 24}
    return Progress(tqdm(total=total, desc=description, unit=f" {unit}",
                         file=sys.stderr, leave=False, mininterval=0.25, **sizing))
