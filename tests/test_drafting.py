"""Drafting: sandboxed, strict rendering; customer text is data; channel variants; drafts for
every scenario of the example playbook, ranked by their check reports."""

from __future__ import annotations

import datetime as dt

import pytest

from brandvoice.errors import TemplateError
from brandvoice.playbooks.drafting import draft, jinja_environment, render
from brandvoice.playbooks.model import Template, load_playbook
from brandvoice.playbooks.triage import Author, Message

MONDAY = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.timezone.utc)
SUNDAY_NIGHT = dt.datetime(2026, 11, 22, 23, 0, tzinfo=dt.timezone.utc)

INJECTIONS = [
    "{{ 7*7 }}",
    "{% for x in range(3) %}boom{% endfor %}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ self._TemplateReference__context }}",
]


def _tpl(source: str, tid: str = "t") -> Template:
    return Template(tid, "test", source, f"test#{tid}", (), {}, None)


@pytest.fixture(scope="module")
def env():
    return jinja_environment()


@pytest.mark.parametrize("payload", INJECTIONS)
def test_customer_text_is_never_rendered_as_a_template(payload, env):
    out = render(env, _tpl("You said: {{ message.text }} ({{ customer.name }})"),
                 {"message": {"text": payload}, "customer": {"name": payload}})
    assert out == f"You said: {payload} ({payload})"
    assert "49" not in out and "boomboom" not in out


@pytest.mark.parametrize("payload", INJECTIONS)
def test_injection_through_draft(payload):
    result = draft(Message(f"my parcel is late {payload}", "x",
                           Author(name=payload, handle="@x")),
                   now=MONDAY, context={"agent": "Jo"})
    assert result.triage.scenario == "delivery"
    for d in result.drafts:
        assert "49" not in d.text and "boomboom" not in d.text
        assert "subclasses" not in d.text or payload in d.text


@pytest.mark.parametrize("source", [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ customer.__class__ }}",
    "{{ (lambda: 1) }}",
])
def test_sandbox_refuses_escapes_in_templates(source, env):
    with pytest.raises(TemplateError) as info:
        render(env, _tpl(source, "evil"), {"customer": {"name": "Sam"}})
    assert "template test/evil" in str(info.value)


def test_missing_variable_names_template_line_and_variable(env):
    with pytest.raises(TemplateError) as info:
        render(env, _tpl("Hi {{ customer.name }},\nyour order {{ order_id }} ships today."),
               {"customer": {"name": "Sam"}})
    assert str(info.value) == (
        "template test/t (test#t), template line 2: 'order_id' is undefined; pass it with "
        "--set or in the context, or remove it from the template")


def test_missing_attribute_is_an_error_not_blank(env):
    with pytest.raises(TemplateError, match="has no attribute 'first_name'"):
        render(env, _tpl("Hi {{ customer.first_name }}!"), {"customer": {}})


def test_builtin_filters(env):
    when = dt.datetime(2026, 12, 28, 9, 0)
    out = render(env, _tpl("{{ 'sam lee' | first_name }} {{ 'Jo' | sign_off('x') }} "
                           "{{ t | when }}"), {"t": when})
    assert out == "Sam -Jo 09:00 on Monday 28 December"


def test_channel_variants_are_chosen():
    x = draft("my parcel never arrived", channel="x", now=MONDAY, context={"agent": "Jo"})
    email = draft("my parcel never arrived", channel="email", now=MONDAY,
                  context={"agent": "Jo", "customer": {"name": "Sam Lee"}})
    assert [d.template for d in x.drafts] == ["delivery/delivery_public"]
    assert [d.template for d in email.drafts] == ["delivery/delivery_private"]
    assert email.drafts[0].text.startswith("Hi Sam, sorry your order is late.")
    assert email.drafts[0].text.endswith("\n\nBest wishes,\nJo")
    assert x.drafts[0].text.endswith("-Jo")


def test_out_of_hours_adds_the_out_of_hours_template():
    result = draft("my parcel never arrived", channel="x", now=SUNDAY_NIGHT,
                   context={"agent": "Jo"})
    assert result.triage.out_of_hours
    assert [d.template for d in result.drafts][:2] == ["delivery/delivery_public",
                                                       "out_of_hours/closed_short"]
    closed = result.drafts[1].text
    assert "a person will reply from 08:00 on Monday 23 November" in closed


def test_drafts_are_ranked_by_their_reports():
    result = draft("my parcel never arrived", channel="email", now=SUNDAY_NIGHT,
                   context={"agent": "Jo"})
    scores = [(not d.report.passed, -d.report.score) for d in result.drafts]
    assert scores == sorted(scores)
    assert result.drafts[0].report.score >= result.drafts[-1].report.score


SCENARIO_MESSAGES = {
    "safety_injury": "my son had an allergic reaction and went to hospital",
    "legal_threat": "I will sue you, my lawyer is on it",
    "data_breach": "I can see someone else's order in my account",
    "security_account": "my account was hacked",
    "threats_abuse": "f u and your useless app",
    "press_enquiry": "I'm a journalist writing a piece on this",
    "data_protection_request": "please delete my data",
    "vip_influencer": "hello",
    "human_request": "can I speak to a real person",
    "billing": "I was charged twice",
    "delivery": "where is my parcel",
    "complaint": "the app keeps crashing",
    "product_question": "do you sell gift cards?",
    "feature_request": "please add dark mode",
    "praise": "love it, thank you!",
    "spam": "Earn $500 a day from home, click the link in my bio",
    "out_of_hours": "hello",
    "general": "hello",
}


# other_language has no English draft by design: test_triage_meaning.py covers it.
@pytest.mark.parametrize("scenario", [s for s in load_playbook().scenarios if s != "other_language"])
@pytest.mark.parametrize("channel", ["x", "email"])
def test_every_scenario_of_the_example_playbook_drafts(scenario, channel):
    author = Author(name="Sam Lee", handle="@samlee",
                    followers=100_000 if scenario == "vip_influencer" else 10)
    now = SUNDAY_NIGHT if scenario == "out_of_hours" else MONDAY
    result = draft(Message(SCENARIO_MESSAGES[scenario], channel, author), channel=channel,
                   now=now, context={"agent": "Jo"})
    assert result.triage.scenario == scenario
    if load_playbook().scenarios[scenario].data.get("do_not_reply"):
        assert result.drafts == [] and result.triage.do_not_reply
        return
    assert result.drafts, f"{scenario} has no template for {channel}"
    best = result.drafts[0]
    assert best.report.passed, best.report.findings
    assert "{{" not in best.text and " ," not in best.text
    crisis = load_playbook().scenarios[scenario].crisis
    if crisis:
        assert not best.report.rules() & {"tone.crisis_levity", "vocabulary.never_say"}


def test_never_say_is_enforced_in_public_replies():
    from brandvoice import Checker
    from brandvoice.playbooks.drafting import scenario_for_checks

    pb = load_playbook()
    checker = Checker()
    scenario = scenario_for_checks(pb, "legal_threat")
    public = checker.check("We admit it was our fault.", "x", scenario=scenario)
    assert [f.rule for f in public.findings if f.rule == "vocabulary.never_say"] == \
        ["vocabulary.never_say", "vocabulary.never_say"]
    private = checker.check("We admit it was our fault.", "email", scenario=scenario)
    assert "vocabulary.never_say" not in private.rules()
