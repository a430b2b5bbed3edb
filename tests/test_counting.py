"""Unit tests for the counting and matching helpers the checks stand on. Expected values are
worked out by hand from the rule each helper implements (X's weighting, GSM-7 and UCS-2
segment sizes, the Luhn checksum, ...), never recomputed with the code's own formula."""

from __future__ import annotations

import pytest
import spacy

from brandvoice import load_voice
from brandvoice.analysis.readability import cmu_dictionary
from brandvoice.analysis.reply import Reply, find_urls
from brandvoice.analysis.terms import TermMatcher, inflect_like, inflections
from brandvoice.checks.accessibility import split_words
from brandvoice.checks.channel import measure, sms_segments, x_length, x_length_of
from brandvoice.checks.privacy import iban_ok, luhn
from brandvoice.patterns import Alternatives, split_alternatives


@pytest.mark.parametrize("text,expected", [
    ("hello", 5),
    ("@sam @jo hi", 2),                   # the @mentions that open a reply are free
    ("hi @sam", 7),                       # ...but not later ones
    ("see https://example.com/a/very/long/path now", 4 + 23 + 4),  # a URL is 23
    ("👍", 2),                             # an emoji is 2
    ("👍🏽", 2),                            # with a skin tone: still one emoji
    ("👨‍👩‍👧", 2),                            # a ZWJ family: one emoji
    ("日本", 4),                           # CJK characters weigh 2
    ("e\u0301", 1),                       # e + combining acute is é after NFC
    ("café", 4),                          # Latin-1 letters weigh 1
])
def test_x_length(text, expected):
    assert x_length(text) == expected


# What twitter-text 3.1.0's parseTweet gives for each (weightedLength): X's own counting.
@pytest.mark.parametrize("text,expected", [
    ("가" * 141, 282),                                        # a Hangul syllable weighs 2
    ("hanbit.co.kr에서 확인", 32),                            # 23 + 에서 (4) + space + 확인 (4)
    ("help.hanbit.or.kr 참고", 28),                           # a .kr domain without a scheme
    ("이메일 help@hanbit.co.kr 로", 27),                      # an email address is not a URL
    ("https://hanbit.co.kr/예약", 27),                        # a Hangul path is text: 23 + 4
    ("foo.co.kr/abc한글", 27),                                # the URL ends at the Hangul
    ("가나다 https://x.com/a?b=1&c=2. 끝", 34),               # the full stop is not the URL's
    ("tienda.mx/ayuda.", 24),
    ("(https://hanbit.kr/faq) 확인", 30),
    ("https://t.co/abc 그리고 http://example.com/긴경로/한글", 65),
    ("🏳️‍🌈 무지개", 9),
    ("네이버.com", 10),                                       # no ASCII name: not linked
])
def test_x_length_counts_urls_as_twitter_text_does(text, expected):
    assert x_length(text) == expected
    assert x_length_of(text, find_urls(text)) == expected


def test_x_length_of_agrees_with_x_length_given_the_urls():
    for text in ("@sam see https://example.com/x now", "plain", "@a @b go to help.example.com"):
        assert x_length_of(text, find_urls(text)) == x_length(text)


@pytest.mark.parametrize("text,expected", [
    ("a" * 160, (1, 160, "GSM-7")),       # one SMS holds 160 GSM-7 characters
    ("a" * 161, (2, 161, "GSM-7")),       # parts of a long SMS hold 153
    ("a" * 306, (2, 306, "GSM-7")),
    ("a" * 307, (3, 307, "GSM-7")),
    ("€", (1, 2, "GSM-7")),               # extension-table characters take two units
    ("é" * 10, (1, 10, "GSM-7")),         # é is in the basic table
    ("ł" * 70, (1, 70, "UCS-2")),         # one character outside GSM-7: 70 per SMS
    ("ł" * 71, (2, 71, "UCS-2")),         # ...and 67 per part
    ("😀", (1, 2, "UCS-2")),               # an emoji is a surrogate pair: two units
])
def test_sms_segments(text, expected):
    assert sms_segments(text) == expected


def test_measure_by_counting_mode():
    text = "@sam 😀 €"
    assert measure(text, "characters") == len(text) == 8
    assert measure(text, "x") == 2 + 1 + 2   # mention free, emoji 2, space, € 2 (U+20AC is
    #                                          outside X's light ranges)
    assert measure(text, "sms") == 7 + 2     # UCS-2 units: 7 BMP characters, the emoji two


@pytest.mark.parametrize("digits,valid", [
    ("4111111111111111", True),    # the well-known Visa test number
    ("4111111111111112", False),
    ("79927398713", True),         # the textbook example
    ("79927398710", False),
    ("5555555555554444", True),    # Mastercard test number
    ("0", True),
])
def test_luhn(digits, valid):
    assert luhn(digits) is valid


@pytest.mark.parametrize("iban,valid", [
    ("GB29 NWBK 6016 1331 9268 19", True),   # the UK example of ISO 13616
    ("GB29NWBK60161331926819", True),        # the same, without spaces
    ("GB00 NWBK 6016 1331 9268 19", False),  # wrong check digits
    ("DE89 3704 0044 0532 0130 00", True),   # the German example
    ("DE89 3704 0044 0532 0130 01", False),  # one digit changed
])
def test_iban_check(iban, valid):
    assert iban_ok(iban) is valid


