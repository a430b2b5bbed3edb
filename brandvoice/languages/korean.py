"""The Korean pack: morphological analysis with Kiwi, speech levels, and Korean phrase lists.

Kiwi (kiwipiepy) is a Korean morphological analyser whose model ships in the
``kiwipiepy_model`` package on PyPI, so it works offline after ``pip install``. Loading it
takes one to two seconds, so it is loaded on the first Korean text, never at import; a
command that knows it will analyse Korean calls :func:`preload` to load it in a second
process while this one starts up.

API for other subsystems (triage, drafting, plugins)::

    from brandvoice.languages import korean
    korean.morphemes("수하물이 안 왔어요")   # [Morpheme('수하물', 'NNG', 0, 3), ...]
    korean.lemmas("수하물이 안 왔어요")      # ['수하물', '안', '오다']
    korean.contains("수하물이 아직 안 왔어요", "수하물")   # True: particles are stripped
    korean.speech_levels("확인했어. 감사합니다")  # [(0, 4, 'banmal'), (6, 11, 'hapsyo')]

Speech levels (``speech_levels``) are read from each sentence-final ending (Kiwi's ``EF``
tag, or a connective ending that closes a sentence; a reply whose every clause plainly ends
in -요 or -니다 is read from its 어절 without Kiwi): ``hapsyo`` (합쇼체: -습니다, -ㅂ니까,
-십시오), ``haeyo`` (해요체: any ending in -요, and -죠), and ``banmal`` (반말: any other
final ending, such as -어, -야, -지, -냐, -자, plain -다, and the pronoun 너).
"""

from __future__ import annotations

import atexit
import bisect
import functools
import json
import os
import queue
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from typing import Any

import regex

from brandvoice.languages.pack import LanguagePack, Phrase, PrivacyPattern, simple_sentences
from brandvoice.limits import for_tokenizer
from brandvoice.plugins.hookspecs import hookimpl

__all__ = [
    "HAEYO",
    "HAPSYO",
    "KOREAN",
    "LEVEL_NAMES",
    "Morpheme",
    "contains",
    "eojeol",
    "lemmas",
    "may_analyse",
    "morphemes",
    "preload",
    "rrn_valid",
    "speech_levels",
]

HAPSYO, HAEYO, BANMAL = "hapsyo", "haeyo", "banmal"
LEVEL_NAMES = {HAPSYO: "합쇼체", HAEYO: "해요체", BANMAL: "반말"}

_kiwi: Any = None
_lock = threading.Lock()
# One worker: replies are analysed one at a time, and a thread pool per call costs more than
# it saves on a sentence or two (and would not be "one process, one core" in the benchmarks).
_KIWI_OPTIONS = {"num_workers": 1}


def _analyser() -> Any:
    global _kiwi
    if _kiwi is None:
        with _lock:
            if _kiwi is None:
                from kiwipiepy import Kiwi

                _kiwi = Kiwi(**_KIWI_OPTIONS)
    return _kiwi


# Kiwi takes 1.5 to 2 s to load and build its model (most of it the multi-word dictionary,
# which changes analyses, so it stays), and holds the GIL all that time: a thread loading it
# stops every other thread (measured), so it cannot overlap spaCy's start-up in-process. A
# second process can. The helper loads the same Kiwi with the same options, builds it at
# once (Kiwi builds on its first analysis), says "ready", then analyses each text it is sent:
# the same library, options and text, so the same morphemes. JSON lines, ASCII (surrogates
# escaped), each request and answer tagged with the request's number. Like ``python -P``
# (which 3.10 lacks), the child first drops the current directory from its path: a json.py
# there must not run.
_HELPER_CODE = f"""
import os, sys
try:
    _cwd = os.getcwd()
except OSError:
    _cwd = None
if sys.path and sys.path[0] in ("", _cwd):
    del sys.path[0]
import json
from kiwipiepy import Kiwi
kiwi = Kiwi(**{_KIWI_OPTIONS!r})
kiwi.tokenize("가")
sys.stdout.buffer.write(b'"ready"\\n')
sys.stdout.buffer.flush()
for line in sys.stdin.buffer:
    number = None
    try:
        number, text = json.loads(line)
        out = [(t.form, t.tag, t.start, t.len) for t in kiwi.tokenize(text)]
    except Exception:
        out = None
    sys.stdout.buffer.write(json.dumps([number, out]).encode("ascii") + b"\\n")
    sys.stdout.buffer.flush()
"""
# How long after its start the helper may take to say "ready" (Kiwi loads in 1.5 to 2 s):
# later, or not JSON (``sys.executable`` is not Python), it is taken for dead and Kiwi loads
# here.
_READY_TIMEOUT = 10.0


def _helper_command() -> list[str]:
    """The child's command line: this interpreter with this process's flags (-I, -E, -s,
    -X ...), and -P where it exists, so the child is isolated like this process."""
    flags = list(subprocess._args_from_interpreter_flags())  # type: ignore[attr-defined]
    if sys.version_info >= (3, 11) and "-P" not in flags and "-I" not in flags:
        flags.append("-P")
    return [sys.executable, *flags, "-c", _HELPER_CODE]


