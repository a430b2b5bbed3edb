"""Standard streams at the command line's error boundary: output that cannot be written is an
error (exit 2), never a silent exit 0.

``brandvoice check ... > /dev/full`` used to end in an internal error, and with standard
output closed (``>&-``) the command printed nothing and exited 0: a CI job would have
believed the check passed.
"""

from __future__ import annotations

import errno
import sys

__all__ = ["OUTPUT_ERRNOS", "closed_stdout", "flush_stdout", "is_output_error", "report"]

# Errors that mean the output went nowhere: a full disk, an I/O error, a closed descriptor,
# a file too large, a quota.
OUTPUT_ERRNOS = frozenset(getattr(errno, name) for name in
                          ("ENOSPC", "EIO", "EBADF", "EFBIG", "EDQUOT") if hasattr(errno, name))


def closed_stdout() -> bool:
    return sys.stdout is None or getattr(sys.stdout, "closed", False)


def is_output_error(exc: OSError) -> bool:
    return exc.errno in OUTPUT_ERRNOS


def report(exc: OSError) -> None:
    """Say on standard error (if there is one) that the output could not be written."""
    if sys.stderr is not None:
        try:
            print(f"brandvoice: error: cannot write the output ({exc.strerror or exc}); "
                  "nothing was lost but the output: run again with room to write it",
                  file=sys.stderr)
        except (OSError, ValueError):
            pass


def flush_stdout() -> OSError | None:
    """Flush standard output; the error, if writing it failed."""
    if sys.stdout is None:
        return None
    try:
        sys.stdout.flush()
    except OSError as exc:
        return exc
    except ValueError:  # already closed
        return None
    return None