@pytest.mark.parametrize("tag,expected", [
    ("customerservice", ("customer", "service")),
    ("BlackFriday", ("black", "friday")),
    ("wearehere", ("we", "are", "here")),   # two-letter words from the short list only
    ("hello", None),                        # one dictionary word
    ("abc", None),                          # too short to split
    ("xqzvkw", None),                       # no split into words
])
def test_split_words(tag, expected):
    assert split_words(tag, cmu_dictionary()) == expected


def test_find_urls():
    text = "see example.com/help or https://x.co/a, thanks"
    assert [text[s:e] for s, e in find_urls(text)] == ["example.com/help", "https://x.co/a,"]
    assert find_urls("no links here, just a full stop.") == []


@pytest.mark.parametrize("term,forms", [
    ("utilize", {"utilize", "utilized", "utilizes", "utilizing"}),
    ("stop", {"stop", "stops", "stopped", "stopping"}),
    ("reply", {"reply", "replies", "replied", "replying"}),
    ("reach out", {"reach out", "reached out", "reaches out", "reaching out"}),
    ("sales rep", {"sales rep", "sales reps"}),
    ("go", {"go", "went", "gone"}),
    ("buy", {"buy", "bought", "buying", "buys"}),
])
def test_inflections_include(term, forms):
    assert forms <= inflections(term)


def test_a_short_or_non_alphabetic_head_is_not_inflected():
    assert inflections("ok") == {"ok"}
    assert inflections("24/7 support") == {"24/7 support", "24/7 supports"}
    assert inflections("") == set()


@pytest.mark.parametrize("replacement,base,matched,expected", [
    ("use", "utilize", "utilized", "used"),
    ("use", "utilize", "utilizing", "using"),
    ("use", "utilize", "utilizes", "uses"),
    ("use", "utilize", "Utilize", "Use"),
    ("team", "tribe", "tribes", "teams"),
    ("get in touch", "reach out", "reached out", "got in touch"),
    ("send", "buy", "bought", "sent"),
])
def test_inflect_like(replacement, base, matched, expected):
    assert inflect_like(replacement, base, matched) == expected


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


def test_term_matcher_prefers_the_earliest_longest_match(nlp):
    matcher = TermMatcher(nlp)
    matcher.add("short", ["customer"], "s")
    matcher.add("long", ["customer service"], "l")
    matcher.add("apostrophe", ["doesn't work"], "a", inflect=False)
    doc = nlp("Customer services doesn’t work, said the customer.")
    assert [(m.key, m.text, m.data) for m in matcher(doc)] == [
        ("long", "Customer services", "l"),
        ("apostrophe", "doesn’t work", "a"),   # a curly apostrophe matches a straight one
        ("short", "customer", "s"),
    ]


def test_term_matcher_can_keep_each_keys_matches(nlp):
    matcher = TermMatcher(nlp)
    matcher.add("a", ["refund"])
    matcher.add("b", ["refund"])
    doc = nlp("A refund please")
    assert [m.key for m in matcher(doc)] == ["a"]
    assert sorted(m.key for m in matcher(doc, every_key=True)) == ["a", "b"]


def test_reply_words_prose_and_positions(nlp):
    voice = load_voice()
    text = "@sam Thanks!\nSee https://x.co/a #Help 42 times."
    doc = nlp(text)
    reply = Reply(text, doc, "x", voice.channel("x"), voice)
    assert [w for _s, _e, w in reply.words] == ["Thanks", "See", "times"]
    assert len(reply.prose) == len(text) and "sam" not in reply.prose and "Help" not in reply.prose
    assert reply.position(0) == (1, 1)
    assert reply.position(text.index("See")) == (2, 1)
    assert reply.position(text.index("42")) == (2, 26)  # 'See ', 14-char URL, ' #Help '


@pytest.mark.parametrize("prose,expected", [
    # three syllables or more, each once, in order, possessive dropped
    ("Your reimbursement eligibility is conditional. The reimbursement's status is open.",
     ["reimbursement", "eligibility", "conditional"]),
    # a long word that opens a sentence counts; a capital inside a sentence is a name
    ("Unfortunately, Annabelle, the Mediterranean delivery failed.",
     ["Unfortunately", "delivery"]),
    # three syllables only by -ing/-ed/-es do not count; 'documents' is 'document' + s
    ("We are returning the documents you visited us with.", ["documents"]),
    # words every reader knows (the Dale-Chall list) and hyphenated compounds do not count
    ("Everybody in the family got a well-organised holiday.", []),
])
def test_long_words(prose, expected):
    from brandvoice.checks.readability import _long_words
    assert _long_words(prose) == expected


