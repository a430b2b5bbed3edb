"""The check engine: runs every registered check on replies and builds reports.

Checks come from the plugin manager, built-in and third-party alike. A :class:`Checker` is
bound to one voice; it builds its pipeline and configures its checks once, lazily, and then
checks one reply (:meth:`Checker.check`) or many, batched through ``nlp.pipe``
(:meth:`Checker.check_many`). Same input, same output: findings are sorted by position and
rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pluggy

from brandvoice.analysis.reply import Image, Reply, Scenario
from brandvoice.caches import OwnerCache, plugin_state
from brandvoice.config.channels import DEFAULT_CHANNEL
from brandvoice.errors import UsageError
from brandvoice.findings import SEVERITIES, Finding, Report
from brandvoice.languages.detection import UNDETERMINED, detect
from brandvoice.limits import MAX_TEXT_CHARS, clean_text, for_tokenizer
from brandvoice.voice import Voice, load_voice

if TYPE_CHECKING:
    from spacy.language import Language

    from brandvoice.checks.base import Check

__all__ = ["Checker", "Item", "check"]



@dataclass(frozen=True)
class Item:
    """One reply to check in a batch."""

    text: str
    channel: str | None = None
    id: str | None = None
    scenario: Scenario | None = None
    images: Sequence[Image] = field(default_factory=tuple)


class Checker:
    """Checks replies against one voice.

    :param voice: a :class:`Voice`, a path to a voice file, or None for the built-in voice.
    :param fail_on: the lowest severity that makes a report fail (error, warning or info).
    """

    def __init__(
        self,
        voice: Voice | str | Path | None = None,
        *,
        fail_on: str = "error",
        plugin_manager: pluggy.PluginManager | None = None,
    ) -> None:
        if fail_on not in SEVERITIES:
            raise UsageError(f"fail_on must be one of {', '.join(SEVERITIES)}, not {fail_on!r}")
        if not isinstance(voice, Voice):
            voice = load_voice(voice, plugin_manager=plugin_manager)
        self.voice = voice
        self.fail_on = fail_on
        if plugin_manager is None:
            from brandvoice.plugins.manager import get_plugin_manager

            plugin_manager = voice.plugin_manager or get_plugin_manager()
        self.pm: pluggy.PluginManager = plugin_manager
        self._nlp: Language | None = None
        self._configured: list[tuple[Check, Any]] | None = None

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            from brandvoice.analysis.pipeline import load_pipeline

            voice = self.voice
            self._nlp = load_pipeline(
                voice.locale, voice.pipeline, owner=self.pm,
                prepare=lambda nlp: self.pm.hook.brandvoice_prepare_nlp(nlp=nlp, voice=voice),
            )
        return self._nlp

    @property
    def checks(self) -> list[tuple[Check, Any]]:
        if self._configured is None:
            from brandvoice.plugins.manager import checks

            self._configured = [(c, c.configure(self.voice, self.nlp)) for c in checks(self.pm)]
        return self._configured

    def _channel(self, name: str | None) -> tuple[str, dict[str, Any]]:
        name = name or DEFAULT_CHANNEL
        names = self.voice.channel_names
        if name not in names:
            raise UsageError(
                f"unknown channel {name!r}; this voice defines: {', '.join(names)}"
            )
        return name, self.voice.channel(name)

    def check(
        self,
        text: str,
        channel: str | None = None,
        *,
        scenario: Scenario | None = None,
        images: Sequence[Image] = (),
        id: str | None = None,
    ) -> Report:
        """Check one reply and return its report."""
        return next(self.check_many([Item(text, channel, id, scenario, tuple(images))]))

    def check_many(self, items: Iterable[Item | str], *, batch_size: int = 256) -> Iterator[Report]:
        """Check many replies, batched through ``nlp.pipe``; yields reports in input order."""
        checks = self.checks  # configure before the first batch
        normal = (Item(i) if isinstance(i, str) else i for i in items)
        pending: list[Item] = []
        for item in normal:
            if not isinstance(item.text, str):
                raise UsageError(f"reply text must be a string, got {type(item.text).__name__}")
            pending.append(item)
            if len(pending) >= batch_size:
                yield from self._run(pending, checks, batch_size)
                pending = []
        if pending:
            yield from self._run(pending, checks, batch_size)

    def _run(self, items: list[Item], checks: list[tuple[Check, Any]],
             batch_size: int) -> Iterator[Report]:
        resolved = [self._channel(it.channel) for it in items]  # fail before any work
        # Input limits (docs/checks.md): lone surrogates are replaced so every later step sees
        # valid Unicode, and reported; an oversized reply is reported, never analysed (spaCy
        # refuses over 1,000,000 characters and would take minutes below that).
        repaired: list[int] = []
        for n, it in enumerate(items):
            text, bad = clean_text(it.text)
            repaired.append(bad)
            if bad:
                items[n] = Item(text, it.channel, it.id, it.scenario, it.images)
        oversized = [len(it.text) > MAX_TEXT_CHARS for it in items]
        nlp = self.nlp
        # The sentencizer creates a Token object per token of every reply, yet only replies
        # longer than the longest allowed sentence need sentences: it runs on those, on demand
        # (Reply.sentences). Other components, a plugin's included, run as usual.
        deferred = ["sentencizer"] if "sentencizer" in nlp.pipe_names else []
        sentencize = nlp.get_pipe("sentencizer") if deferred else None
        docs = nlp.pipe(("" if big else for_tokenizer(it.text)
                         for it, big in zip(items, oversized, strict=True)),
                        batch_size=batch_size, disable=deferred)
        hook = self.pm.hook.brandvoice_modify_findings
        modify = bool(hook.get_hookimpls())  # calling a hook nobody implements still costs
        primary = self.voice.languages[0] if self.voice.languages else "en"
        for n, (item, (channel, cfg), doc) in enumerate(zip(items, resolved, docs, strict=True)):
            findings: list[Finding] = []
            if oversized[n]:
                findings.append(Finding(
                    "channel.too_large", "channel", "error",
                    f"the reply is {len(item.text):,} characters; replies over "
                    f"{MAX_TEXT_CHARS:,} are not checked", 0, 0, 1, 1))
                yield Report(item.text, channel, findings, self.fail_on, item.id,
                             self.voice.name, self.voice.version)
                continue
            reply = Reply(item.text, doc, channel, cfg, self.voice, item.scenario,
                          item.images, item.id, sentencize=sentencize)
            # The doc's lower-cased words (which the checks read anyway) make the English
            # fast path two set intersections. A reply with no letters (an emoji, a number)
            # is in no language: checked as the voice's first, never reported as unsupported.
            detected = detect(item.text, reply.lower_set)
            reply.language = primary if detected == UNDETERMINED else detected
            if repaired[n]:
                at = item.text.index("\ufffd")
                findings.append(reply.finding(
                    "channel.encoding", "error", at, at + 1,
                    f"{repaired[n]} lone surrogate(s) (broken UTF-16 or bytes that are not "
                    "UTF-8) replaced by U+FFFD; the text as given cannot be sent: fix where it "
                    "came from"))
            for check, config in checks:
                findings.extend(check.check(reply, config))
            findings.sort(key=lambda f: (f.start, f.end, f.rule, f.message))
            if modify:
                hook(findings=findings, reply=reply)
            yield Report(item.text, channel, findings, self.fail_on, item.id,
                         self.voice.name, self.voice.version, extra={"language": detected})


# Per voice path, under the process-wide plugin manager (rebuilt when its plugins change).
_default_checkers: OwnerCache[Checker] = OwnerCache("checker per voice path", plugin_state)


def check(text: str, voice: Voice | str | Path | None = None, channel: str | None = None,
          *, fail_on: str = "error") -> Report:
    """Check one reply. Checkers are cached per voice path, so repeated calls are cheap."""
    if isinstance(voice, Voice):
        checker = Checker(voice, fail_on=fail_on)
    else:
        from brandvoice.plugins.manager import get_plugin_manager

        checker = _default_checkers.get(get_plugin_manager(), (str(voice), fail_on),
                                        lambda: Checker(voice, fail_on=fail_on))
    return checker.check(text, channel)
