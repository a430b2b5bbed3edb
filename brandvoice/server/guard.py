"""The bot guard: one call for a chatbot about to answer a customer.

Given the customer's message and the bot's draft, triage the message and check the draft,
then answer:

* ``send``: nothing stops it (advisory findings are returned too);
* ``revise``: the draft fails the checks; here are the findings, try again;
* ``handoff``: a person must take over: the playbook says so for this scenario or severity
  (or the customer asked, or the bot has had too many turns), triage is unsure, or the
  draft still fails after the allowed attempts. A review is opened for a person, with the
  reasons in the audit log, so nothing is lost between the bot and the human.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from brandvoice.playbooks.drafting import scenario_for_checks
from brandvoice.playbooks.triage import Message
from brandvoice.review.gate import ReviewDesk
from brandvoice.server.library import Snapshot

__all__ = ["GuardResult", "guard"]


@dataclass
class GuardResult:
    decision: str
    reasons: list[str]
    triage: dict[str, Any]
    report: dict[str, Any]
    review: dict[str, Any] | None

    def to_dict(self) -> dict[str, Any]:
        return {"decision": self.decision, "reasons": self.reasons, "triage": self.triage,
                "report": self.report, "review": self.review}


def guard(snap: Snapshot, desk: ReviewDesk, *, message: str, draft: str, author: str,
          channel: str | None = None, playbook: str | None = None, voice: str | None = None,
          bot_turns: int = 0, attempt: int = 1, max_attempts: int = 2,
          min_confidence: float = 0.5, now: dt.datetime | None = None) -> GuardResult:
    pb = snap.playbook(playbook)
    result = snap.triage(playbook, Message(message, channel, bot_turns=bot_turns), now)
    v = snap.voice_for(voice, playbook)
    report = snap.checker(v).check(draft, result.channel,
                                   scenario=scenario_for_checks(pb, result.scenario))
    reasons: list[str] = []
    if result.handoff:
        reasons.extend(result.handoff_reasons or
                       [f"the playbook hands {result.scenario} to a person"])
    if result.escalate:
        reasons.append(f"the playbook escalates {result.scenario} ({result.severity}) to "
                       f"{result.route}")
    confidence = getattr(result, "confidence", None)
    if isinstance(confidence, (int, float)) and confidence < min_confidence:
        reasons.append(f"triage is unsure: confidence {confidence:.2f} is below "
                       f"{min_confidence:.2f}")
    # Fields the explanations work adds to triage; used when present.
    if getattr(result, "do_not_reply", False):
        reasons.append("triage says this message should not get a reply from a bot")
    if getattr(result, "language_covered", True) is False:
        reasons.append(f"the playbook does not cover the message's language "
                       f"({getattr(result, 'language', None) or 'unknown'})")
    rules = sorted({f.rule for f in report.blocking})
    if not report.passed and attempt >= max_attempts:
        reasons.append(f"the draft still fails the checks after {attempt} attempt"
                       f"{'s' * (attempt != 1)}: {', '.join(rules)}")
    if reasons:
        review = desk.hand_off(draft, author=author, reasons=reasons, voice=voice,
                               playbook=playbook or "default", channel=result.channel,
                               message=message)
        return GuardResult("handoff", reasons, result.to_dict(), report.to_dict(),
                           review.to_dict())
    if not report.passed:
        return GuardResult("revise", [f"the draft fails the checks: {', '.join(rules)}"],
                           result.to_dict(), report.to_dict(), None)
    return GuardResult("send", [], result.to_dict(), report.to_dict(), None)