class _Helper:
    """A child process with Kiwi loaded (or loading), serving this process only."""

    def __init__(self) -> None:
        self.pid = os.getpid()  # a forked child must not share the pipes: it loads its own
        self.lock = threading.Lock()
        self.started = time.monotonic()
        self.ready = False
        self.closed = False
        self.number = 0
        self.proc = subprocess.Popen(_helper_command(),
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        # Its lines are read by a thread, so that waiting for "ready" can time out (a pipe
        # cannot be polled on every platform); b"" is the end of its output.
        self.lines: queue.Queue[bytes] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        try:
            for line in self.proc.stdout or ():
                self.lines.put(line)
        except (OSError, ValueError):
            pass
        self.lines.put(b"")

    def _answer(self, timeout: float | None) -> Any:
        line = self.lines.get(timeout=timeout)
        if not line:
            raise EOFError  # it exited: kiwipiepy missing, killed, out of memory
        return json.loads(line)

    def tokenize(self, text: str) -> list[tuple[str, str, int, int]] | None:
        """Kiwi's tokens of ``text``; None if the helper is gone (then it is closed) or Kiwi
        raised (then the text is analysed here, and raises the same error here). Interrupted
        (Ctrl-C, a signal's timeout), the helper is closed: its answer would be the next
        text's."""
        stdin = self.proc.stdin
        with self.lock:
            if self.closed or stdin is None:
                return None
            try:
                if not self.ready:
                    wait = max(0.0, self.started + _READY_TIMEOUT - time.monotonic())
                    if self._answer(wait) != "ready":
                        raise ValueError("not the helper")
                    self.ready = True
                self.number += 1
                stdin.write(json.dumps([self.number, text]).encode("ascii") + b"\n")
                stdin.flush()
                number, tokens = self._answer(None)
                if number != self.number:
                    raise ValueError("another request's answer")
                if tokens is None:
                    return None
                return [(str(f), str(t), int(s), int(n)) for f, t, s, n in tokens]
            except (OSError, ValueError, TypeError, EOFError, queue.Empty) as exc:
                self.close()
                if isinstance(exc, TimeoutError):
                    raise  # a signal's time limit (an OSError), not a broken pipe
                return None
            except BaseException:
                self.close()
                raise

    def close(self) -> None:
        self.closed = True
        if self.pid == os.getpid() and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


_helper: _Helper | None = None


def preload() -> None:
    """Start loading Kiwi now, in a child process, for a command that will analyse Korean
    soon (``lint`` of a Korean voice's examples, ``check`` of a Korean reply): the model
    loads while this process imports spaCy and builds its checks. Later analyses are sent to
    that process; without it (it failed to start, exited, or did not say it was ready in
    time) Kiwi loads here as usual. A no-op when Kiwi is already loaded or loading, and in a
    frozen application, whose ``sys.executable`` is not Python."""
    global _helper
    if getattr(sys, "frozen", False):
        return
    with _lock:
        if _kiwi is not None or (_helper is not None and _helper.pid == os.getpid()):
            return
        try:
            helper = _Helper()
        except OSError:
            return  # no process to spare: load here, on the first Korean text
        _helper = helper
    atexit.register(helper.close)  # not left loading a model nobody will ask for


def _tokenize(text: str) -> list[tuple[str, str, int, int]]:
    global _helper
    helper = _helper
    if helper is not None and _kiwi is None and helper.pid == os.getpid():
        try:
            tokens = helper.tokenize(text)
        finally:
            if helper.closed and _helper is helper:
                _helper = None
        if tokens is not None:
            return tokens
    return [(t.form, t.tag, t.start, t.len) for t in _analyser().tokenize(text)]


@dataclass(frozen=True)
class Morpheme:
    """One morpheme: its form, Kiwi's (Sejong) tag, and its character span in the text."""

    form: str
    tag: str
    start: int
    end: int


def morphemes(text: str) -> list[Morpheme]:
    """The morphemes of ``text`` with their tags and spans (Kiwi's best analysis)."""
    if not text.strip():
        return []
    return list(_morphemes(text))


@functools.lru_cache(maxsize=64)
def _morphemes(text: str) -> tuple[Morpheme, ...]:
    # Cached: the speech-level reader and the structure matchers of one reply share one
    # analysis (a pure function of the text).
    # Long runs without a space are broken first, as for spaCy: Kiwi's time grows with the
    # square of an unbroken run (32,000 characters: 0.3 s; 1.5 million: minutes). Offsets
    # are unchanged: one space replaces one character.
    return tuple(Morpheme(form, tag, start, start + n)
                 for form, tag, start, n in _tokenize(for_tokenizer(text)))


_CONTENT = ("NNG", "NNP", "NNB", "NR", "NP", "VV", "VA", "VX", "MAG", "MAJ", "XR", "SL", "SN",
            "SH", "MM", "IC")


def lemmas(text: str) -> list[str]:
    """The content words of ``text`` in dictionary form, particles and endings stripped:
    nouns as written, verbs and adjectives with -다 (``왔어요`` -> ``오다``), Latin words
    lower-cased."""
    out = []
    for m in morphemes(text):
        if m.tag not in _CONTENT:
            continue
        if m.tag in ("VV", "VA", "VX"):
            out.append(m.form + "다")
        elif m.tag == "SL":
            out.append(m.form.lower())
        else:
            out.append(m.form)
    return out


def contains(text: str, keyword: str) -> bool:
    """True when the lemmas of ``keyword`` occur in ``text`` in order and next to each other,
    whatever particles or endings are attached (``수하물`` is in ``수하물이 안 왔어요``)."""
    want = lemmas(keyword)
    if not want:
        return False
    have = lemmas(text)
    n = len(want)
    return any(have[i:i + n] == want for i in range(len(have) - n + 1))


_EOJEOL = regex.compile(r"\S+")


def eojeol(text: str) -> list[tuple[int, int, str]]:
    """The 어절 (space-separated units) of ``text`` that hold a letter or digit, without the
    punctuation, quotes or emoji that close them."""
    out = []
    for m in _EOJEOL.finditer(text):
        word = m.group()
        core = word.rstrip()
        while core and not core[-1].isalnum():
            core = core[:-1]
        if core:
            out.append((m.start(), m.start() + len(core), core))
    return out


def _level_of(form: str) -> str:
    if form.endswith(("니다", "니까", "시오", "ᆸ시다", "읍시다")):
        return HAPSYO
    if form.endswith(("요", "죠")):
        return HAEYO
    return BANMAL


# Most care replies end every clause politely. Those are read without Kiwi: each clause's
# last 어절 ends in a polite ending, and no 어절 is the pronoun 너. Anything else (a connective
# ending before a comma, a bare noun, 반말) goes to Kiwi.
_CLAUSE = regex.compile(r"[^.!?。！？~\n,]+")
_HAPSYO_END = ("니다", "니까", "시오", "ᆸ시다", "읍시다")
_HAEYO_END = ("요", "죠")
_NOT_ENDINGS = ("필요", "중요", "주요", "수요", "요요")  # nouns that end in 요
_YOU = frozenset(("너", "니", "너희", "네가", "너는", "너가", "니가", "너를", "너도", "너한테"))


def _fast_levels(text: str) -> list[tuple[int, int, str]] | None:
    out: list[tuple[int, int, str]] = []
    for clause in _CLAUSE.finditer(text):
        words = [w for w in eojeol(clause.group()) if any("가" <= c <= "힣" for c in w[2])]
        if not words:
            continue
        if any(w[2] in _YOU for w in words):
            return None
        s, e, last = words[-1]
        if last.endswith(_HAPSYO_END):
            level = HAPSYO
        elif last.endswith(_HAEYO_END) and not last.endswith(_NOT_ENDINGS):
            level = HAEYO
        else:
            return None
        base = clause.start()
        out.append((base + s, base + e, level))
    return out


def speech_levels(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, level)`` for each sentence-final ending in ``text``: the span is the
    어절 that carries the ending; ``level`` is ``hapsyo``, ``haeyo`` or ``banmal``. A second
    person pronoun 너 (or 니, 너희) is ``banmal`` too."""
    fast = _fast_levels(text)
    if fast is not None:
        return fast
    return kiwi_speech_levels(text)


# Quoted words are someone else's ("환불이 왜 안 돼?"라고 물으셨는데, '다시 시도해 주세요'라는
# 문구): their register is not the reply's.
# A straight mark right after a digit is an inch or foot mark ('55" TV', "6'"), not a quote:
# it opens none, and closes one only before a quoting particle ('"12345"라고').
_AFTER_DIGIT = r"(?:(?<!\d)|(?=이?라[고는며면]?|하고|란|고\s))"
_QUOTED = regex.compile(rf'(?<!\d)"[^"\n]{{1,80}}{_AFTER_DIGIT}"|“[^”\n]{{1,80}}”|‘[^’\n]{{1,80}}’|'
                        rf"「[^」\n]{{1,80}}」|『[^』\n]{{1,80}}』|(?<!\d)'[^'\n]{{1,80}}{_AFTER_DIGIT}'")
_QUOTE_CLOSE = frozenset(('"', "'", "”", "’", "」", "』"))
# What may stand before a bare 요 that Kiwi tags as an ending after a word that is not a
# verb ("정말요?", "제가요?"): the polite particle on a fragment, which sets no register.
_NOT_PREDICATE = ("MAG", "MAJ", "NNG", "NNP", "NNB", "NP", "NR", "SN", "SL", "IC", "JX", "JKB",
                  "JKS", "JKO", "JKG", "XSN")


def _is_noun_word(word: str) -> bool:
    # A sentence-final word that Kiwi splits in context ("결제일 변경 안내." as 안/MAG 내/VV
    # 어/EF; "넵!" as 너/NP 의 ㅂ) but reads as one noun on its own is a notice's title or an
    # interjection, not 반말.
    alone = _morphemes(word)
    return len(alone) == 1 and alone[0].tag in ("NNG", "NNP")


def kiwi_speech_levels(text: str) -> list[tuple[int, int, str]]:
    """:func:`speech_levels` from Kiwi's analysis alone (no shortcut for polite text)."""
    morphs = morphemes(text)
    words = eojeol(text)
    out: list[tuple[int, int, str]] = []
    quoted = [q.span() for q in _QUOTED.finditer(text)] if any(
        c in text for c in _QUOTE_CLOSE) else []

    def in_quote(offset: int) -> bool:
        return any(s < offset < e for s, e in quoted)

    def word_at(offset: int) -> tuple[int, int]:
        for s, e, _w in words:
            if s <= offset < e:
                return s, e
        return offset, offset + 1

    for i, m in enumerate(morphs):
        nxt = morphs[i + 1] if i + 1 < len(morphs) else None
        level = None
        if m.tag == "EF" and m.form in ("ᆷ", "음"):
            level = None  # "회신 예정임.": a notice's noun form (개조식), not 반말; boilerplate
        elif m.tag == "EF":
            level = HAEYO if nxt is not None and nxt.tag == "JX" and nxt.form == "요" \
                else _level_of(m.form)
        elif m.tag == "EC" and nxt is not None and nxt.tag == "JX" and nxt.form == "요":
            level = HAEYO
        elif m.tag == "EC" and (nxt is None or nxt.tag in ("SF",)) and \
                m.form in ("는데", "은데", "ᆫ데", "거든", "고", "어서", "아서", "니까", "지만"):
            level = BANMAL  # "확인했는데." closes a sentence without an ending: 반말
        elif m.tag == "NP" and m.form in ("너", "니", "너희", "네"):
            level = BANMAL
        if level is not None and quoted and in_quote(m.start):
            level = None
        if level is not None and m.tag == "EF" and m.form == "요" and i and \
                morphs[i - 1].tag in _NOT_PREDICATE:
            level = None
        if level is not None:
            s, e = word_at(m.start)
            if level == BANMAL and m.tag in ("EF", "NP") and _is_noun_word(text[s:e]):
                continue
            if not out or out[-1][:2] != (s, e):
                out.append((s, e, level))
    return out


# Register suggestions for a 반말 어절: the polite form of its ending.
_TO_HAEYO: tuple[tuple[str, str], ...] = (("줄게", "드릴게요"), ("할게", "할게요"), ("게", "게요"), ("했어", "했어요"), ("했지", "했죠"), ("해", "해 주세요"), ("줘", "주세요"),
             ("봐", "보세요"), ("써", "써 주세요"), ("이야", "이에요"), ("야", "예요"), ("어", "어요"), ("아", "아요"),
             ("지", "죠"), ("네", "네요"), ("다", "어요"))
_TO_HAPSYO: tuple[tuple[str, str], ...] = (("줄게", "드리겠습니다"), ("할게", "하겠습니다"), ("했어", "했습니다"), ("했다", "했습니다"), ("해", "해 주십시오"),
              ("줘", "주십시오"), ("써", "써 주십시오"), ("이야", "입니다"), ("야", "입니다"), ("다", "습니다"))


_HAEYO_TO_HAPSYO: tuple[tuple[str, str], ...] = (("드릴게요", "드리겠습니다"), ("할게요", "하겠습니다"), ("었어요", "었습니다"),
                    ("았어요", "았습니다"), ("였어요", "였습니다"), ("됐어요", "됐습니다"),
                    ("했어요", "했습니다"), ("있어요", "있습니다"), ("없어요", "없습니다"),
                    ("이에요", "입니다"), ("예요", "입니다"), ("해요", "합니다"), ("돼요", "됩니다"),
                    ("드려요", "드립니다"))


_HAPSYO_TO_HAEYO: tuple[tuple[str, str], ...] = (
    ("드리겠습니다", "드릴게요"), ("하겠습니다", "할게요"), ("겠습니다", "겠어요"), ("었습니다", "었어요"),
    ("았습니다", "았어요"), ("였습니다", "였어요"), ("됐습니다", "됐어요"), ("했습니다", "했어요"),
    ("있습니다", "있어요"), ("없습니다", "없어요"), ("됩니다", "돼요"), ("합니다", "해요"),
    ("드립니다", "드려요"))


def _to_haeyo(core: str) -> str | None:
    for end, polite in _HAPSYO_TO_HAEYO:
        if core.endswith(end):
            return core[: len(core) - len(end)] + polite
    if core.endswith("입니다") and len(core) > 3 and "가" <= core[-4] <= "힣":
        # 이에요 after a final consonant (상품이에요), 예요 after a vowel (내일이 아니라 오후예요)
        batchim = (ord(core[-4]) - 0xAC00) % 28 != 0
        return core[:-3] + ("이에요" if batchim else "예요")
    return None


def suggest(word: str, level: str) -> str | None:
    """The 어절 ``word`` rewritten in ``level`` (``haeyo`` or ``hapsyo``), for the common
    endings; None when no simple rewrite is safe."""
    core = word.rstrip(".!?~… ")
    tail = word[len(core):]
    if core in ("너", "니", "너희", "네가", "너는", "너가", "니가"):
        return "고객님" + ("이" if core.endswith("가") else "은" if core.endswith("는") else "")
    if level == HAEYO and core.endswith(("니다", "니까")):
        polite = _to_haeyo(core)
        return polite + tail if polite else None
    table = _TO_HAEYO if level == HAEYO else _TO_HAPSYO
    if level == HAPSYO and core.endswith(("요", "죠")):
        table = _HAEYO_TO_HAPSYO
    for end, polite in table:
        if core.endswith(end):
            return core[: len(core) - len(end)] + polite + tail
    return None


# --- Structures of morphemes ----------------------------------------------------------
# Blame that no fixed phrase catches, read from Kiwi's morphemes. Each runs Kiwi only on
# replies whose text could hold the structure (a cheap substring test first), so most Korean
# replies never pay for the analysis.

_TELL_NOUNS = frozenset(("안내", "말씀", "설명", "답변", "공지", "고지", "얘기", "말", "답"))
_TELL_VERBS = frozenset(("적", "쓰", "알리", "말하", "설명하", "얘기하"))
# "already" / "several times": enough on their own before "we told you".
_AGAIN = frozenset(("이미", "벌써", "분명", "분명히", "누차", "계속", "수차례", "똑같이", "매번"))
# "earlier" / "above": dismissive only with a contrastive ending ("...드렸는데", "...지만").
_EARLIER = frozenset(("앞서", "아까", "전", "위", "지난번", "앞", "방금"))
_CONTRAST = frozenset(("는데", "지만", "만", "잖아", "잖아요", "는데도"))
# Cheap cues, so that Kiwi runs only on replies that could hold the structure: "드렸" alone
# is in most care replies ("보내 드렸어요"), so a marker must be there too.
_TOLD_HINT = regex.compile(r"드렸")
_MARKER_HINT = regex.compile(r"이미|벌써|분명|누차|계속|수차례|똑같이|매번|몇\s?번|여러\s?(?:번|차례)|"
                             r"[두세네]\s?번|\d\s?번|앞서|아까|전에|위에|지난번|방금")


def _sentences_of(morphs: list[Morpheme]) -> list[list[Morpheme]]:
    out: list[list[Morpheme]] = [[]]
    for m in morphs:
        out[-1].append(m)
        if m.tag == "SF":
            out.append([])
    return [sent for sent in out if sent]


def _eojeol_start(text: str, offset: int) -> int:
    start = offset
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in ".,!?~([\"'":
        start -= 1
    return start


def _eojeol_end(text: str, offset: int) -> int:
    end = offset
    while end < len(text) and not text[end].isspace() and text[end] not in ".,!?~":
        end += 1
    return end


def told_already(text: str) -> list[tuple[int, int, str]]:
    """"As we already told you": a marker of repetition (이미, 몇 번, 여러 차례, 분명히; or 앞서,
    아까, 위에 with a contrastive ending) before a telling verb (안내/말씀/설명/답변 ... 드리다) in
    the past tense, in one sentence: ``이미 여러 차례 말씀드렸듯이``, ``위에 다 적어 드렸는데``.
    A sentence with 혹시 ("in case you missed it") is a kindness, not blame."""
    if not _TOLD_HINT.search(text) or not _MARKER_HINT.search(text):
        return []
    out = []
    for sent in _sentences_of(morphemes(text)):
        if any(m.form == "혹시" for m in sent):
            continue
        marker: tuple[int, bool] | None = None  # (start, strong)
        for i, m in enumerate(sent):
            prev = sent[i - 1] if i else None
            if m.tag.startswith("MAG") and m.form in _AGAIN:
                marker = marker or (m.start, True)
            elif m.form in ("번", "차례") and prev is not None and \
                    (prev.tag in ("MM", "NR", "SN") or prev.form in ("몇", "여러", "수")):
                marker = marker or (prev.start, True)
            elif m.form == "수차례":
                marker = marker or (m.start, True)
            elif m.form in _EARLIER and (m.tag.startswith("MAG") or (
                    i + 1 < len(sent) and sent[i + 1].tag in ("JKB", "JX"))):
                marker = marker or (m.start, False)
            if marker is None or m.form != "드리" or i + 1 >= len(sent) or \
                    sent[i + 1].form != "었":
                continue
            before = sent[max(0, i - 3):i]
            if not any((b.form in _TELL_NOUNS and b.tag.startswith("NN")) or
                       (b.form in _TELL_VERBS and b.tag.startswith("VV")) for b in before):
                continue
            ending = sent[i + 2] if i + 2 < len(sent) else None
            strong = marker[1]
            if not strong and (ending is None or ending.form not in _CONTRAST):
                continue
            end = _eojeol_end(text, sent[i + 1].end)
            out.append((marker[0], end, "'as we already told you'"))
            break
    return out


# "셔서" but not "주셔서" (기다려 주셔서 감사해요: thanks, in most replies), and a fault word.
_CAUSE_HINT = regex.compile(r"(?<!주\s?)셔서")
_FAULT_HINT = regex.compile(r"틀리|틀린|않|못|잊|놓치|잃|잘못|실수|고장|파손|반송|누락|실패|연체|지연|오류|"
                            r"중복|분실|잠기|잠긴|망가|깨지|깨진|늦|안\s")
_FAULT = frozenset(("틀리", "않", "못", "잊", "놓치", "잃", "잘못", "실수", "고장", "파손", "반송",
                    "누락", "실패", "연체", "지연", "오류", "중복", "분실", "잠기", "망가지", "깨지",
                    "늦", "안"))


def your_doing(text: str) -> list[tuple[int, int, str]]:
    """"It happened because you did X": the customer's action as a cause (honorific -시- with
    -어서: ``적으셔서``, ``않으셔서``), a fault word in the same sentence (틀리다, 않다, 고장...)
    and a closing 'that is why' (-ㄴ 거예요 / 것입니다): ``주소를 틀리게 적으셔서 반송된
    거예요``. "미리 신청하셔서 바로 처리된 거예요" has no fault word and is thanks, not blame."""
    if not _CAUSE_HINT.search(text) or not _FAULT_HINT.search(text):
        return []
    out = []
    for sent in _sentences_of(morphemes(text)):
        cause = next((i for i, m in enumerate(sent[:-1]) if m.tag == "EP" and m.form in
                      ("시", "으시") and sent[i + 1].form in ("어서", "아서")), None)
        if cause is None or not any(m.form in _FAULT for m in sent[:cause]):
            continue
        for j in range(cause + 2, len(sent) - 2):
            if sent[j].tag == "ETM" and sent[j + 1].form in ("거", "것") and \
                    sent[j + 2].tag == "VCP":
                start = sent[0].start
                end = _eojeol_end(text, sent[j + 2].end)
                out.append((start, end, "says the customer caused it; say what you will do"))
                break
    return out


# --- Patterns over morphemes ------------------------------------------------------------
# A sentence's morphemes written as "form/TAG " tokens ("이미/MAG 안내/NNG 드리/VV ᆫ/ETM "),
# so that a structure (a marker, a telling noun, 드리- and an adnominal ending) is one regular
# expression over Kiwi's analysis instead of a list of spellings: 안내드린, 안내해 드린 and
# 말씀드린 are the same tokens. Each pattern has a cheap hint on the raw text, so Kiwi runs
# only on replies that could hold it.


def _tok(forms: str, tags: str = r"[A-Z]+") -> str:
    """One token: a form from ``forms`` (a regex alternation) with a tag from ``tags``."""
    return rf"(?:{forms})/(?:{tags})(?:-[A-Z]+)? "


_ANY = r"[^ ]+ "
# Hangul syllables ending in ㅁ (되었음, 처리함, 예정임): where the noun-forming ending -ㅁ
# fuses into the syllable, for the hints below.
_FINAL_M = "[" + "".join(chr(c) for c in range(0xAC00, 0xD7A4) if (c - 0xAC00) % 28 == 16) + "]"


@dataclass(frozen=True)
class MorphPattern:
    """A structure of morphemes: ``hint`` (on the text) gates Kiwi, ``pattern`` runs over one
    sentence's tokens, ``why`` goes in the message (what is wrong and what to write), and
    ``unless`` (on the sentence's text) marks a kind reading ("혹시 못 보셨을까 봐")."""

    hint: str
    pattern: str
    why: str
    unless: str | None = None

    @functools.cached_property
    def compiled(self) -> tuple[regex.Pattern[str], regex.Pattern[str],
                                regex.Pattern[str] | None]:
        return (regex.compile(self.hint), regex.compile(self.pattern),
                regex.compile(self.unless) if self.unless else None)


def _merged(sent: list[Morpheme]) -> list[Morpheme]:
    # Kiwi reads 안내드린 (no space) as 안/MAG 내/VV: the noun 안내, as the spacing shows.
    out: list[Morpheme] = []
    for m in sent:
        if out and m.form == "내" and m.tag.startswith("VV") and out[-1].form == "안" and \
                out[-1].end == m.start:
            out[-1] = Morpheme("안내", "NNG", out[-1].start, m.end)
            continue
        out.append(m)
    return out


def morph_find(text: str, patterns: tuple[MorphPattern, ...]) -> list[tuple[int, int, str]]:
    """``(start, end, why)`` for each sentence of ``text`` that one of ``patterns`` matches
    (the first that does); the span covers the 어절 of the matched morphemes (a pattern's
    lookahead, such as the consequence after a cause, is not part of it)."""
    live = [p for p in patterns if p.compiled[0].search(text)]
    if not live:
        return []
    out = []
    for sent in _sentences_of(morphemes(text)):
        sent = _merged(sent)
        starts, parts, pos = [], [], 0
        for m in sent:
            starts.append(pos)
            token = f"{m.form}/{m.tag} "
            parts.append(token)
            pos += len(token)
        tagged = "".join(parts)
        sentence_text = text[sent[0].start:sent[-1].end]
        for p in live:
            _hint, pattern, unless = p.compiled
            found = pattern.search(tagged)
            if found is None or (unless is not None and unless.search(sentence_text)):
                continue
            first = bisect.bisect_right(starts, found.start()) - 1
            last = bisect.bisect_right(starts, max(found.start(), found.end() - 1)) - 1
            out.append((_eojeol_start(text, sent[first].start), _eojeol_end(text, sent[last].end),
                        p.why))
            break
    return out


_TELL = _tok("안내|말씀|설명|답변|공지|고지|안내문", "NNG") + \
    rf"(?:{_tok('하', 'XSV')})?(?:{_tok('어|여|아', 'EC')})?{_tok('드리', 'VV|VX')}"
_STRONG = (_tok("이미|벌써|누차|분명|분명히|수차례|똑같이|매번", "MAG") + "|" +
           _tok("몇|여러|두|세|네|수", "MM|NR|NNG") + _tok("번|차례", "NNB|NNG"))
_WEAK = _tok("앞서|아까|방금", "MAG") + "|" + _tok("전|지난번|위|앞", "NNG") + _tok("에", "JKB")
# "as we told you": 대로, 것처럼, 바와 같이, 듯이.
_AS = (_tok("대로", "NNB|JX") + "|" + _tok("것|거", "NNB") + _tok("처럼", "JKB") + "|" +
       _tok("바", "NNB") + _tok("와", "JKB") + _tok("같이", "MAG|JKB") + "|" + _tok("듯이|듯", "EC|NNB"))
# What happened to the customer because of what they did (or did not do).
_CONSEQUENCE = (_tok("취소|확정|반송|불가|불가능|소멸|만료|종료|반려|거절|발생|누락|위약금|고장|"
                     "파손|수수료|잠금", "NNG|XR") + "|" + _tok("어렵|잠기|생기", "VA|VV") + "|" +
                _tok("안", "MAG") + _tok("되", "VV") + "|" + _tok("수", "NNB") + _tok("없", "VA") + "|" +
                _tok("불", "XPN") + _tok("가능", "NNG"))
_HON = _tok("시|으시", "EP")
# The customer's act as the cause: "누르지 않으셔서", "회신이 없으셔서", "누르셨기 때문에",
# "동의하셨으니".
_CAUSE = (rf"(?:{_tok('지', 'EC')}{_tok('않|못', 'VX')}|{_tok('없', 'VA')}|{_ANY[:-1]}(?<=/VV) )"
          rf"{_HON}(?:{_tok('었', 'EP')})?(?:{_tok('어서|아서', 'EC')}|"
          rf"{_tok('기', 'ETN')}{_tok('때문', 'NNB')})"
          rf"|(?:{_tok('하', 'XSV')}|{_ANY[:-1]}(?<=/VV) ){_HON}{_tok('었', 'EP')}"
          rf"(?:{_tok('기', 'ETN')}{_tok('때문', 'NNB')}|{_tok('으니|니|으니까|니까|으므로|므로', 'EC')})")

BLAME_STRUCTURES: tuple[MorphPattern, ...] = (
    MorphPattern(r"(?s)\A(?=.*?드[린렸])(?=.*?(?:이미|벌써|누차|분명|수차례|똑같이|매번|"
                 r"(?:몇|여러|두|세|네|수)\s?(?:번|차례)))", rf"(?:{_STRONG})(?:{_ANY}){{0,6}}?{_TELL}{_tok('ᆫ', 'ETM')}",
                 "이미 안내한 내용을 다시 말하게 했다고 탓하는 말이에요: 안내를 되풀이하지 말고 "
                 "지금 해 드릴 수 있는 일을 말해 주세요", unless=r"혹시"),
    # With 앞서/전에 only when what follows is a refusal: "지난번에 말씀드린 대로 오늘 보내
    # 드렸어요" keeps a promise.
    MorphPattern(r"드린", rf"(?:{_WEAK})(?:{_ANY}){{0,4}}?{_TELL}{_tok('ᆫ', 'ETM')}(?:{_AS})"
                 rf"(?=(?:{_ANY}){{0,10}}?(?:{_CONSEQUENCE}|{_tok('지나|끝나', 'VV')}|{_tok('않', 'VX')}))",
                 "'앞서 안내해 드린 것처럼'은 고객이 놓쳤다고 탓하는 말이에요: 조건을 다시 쉽게 "
                 "설명하고 할 수 있는 일을 말해 주세요", unless=r"혹시"),
    MorphPattern(r"드린[^.!?\n]{0,12}다시",
                 rf"{_TELL}{_tok('ᆫ', 'ETM')}{_tok('거|것|내용|글|답변|메일', 'NNB|NNG')}"
                 rf"(?:{_ANY}){{0,3}}?{_tok('다시', 'MAG')}(?:{_ANY}){{0,2}}?"
                 rf"{_tok('읽|보|확인하', 'VV')}",
                 "다시 읽으라고 하는 말이에요: 필요한 내용을 이 답변에 직접 적어 주세요"),
    # Kiwi runs only when both a cause ("셔서" but not the thanks "주셔서") and a consequence
    # word are in the text.
    MorphPattern(r"(?s)\A(?=.*?(?:(?<!주\s?)셔서|셨기|셨으니|셨으므로))(?=.*?(?:취소|확정|반송|불가|소멸|만료|종료|"
                 r"반려|거절|발생|누락|위약금|고장|파손|수수료|잠금|잠기|잠겼|어렵|어려|생기|생긴|생겼|안\s?되|안\s?돼|"
                 r"안\s?됩|수\s?없))",
                 rf"(?:{_CAUSE})(?=(?:{_ANY}){{0,10}}?(?:{_CONSEQUENCE}))",
                 "고객이 한 일(하지 않은 일) 때문이라고 탓하는 말이에요: 무슨 일이 있었는지와 "
                 "지금 해 드릴 일을 말해 주세요"),
)

# Telling or posting verbs for "we clearly posted it": 올렸는데요, 공지했잖아요, 적었는데.
_POSTED = (_tok("공지|게시|안내|고지|설명", "NNG") + _tok("하", "XSV") + "|" +
           _tok("올리|알리|적|쓰|말하|얘기하", "VV"))
# Reading, checking or following what we wrote: the customer's part.
_READ = _tok("읽|보|확인하|지키|따르|챙기|누르", "VV")
_READ_NOUN = _tok("확인|숙지|체크", "NNG")
# The customer did not (안 받으셨어요, 확인 안 하셨나요, 읽지 않으셨어요).
_DID_NOT = (rf"(?:{_tok('안|못', 'MAG')}(?:{_ANY[:-1]}(?<=/VV|/VV-R|/VV-I|/XSV) {_HON}|"
            rf"{_tok('계시', 'VV')})|"
            rf"{_tok('지', 'EC')}{_tok('않|못', 'VX')}{_HON})")

BLAME_STRUCTURES += (
    # "공지사항 확인 안 하셨나요?", "메일 안 읽으셨어요?": a question (or statement) that the
    # customer did not read or check. 혹시/아직 make it a gentle check, not a reproach.
    MorphPattern(r"(?:안|못)\s?(?:하|읽|보|확인하|지키|따르|챙기)(?:셨|으셨)|지\s?않으셨",
                 rf"(?:{_READ_NOUN}(?:{_tok('을|를', 'JKO')})?{_tok('안|못', 'MAG')}"
                 rf"{_tok('하', 'VV|XSV')}{_HON}|{_tok('안|못', 'MAG')}{_READ}{_HON}|"
                 rf"{_READ}{_tok('지', 'EC')}{_tok('않|못', 'VX')}{_HON})"
                 rf"(?:{_tok('었', 'EP')}(?:{_tok('나요|어요|습니까|나|죠|지요', 'EF')}|"
                 rf"{_tok('ᆫ가요|나요', 'EF|EC')})|(?:{_tok('었', 'EP')})?{_tok('ᆫ', 'ETM')}"
                 rf"{_tok('것|거', 'NNB')}{_tok('같', 'VA')})",
                 "고객이 읽지 않았다고(지키지 않았다고) 탓하는 말이에요: 필요한 내용을 이 답변에 "
                 "다시 쉽게 적어 주세요", unless=r"혹시|아직|못\s?받으셨|안\s?받으셨"),
    # "분명히 올렸는데요", "이미 공지했잖아요": we posted it, so it is on you.
    MorphPattern(r"(?:분명|이미|벌써|누차)[^.!?\n]{0,20}?(?:렸|했|었|썼|렸)(?:는데|잖|지만|거든)",
                 rf"{_tok('분명|분명히|이미|벌써|누차', 'MAG')}(?:{_ANY}){{0,3}}?(?:{_POSTED})"
                 rf"{_tok('었', 'EP')}{_tok('는데|는데요|잖아요|잖아|지만|거든요', 'EF|EC')}",
                 "이미 알렸다고 고객을 탓하는 말이에요: 필요한 내용을 다시 쉽게 알려 주세요",
                 unless=r"혹시"),
    # "세 번이나 전화드렸는데 안 받으셨어요": our repeated effort against the customer's
    # silence.
    MorphPattern(r"(?s)\A(?=.*?[었았였했렸드]\s?(?:는데|지만|으나))(?=.*?(?:번|차례))",
                 rf"(?:{_STRONG})(?:{_ANY}){{0,4}}?{_ANY[:-1]}(?<=/VV|/VX|/XSV) {_tok('었', 'EP')}"
                 rf"{_tok('는데|지만|으나|는데도', 'EC')}(?:{_ANY}){{0,4}}?{_DID_NOT}",
                 "몇 번이나 연락했는데 고객이 안 받았다고 탓하는 말이에요: 다시 연락할 방법과 "
                 "시간을 말해 주세요"),
    # "설정하신 한도 때문이지 은행 시스템 문제가 아닙니다": the customer's doing, not ours.
    MorphPattern(r"때문이지",
                 rf"{_HON}(?:{_ANY}){{0,4}}?{_tok('때문', 'NNB')}{_tok('이', 'VCP')}{_tok('지', 'EC|EF')}"
                 rf"(?:{_ANY}){{0,5}}?{_tok('문제|잘못|탓|책임|오류|결함|불량|과실', 'NNG')}"
                 rf"(?:{_tok('이|가', 'JKC|JKS')})?{_tok('아니', 'VCN')}",
                 "고객 탓이고 저희 문제가 아니라는 말이에요: 함께 확인할 방법을 말해 주세요",
                 unless=r"고객님?(?:의|께서)?\s?(?:잘못|탓|책임|과실)"),
)

# --- Seventh session: blame by structure --------------------------------------------------
# Reading or checking verbs (the customer's part) and the nouns that take 하다 for them.
_LOOK = _tok("읽|보|확인하|살펴보|찾아보|누르|챙기|따르|지키|체크하", "VV")
_LOOK_NOUN = _tok("확인|체크|숙지", "NNG")
# "without reading": 안 보고, 읽지(도) 않고, 확인(도) 안 하고, 안 읽으시고; not 않고도 ("카드를
# 꺼내지 않고도 결제하실 수 있어요": a feature, not a fault).
_WITHOUT = (rf"(?:{_tok('안|못', 'MAG')}{_LOOK}|{_LOOK}{_tok('지', 'EC')}(?:{_tok('도', 'JX')})?"
            rf"{_tok('않', 'VX|VV')}|{_LOOK_NOUN}(?:{_tok('도|을|를', 'JX|JKO')})?{_tok('안|못', 'MAG')}"
            rf"{_tok('하', 'VV|XSV')})(?:{_HON})?{_tok('고', 'EC')}(?!도/JX)")
# An act of the customer's, in the honorific: 결제하신, 드신, 보내셔서, 요청하시다니.
_THEIR_ACT = rf"(?:{_ANY[:-1]}(?<=/VV|/XSV|/VX|/VV-R|/VV-I) {_HON}|[^ /]*시/VV )"
# A count of times: 세 번, 두 차례, 몇 번째, 여러 번.
_COUNT = (_tok("몇|여러|두|세|네|다섯|수|한두", "MM|NR|NNG") +
          rf"(?:{_tok('번|차례', 'NNB|NNG')}(?:{_tok('째', 'XSN')})?|{_tok('번째', 'NNB|NNG')})")
# Something said or sent to the customer: an answer, a notice, the same content.
_ANSWER = _tok("안내|말씀|설명|답변|공지|고지|회신|답장|답신|답|내용|메일", "NNG")
# A wish or request addressed to the customer: -시기 바랍니다, -세요, -십시오, -어 주세요.
_ASK_YOU = (rf"(?:(?:{_HON})?(?:{_tok('기', 'ETN')}{_tok('바라', 'VV')}|{_tok('ᆸ시오', 'EF')})|"
            rf"{_tok('세요|으세요', 'EF')}|{_tok('어|아', 'EC')}{_tok('주', 'VX')})")
_CARE = _tok("꼼꼼히|제대로|자세히|신중히|주의|잘|찬찬히|유심히", "MAG|NNG")

BLAME_STRUCTURES += (
    # "설명서도 안 보고 조립하신 건가요?", "쿠폰 조건을 하나도 읽지 않고 결제하신 모양입니다",
    # "누르지도 않고 보내셔서": the customer acted without reading or checking.
    MorphPattern(r"(?:(?:안|못)\s?(?:보|읽|확인하|살펴보|찾아보|누르|챙기|따르|지키|하)|"
                 r"(?:보|읽|하|르|기|키)지\s?(?:도\s?)?않)(?:시|으시)?고(?!도)[^.!?\n]{0,30}?[셨신시셔세십]",
                 rf"{_WITHOUT}(?:{_ANY}){{0,6}}?{_THEIR_ACT}",
                 "고객이 확인도 안 하고 했다고 탓하는 말이에요: 무엇이 필요한지와 지금 해 드릴 일을 "
                 "말해 주세요", unless=r"괜찮|걱정\s?(?:마|않)|죄송|[가-힣]도\s?(?:되|돼|됩|된)|자동"),
    # "이미 세 차례 같은 내용으로 회신드렸습니다", "몇 번째 드리는지", "세 번째 같은 답을
    # 드리네요": how many times we have answered. Not an offer or an apology ("여러 번 같은
    # 안내를 드리게 돼서 번거로우셨죠").
    MorphPattern(r"(?:몇|여러|[두세네]|다섯|한두|\d)\s?(?:번|차례)[^.!?\n]{0,30}?드[렸리]|"
                 r"(?:말씀|답|안내|설명)[을를]?\s?(?:몇|여러|[두세네])\s?번",
                 rf"(?:{_COUNT}(?:{_ANY}){{0,5}}?{_ANSWER}(?:{_tok('을|를|으로|로', 'JKO|JKB')})?|"
                 rf"{_ANSWER}(?:{_tok('을|를', 'JKO')})?{_COUNT})"
                 rf"(?:{_tok('보내', 'VV')}{_tok('어', 'EC')})?{_tok('드리', 'VV|VX')}"
                 rf"(?:{_tok('었', 'EP')}|{_tok('는지', 'EC')}|{_tok('네요|ᆸ니다|어요', 'EF')})",
                 "같은 답을 몇 번째 한다고 탓하는 말이에요: 횟수 대신 지금 해 드릴 일을 말해 주세요",
                 unless=r"죄송|사과|번거로우|불편을"),
    # "이전 메일을 다시 읽어 보시기 바랍니다", "위 댓글을 다시 읽어 보세요", "설명서를 다시
    # 읽어 보시면 해결됩니다": sent back to read it again.
    MorphPattern(r"다시[^.!?\n]{0,12}?읽",
                 rf"{_tok('다시', 'MAG')}(?:{_tok('한', 'MM')}{_tok('번', 'NNB')})?"
                 rf"(?:{_tok('[^ /]+', 'MAG')}){{0,2}}{_tok('읽', 'VV')}(?:{_tok('어', 'EC')}"
                 rf"{_tok('보', 'VX|VV')})?(?:{_ASK_YOU}|{_HON}{_tok('면', 'EC')})",
                 "다시 읽어 보라고 돌려보내는 말이에요: 필요한 내용을 이 답변에 직접 적어 주세요",
                 unless=r"혹시|바뀌|변경|새로"),
    # "설정 메뉴만 눌러 봐도 아실 수 있습니다", "사진만 보셔도 아실 텐데요", "한 번만 쳐 봐도
    # 나오는 거예요": it is obvious to anyone who looks.
    MorphPattern(r"만[^.!?\n]{0,20}?(?:봐도|보셔도|해도|하셔도)",
                 rf"{_tok('만', 'JX')}(?:{_ANY}){{0,4}}?(?:{_tok('보', 'VX|VV')}|{_ANY[:-1]}"
                 rf"(?<=/VV|/XSV) {_HON})(?:{_HON})?{_tok('어도|아도', 'EC')}(?:{_ANY}){{0,2}}?"
                 rf"(?:{_tok('알', 'VV')}{_HON}|{_tok('나오|보이', 'VV')}|{_tok('찾', 'VV')}{_HON})",
                 "조금만 보면 알 수 있다고 얕보는 말이에요: 어디에서 무엇을 누르면 되는지 알려 주세요"),
    # "다음에는 먼저 찾아봐 주십시오", "다음엔 결제 전에 옵션을 꼭 확인해 주세요", "먼저
    # 찾아보시고 문의 주십시오": telling the customer what to do next time.
    MorphPattern(r"다음\s?번?(?:에는|엔|부터)|먼저\s?찾아",
                 rf"(?:{_tok('다음|다음번', 'NNG')}(?:{_tok('번', 'NNB|NNG')})?(?:{_tok('에', 'JKB')}"
                 rf"{_tok('는|ᆫ', 'JX')}|{_tok('부터', 'JX')}(?:{_tok('는', 'JX')})?)(?:{_ANY}){{0,7}}?"
                 rf"(?:{_LOOK}|{_LOOK_NOUN}{_tok('하', 'XSV')})(?:{_tok('어|아', 'EC')}{_tok('보', 'VX')})?"
                 rf"{_ASK_YOU}|{_tok('먼저', 'MAG')}(?:{_tok('직접', 'MAG')})?{_tok('찾아보|검색하', 'VV')}"
                 rf"(?:{_ASK_YOU}|{_HON}{_tok('고', 'EC')}))",
                 "다음부터 먼저 확인하라고 가르치는 말이에요: 이번에 해 드릴 일을 말해 주세요"),
    # "화면을 좀 더 꼼꼼히 보셨으면 합니다", "주의 깊게 보셨으면 해요": a wish that is a
    # reproach.
    MorphPattern(r"(?:꼼꼼|제대로|자세히|신중|주의|잘|찬찬|유심)[^.!?\n]{0,12}?셨으면",
                 rf"{_CARE}(?:{_ANY}){{0,2}}?{_LOOK}(?:{_tok('어', 'EC')}{_tok('보', 'VX')})?{_HON}"
                 # A wish (합니다, 좋겠어요); "좋았을 텐데" is the phrase list's regret.
                 rf"{_tok('었', 'EP')}{_tok('으면', 'EC')}(?:{_tok('하|싶', 'VX|VV')}|"
                 rf"{_tok('좋', 'VA')}{_tok('겠', 'EP')})",
                 "'~보셨으면 합니다'는 고객을 나무라는 말이에요: 필요한 내용을 이 답변에 적어 주세요"),
    # "부재중이셔서 세 번이나 헛걸음했어요", "연락이 안 되셔서 두 번이나 되돌아왔어요": the
    # customer's absence as the cause of our wasted trips.
    MorphPattern(r"셔서[^.!?\n]{0,20}?(?:번이나|차례나|헛걸음|허탕|헛수고)",
                 rf"(?:{_ANY[:-1]}(?<!주/VX|주/VV) {_HON}|{_tok('계시', 'VV')})"
                 rf"{_tok('어서|아서', 'EC')}(?:{_ANY}){{0,4}}?"
                 rf"(?:{_COUNT}{_tok('이나|나', 'JX')}|{_tok('헛', 'XPN')}|{_tok('허탕|헛수고|헛걸음', 'NNG')})",
                 "고객이 없어서 헛걸음했다고 탓하는 말이에요: 다시 받을 방법과 시간을 물어봐 주세요",
                 unless=r"감사|죄송"),
    # "그냥 주문하신 거죠?": the customer just went ahead.
    MorphPattern(r"그냥[^.!?\n]{0,20}?(?:신|하신)\s?(?:거|건)",
                 rf"{_tok('그냥', 'MAG')}(?:{_ANY}){{0,3}}?{_THEIR_ACT}(?:{_tok('었', 'EP')})?"
                 rf"{_tok('ᆫ', 'ETM')}{_tok('거|것', 'NNB')}{_tok('이', 'VCP')}{_tok('죠|ᆫ가요|지요', 'EF')}",
                 "그냥 했냐고 따지는 말이에요: 무엇이 필요한지와 해 드릴 일을 말해 주세요"),
    # "참 대단하십니다." on its own, in a reply that says the customer did not do something:
    # sarcasm. Praise beside good news ("대단하세요! 100번째 주문이시네요") has no omission.
    MorphPattern(r"(?s)\A(?=.*?(?:대단하|훌륭하|잘하)(?:[시십세셨]))"
                 r"(?=.*?(?:(?:안|못)\s?[가-힣]*[셨시]|지\s?(?:도\s?)?않으[셨시]))",
                 rf"\A(?:{_tok('참|정말|진짜|역시|아주|와|우와|정말로', 'MAG|IC')})*"
                 rf"(?:{_tok('대단|훌륭', 'XR')}{_tok('하', 'XSA')}|{_tok('훌륭하|대단하|잘하', 'VA|VV')})"
                 rf"(?:{_HON}[^ /]+/EF |{_tok('세요|으세요', 'EF')})(?:{_tok('[.!~]+', 'SF')})?\Z",
                 "비꼬는 칭찬이에요: 무엇이 필요한지와 지금 해 드릴 일을 담담하게 말해 주세요"),
    # "그걸 못 보셨다니 놀랍네요".
    MorphPattern(r"(?:안|못)\s?(?:보|읽)셨다니",
                 rf"{_tok('안|못', 'MAG')}{_LOOK}{_HON}{_tok('었', 'EP')}{_tok('다니', 'EC')}",
                 "못 봤다니 놀랍다는 말은 고객을 탓해요: 필요한 내용을 이 답변에 적어 주세요"),
)

BOILERPLATE_STRUCTURES: tuple[MorphPattern, ...] = (
    # "-었음을 알려 드립니다", "처리됨을 통보합니다", "예정임을 안내드립니다".
    MorphPattern(_FINAL_M + r"을\s?(?:안내|알려|알리|공지|통지|통보)",
                 rf"{_tok('ᆷ|음', 'ETN')}{_tok('을', 'JKO')}"
                 rf"{_tok('안내|알리|공지|통지|통보', 'NNG|VV')}",
                 "'~했음을 알려 드립니다'는 공문 말투예요: '처리했어요'처럼 사람이 말하듯 "
                 "쓰세요"),
    # A sentence that ends in a noun form (개조식): "처리 불가함.", "확인 바람."
    MorphPattern(_FINAL_M + r"(?<!드림)(?:\s*[.!\n]|\s*$)",
                 rf"{_tok('ᆷ|음', 'ETN|EF')}(?=(?:{_tok('[.!]', 'SF')})?$)",
                 "'~함/~음'으로 끝나는 개조식 문장은 공문 말투예요: '어려워요', '확인해 "
                 "주세요'처럼 문장으로 끝내세요"),
)


def may_analyse(text: str, speech_level: str = HAPSYO) -> bool:
    """False when checking ``text`` for a voice that wants ``speech_level`` (``hapsyo``,
    ``haeyo`` or ``any``: :func:`brandvoice.checks.language.wanted_speech_level`) cannot run
    Kiwi: every clause ends politely (speech levels are read without it, except that for a
    합쇼체 voice, the default, Kiwi reads each 해요체 ending), and no structure's cheap hint
    is in the text. The same tests that gate each analysis, read on the whole text, so True
    also when in doubt: for deciding whether to :func:`preload`, never for a finding."""
    fast = _fast_levels(text)
    return fast is None or \
        (speech_level == HAPSYO and any(lv[2] == HAEYO for lv in fast)) or \
        bool(_TOLD_HINT.search(text) and _MARKER_HINT.search(text)) or \
        bool(_CAUSE_HINT.search(text) and _FAULT_HINT.search(text)) or \
        any(p.compiled[0].search(text) for p in BLAME_STRUCTURES + BOILERPLATE_STRUCTURES)


def _blame(text: str) -> list[tuple[int, int, str]]:
    return told_already(text) + your_doing(text) + morph_find(text, BLAME_STRUCTURES)


def _boilerplate(text: str) -> list[tuple[int, int, str]]:
    return morph_find(text, BOILERPLATE_STRUCTURES)


# --- The pack ---------------------------------------------------------------------------

# A word on its own or with a particle ("익일에", "금일은"): the particle stays outside the span,
# so the suggestion replaces the word only.
_PARTICLE_END = r"(?=(?:에|에는|은|는|까지|부터|중|중에|의|로|이|가|도)?(?![가-힣]))"

_BOILERPLATE = (
    Phrase(r"[가-힣]+(?:었|았|였|되었|됐|있|없|불가하|가능하|예정)?(?:음|함)을\s?(?:안내|알려|공지|통지)"
           r"\s?(?:해\s?|하여\s?)?드립니다",
           None, "a stiff notice; say it as a person would: '처리했어요'"),
    Phrase(r"(?:안내|알려)\s?드리(?:오니|는\s?바입니다)", None, "bureaucratic notice phrasing"),
    # "-오니" (예정이오니, 불가하오니): the connective of official notices.
    Phrase(r"[가-힣]*(?:이오니|하오니|되오니|으오니|사오니)", None, "notice-style '-오니'"),
    Phrase(r"이용에\s?불편을\s?(?:드려|끼쳐)", None, "a stock apology; say what went wrong",
           weak=True),
    Phrase(r"불편을\s?끼쳐\s?드(?:려|린\s?점)(?:\s?대단히\s?죄송)?", None, "a stock apology",
           weak=True),
    Phrase(r"(?:깊이|진심으로)\s?사과(?:를\s?)?드리며", None, "a stock apology", weak=True),
    Phrase(r"양해\s?(?:를\s?)?(?:부탁\s?드립니다|바랍니다|구합니다|하여\s?주시기|해\s?주시기)", None,
           "'we ask for your understanding'", weak=True),
    Phrase(r"빠른\s?시일\s?(?:내|안)에?", None, "a vague stock promise; say when", weak=True),
    Phrase(r"(?:으로|로)\s?인하여", None, "official-letter 'due to'", weak=True),
    Phrase(r"고객님의\s?소중한\s?(?:의견|말씀)", None, "stock phrasing"),
    Phrase(r"(?:더욱\s?|항상\s?)?(?:노력|발전|귀\s?기울이)하는\s?[가-힣]+(?:이|가)\s?되(?:겠습니다|도록)",
           None, "a stock promise"),
    Phrase(r"(?:더\s?나은|최상의|보다\s?나은)\s?서비스를\s?(?:제공하기|위해)[^.!?\n]{0,12}?노력하겠습니다",
           None, "a stock promise"),
    Phrase(r"[가-힣]*(?:참고|양지|확인|숙지|이해|이용|진행|문의|유의|유념|협조)하(?:시기|시길|시어|여\s?주시기|여\s?주시길)"
           r"\s?바랍니다",
           None, "an order in notice style, where a person writes '-해 주세요'"),
    Phrase(r"(?:하여|연락|문의)\s?주시(?:기|길)\s?바랍니다", None,
           "notice style, where a person writes '-해 주세요'"),
    Phrase(r"착오\s?없으시기\s?바랍니다", None, "notice style"),
    Phrase(r"(?:언제든지|언제든)\s?(?:편하게\s?)?문의\s?(?:하여|해)?\s?주시기\s?바랍니다", None,
           "like 'do not hesitate to contact us'"),
    Phrase(r"(?:규정|정책|방침)(?:상|에\s?따라|에\s?의거하여)", None, "like 'as per our policy'"),
    Phrase(r"에\s?의거하여", None, "legal phrasing"),
    Phrase(r"(?:요청|문의|민원)(?:하신\s?(?:건|내용|사항))?(?:이|가)\s?정상적으로\s?접수되었", None,
           "like 'your request has been received'"),
    Phrase(r"처리\s?중에\s?있(?:음|습니다)", None, "translated notice phrasing: '처리하고 있어요'"),
    Phrase(r"순차적으로\s?(?:처리|답변|안내|진행|회신)|순차\s?(?:처리|답변|안내|진행)", None,
           "a queue notice; say when the customer will hear back"),
    Phrase(r"해당\s?건(?:은|에\s?대해서는|에\s?대하여)", None, "impersonal; name the thing"),
    Phrase(r"(?<![가-힣])귀하(?:의|께서|께|는|가)?(?![가-힣])", None,
           "official-letter 'you'; write 고객님"),
    Phrase(r"(?<![가-힣])귀사(?:의|께서|께|는|가|에서)?(?![가-힣])", None,
           "공문 말투예요: 회사 이름이나 '고객님'으로 쓰세요"),
    Phrase(r"(?<![가-힣])(?:상기|하기)\s?(?:내용|사항)", None, "official-letter phrasing"),
    Phrase(r"(?<![가-힣])금일" + _PARTICLE_END, "오늘", "official-letter word"),
    Phrase(r"(?<![가-힣])익일" + _PARTICLE_END, "다음 날", "official-letter word"),
    Phrase(r"(?<![가-힣])익영업일" + _PARTICLE_END, "다음 영업일", "공문 말투예요: '다음 영업일'이라고 쓰세요"),
    Phrase(r"할\s?것을\s?(?:권고|요청|당부|권장)(?:드립니다|합니다|드리며|하며)", None,
           "공문 말투예요: '~해 주세요'처럼 부탁하세요"),
    Phrase(r"[가-힣]+(?:드리|하)는\s?바(?:입니다|이오니|이며)", None,
           "'~하는 바입니다'는 공문 말투예요: '사과드려요'처럼 바로 말하세요"),
    Phrase(r"문의\s?주신\s?(?:건|내용|사항)에\s?(?:대해|대하여|관하여|관해)", None,
           "상투적인 서두예요: '말씀하신 환불은'처럼 바로 말해 주세요", weak=True),
    Phrase(r"당사(?:는|의|에서는)", None, "impersonal 'the company'; write 저희"),
    Phrase(r"(?<![가-힣])의거(?:하여|해서?|한)?(?![가-힣])", None,
           "법률 문서 말투예요: '~에 따라'나 이유를 풀어서 쓰세요"),
    Phrase(r"(?<![가-힣])(?:상기|하기)\s?건|(?<![가-힣])(?:상기|하기)와\s?같|(?<![가-힣])본\s?(?:건|안내|메일|문자|공지)(?=은|는|과|에|의|으로)",
           None, "공문 말투예요: 무슨 일인지 이름을 말해 주세요 (예: '말씀하신 환불은')"),
    Phrase(r"(?<![가-힣])금번" + _PARTICLE_END, "이번", "공문 말투예요: '이번'이라고 쓰세요"),
    Phrase(r"(?<![가-힣])통보(?:합니다|드립니다|해\s?드리|하여|될|할|\s?예정)", None,
           "'통보'는 딱딱한 말이에요: '알려 드릴게요'처럼 쓰세요"),
    Phrase(r"(?<![가-힣])송부(?:하오니|드립니다|합니다|해\s?드립니다|하여|드리오니|드려요)", None,
           "'송부'는 공문 말투예요: '보내 드려요'처럼 쓰세요"),
    Phrase(r"[가-힣]+토록\s?(?:하겠|할게|하였|했)[가-힣]*", None,
           "'~토록 하겠습니다'는 공문 말투예요: '고칠게요'처럼 무엇을 할지 바로 쓰세요"),
    Phrase(r"만전을\s?기하|성원에\s?보답|최선을\s?다하는\s?[가-힣]+(?:이|가)\s?되", None,
           "상투적인 다짐이에요: 무엇을 바꿀지 구체적으로 말해 주세요"),
    Phrase(r"(?<![가-힣])정상\s?(?:접수|처리)(?:\s?처리)?(?:되었|됐|됨|완료)[가-힣]*|접수\s?처리(?:되었|됐|됨)[가-힣]*",
           None,
           "안내문 말투예요: '문의 잘 받았어요'처럼 쓰세요"),
    Phrase(r"[가-힣]+하고자\s?(?:합니다|하오니|하였|했|하니)", None,
           "'~하고자 합니다'는 공문 말투예요: '~할게요'처럼 쓰세요"),
    Phrase(r"(?<![가-힣])(?:참고|확인|양지|숙지|협조|문의|유의)\s?바랍니다", None,
           "안내문 말투예요: '확인해 주세요'처럼 쓰세요"),
    Phrase(r"(?:아래|다음|하기)와\s?같이\s?(?:안내|답변|알려|회신|말씀)", None,
           "상투적인 서두예요: 바로 답을 말해 주세요", weak=True),
    Phrase(r"(?:문의|요청|신청)하신\s?(?:사항|건|내용)에\s?(?:대하여|대해|관하여|관해)", None,
           "상투적인 서두예요: '말씀하신 환불은'처럼 바로 말해 주세요", weak=True),
    Phrase(r"너그러운\s?(?:양해|이해)", None, "상투적인 사과예요: 무엇이 잘못됐고 무엇을 할지 말해 주세요",
           weak=True),
    Phrase(r"(?:심심한|깊은)\s?사과의\s?말씀(?:을)?\s?(?:드립니다|드리며|올립니다)", None,
           "상투적인 사과예요: 무엇이 잘못됐고 무엇을 할지 말해 주세요", weak=True),
    Phrase(r"[가-힣]*에\s?대한\s?답변(?:을)?\s?(?:드립니다|드리겠습니다|드리오니)", None,
           "상투적인 서두예요: 바로 답을 말해 주세요", weak=True),
    Phrase(r"안내\s?말씀\s?(?:을\s?)?(?:드립니다|드리오니|드리며)", None, "안내문 말투예요: 바로 말해 주세요"),
    Phrase(r"당부\s?(?:의\s?말씀\s?)?드립니다", None, "공문 말투예요: '~해 주세요'처럼 부탁하세요"),
    Phrase(r"[가-힣]+(?:할|될|올|갈|볼|낼)\s?것(?=\s*[.!]?\s*$|\s*[.!]\s|\n)", None,
           "'~할 것.'은 개조식 지시예요: '~해 주세요'처럼 쓰세요"),
    Phrase(r"최선을\s?다하겠습니다|재발\s?방지(?:를\s?위해|에)\s?(?:최선을\s?다하|노력하|만전을)", None,
           "상투적인 다짐이에요: 무엇을 바꿀지 구체적으로 말해 주세요", weak=True),
    Phrase(r"항상\s?(?:저희\s?)?[가-힣A-Za-z]*(?:을|를)\s?(?:이용|사랑|아껴)(?:해|하여)\s?주셔서\s?(?:진심으로\s?)?감사",
           None, "상투적인 인사예요", weak=True),
    Phrase(r"관련\s?부서(?:에|로)\s?(?:전달|이관)(?:하겠습니다|하였습니다|되었습니다|할\s?예정)", None,
           "누가 언제 답할지 없는 안내예요: 담당과 답변 시점을 말해 주세요", weak=True),
)

# An offer to help: "번호를 알려 드릴게요", "연결해 드리겠습니다".
_HELP_OFFER = r"(?:알려|도와|안내해|연결해|전달해|확인해)\s?드(?:릴게요|리겠습니다|릴게|려요|립니다)"

_BLAME = (
    # Not when it is denied: "고객님 잘못이 아니에요" reassures.
    Phrase(r"고객님(?:의|께서)?\s?(?:과실|잘못|실수|부주의|책임|탓)(?![가-힣]*\s?(?:아니|아닌|아닙))", None,
           "blames the customer"),
    Phrase(r"몇\s?번(?:이나|을)?\s?(?:안내|말씀|설명|말)", None, "'as we told you several times'"),
    Phrase(r"(?:공지|안내|약관|설명서?|주의\s?사항)(?:을|를)?\s?(?:제대로\s?|꼼꼼히\s?)?"
           r"(?:확인|읽|숙지)(?:하지\s?않|지\s?않|안\s?하|하지\s?않으|하셨어야|으셨어야|셨어야)",
           None, "blames the customer for not reading"),
    # "didn't you read it?": 안/못 + read/see/check + honorific past + question.
    Phrase(r"(?:안|못)\s?(?:읽으|보|확인하|들으)셨(?:나요|어요\s?\?|나\s?봐요|습니까|던\s?거)", None,
           "'didn't you read it?'"),
    # "if you had read it, this would not have happened".
    Phrase(r"[가-힣]+(?:셨|으셨)(?:다면|으면|더라면|어도)[^.!?\n]{0,30}?(?:없었|않았|안\s?났|않으셨을|없으셨을)[가-힣]*", None,
           "'if you had..., this would not have happened'"),
    Phrase(r"(?:먼저|미리)\s?(?:읽|확인하|보)[고어]\s?(?:보시고\s?)?문의", None,
           "'read it before you ask'"),
    Phrase(r"(?:설명서|공지|안내|상세\s?페이지|FAQ|약관|위)[^.!?\n]{0,12}?(?:다|이미|전부)\s?"
           r"(?:나와|적혀|쓰여|안내되어|있는)", None, "'it's all written there'"),
    Phrase(r"(?:계속|자꾸|또|같은\s?(?:질문|문의|내용)(?:을|를)?)[^.!?\n]{0,10}?"
           r"(?:물어보|질문(?:을\s?)?하|문의(?:를\s?)?하)(?:셔도|시면|시네요|시는데)", None,
           "'you keep asking the same thing'"),
    Phrase(r"저희(?:의|는)?\s?(?:쪽\s?|측\s?)?(?:책임|잘못|과실|문제|탓)(?:이|가)?\s?"
           r"(?:아닙니다|아니에요|아니라|아니므로|아니니)", None, "'not our fault'"),
    Phrase(r"저희(?:도|로서는)?\s?어쩔\s?수\s?(?:없습니다|없어요|없네요)", None,
           "'nothing we can do'"),
    Phrase(r"(?:고객님\s?)?책임(?:입니다|이에요|이세요)", None, "'it is your responsibility'"),
    Phrase(r"왜\s?(?:미리\s?)?(?:확인|말씀|연락|신청)(?:을|를)?\s?안\s?하셨", None,
           "'why didn't you...'"),
    Phrase(r"(?:말씀|안내|설명)\s?드렸잖아요|(?:말씀|안내|설명)(?:해\s?)?\s?드렸잖", None,
           "'I told you, didn't I'"),
    Phrase(r"다른\s?(?:고객|분|사용자|손님|회원)[가-힣]*\s?(?:다|모두|전부)?\s?(?:문제\s?없이|잘)\s?"
           r"(?:쓰|사용하|이용하|받)", None, "'other customers manage fine'"),
    Phrase(r"그렇게\s?(?:쓰|사용하|하|다루|보관하)시(?:면|니까)[^.!?\n]{0,10}?당연히", None,
           "'of course, if you use it like that'"),
    Phrase(r"저희가\s?(?:그걸|그것을|그건)?\s?어떻게\s?알(?:겠어요|겠습니까|아요|죠)", None,
           "'how would we know'"),
    Phrase(r"[가-힣]+\s?(?:주)?셨어야(?:죠|지요|\s?(?:했|합니다|해요|하는|할|하죠))", None,
           "'you should have...'"),
    Phrase(r"(?:문의|질문|연락)(?:하시기|하기|주시기)\s?전에[^.!?\n]{0,20}?"
           r"(?:보세요|읽어|확인하세요|확인해\s?주세요|찾아보)", None, "'look it up before you ask'"),
    Phrase(r"(?:직접|알아서)\s?(?:찾아보|확인하|알아보|해결하|하)셔야", None, "'do it yourself'"),
    Phrase(r"(?:말씀|문의|연락|항의)(?:하|해)?셔도\s?소용\s?(?:없|이\s?없)", None,
           "'there is no use telling us'"),
    Phrase(r"(?:규정|규칙|원칙|정책)은\s?(?:규정|규칙|원칙|정책)이(?:라|니까|므로|기\s?때문에)", None,
           "'rules are rules'"),
    Phrase(r"[가-힣]+셨(?:으면|더라면)\s?(?:좋았을|좋았겠|됐을|되었을|괜찮았을)(?:\s?텐데[가-힣]*)?", None,
           "'~하셨으면 좋았을 텐데'는 지난 일로 고객을 탓하는 말이에요: 지금 해 드릴 일을 말해 주세요"),
    Phrase(r"저희(?:가|는)?\s?책임(?:질|지는|져야\s?할)\s?(?:일|부분|문제)(?:이|은|는)?\s?아니[가-힣]*|"
           r"저희(?:의)?\s?(?:잘못|책임|과실|탓)(?:은|는|이)\s?(?:없|아니)[가-힣]*", None,
           "'저희 책임이 아니다'는 고객을 돌려보내는 말이에요: 대신 확인해 드릴 일을 말해 주세요"),
    Phrase(r"[가-힣]*시라고\s?(?:분명히?\s?)?(?:했|말씀\s?드렸|안내\s?드렸|안내해\s?드렸|말했)(?:잖|는데|지만|을\s?텐데)"
           r"[가-힣]*",
           None, "'~하시라고 했잖아요'는 고객을 나무라는 말이에요: 지금 해 드릴 일을 말해 주세요"),
    Phrase(r"(?:설명서|공지(?:사항)?|안내문|약관|상세\s?페이지|FAQ|글)(?:을|를)?\s?(?:한\s?번\s?더|다시(?:\s?한\s?번)?|끝까지)"
           r"\s?(?:읽어|보세요|보시면|읽으시면|읽으세요)", None,
           "다시 읽으라고 하는 말이에요: 필요한 내용을 이 답변에 직접 적어 주세요"),
    Phrase(r"(?:반복해서|거듭|재차|또\s?다시)\s?(?:말씀|안내|설명)\s?(?:해\s?)?드리(?:지만|는데|자면)", None,
           "같은 말을 되풀이한다고 탓하는 말이에요: 조건을 쉽게 다시 설명해 주세요"),
    Phrase(r"[가-힣]*(?:신|하신)\s?(?:건|것은|거는|분은|분이)\s?고객님(?:이시|이십|이세요|입니다|이에요|이잖)[가-힣]*", None,
           "고객이 한 일이라고 못 박는 말이에요: 지금 해 드릴 일을 말해 주세요"),
    Phrase(r"(?:해\s?)?드릴\s?수\s?있는\s?(?:게|것이|일이|부분이)\s?없(?:습니다|어요|네요)", None,
           "'해 드릴 게 없다'는 고객을 돌려보내는 말이에요: 할 수 있는 다른 방법을 말해 주세요"),
    Phrase(r"[가-힣]+셨잖(?:아요|습니까|아)", None,
           "'~하셨잖아요'는 고객을 나무라는 말이에요: 무슨 일이 있었는지와 해 드릴 일을 말해 주세요"),
    Phrase(r"[가-힣]+시면\s?안\s?되(?:죠|지요|잖아요)", None,
           "'~하시면 안 되죠'는 고객을 나무라는 말이에요: 무엇을 도와드릴지 말해 주세요"),
    Phrase(r"(?:분명히|분명하게|명확히)\s?(?:적혀|나와|쓰여|명시되어|기재되어|안내되어)\s?있[가-힣]*", None,
           "'분명히 적혀 있다'는 고객이 못 본 탓으로 돌리는 말이에요: 필요한 내용을 이 답변에 적어 주세요"),
    Phrase(r"(?:약관|규정|정책|상세\s?페이지|공지(?:사항)?)(?:에|에도)\s?(?:명시|기재|고지)(?:되어|돼)\s?있(?:습니다|어요)"
           r"(?=\s*[.!]?\s*$|\s*[.!]\s)", None,
           "'약관에 명시되어 있다'로 끝내면 돌려보내는 말이에요: 조건을 쉽게 풀어 말해 주세요"),
    Phrase(r"동의하신\s?(?:사항|내용|부분)(?:입니다|이에요|이므로|이라|이니)", None,
           "'동의하신 사항'이라며 고객에게 넘기는 말이에요: 조건을 쉽게 설명하고 할 수 있는 일을 말해 주세요"),
    Phrase(r"[가-힣]+지\s?않으신\s?(?:고객님|분)(?:께는|께|은|는|의)?"
           r"(?=[^.!?\n]{0,25}?(?:수\s?없|불가|어렵|안\s?돼|안\s?됩))", None,
           "'~하지 않으신 고객님'은 고객을 탓하는 말이에요: 조건을 쉽게 설명하고 할 수 있는 일을 말해 주세요"),
    Phrase(r"(?:물어보|문의하)실\s?게\s?아니라|(?:물어보|문의하)셔야(?:죠|지요)", None,
           "다른 곳으로 돌려보내는 말이에요: 저희가 대신 확인하거나 연락할 곳을 친절히 알려 주세요"),
    Phrase(r"어쩔\s?수\s?(?:없습니다|없어요|없네요|없는\s?(?:부분|상황|일|문제)(?:이니|이라|입니다|이에요))",
           None, "'어쩔 수 없다'는 고객을 돌려보내는 말이에요: 대신 해 드릴 수 있는 일을 말해 주세요"),
    Phrase(r"(?:고객님|본인)(?:의|께서)?\s?(?:착오|부주의|과실|실수|확인\s?부족)", None,
           "고객 탓으로 돌리는 말이에요: 무슨 일이 있었는지와 해 드릴 일을 말해 주세요"),
    Phrase(r"고객님\s?(?:쪽|측)(?:의)?\s?[가-힣]{0,8}\s?문제(?:로|입니다|예요|이에요|인\s?것|\s?같)", None,
           "고객 쪽 문제라고 넘기는 말이에요: 함께 확인할 방법을 말해 주세요"),
    Phrase(r"고객님\s?사정(?:이고|이죠|이지|이잖|일\s?뿐)[가-힣]*", None,
           "고객 사정이라고 넘기는 말이에요: 해 드릴 수 있는 일을 말해 주세요"),
    Phrase(r"[가-힣]*(?:부탁|요청)\s?드렸(?:는데|지만|으나|음에도)[^.!?\n]{0,20}?(?:안|못|없)[가-힣]*", None,
           "'부탁드렸는데 안 하셨다'는 탓하는 말이에요: 필요한 것을 다시 쉽게 부탁해 주세요"),
    Phrase(r"잘못\s?[가-힣]{1,6}(?:하신|으신|신)\s?(?:거|것)(?:예요|이에요|입니다|이죠|죠)", None,
           "'잘못하신 거예요'는 고객 탓이에요: 어떻게 바로잡을지 말해 주세요"),
    Phrase(r"(?:자꾸|계속|이렇게)\s?이러시(?:면|니까)", None,
           "고객을 나무라는 말이에요: 무엇을 도와드릴지 말해 주세요"),
    Phrase(r"그렇게\s?(?:쓰|사용하|하|다루|보관하|세탁하)시면\s?안\s?(?:되는|돼요|됩니다)", None,
           "고객의 사용법을 나무라는 말이에요: 올바른 사용법과 해 드릴 일을 말해 주세요"),
    Phrase(r"직접\s?(?:하실|확인하실|찾아보실|조회하실|알아보실)\s?수\s?있는\s?(?:부분|내용)(?:이에요|입니다|이라)",
           None, "'직접 하실 수 있는 부분'은 돌려보내는 말이에요: 방법을 알려 드리거나 대신 해 드리세요"),
    Phrase(r"(?:충분히|사전에|미리|이미)\s?(?:안내|고지|공지|설명)(?:되어|돼|된|되었|됐)\s?(?:있었|있습니다|있어요)"
           r"[가-힣]*",
           None, "'이미 안내되어 있었다'는 고객이 못 본 탓으로 돌리는 말이에요: 조건을 다시 쉽게 "
           "설명해 주세요"),
    Phrase(r"(?:이미|앞서)\s?(?:공지|안내|고지)(?:한|된|드린)\s?(?:내용|사항)(?:이므로|이라|이니|입니다)", None,
           "'이미 공지한 내용'이라며 답을 미루는 말이에요: 필요한 내용을 이 답변에 적어 주세요"),
    # "사용자 과실이에요", "소비자 부주의로": the customer as the fault, unless it is denied
    # ("고객님 잘못이 아니에요").
    Phrase(r"(?<![가-힣])(?:사용자|소비자|구매자|이용자|고객)\s?(?:의\s?)?(?:과실|부주의|잘못|실수|탓)"
           r"(?![가-힣]*\s?(?:아니|아닌|아닙))", None,
           "고객 탓으로 돌리는 말이에요: 무슨 일이 있었는지와 해 드릴 일을 말해 주세요"),
    # "다른 분들은 다 맛있다고 하시거든요": the others (contrastive 은/는), all of them, fine.
    # "다른 분들도 같은 문제를" (도) shares the problem and is not matched.
    Phrase(r"다른\s?(?:고객|분|사용자|손님|회원|이용자)(?:님)?(?:들)?(?:은|는)\s?(?:다|모두|전부|대부분|다들)"
           r"(?![가-힣])", None,
           "다른 고객과 비교해 고객을 탓하는 말이에요: 이 고객의 문제를 함께 확인해 주세요"),
    Phrase(r"(?:제대로|잘|정확히|똑바로)\s?[가-힣]+(?:셨|으셨)는지\s?(?:모르겠|의문|의심)[가-힣]*", None,
           "고객을 의심하는 말이에요: 확인할 방법을 같이 알려 주세요"),
    # "옵션을 잘못 고르셨네요": the customer did it wrong (honorific past; "저희가 잘못
    # 보냈어요" owns it and has no -시-).
    Phrase(r"잘못\s?[가-힣]{1,6}(?:셨|으셨)(?:네요|어요|습니다|군요|던데요|던\s?거|나\s?봐요|을\s?(?:거|수))", None,
           "'잘못 하셨다'는 고객 탓이에요: 어떻게 바로잡을지 말해 주세요"),
    Phrase(r"[가-힣]*(?:신|하신)\s?(?:거|것)(?:이)?잖(?:아요|습니까|아)", None,
           "'~하신 거잖아요'는 고객을 나무라는 말이에요: 지금 해 드릴 일을 말해 주세요"),
    Phrase(r"(?:착각|오해|혼동)(?:을\s?)?(?:하신|하셨|하시는)[가-힣]*", None,
           "고객이 착각했다고 하는 말이에요: 헷갈릴 수 있는 부분을 쉽게 다시 설명해 주세요"),
    Phrase(r"왜\s?(?:이제|이제야|지금|지금에서야|뒤늦게)\s?(?:말씀|연락|문의|신청|얘기|말)[가-힣]*", None,
           "늦게 연락했다고 탓하는 말이에요: 지금 해 드릴 수 있는 일을 말해 주세요"),
    Phrase(r"저희\s?(?:쪽\s?)?(?:소관|담당|관할|업무|일)(?:이|은|는)?\s?(?:아닙니다|아니에요|아니라서|아니므로)", None,
           "'저희 소관이 아니다'는 고객을 돌려보내는 말이에요: 어디에 어떻게 연락하면 되는지 "
           "알려 드리거나 대신 전달해 주세요"),
    Phrase(r"저희\s?탓(?:을|만)?\s?하시(?:면|는데|니)", None,
           "고객을 나무라는 말이에요: 무엇을 도와드릴지 말해 주세요"),
    Phrase(r"(?:감수|이해)(?:를\s?)?(?:하셔야|해\s?주셔야)\s?(?:합니다|해요|하는|할|돼요|됩니다)", None,
           "고객에게 받아들이라고 하는 말이에요: 이유를 설명하고 할 수 있는 일을 말해 주세요"),
    Phrase(r"[가-힣]+(?:셨|으셨)(?:다면|으면|더라면)[^.!?\n]{0,30}?(?:아셨을|알\s?수\s?있으셨을|아실\s?수\s?있었을)", None,
           "'~하셨으면 아셨을 거예요'는 고객 탓이에요: 필요한 내용을 지금 알려 주세요"),
    Phrase(r"(?:읽어|찾아|확인해)\s?보시면\s?(?:다|전부|금방)\s?(?:나와|적혀|있|보이)[가-힣]*", None,
           "찾아보라고 돌려보내는 말이에요: 필요한 내용을 이 답변에 적어 주세요"),
    Phrase(r"(?:드릴\s?수\s?있는|드릴)\s?(?:답변|말씀|안내)(?:은|는)\s?여기까지(?:입니다|예요|이에요)", None,
           "대화를 끊는 말이에요: 다른 방법이나 연락할 곳을 알려 주세요"),
    # "비밀번호를 여러 번 틀리셔서 그래요", "누르시는 바람에", "놓치신 탓에": the customer's act
    # named as the cause.
    Phrase(r"[가-힣]+(?<!주)(?:셔서|으셔서)\s?(?:그래요|그렇습니다|그런\s?(?:거예요|겁니다|것입니다))|"
           r"[가-힣]+(?:시는|으시는)\s?바람에|[가-힣]+(?:신|으신)\s?탓(?:에|이|입니다|이에요|으로)", None,
           "고객이 한 일 때문이라고 탓하는 말이에요: 무슨 일이 있었는지와 해 드릴 일을 말해 주세요"),
    # Not as a connective followed by what happens next, with no refusal in it ("이미
    # 결제하셨으니까요, 곧 배송이 시작돼요"); "동의하셨으니까요, 환불은 안 돼요" still is.
    Phrase(r"[가-힣]+(?:셨|으셨)으니까요(?!\s?[,，](?:(?!안\s?[되돼됩]|불가|어렵|없|못|않)[^.!?\n]){0,80}"
           r"(?:[.!?\n]|$))", None,
           "'~하셨으니까요'는 고객 탓으로 돌리는 말이에요: 이유를 설명하고 할 수 있는 일을 말해 주세요"),
    Phrase(r"(?:꼼꼼히|잘|제대로|미리)?\s?(?:읽어|확인해|봐)\s?주셨으면\s?(?:좋겠|합니다|해요|했어요)[가-힣]*", None,
           "읽지 않았다고 나무라는 말이에요: 필요한 내용을 이 답변에 적어 주세요"),
    Phrase(r"[가-힣]+시면\s?(?:저희가\s?|저희도\s?)?곤란(?:합니다|해요|하죠|하니)", None,
           "고객을 나무라는 말이에요: 무엇을 도와드릴지 말해 주세요"),
    Phrase(r"왜\s?저희(?:한테|에게|쪽에)\s?(?:물어보|문의하|따지|항의하)[가-힣]*|"
           r"저희가\s?(?:뭘|무엇을|어떻게)\s?(?:더\s?)?(?:해\s?드려요|해\s?드릴\s?수\s?있겠|하라는|할\s?수\s?있겠)[가-힣]*", None,
           "고객을 돌려보내는 말이에요: 저희가 할 수 있는 일이나 연락할 곳을 알려 주세요"),
    Phrase(r"무리한\s?(?:요구|요청)(?:이세요|세요|입니다|이에요|예요|이시네요|시네요|를\s?하시|이시)[가-힣]*|(?<![가-힣])억지(?:세요|이세요|입니다|예요)|"
           r"(?<![가-힣])(?:진상\s?(?:고객|손님|짓|부리)|블랙\s?컨슈머|생떼)[가-힣]*|예민하(?:신\s?것\s?같|시네요|시군요)[가-힣]*",
           None, "고객을 탓하거나 낮추는 말이에요: 요청을 받아들일 수 있는지와 이유를 차분히 말해 주세요"),
    # Not when the reply helps with it ("...직접 문의하셔야 해요. 카드사 번호를 알려 드릴게요").
    Phrase(r"(?:직접|알아서)\s?(?:문의|연락|확인|해결|알아보|처리)(?:하)?셔야\s?(?:합니다|해요|돼요|됩니다|하는|할)"
           r"(?![^\n]{0,80}?" + _HELP_OFFER + r")(?<!" + _HELP_OFFER + r"[^\n]{0,120})", None,
           "고객에게 떠넘기는 말이에요: 저희가 대신 확인하거나 연락할 곳을 친절히 알려 주세요"),
    Phrase(r"(?:저희는|당사는|저희가)\s?[^.!?\n]{0,20}?책임(?:을)?\s?(?:지지\s?않|질\s?수\s?없)[가-힣]*|"
           r"고객님\s?때문(?:에|이에요|입니다|이죠)|(?:제가|저희가)\s?(?:뭘|무엇을)\s?잘못(?:했|한)[가-힣]*|"
           r"고객님\s?(?:생각|의견|입장)(?:이시고요|이시죠|일\s?뿐)|"
           r"규정(?:대로|에\s?따라)\s?(?:처리한|한)\s?(?:거예요|것입니다|겁니다|거라서)|"
           r"원래\s?(?:그래요|그렇습니다|그런\s?(?:거예요|겁니다))", None,
           "고객을 탓하거나 돌려보내는 말이에요: 무슨 일이 있었는지와 해 드릴 일을 말해 주세요"),
    # "늦게 오신 부분은 저희가 책임질 수 없습니다".
    Phrase(r"[가-힣]*(?:신|하신|으신)\s?(?:부분|것|건|거|점)(?:은|는|에\s?대해서는)\s?(?:저희가\s?|저희\s?쪽에서\s?|"
           r"저희는\s?|저희로서는\s?)?(?:책임(?:질|져\s?드릴|을\s?질)|보상(?:해\s?드릴|할))\s?수\s?(?:없|가\s?없)[가-힣]*",
           None, "고객이 한 일이라 책임질 수 없다고 돌려보내는 말이에요: 지금 해 드릴 수 있는 일을 "
           "말해 주세요"),
    # "예약 확인 메일에 굵은 글씨로 적혀 있었습니다": it was written there (you missed it);
    # not when we own an error in it ("링크가 잘못 적혀 있었어요, 죄송해요"). The look-back is
    # bounded (60 characters each side): unbounded, it rescanned the sentence from every position.
    Phrase(r"(?<![^.!?\n]{0,60}(?:잘못|오류|틀리|틀린|실수)[^.!?\n]{0,60})(?:메일|문자|공지(?:사항)?|안내(?:문|서)?|약관|설명서|"
           r"상세\s?페이지|유의\s?사항|주의\s?사항)(?:에|에도|에는)\s?(?:(?!잘못|오류|틀리|틀린|실수)[^.!?\n]){0,20}?"
           r"(?:적혀|나와|쓰여|명시되어|기재되어|안내되어|표시되어)\s?있었(?:습니다|어요|는데|잖|고)[가-힣]*"
           r"(?![^\n]{0,40}?(?:죄송|사과))", None,
           "'적혀 있었다'는 고객이 못 본 탓으로 돌리는 말이에요: 필요한 내용을 이 답변에 적어 주세요"),
    # Not "고객님만 그러신 게 아니라 다른 분들도...", "고객님만 안 되는 게 아니에요": it's not just you.
    Phrase(r"고객님만\s?(?:그러|이러|그렇|이렇|문제|안\s?되|못\s?하)[가-힣]*"
           r"(?![가-힣]*\s?(?:게|건|것은|것이|거)\s?아니)", None,
           "'고객님만 그러세요'는 고객을 탓하는 말이에요: 이 고객의 문제를 함께 확인해 주세요"),
    Phrase(r"저희도\s?(?:바쁩니다|바빠요|바쁘거든요|바쁜\s?사람|힘듭니다|힘들어요)", None,
           "'저희도 바빠요'는 고객을 밀어내는 말이에요: 언제 답할 수 있는지 말해 주세요"),
)

_CONDESCENSION = (
    # "안 된다니까요", "말씀드렸다니까요": saying it again, annoyed. Not "-다니까" joining a
    # clause ("오늘 온다니까 기다려 보세요").
    Phrase(r"[가-힣]+(?:다|라)니까요?(?=\s*[.!~]|\s*$)", "",
           "'~다니까요'는 짜증 섞인 되풀이예요: 조건을 차분히 다시 설명해 주세요"),
    Phrase(r"(?:설마|정말|진짜)\s?(?:아직도?\s?)?모르셨(?:어요|나요|습니까|던\s?(?:거예요|건가요))", "",
           "'설마 모르셨어요?'는 고객을 얕보는 말이에요: 필요한 내용을 알려 주세요"),
    Phrase(r"당연히\s?(?:아셔야|알고\s?계셔야|하셔야)", "", "'you should obviously know'"),
    Phrase(r"그것도\s?모르", "", "'you don't even know that'"),
    Phrase(r"다시\s?한\s?번\s?(?:더\s?)?(?:설명|말씀)(?:해\s?)?드리(?:지만|자면|는데)", "",
           "'let me explain again'"),
    Phrase(r"(?:아주|정말|너무)?\s?(?:간단|쉬운|쉽)(?:한|게)?\s?(?:거|것|일)(?:예요|이에요|입니다)",
           "", "'it's simple'"),
    Phrase(r"진정(?:하세요|하시고|하십시오|좀)", "", "'calm down'"),
    Phrase(r"흥분하지\s?마(?:시고|세요|십시오)", "", "'don't get worked up'"),
    Phrase(r"(?:제대로|똑바로)\s?(?:좀\s?)?(?:읽어|보세요|확인하세요|하세요)", "",
           "'read it properly'"),
    Phrase(r"기본적인\s?(?:것|거|내용)(?:인데|이라)", "", "'it's basic'"),
    Phrase(r"(?:는\s?건|는\s?것은|는\s?거는|확인은)\s?(?:기본|상식)(?:이에요|입니다|이죠|이잖아요|이고)", "",
           "'that's basic'"),
    Phrase(r"(?<![가-힣])상식(?:적으로|이에요|입니다|인데|이죠|이잖)", "",
           "'상식'을 들먹이면 가르치려 드는 말이 돼요: 빼고 설명만 해 주세요"),
    Phrase(r"(?:제대로|잘)\s?이해(?:를)?\s?(?:못|안)\s?하(?:신|셨)[가-힣]*", "",
           "고객이 이해를 못 했다고 하는 말이에요: 더 쉽게 다시 설명해 주세요"),
    Phrase(r"말귀를|(?:못|잘\s?못)\s?알아들으[가-힣]*", "", "고객을 얕보는 말이에요: 더 쉽게 다시 설명해 주세요"),
    # Asks the customer to be careful next time ("저희가 포장을 바꿀게요" after it is our promise).
    Phrase(r"다음(?:에는|번에는)\s?(?:이런|같은)\s?(?:일|실수)(?:이|가)?\s?없도록\s?(?:꼭\s?|잘\s?)?"
           r"(?:주의|조심|확인|신경\s?써)(?:해|하여)?\s?(?:주세요|주십시오|주시기|주셨으면)", "",
           "고객을 가르치는 말이에요: 지금 해 드릴 일을 말해 주세요"),
    Phrase(r"다음부터는\s?(?:꼭|반드시|제발)?\s?(?:확인|주의|읽|잘)", "",
           "'다음부터는'은 고객을 가르치는 말이에요: 지금 해 드릴 일을 말해 주세요"),
    Phrase(r"ㅡㅡ|🙄|😒|🤦", "", "짜증이나 한심함을 드러내는 표시예요: 빼 주세요"),
    Phrase(r"이\s?정도는\s?(?:직접|혼자|스스로|충분히|쉽게)", "",
           "'이 정도는'은 고객을 얕보는 말이에요: 방법을 차근차근 알려 주세요"),
    Phrase(r"(?:잘|제대로|천천히|차근차근)\s?(?:보시면|찾아보시면|읽어\s?보시면|읽으시면)\s?(?:다\s?)?(?:있어요|있습니다|나와요|나옵니다|보여요|보입니다)", "",
           "'잘 보시면 있어요'는 고객이 못 찾았다고 얕보는 말이에요: 어디에 있는지 정확히 알려 주세요"),
    # "설명서 그림대로만 하시면 하나도 안 어려워요": "it's easy if you just...".
    Phrase(r"하나도\s?안\s?어려[워운우]|[가-힣]*(?:대로|만)\s?(?:하|따라\s?하|누르|보|읽으)시면\s?(?:하나도|전혀|아주|정말|누구나)?"
           r"\s?(?:안\s?어려|어렵지\s?않|쉬워|쉽습니다|간단해|간단합니다)[가-힣]*", None,
           "'하나도 안 어려워요'는 고객을 얕보는 말이에요: 어려울 수 있다고 인정하고 방법을 알려 주세요"),
)

_HEDGING = (
    Phrase(r"(?<![가-힣])아마(?:도)?(?![가-힣])", "", "hedges"),
    Phrase(r"글쎄요", "", "hedges"),
    Phrase(r"[가-힣]+(?:ㄹ|을|일)?지도\s?모르(?:겠|ㄹ|ㅂ)", "", "'might'"),
    Phrase(r"(?<![가-힣])어쩌면(?![가-힣])", "", "hedges"),
    Phrase(r"잘\s?모르겠(?:어요|습니다|네요)", None, "say what you will find out"),
)

_INCLUSIVE = (
    Phrase(r"살색", "살구색", "assumes one skin colour"),
    Phrase(r"벙어리\s?장갑", "손모아장갑", "disability used as a label"),
    Phrase(r"(?<![가-힣])벙어리(?!\s?장갑)", "언어장애인", "a slur for people who cannot speak"),
    Phrase(r"귀머거리", "청각장애인", "a slur for deaf people"),
    Phrase(r"(?<![가-힣])장님", "시각장애인", "a slur for blind people"),
    Phrase(r"절름발이", "지체장애인", "a slur; as a metaphor, say 불완전한"),
    Phrase(r"앉은뱅이", "좌식", "a slur"),
    Phrase(r"장애우", "장애인", "the term disabled people ask for is 장애인"),
    Phrase(r"(?<![가-힣])불구(?!하고|하여|하며|하다|하지|했|하는|한)", "장애인", "a slur"),
    Phrase(r"결손\s?가정", "한부모 가정", "calls a family incomplete"),
    Phrase(r"학부형", "학부모", "names only fathers and elder brothers"),
    Phrase(r"유모차", "유아차", "assumes the mother pushes it"),
    Phrase(r"저출산", "저출생", "puts the birth rate on women"),
    Phrase(r"미망인", "고인의 배우자", "'one who has not yet died (with her husband)'"),
    Phrase(r"처녀작", "첫 작품", "gendered metaphor"),
    Phrase(r"외국인\s?노동자", "이주노동자", "othering"),
    Phrase(r"집사람|안사람|바깥양반", "배우자", "gendered roles"),
    Phrase(r"결정\s?장애", "결정이 어려운", "disability used as an insult for indecision"),
    Phrase(r"미혼모", "비혼모", "'not yet married': marriage as the norm"),
    Phrase(r"(?<![가-힣])여직원", "직원", "marks the gender without need"),
    Phrase(r"(?<![가-힣])여사원", "사원", "marks the gender without need"),
    Phrase(r"(?<![가-힣])여사장", "사장", "marks the gender without need"),
    Phrase(r"(?<![가-힣])여의사", "의사", "marks the gender without need"),
    Phrase(r"(?<![가-힣])여교사", "교사", "marks the gender without need"),
    Phrase(r"(?<![가-힣])여배우", "배우", "marks the gender without need"),
    Phrase(r"(?<![가-힣])여검사", "검사", "marks the gender without need"),
    Phrase(r"장애자", "장애인", "the term disabled people ask for is 장애인"),
    Phrase(r"정상인(?=들|과|와|처럼|보다|\s?기준|이랑|하고|\s?(?:고객|분|아이|학생|모두))|"
           # Not after an outage (서비스 장애) or as "normal" (정상인 상태, 정상인으로 작동).
           r"(?<=(?<!(?:서비스|시스템|서버|통신|접속|전산)\s?)장애[^.!?\n]{0,30})정상인"
           r"(?![지데가걸]|\s?(?:상태|상황|작동|운영)|으로)", "비장애인",
           "implies disabled people are not normal"),
    # "남편분께 부탁해 보세요": who in the family handles the technical or heavy task,
    # assumed from gender or age.
    Phrase(r"(?:남편|남편분|아내|아내분|와이프|신랑|아드님|따님|아들|딸|손주|손자|손녀|자녀|자녀분|자제분)"
           r"\s?(?:께|에게|한테|분께)(?:서)?\s?(?:[가-힣]+\s){0,2}?(?:부탁|도움을?\s?받|여쭤|여쭈어|물어|맡겨)"
           r"[가-힣]*\s?보(?:세요|십시오|시겠어요|시면|시는\s?건)", None,
           "성별이나 나이로 누가 할 일인지 가정하는 말이에요: 방법을 직접 쉽게 알려 드리거나 "
           "'주변 분께'처럼 쓰세요"),
    Phrase(r"(?<![가-힣])여류(?:\s?(?:작가|시인|화가|소설가))?", None, "marks the gender without need: "
           "'작가', '시인'이라고 쓰세요"),
    Phrase(r"(?<![가-힣])(?:여경|여기자|여의원|여군)(?![가-힣])", None,
           "marks the gender without need: '경찰관', '기자'처럼 쓰세요"),
    Phrase(r"처녀\s?(?:비행|출전|항해|출판|등반)", None, "gendered metaphor: '첫 비행'처럼 쓰세요"),
    Phrase(r"(?<![가-힣])스튜어디스", "승무원", "a gendered job title"),
    Phrase(r"(?<![가-힣])(?:편부|편모)(?:\s?가정)?", "한부모 가정", "calls a family incomplete"),
    Phrase(r"불우\s?이웃", "어려운 이웃", "labels people by misfortune"),
    Phrase(r"(?<![가-힣])난쟁이", "저신장인", "a slur for people of short stature"),
    Phrase(r"정신\s?분열(?:증)?", "조현병", "an outdated, stigmatising term"),
    Phrase(r"(?<![가-힣])간질(?=\s|[이을은환병약발]|$)", "뇌전증", "an outdated, stigmatising term"),
    Phrase(r"(?<![가-힣])(?:저능아|찐따|쪽바리|짱깨|흑형|튀기|된장녀|김치녀|김여사)", None,
           "비하 표현이에요: 이 말 없이 다시 쓰세요"),
    Phrase(r"(?<![가-힣])(?:노처녀|노총각)", None, "혼인을 기준으로 사람을 가르는 말이에요: 이 말 없이 다시 쓰세요"),
    Phrase(r"(?<![가-힣])(?:늙은이|할망구)", "어르신", "노인을 낮춰 부르는 말이에요: '어르신'이라고 쓰세요"),
    Phrase(r"장애를\s?(?:앓|겪)|장애를\s?극복", None, "장애는 앓는 병이 아니에요: '장애가 있는'이라고 쓰세요"),
    Phrase(r"(?<![가-힣])(?:일반인)(?=[^.!?\n]{0,30}장애)|(?<=장애[^.!?\n]{0,30})일반인", "비장애인",
           "implies disabled people are not ordinary"),
    Phrase(r"불법\s?체류자", "미등록 이주민", "labels people as illegal"),
    Phrase(r"(?<![가-힣])미숙아", "이른둥이", "a label for premature babies"),
    Phrase(r"(?:선택|분노\s?조절)\s?장애", "선택이 어려운", "disability used as an insult for indecision"),
    Phrase(r"미친\s?(?:가격|할인|혜택|특가|맛|퀄리티|가성비|구성)|정신\s?나간\s?(?:가격|할인|특가)", "놀라운",
           "정신질환을 과장 광고에 쓰는 말이에요: '놀라운'처럼 쓰세요"),
    Phrase(r"(?<![가-힣])(?:아줌마|아저씨)(?=들|[이가은는을를께]|\s|[.!?,]|$)", None,
           "낮춰 부르는 말이에요: '고객님', '기사님'처럼 쓰세요"),
    # "여자분들은 이런 거 어려워하시죠": a gender stereotype about ability.
    Phrase(r"(?:여자|여성|남자|남성)(?:분)?(?:들)?(?:은|는|이라서|라서|이니까|니까)\s?[^.!?\n]{0,20}?"
           r"(?:어려워하|어려우|서툴|약하|못\s?하|잘\s?모르)[가-힣]*", None,
           "성별로 능력을 가정하는 말이에요: 이 말 없이 방법을 알려 주세요"),
    Phrase(r"자매\s?결연", "상호 결연", "gendered term"),
    Phrase(r"정신\s?(?:지체|박약)", "지적장애", "an outdated, hurtful term"),
    Phrase(r"외눈박이|애꾸", "", "a slur"),
    Phrase(r"외노자", "이주노동자", "이주노동자를 낮춰 부르는 말이에요"),
    Phrase(r"틀딱", None, "노인을 비하하는 말이에요: 이 말 없이 다시 쓰세요"),
    Phrase(r"[가-힣]{1,2}충(?=들|이|은|는|을|도|\s|[.!?,]|$)(?<=맘충|급식충|틀딱충|한남충|진지충|설명충|노인충)",
           None, "사람을 벌레에 빗댄 비하 표현이에요: '학생', '엄마'처럼 그 사람을 가리키는 말로 쓰세요"),
    Phrase(r"정신\s?병자", None, "정신질환을 욕으로 쓰는 말이에요: 이 말 없이 다시 쓰세요"),
    Phrase(r"(?<![가-힣])병신|(?<![가-힣])애자(?![가-힣])", None, "장애를 욕으로 쓰는 말이에요: 이 말 없이 다시 쓰세요"),
    Phrase(r"조선족", "중국 동포", "차별적으로 쓰이는 말이에요: '중국 동포'라고 쓰세요"),
    Phrase(r"노인네", "어르신", "노인을 낮춰 부르는 말이에요: '어르신'이라고 쓰세요"),
    Phrase(r"(?<![가-힣])혼혈(?:아|인)?(?![가-힣])", None, "출신을 구분 짓는 말이에요: 꼭 필요할 때만 쓰세요"),
)

# A request for personal data. In a public reply it belongs in a DM; credentials (password,
# one-time code, card security code) should never be asked for at all.
_PII_NOUNS = (r"카드\s?(?:번호|뒷\s?자리|뒷\s?번호|끝\s?(?:번호|자리)|뒷면)|주민(?:등록)?\s?번호|"
              r"계좌(?!\s?이체)(?:\s?번호)?|비밀\s?번호|비번|"
              r"(?:전화|휴대폰|핸드폰|휴대\s?전화|연락\s?(?:가능한\s?)?)\s?번호|연락처|"
              r"(?<![가-힣])(?:집\s?|배송지\s?|자택\s?)?주소(?!창)|생년월일|여권\s?번호|"
              r"운전\s?면허\s?번호|CVC|CVV|보안\s?코드|인증\s?번호|OTP|이메일(?:\s?주소)?|"
              r"메일\s?주소|유효\s?기간|예금주")
# The noun named as the way to send something ("이메일로 보내 주세요") is a channel, not data.
_NOT_CHANNEL = r"(?!\s?으?로(?:[^가-힣]|$))"
# A verb of giving or posting, in the mood of a request (주세요, 주시면, 주십시오, 주실래요,
# 부탁, or a bare imperative): "남기지 마세요" and "보내 드릴게요" are not requests.
_GIVE = (r"(?:알려|남겨|적어|보내|써|올려|달아|불러|말씀해|말해|작성해|작성하여|입력해|입력하여|"
         r"기재해|기재하여|공유해|회신해|회신하여|답장해|답해)"
         r"(?=\s?(?:주세요|주시면|주십시오|주시겠|주실래|주시기|주셔야|주실\s?수|줘|줄래|주라|부탁)|[.!?~]|\s*$)"
         r"|(?:남기|적으|올리|입력하|기재하|작성하|회신하|답장하|보내|쓰)(?:세요|십시오|시기\s?바랍니다)"
         r"|(?:댓글|답글|멘션|여기|답장|회신)\s?(?:로|에|으로)?\s?주(?:세요|시면|십시오|시겠|실래|시기)")
# A data word, then (in the same sentence) a request to give it: "카드 뒷자리 네 개랑
# 생년월일을 댓글로 남겨 주세요"; or a data word joining a request made just before it
# ("카드번호도 같이").
# The data itself as what is asked: "연락처 부탁드려요", "생년월일이 어떻게 되세요?", "연락처
# 여쭤봐도 될까요?" ("연락처 변경 부탁드려요" asks the customer to update it, not to post it).
_ASKED_FOR = (rf"(?:\s?(?:과|와|랑|이랑|하고|,)\s?(?:{_PII_NOUNS}|성함|이름|주문\s?번호|예약\s?번호))*"
              r"\s?(?:을|를|도)?\s?(?:(?:공유|기재|작성|입력|회신|전달|전송)\s?)?"
              r"(?:부탁\s?(?:드립니다|드려요|드릴게요|드리겠습니다|해요|합니다)|"
              r"좀\s?(?:부탁|알려|남겨)|여쭤\s?(?:봐도|보겠|봐야|볼게|볼\s?수)|여쭙(?:니다|겠)|"
              r"주(?:시면|세요|십시오|실\s?수|시겠어요)|알\s?수\s?있을까요)|"
              r"(?:이|가|은|는)?\s?(?:어떻게|뭐|무엇)\s?(?:되세요|되시나요|되십니까|돼요|되나요|되시죠|예요|인가요|입니까)")
DATA_REQUEST = (rf"(?:{_PII_NOUNS}){_NOT_CHANNEL}(?:[^.!?\n]{{0,30}}?(?:{_GIVE})|"
                rf"(?:도|까지)\s?(?:같이|함께|부탁)|{_ASKED_FOR})")
# The request is for a private channel: that is what the voice wants.
PRIVATE_CHANNEL = (r"DM|디엠|다이렉트\s?메시지|개인\s?메시지|쪽지|메신저|채팅|1:1|비공개|"
                   r"비밀\s?댓글|비댓|카카오톡|카톡|상담\s?채널|문의\s?채널|고객센터|이메일로|메일로|"
                   r"전화로|(?:개인|다이렉트|이)\s?메[시세]지로")
# Never asked for, in any channel: passwords and codes, and the resident registration number,
# which Korean law (개인정보 보호법) lets a business collect only on a legal basis.
CREDENTIAL = r"비밀\s?번호|비번|인증\s?번호|OTP|CVC|CVV|보안\s?코드|카드\s?뒷면|주민(?:등록)?\s?번호"
# Warnings against sharing data, and self-service (a code typed into the app, not sent to us).
# A prohibition is a warning too: "알려 주시면 안 돼요", "공유해서는 안 됩니다", "절대 요구하지
# 않습니다", "묻는 일은 없어요", "알려 주지 않도록".
NOT_A_REQUEST = (r"지\s?마(?:세요|십시오|시고|시기|라)|(?:묻|여쭈|여쭙|요청하|요구하|받|남기|적|물어보|"
                 r"여쭤보|알려\s?달라고\s?하|공유하|보내|알려\s?주)지\s?(?:않|말)|"
                 # Not "알려 주시면 안 될까요?" / "안 되나요?": a polite request.
                 r"(?:[가-힣](?:시|으시)?면|[가-힣][어아]?서는)\s?(?:절대\s?|절대로\s?)?안\s?"
                 r"(?:돼|됩|되(?![나겠는]))(?![^.!?\n]*\?)|"
                 r"(?:묻|물어보|여쭙|여쭤보|요청하|요구하|받)는\s?(?:일|경우)(?:은|이|는)?\s?(?:절대\s?)?없|"
                 r"(?<![가-힣])절대|(?:앱|어플|홈페이지|사이트|화면|ARS|자동\s?응답|키패드|단말기|ATM)"
                 r"(?:에서|에|으로|의)(?![가-힣])")


# A sentence that names data as needed ("주민등록번호 앞 7자리가 필요해요") and the next one that
# asks to post it in public without naming it ("답글로 부탁드려요").
DATA_NEED = (rf"(?:{_PII_NOUNS}){_NOT_CHANNEL}[^.!?\n]{{0,20}}?"
             r"(?:필요(?:해요|합니다|하니|해서|하거든요)|있어야\s?(?:해요|합니다)|알아야\s?(?:해요|합니다))")
FOLLOW_UP = (r"(?:댓글|답글|멘션|여기|이\s?게시물|답장|회신)\s?(?:로|에|으로|에다)?\s?(?:[가-힣]+\s)?"
             r"(?:부탁|남겨|적어|알려|달아|올려|주세요|주시면|주십시오|주실래)[가-힣]*")


# How a Korean reply opens, matched at its start: the counterparts of the English default
# (hi, hello, dear, thanks for getting in touch), and the openings Korean business email uses
# where English has "Hi": who is writing ("한빛항공 고객센터입니다"), thanks ("...을 이용해
# 주셔서 감사합니다", "아껴 주셔서", "보내 주셔서"), receipt ("보내 주신 메일 잘 받았습니다")
# and an apology for the wait ("오래 기다리시게 해서 죄송해요"). An email that starts with its
# business ("환불은 오늘 완료되었습니다.") still has no greeting.
# A bracketed sender tag may come first ("[한빛항공] 안녕하세요"), as in Korean notices and
# texts; a name may be addressed with 께 ("김민지 고객님께,") or run into the hello ("민지 님
# 안녕하세요"); "좋은 아침입니다" greets like "Good morning".
GREETING = (r"(?:\[[^\]\n]{1,20}\]\s?)?(?:"
            r"안녕하(?:세요|십니까)|반갑습니다|좋은\s?(?:아침|오후|저녁|하루)|"
            r"(?:[가-힣A-Za-z]{1,12}\s?)?(?:고객\s?)?님(?:께)?\s?(?:[,!.~]|안녕)|고객님|"
            r"[^.!?\n]{0,40}?주셔서\s?(?:진심으로\s?|정말\s?|대단히\s?)?(?:감사|고맙)|"
            r"[^.!?\n]{0,30}?(?:고객\s?센터|고객\s?지원\s?팀|상담\s?(?:센터|팀|원)|[가-힣]+팀)"
            r"(?:\s?[가-힣]{2,4})?\s?(?:입니다|이에요|예요)|"
            r"(?:보내|남겨)\s?주신\s?[^.!?\n]{0,15}?잘\s?(?:받았|읽었|봤|확인했)|"
            r"[^.!?\n]{0,20}?(?:기다리(?:시)?게\s?해|늦어(?:져)?서?|늦게)[^.!?\n]{0,10}?(?:죄송|미안))")


def rrn_valid(text: str) -> bool:
    """A plausible resident registration number: a real birth date and a sex/century digit.
    (The check digit is not required: numbers issued since October 2020 have none.)"""
    digits = "".join(c for c in text if c.isdigit())
    if len(digits) < 7:
        return False
    mm, dd, g = int(digits[2:4]), int(digits[4:6]), digits[6]
    return 1 <= mm <= 12 and 1 <= dd <= 31 and g in "12345678"


_PRIVACY = (
    PrivacyPattern("card_number", "the last digits of a card (카드 끝자리)",
                   r"(?:카드\s?(?:번호\s?)?(?:끝|뒷)\s?(?:자리|번호)\s?(?:가\s?|는\s?)?\d{4}(?!\d)|"
                   r"(?<!\d)\d{4}\s?(?:로|으로)\s?끝나는\s?[가-힣A-Za-z]*\s?카드)"),
    PrivacyPattern("national_id", "resident registration number (주민등록번호)",
                   r"(?<!\d)\d{6}\s?-\s?[1-8](?:\d{6}|\*{6}|X{6}|x{6})(?!\d)", rrn_valid,
                   any_channel=True),
    PrivacyPattern("address", "Korean street address (주소)",
                   r"(?:(?:서울|부산|대구|인천|광주|대전|울산|세종|경기|강원|충북|충남|전북|전남|경북|경남|제주)"
                   r"[가-힣]*\s)?[가-힣]{1,6}(?:시|군|구)\s[가-힣0-9]{1,12}(?:로|길|동|읍|면|리)"
                   r"\s?\d{1,5}(?:-\d{1,5})?(?:\s?[가-힣0-9]*(?:아파트|빌라|오피스텔))?"
                   r"(?:\s?\d{1,4}동)?(?:\s?\d{1,5}호)?"),
    PrivacyPattern("phone", "mobile phone number (휴대폰 번호)",
                   r"(?<![\d-])01[016789][-.\s]?\d{3,4}[-.\s]?\d{4}(?!\d)"),
    PrivacyPattern("address", "apartment unit (동·호수)",
                   r"(?<!\d)\d{1,4}동\s?\d{1,5}호"),
    # A birth date: after 생년월일/생일, or a full date in brackets after a name
    # ("이유나(1994.03.02) 님"): with the name, half of what passes identity checks.
    PrivacyPattern("date_of_birth", "date of birth (생년월일)",
                   r"(?:생년월일|생일|출생일?)\s?(?:은|는|이|:|：)?\s?(?:(?:19|20)\d{2}\s?[.\-/년]\s?\d{1,2}"
                   r"\s?[.\-/월]\s?\d{1,2}일?|\d{6}(?![\d-]))|"
                   r"(?<=[가-힣A-Za-z]\s?(?:님\s?)?)\(\s?(?:19\d{2}|20[01]\d)\s?[.\-/]\s?\d{1,2}\s?[.\-/]\s?\d{1,2}"
                   r"\.?\s?\)"),
    PrivacyPattern("address", "Korean street address (주소)",
                   # A road name, building number and unit ("성미산로17길 24, 302호"), or a lot
                   # number (지번: "역삼동 123-45번지"), without the district before it.
                   r"[가-힣0-9]{1,12}(?:로|길)\s?\d{1,5}(?:-\d{1,5})?,?\s?(?:\d{1,4}동\s?)?\d{1,5}호|"
                   r"[가-힣]{1,8}(?:동|리)\s?\d{1,5}(?:-\d{1,5})?\s?번지"),
    PrivacyPattern("date_of_birth", "date of birth (주민등록번호 앞자리)",
                   r"(?:주민(?:등록)?\s?번호\s?)?앞\s?자리(?:가|는|은|:)?\s?\d{6}(?![\d-])"),
    PrivacyPattern("address", "postcode (우편번호)", r"우편\s?번호(?:는|:)?\s?\d{5}(?!\d)"),
    PrivacyPattern("national_id", "passport number (여권번호)",
                   r"여권\s?(?:번호)?\s?(?:는|은|:|：)?\s?[A-Z]\d{3}[A-Z]?\d{4,5}(?!\d)"),
    PrivacyPattern("national_id", "driver's licence number (운전면허번호)",
                   # Only after the word: the bare NN-NN-NNNNNN-NN shape is also an order number.
                   r"(?:운전\s?)?면허(?:증)?\s?(?:번호)?\s?(?:는|은|:|：)?\s?"
                   r"(?<![\d-])\d{2}-\d{2}-\d{6}-\d{2}(?![\d-])"),
    PrivacyPattern("bank_account", "bank account number (계좌번호)",
                   # 우리, 하나, 기업 and 케이 are also everyday words ("우리 02-345-6789 로 전화
                   # 주세요"): a bank only with an account word in the sentence.
                   r"(?:[가-힣]{0,4}(?:은행|뱅크)|계좌(?:번호)?|농협|(?<![가-힣])(?:국민|신한|"
                   r"카카오|토스|새마을금고|우체국|수협|신협|SC제일|씨티)|"
                   r"(?<![가-힣])(?:우리|하나|기업|케이)(?:(?=[^.!?\n]{0,40}(?:계좌|통장|입금|송금|환불))|"
                   r"(?<=(?:계좌|통장|입금|송금|환불)[^.!?\n]{0,30}(?:우리|하나|기업|케이))))\s?[:：]?\s?"
                   r"\d{2,6}-\d{2,6}-\d{2,7}(?:-\d{1,3})?"),
)


def _readability(text: str) -> dict[str, float]:
    units = [len(eojeol(text[s:e])) for s, e in simple_sentences(text)]
    return {"average_eojeol_per_sentence": sum(units) / len(units) if units else 0.0}


KOREAN = LanguagePack(
    code="ko",
    name="Korean",
    phrases={"boilerplate": _BOILERPLATE, "blame": _BLAME, "condescension": _CONDESCENSION,
             "hedging": _HEDGING},
    matchers={"blame": _blame, "boilerplate": _boilerplate},
    inclusive=_INCLUSIVE,
    privacy=_PRIVACY,
    data_request=DATA_REQUEST,
    greeting=GREETING,
    private_channel=PRIVATE_CHANNEL,
    credential=CREDENTIAL,
    credential_kinds=((r"주민", ("a resident registration number (주민등록번호), which the law lets a "
                       "business collect only on a legal basis")),),
    not_a_request=NOT_A_REQUEST,
    data_need=DATA_NEED,
    follow_up=FOLLOW_UP,
    # A resident (or foreigner) registration number is not written out in any message: the
    # law (개인정보 보호법) restricts processing it, and texts and emails are kept and forwarded.
    # Its pattern says so (any_channel=True); passport and licence numbers only in public.
    # 15xx/16xx/18xx nationwide numbers and 080 free-phone lines belong to businesses.
    business_phone=r"1[5-8]\d{6}|080\d{7,8}",
    sentence_unit="어절",
    # Korean packs more meaning into each 어절 than English into a word: a care reply
    # sentence of more than about 15 어절 reads as long.
    max_sentence_units=15,
    tokens=eojeol,
    readability=_readability,
    speech_levels=speech_levels,
)


@hookimpl
def brandvoice_language_packs() -> list[LanguagePack]:
    return [KOREAN]
