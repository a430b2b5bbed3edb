"""Languages: detection, the language packs, Korean rules on real sentences (every finding
asserted whole, from tests/fixtures/languages/*.yaml), replies in uncovered languages, display
width, and the JSON result's language."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest
import yaml
from conftest import ROOT

from brandvoice.checks.engine import Checker
from brandvoice.checks.language import wanted_speech_level
from brandvoice.languages import detect, display_width, korean, pack_for
from brandvoice.languages.spanish import dni_valid, iban_valid

FIXTURES = ROOT / "tests" / "fixtures" / "languages"
# The categories the language packs feed; the fixtures assert every finding in them.
ASSERTED = ("tone", "privacy", "inclusive", "readability", "language")


def _load(name: str) -> tuple[dict, list[dict]]:
    doc = yaml.safe_load((FIXTURES / name).read_text("utf-8"))
    return doc["voices"], doc["cases"]


@pytest.fixture(scope="module")
def checkers(tmp_path_factory):
    out = {}
    for fixture in ("ko.yaml", "es.yaml"):
        if not (FIXTURES / fixture).exists():
            continue
        voices, _cases = _load(fixture)
        for name, override in voices.items():
            path = tmp_path_factory.mktemp("voices") / f"{name}.yaml"
            path.write_text(yaml.safe_dump(override or {"voice": {"name": name}},
                                           allow_unicode=True), "utf-8")
            out[name] = Checker(path)
    return out


def _cases(name: str):
    if not (FIXTURES / name).exists():
        return []
    _voices, cases = _load(name)
    return [pytest.param(c, id=f"{name[:2]}-{i}") for i, c in enumerate(cases)]


def _assert_case(case, checkers, default_voice):
    checker = checkers[case.get("voice", default_voice)]
    report = checker.check(case["text"], case["channel"])
    got = [{"rule": f.rule, "severity": f.severity, "text": case["text"][f.start:f.end],
            "start": f.start, "suggestion": f.suggestion, "message": f.message}
           for f in report.findings if f.category in ASSERTED]
    assert got == case["findings"]


@pytest.mark.parametrize("case", _cases("ko.yaml"))
def test_korean_rules(case, checkers):
    _assert_case(case, checkers, "haeyo")


@pytest.mark.parametrize("case", _cases("es.yaml"))
def test_spanish_rules(case, checkers):
    _assert_case(case, checkers, "default")


@pytest.mark.parametrize(("text", "lang"), [
    ("Sorry about the wait, we're on it.", "en"),
    ("Thanks!", "en"),
    ("주문번호를 DM으로 보내 주세요", "ko"),
    ("iPhone 수리 접수했어요", "ko"),
    ("Lo sentimos, ya lo estamos revisando.", "es"),
    ("ご迷惑をおかけしました", "ja"),
    ("我们会尽快处理", "zh"),
    ("شكرا لتواصلك معنا", "ar"),
    ("Danke für Ihre Geduld, wir melden uns.", "de"),
    ("👍", "und"),
    ("#12345", "und"),
    # "no" twice is one English word, and accented letters stay in their word ("así").
    ("Obviamente, si no actualizas la app no funcionará.", "es"),
    ("Tranquilícese, que así no vamos a llegar a ningún lado.", "es"),
    ("No problem Ange. :) Rach", "en"),
    # Lingua's first guess is Welsh, English a close second, and no Welsh word is there.
    ("BAH GAWD LIDL, TESCO HAS A FAMILY 😂😂", "en"),
])
def test_detect(text, lang):
    assert detect(text) == lang


def test_uncovered_language_is_never_a_silent_pass():
    report = Checker().check("ご迷惑をおかけして申し訳ございません。すぐに確認いたします。")
    assert not report.passed
    [f] = report.findings
    assert (f.rule, f.severity, f.start, f.end) == ("language.unsupported", "error", 0,
                                                    len(report.text))
    assert f.message.startswith("this reply is in Japanese (ja), which this voice does not "
                                "cover (it covers English, Korean and Spanish) and brandvoice "
                                "has no pack for")
    assert f.message.endswith("list 'ja' in language.reviewed to mark such replies for a "
                              "reviewer who reads Japanese")
    assert report.to_dict()["language"] == "ja"


def test_the_voice_sets_the_severity_of_unsupported(tmp_path):
    path = tmp_path / "v.yaml"
    path.write_text("voice: {name: EN only, languages: [en]}\n"
                    "language: {rules: {unsupported: warning}}\n", "utf-8")
    report = Checker(path).check("Lo sentimos, ya lo estamos revisando.")
    assert [(f.rule, f.severity) for f in report.findings] == \
        [("language.unsupported", "warning")]
    assert report.findings[0].message.endswith(
        "(it covers English): write it in one of those, or, if your team answers in Spanish, "
        "add 'es' to voice.languages (brandvoice has a Spanish pack)")
    assert report.passed  # a warning does not fail the report at fail_on=error


def test_a_voice_cannot_cover_a_language_without_a_pack(tmp_path):
    from brandvoice.errors import ConfigError
    from brandvoice.voice import load_voice

    path = tmp_path / "v.yaml"
    path.write_text("voice:\n  name: X\n  languages: [en, ja]\n", "utf-8")
    with pytest.raises(ConfigError) as info:
        load_voice(path)
    [p] = info.value.problems
    assert (p.line, p.key) == (3, "voice.languages[1]")
    assert p.message.startswith("no language pack for 'ja'; installed packs: cy, en, es, ko")
    assert p.message.endswith("or list it in language.reviewed, for replies a person checks)")


def test_a_reviewed_language_is_marked_for_a_person_and_never_passes_in_silence(tmp_path):
    path = tmp_path / "v.yaml"
    path.write_text("voice: {name: KO, languages: [ko, en]}\nlanguage: {reviewed: [ja]}\n",
                    "utf-8")
    checker = Checker(path)
    [f] = checker.check("ご迷惑をおかけしました。すぐに確認いたします。").findings
    assert (f.rule, f.severity) == ("language.unchecked", "warning")
    # A language neither covered nor reviewed is still an error.
    [f] = checker.check("Lo sentimos, ya lo estamos revisando.").findings
    assert (f.rule, f.severity) == ("language.unsupported", "error")


@pytest.mark.parametrize(("reviewed", "message"), [
    ("[jp]", "'jp' is not a language brandvoice detects, so no reply would ever be in it"),
    ("[ko]", ("'ko' is also in voice.languages, where its replies are checked; list it in one "
              "of the two")),
])
def test_lint_reviewed_languages(tmp_path, reviewed, message):
    from brandvoice.errors import ConfigError
    from brandvoice.voice import load_voice

    path = tmp_path / "v.yaml"
    path.write_text(f"voice:\n  name: X\n  languages: [ko]\nlanguage:\n  reviewed: {reviewed}\n",
                    "utf-8")
    with pytest.raises(ConfigError) as info:
        load_voice(path)
    [p] = info.value.problems
    assert (p.line, p.key) == (5, "language.reviewed[0]")
    assert p.message.startswith(message)


def test_korean_morphology_strips_particles():
    assert korean.lemmas("수하물이 아직 안 왔어요") == ["수하물", "아직", "안", "오다"]
    assert korean.contains("수하물이 아직 안 왔어요", "수하물")
    assert korean.contains("환불을 받고 싶어요", "환불 받다")
    assert not korean.contains("수수료가 얼마예요?", "수하물")


def test_korean_speech_levels():
    text = "확인했어. 감사합니다! 내일 보내 드릴게요"
    assert [(text[s:e], lv) for s, e, lv in korean.speech_levels(text)] == [
        ("확인했어", "banmal"), ("감사합니다", "hapsyo"), ("드릴게요", "haeyo")]


def test_display_width_and_carets():
    assert display_width("한국어") == 6
    assert display_width("abc") == 3
    out = subprocess.run([sys.executable, "-m", "brandvoice", "check",
                          "고객님의 과실로 인한 파손입니다."], capture_output=True, text=True, check=False)
    lines = out.stdout.splitlines()
    i = next(n for n, line in enumerate(lines) if "tone.blame" in line)
    reply_line, caret_line = lines[i + 1], lines[i + 2]
    assert caret_line.strip() == "^" * display_width("고객님의 과실")
    assert caret_line.index("^") == reply_line.index("고")  # the span starts the line


def test_json_carries_the_language():
    out = subprocess.run([sys.executable, "-m", "brandvoice", "check", "--format", "json",
                          "환불해 드렸어요. 확인 부탁드려요!"], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stdout
    assert json.loads(out.stdout)[0]["language"] == "ko"


def test_x_counts_hangul_twice():
    text = "가" * 141
    report = Checker().check(text, "x")
    assert [f.rule for f in report.findings if f.rule.startswith("channel.")] == \
        ["channel.length"]
    assert not [f for f in Checker().check("가" * 140, "x").findings
                if f.rule == "channel.length"]


def test_spanish_check_digits():
    assert dni_valid("12345678Z") and not dni_valid("12345678A")
    assert dni_valid("X1234567L") and not dni_valid("X1234567A")
    assert iban_valid("ES91 2100 0418 4502 0005 1332")
    assert not iban_valid("ES91 2100 0418 4502 0005 1333")


def test_packs_are_registered_for_the_builtin_languages():
    assert {pack_for(c).name for c in ("en", "ko", "es-MX")} == {"English", "Korean", "Spanish"}
    assert pack_for("ja") is None


def test_a_korean_locale_needs_no_extra_tokenizer_and_warns_nothing():
    import warnings

    from brandvoice.analysis.pipeline import load_pipeline

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # spaCy's Korean tokenizer wants mecab-ko: not needed
        assert load_pipeline("ko-KR").lang == "xx"


@pytest.mark.parametrize(("text", "rules"), [
    ("안녕하세요, 고객님. 요청하신 교환은 오늘 접수했어요.", []),
    ("문의해 주셔서 감사합니다. 요청하신 교환은 오늘 접수했어요.", []),
    ("요청하신 교환은 오늘 접수했어요.", ["channel.greeting"]),
    # Korean business email opens with who is writing, thanks, receipt, or an apology for
    # the wait where English opens with "Hi".
    ("한빛항공 고객센터입니다. 요청하신 교환은 오늘 접수했습니다.", []),
    ("고객지원팀 김하늘입니다. 요청하신 교환은 오늘 접수했습니다.", []),
    ("저희 한빛몰을 이용해 주셔서 감사합니다. 교환은 오늘 접수했습니다.", []),
    ("보내 주신 메일 잘 받았어요. 교환은 오늘 접수했어요.", []),
    ("답변이 늦어 죄송합니다. 교환은 오늘 접수했습니다.", []),
    ("교환은 오늘 접수했습니다. 이용해 주셔서 감사합니다.", ["channel.greeting"]),
    # A sender tag before the hello, a name addressed with 께, a name run into the hello,
    # "good morning"; a tag alone or good news is not a greeting.
    ("[한빛항공] 안녕하세요, 고객님. 교환은 오늘 접수했어요.", []),
    ("김민지 고객님께, 교환은 오늘 접수했어요.", []),
    ("민지 님 안녕하세요. 교환은 오늘 접수했어요.", []),
    ("좋은 아침입니다, 고객님. 교환은 오늘 접수했어요.", []),
    ("[한빛항공] 교환은 오늘 접수했어요.", ["channel.greeting"]),
    ("좋은 소식이 있어요. 교환은 오늘 접수했어요.", ["channel.greeting"]),
    ("Hola, Marta: ya hemos tramitado el cambio de tu pedido.", []),
    ("Ya hemos tramitado el cambio de tu pedido, Marta.", ["channel.greeting"]),
])
def test_greetings_are_read_in_the_replys_language(text, rules):
    # The email channel requires a greeting; the default pattern is English.
    report = Checker().check(text, "email")
    assert [f.rule for f in report.findings if f.rule == "channel.greeting"] == rules


@pytest.mark.parametrize(("text", "rules"), [
    ("Bore da, Siân. Rydyn ni wedi trwsio'r golau stryd.", []),
    ("Rydyn ni wedi trwsio'r golau stryd.", ["channel.greeting"]),
])
def test_welsh_greetings_in_the_bilingual_council_voice(text, rules):
    report = Checker(ROOT / "voices" / "fairhaven-council-cy.yaml").check(text, "email")
    assert report.extra["language"] == "cy"
    assert [f.rule for f in report.findings if f.rule == "channel.greeting"] == rules


def test_the_polite_shortcut_never_hides_banmal():
    # speech_levels reads clearly polite replies without Kiwi; on every Korean fixture where
    # it answers, Kiwi finds no 반말 either, and the 반말 fixtures all go to Kiwi.
    _voices, cases = _load("ko.yaml")
    shortcut = 0
    for case in cases:
        fast = korean._fast_levels(case["text"])
        if fast is None:
            continue
        shortcut += 1
        assert "banmal" not in {lv for _s, _e, lv in korean.kiwi_speech_levels(case["text"])}
        assert not any(f["rule"] == "tone.speech_level" and "반말" in f["message"]
                       for f in case["findings"])
    assert shortcut >= len(cases) // 2


@pytest.mark.parametrize(("message", "scenario"), [
    ("수하물이 아직 안 나왔어요. 어떻게 된 거예요?", "baggage"),   # 수하물 + 이
    ("캐리어를 잃어버린 것 같아요", "baggage"),                    # 캐리어 + 를
    ("어제 비행기가 결항돼서 너무 화나요", "flight_disruption"),     # 결항 + 되다
    ("환불은 언제 되나요?", "refund"),                              # 환불 + 은
])
def test_korean_playbook_keywords_match_with_particles(message, scenario, capsys):
    from brandvoice.cli.app import main

    code = main(["triage", "--playbook", str(ROOT / "playbooks" / "hanbit-air-ko.yaml"),
                 "--now", "2026-11-25T11:00:00+09:00", "--format", "json", message])
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    result = out[0] if isinstance(out, list) else out
    assert result["scenario"] == scenario


@pytest.mark.parametrize(("text", "spans"), [
    # marker (이미, N 번, 여러 차례) + telling verb + 드리다 + past, in one sentence
    ("이미 여러 차례 말씀드렸듯이 교환은 어렵습니다.", [(0, 15)]),
    ("몇 번이나 안내해 드렸는데요, 환불은 7일 안에만 돼요.", [(0, 15)]),
    # 위에/아까 only with a contrastive ending
    ("위에 다 적어 드렸는데 다시 보시겠어요?", [(0, 12)]),
    ("아까 안내해 드린 대로 내일 출발해요.", []),
    ("아까 안내해 드렸어요. 메일함을 확인해 주세요.", []),
    # 혹시 ("in case you missed it") is a kindness
    ("아까 답글 드렸는데 혹시 못 보셨을까 봐 다시 남겨요.", []),
    ("이미 보내 드렸어요.", []),  # sent, not told: information, not blame
])
def test_korean_told_already(text, spans):
    assert [(s, e) for s, e, _why in korean.told_already(text)] == spans


@pytest.mark.parametrize(("text", "spans"), [
    ("고객님께서 주소를 틀리게 적으셔서 반송된 거예요.", [(0, 26)]),
    ("사용 방법을 지키지 않으셔서 고장이 난 것입니다.", [(0, 26)]),
    ("미리 신청하셔서 바로 처리된 거예요.", []),  # no fault word: thanks, not blame
    ("주문해 주셔서 감사해요.", []),
])
def test_korean_your_doing(text, spans):
    assert [(s, e) for s, e, _why in korean.your_doing(text)] == spans


def test_a_single_stock_courtesy_is_quiet_and_two_are_not():
    ko = pack_for("ko")
    assert ko is not None
    assert ko.find("boilerplate", "결제 오류는 11시에 고쳤어요. 이용에 불편을 드려 죄송해요.") == []
    found = ko.find("boilerplate", "이용에 불편을 드려 죄송합니다. 양해 부탁드립니다.")
    assert [m.text for m in found] == ["이용에 불편을 드려", "양해 부탁드립니다"]


def test_business_numbers_of_a_packs_countries_are_not_personal():
    es, ko = pack_for("es"), pack_for("ko")
    assert es is not None and ko is not None
    assert es.is_business_phone("900100200") and es.is_business_phone("34902123456")
    assert not es.is_business_phone("612345678")
    assert ko.is_business_phone("15881234") and ko.is_business_phone("0801234567")
    assert not ko.is_business_phone("01012345678")


def test_no_evidence_for_any_language_is_undetermined_not_a_random_guess():
    # lingua scores every language 0.0 on letters none of its models know, and returned them
    # in an order that changed from process to process: the same message was "de" in one run
    # and "fr" or "cy" in the next. No evidence is "und", the same every time.
    from brandvoice.languages.detection import detect as detect_language

    assert detect_language("ŧŧŧ ŧŧ ŧŧŧ ƛƛƛ") == "und"


def test_a_weak_phrase_never_displaces_a_strong_one_it_overlaps():
    # The weak match starts first and is longer; kept alone it would then be dropped as the
    # reply's only, weak, match and hide the strong one.
    from brandvoice.languages.pack import LanguagePack, Phrase

    pack = LanguagePack(code="zz", name="Test", phrases={"boilerplate": (
        Phrase(r"kind regards from the team", None, "stock", weak=True),
        Phrase(r"regards from", None, "stiff"),
    )})
    found = pack.find("boilerplate", "With kind regards from the team.")
    assert [(m.start, m.end, m.text) for m in found] == [(10, 22, "regards from")]


def test_a_data_request_split_over_two_sentences():
    # The data named as needed in one sentence, the request to post it in the next; a private
    # channel in either sentence makes it fine.
    ko = pack_for("ko")
    text = "확인하려면 연락처가 필요해요. 여기 댓글로 부탁드려요."
    assert ko.find_data_requests(text, public=True) == [
        (6, 29, "연락처가 필요해요. 여기 댓글로 부탁드려요", False)]
    assert ko.find_data_requests(text, public=False) == []
    assert ko.find_data_requests("확인하려면 연락처가 필요해요. DM으로 부탁드려요.", public=True) == []


_KIWI_TEXTS = (
    "이미 여러 차례 안내해 드렸는데요, 공지사항을 확인하셨어야 합니다.",
    "수하물이 아직 도착하지 않아 많이 불안하셨죠. 지금 확인하고 있어요.",
    "확인했슴다 감사합니당 ㅎㅎ",  # Kiwi's typo dictionary reads these endings
    "Galaxy S24 주문번호 A-1234 는 내일 도착해요 😊",
    "가" * 3000,  # a long run without a space, broken up before analysis
)


def test_preloaded_kiwi_in_a_second_process_gives_the_same_morphemes(monkeypatch):
    # korean.preload() loads Kiwi in a child process (it holds the GIL while loading, so a
    # thread could not overlap it); analyses sent there must equal Kiwi's here, exactly.
    here = [korean._tokenize(t) for t in _KIWI_TEXTS]  # Kiwi loaded in this process
    monkeypatch.setattr(korean, "_kiwi", None)
    monkeypatch.setattr(korean, "_helper", None)
    korean.preload()
    helper = korean._helper
    assert helper is not None
    try:
        there = [korean._tokenize(t) for t in _KIWI_TEXTS]
        assert korean._kiwi is None and helper.proc.poll() is None  # the child answered
        assert there == here
        assert all(isinstance(f, str) and isinstance(s, int) for t in there for f, _, s, _ in t)
        korean.preload()  # already loading: no second process
        assert korean._helper is helper
    finally:
        helper.close()


def test_a_helper_that_died_is_replaced_by_kiwi_in_this_process(monkeypatch):
    here = korean._tokenize(_KIWI_TEXTS[0])
    kiwi = korean._analyser()
    monkeypatch.setattr(korean, "_kiwi", None)
    monkeypatch.setattr(korean, "_helper", None)
    korean.preload()
    helper = korean._helper
    assert helper is not None
    helper.proc.kill()
    helper.proc.wait()
    monkeypatch.setattr(korean, "_analyser", lambda: kiwi)  # no second second-long load
    assert korean._tokenize(_KIWI_TEXTS[0]) == here
    assert korean._helper is None


def test_preload_is_a_no_op_once_kiwi_is_loaded(monkeypatch):
    korean._analyser()
    monkeypatch.setattr(korean, "_helper", None)
    korean.preload()
    assert korean._helper is None


@pytest.fixture
def helper_only(monkeypatch):
    """No Kiwi in this process until the helper fails; then the one already loaded here."""
    kiwi = korean._analyser()
    monkeypatch.setattr(korean, "_kiwi", None)
    monkeypatch.setattr(korean, "_helper", None)
    monkeypatch.setattr(korean, "_analyser", lambda: kiwi)  # no second second-long load
    korean._morphemes.cache_clear()
    yield
    if korean._helper is not None:
        korean._helper.close()
    korean._morphemes.cache_clear()


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="no interval timer")
def test_an_interrupted_analysis_leaves_no_answer_for_the_next_text(helper_only):
    # A request interrupted (Ctrl-C, a signal-based timeout) while the helper loads or
    # answers: its answer must not become the next text's. The helper is dropped.
    texts = ["환불해 드렸습니다.", "배송이 늦어 죄송해요", "안녕하세요"]
    here = [korean._tokenize(t) for t in texts]

    def on_alarm(*_args):
        raise TimeoutError

    old = signal.signal(signal.SIGALRM, on_alarm)
    try:
        korean.preload()
        helper = korean._helper
        assert helper is not None
        signal.setitimer(signal.ITIMER_REAL, 0.3)
        with pytest.raises(TimeoutError):
            korean.morphemes(texts[0])
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    assert helper.proc.poll() is not None and korean._helper is None
    assert [korean._tokenize(t) for t in texts[1:]] == here[1:]
    assert [(m.form, m.start) for m in korean.morphemes(texts[0])] == \
        [(f, s) for f, _t, s, _n in here[0]]


def test_an_answer_to_another_request_is_not_taken(helper_only, monkeypatch):
    here = korean._tokenize(_KIWI_TEXTS[1])
    korean.preload()
    helper = korean._helper
    assert helper is not None
    assert korean._tokenize(_KIWI_TEXTS[0]) != here  # ready, and answering
    # An answer left over from an interrupted request: interrupted after the text was sent.
    get = helper.lines.get
    calls = []

    def interrupted(timeout=None):
        calls.append(timeout)
        if len(calls) == 1:
            raise KeyboardInterrupt
        return get(timeout=timeout)

    monkeypatch.setattr(helper.lines, "get", interrupted)
    with pytest.raises(KeyboardInterrupt):
        korean._tokenize(_KIWI_TEXTS[0])
    assert korean._helper is None and helper.proc.poll() is not None
    assert korean._tokenize(_KIWI_TEXTS[1]) == here
    # A helper whose answer carries another request's number is dropped too.
    korean.preload()
    helper = korean._helper
    assert helper is not None
    helper.lines.put(b'"ready"\n')
    helper.lines.put(b'[99, [["x", "NNG", 0, 1]]]\n')
    assert korean._tokenize(_KIWI_TEXTS[1]) == here
    assert korean._helper is None and helper.closed


def test_no_helper_in_a_frozen_application(helper_only, monkeypatch):
    # PyInstaller and the like: sys.executable is the application, not Python.
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    korean.preload()
    assert korean._helper is None


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands for the executable")
@pytest.mark.parametrize("script", [
    "exec sleep 600",  # never answers
    "echo 'MyApp 1.0 starting'\nexec cat >/dev/null",  # answers something else
    "exit 0",  # exits at once
])
def test_an_executable_that_is_not_the_helper_is_given_up(helper_only, monkeypatch, tmp_path,
                                                           script):
    here = korean._tokenize(_KIWI_TEXTS[0])
    exe = tmp_path / "app"
    exe.write_text(f"#!/bin/sh\n{script}\n")
    exe.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(exe))
    monkeypatch.setattr(korean, "_READY_TIMEOUT", 1.0, raising=False)
    korean.preload()
    helper = korean._helper
    assert helper is not None
    assert korean._tokenize(_KIWI_TEXTS[0]) == here
    assert korean._helper is None and helper.proc.poll() is not None


@pytest.mark.parametrize("safe_path_flag", [True, False])
def test_the_helper_runs_no_code_from_the_current_directory(helper_only, monkeypatch, tmp_path,
                                                            safe_path_flag):
    # Started with -c, a child has the current directory first on its path: a json.py there
    # would run. -P (Python 3.11+) and the child's own first statement (3.10) prevent it.
    here = korean._tokenize(_KIWI_TEXTS[0])
    marker = tmp_path / "ran"
    (tmp_path / "json.py").write_text(f"open({str(marker)!r}, 'w').close()\nraise SystemExit(1)\n")
    monkeypatch.chdir(tmp_path)
    # A relative PYTHONPATH (PYTHONPATH=. in a checkout) would now name tmp_path: as the
    # parent read it.
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        str(ROOT / entry) for entry in os.environ.get("PYTHONPATH", "").split(os.pathsep)
        if entry))
    if not safe_path_flag:
        command = korean._helper_command
        monkeypatch.setattr(korean, "_helper_command",
                            lambda: [a for a in command() if a != "-P"])
    korean.preload()
    helper = korean._helper
    assert helper is not None
    assert korean._tokenize(_KIWI_TEXTS[0]) == here
    assert helper.proc.poll() is None and korean._helper is helper  # the helper answered
    assert not marker.exists()


def _korean_texts() -> list[str]:
    cases = yaml.safe_load((ROOT / "tests/fixtures/languages/ko.yaml").read_text("utf-8"))
    voice = yaml.safe_load((ROOT / "voices/hanbit-air-ko.yaml").read_text("utf-8"))
    return [c["text"] for c in cases["cases"]] + [ex["text"] for ex in voice["examples"]]


@pytest.mark.parametrize("speech_level", ["해요체", "합쇼체", None])
def test_may_analyse_is_true_whenever_checking_runs_kiwi(monkeypatch, tmp_path, speech_level):
    # korean.may_analyse decides whether the CLI preloads Kiwi: a reply it clears must be
    # checked without one analysis, on every channel of a Korean voice in that register (a
    # 합쇼체 voice has Kiwi read each 해요체 ending).
    voice = yaml.safe_load((ROOT / "voices/hanbit-air-ko.yaml").read_text("utf-8"))
    voice["tone"]["speech_level"] = speech_level
    path = tmp_path / "voice.yaml"
    path.write_text(yaml.safe_dump(voice, allow_unicode=True), "utf-8")
    checker = Checker(path)
    wanted = wanted_speech_level(checker.voice)
    assert wanted == {"해요체": "haeyo", "합쇼체": "hapsyo", None: "any"}[speech_level]
    texts = [t for t in _korean_texts() if any("가" <= c <= "힣" for c in t)]
    cleared = [t for t in texts if not korean.may_analyse(t, wanted)]
    assert cleared and len(cleared) < len(texts)  # both kinds are exercised
    assert korean.may_analyse(_KOREAN_POLITE, wanted) == (wanted == "hapsyo")
    assert korean.may_analyse(_KOREAN_POLITE)  # no register named: as for 합쇼체
    assert korean.may_analyse(_KIWI_TEXTS[0], wanted)

    def no_kiwi(text):
        raise AssertionError(f"Kiwi ran on {text!r}")

    korean._morphemes.cache_clear()
    monkeypatch.setattr(korean, "_tokenize", no_kiwi)
    for channel in checker.voice.channel_names:
        for text in cleared:
            checker.check(text, channel)
    korean._morphemes.cache_clear()


_KOREAN_POLITE = "불편을 드려 죄송합니다. 예약번호를 DM으로 보내 주시면 바로 확인해 드릴게요."
