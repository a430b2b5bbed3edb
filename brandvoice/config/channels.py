"""The channels brandvoice knows by name: one list for the linter, the drafter and the engine.

A voice may define any channel (``channels.my_kiosk``); these names are the ones the linter
does not question (a channel close to one of them is probably misspelt) and the built-in
default voice gives rules for. ``short`` marks public, short-form social channels, where an
agent signs a reply ``-Jo`` rather than with a closing line.
"""

from __future__ import annotations

__all__ = ["CHANNELS", "DEFAULT_CHANNEL", "KNOWN_CHANNELS", "SHORT_CHANNELS"]

# name -> short-form social channel
CHANNELS: dict[str, bool] = {
    "x": True, "instagram_dm": False, "instagram": True, "facebook": True,
    "facebook_messenger": False, "linkedin": True, "email": False, "sms": False,
    "whatsapp": False, "app_review": True, "chat": False, "threads": True, "tiktok": False,
    "youtube": False, "kakao": False,
}
KNOWN_CHANNELS = tuple(CHANNELS)
SHORT_CHANNELS = tuple(name for name, short in CHANNELS.items() if short)
# The channel of a reply that names none.
DEFAULT_CHANNEL = "x"