def test_word_grade_caps_sentence_length_at_plain():
    from brandvoice.analysis.readability import textstat
    from brandvoice.checks.readability import PLAIN_SENTENCE, _word_grade
    ts = textstat()
    # 6 words, 6 syllables, one sentence: 0.39 * 6 + 11.8 * 1 - 15.59 = -1.45
    assert _word_grade(ts, "The cat sat on the mat.") == pytest.approx(-1.45)
    # 30 one-syllable words in one sentence count as PLAIN_SENTENCE (15) words a sentence:
    # 0.39 * 15 + 11.8 - 15.59 = 2.06 (Flesch-Kincaid itself says 0.39 * 30 - 3.79 = 7.91)
    assert PLAIN_SENTENCE == 15
    long = " ".join(["the cat sat on the mat"] * 5) + "."
    assert _word_grade(ts, long) == pytest.approx(2.06)
    assert ts.flesch_kincaid_grade(long) == pytest.approx(7.91, abs=0.01)
    assert _word_grade(ts, "") == 0.0


def test_tone_marker_weights_are_halves():
    # dimensions() sums each marker word's weights times its count, in set order: exact only
    # because every weight is a multiple of 0.5 (a weight of 0.3 would make the sum depend on
    # the order). A new weight that is not must change dimensions() too.
    from brandvoice.checks.tone import MARKERS
    assert all(float(2 * w).is_integer() for hit in MARKERS.values() for w in hit)


def test_tone_dimensions_count_repeated_markers(nlp):
    from brandvoice.checks.tone import dimensions
    voice = load_voice()
    text = "Hey hey, we hereby confirm it. Thanks, thanks and sorry. Unfortunately lol"
    reply = Reply(text, nlp(text), "x", voice.channel("x"), voice)
    # formal: hereby 3; informal: hey 1 twice, lol 2; warm: thanks twice, sorry;
    # positive: thanks twice; negative: unfortunately. Prior 2 each side.
    assert dimensions(reply) == {
        "formality": (3 + 2) / (3 + 4 + 4),
        "warmth": (3 + 2) / (3 + 0 + 4),
        "positivity": (2 - 1) / (2 + 1 + 1),
    }


def test_tone_casual_timing_counts_only_at_a_clause_end(nlp):
    from brandvoice.checks.tone import dimensions
    voice = load_voice()

    def formality(text):
        return dimensions(Reply(text, nlp(text), "x", voice.channel("x"), voice))["formality"]

    # "in a bit" ending a clause is casual (1); "in a bit more detail" is not; "no cap" is
    # slang (2) and "ngl" a slang word (2). Prior 2 each side, nothing formal.
    assert formality("The money should land in a bit.") == 2 / (1 + 4)
    assert formality("Could you tell us in a bit more detail?") == 0.5
    assert formality("ngl this rate is great, no cap") == 2 / (4 + 4)


def test_a_short_reply_is_judged_on_formality_only_when_slang_decides_it():
    from conftest import ROOT

    from brandvoice import Checker
    bank = Checker(str(ROOT / "voices" / "northmoor-bank.yaml"))

    def tone(text):
        return [(f.rule, f.severity, f.message) for f in bank.check(text, "x").findings
                if f.category == "tone"]

    # Five words, under min_words (6): "innit" (2) and "chill" (1) give (0 + 2) / (3 + 4).
    assert tone("Chill, your money's safe innit") == [
        ("tone.formality", "warning",
         "formality is too low (0.29; the voice wants between 0.35 and 0.9)")]
    # One casual word (1) is (0 + 2) / (1 + 4) = 0.4: too little to judge a short reply on.
    assert tone("Righto, all done now") == []
    assert tone("Thanks, all sorted now") == []


def test_split_alternatives():
    # bars inside a group, a class (also as its first member) or an escape do not split
    assert split_alternatives(r"a|(b|c)|[|]|\||[]|]|[^]|]x") == \
        ["a", "(b|c)", "[|]", r"\|", "[]|]", "[^]|]x"]


def test_alternatives_match_as_the_whole_pattern():
    import regex
    # At 1 both 'ab' and 'a' match: the earlier alternative wins; the lookbehind sees the
    # text before where the search resumes.
    found = Alternatives(regex.compile(r"(?i)ab|a|(?<=x)b")).finditer("xAB ab xb")
    assert [m.span() for m in found] == [(1, 3), (4, 6), (8, 9)]


def test_a_pattern_without_top_level_alternatives_is_refused():
    import regex
    with pytest.raises(ValueError, match="no top-level alternatives"):
        Alternatives(regex.compile(r"(?i)(?:ab|a)x"))


def test_link_at_url_alternatives_agree_with_the_pattern():
    import random

    from brandvoice.checks.accessibility import LINK_AT_URL, LINK_AT_URL_PARTS
    words = ("click tap go look see here read more learn below above link in our my the bio "
             "info information at this follow is a 's are can may be found find them out "
             "check peek of these details everything it they all you need . ! ? : \n ,").split(" ")
    rng = random.Random(20261125)
    for _ in range(3000):
        text = "".join(rng.choice(words) + rng.choice(["", " ", "  ", ". ", ": "])
                       for _ in range(rng.randint(1, 20)))
        assert [m.span() for m in LINK_AT_URL_PARTS.finditer(text)] == \
            [m.span() for m in LINK_AT_URL.finditer(text)], text
