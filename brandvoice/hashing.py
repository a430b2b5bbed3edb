"""The one content hash: SHA-256 of UTF-8 text, as lower-case hex.

Approvals are bound to it (the reply, the voice, the playbook), the review log chains
with it, and the lint cache is keyed by it. Callers decide what text to hash (canonical JSON
mostly); keeping the encoding and the digest in one place keeps every stored hash comparable.
"""

from __future__ import annotations

import hashlib

__all__ = ["sha256_hex"]


def sha256_hex(text: str) -> str:
    """``sha256(text.encode("utf-8")).hexdigest()``."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
