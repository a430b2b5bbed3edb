"""Examples files: a scenario's examples and counter-examples read from text files beside the
playbook (``examples_file``, ``counter_examples_file``), with file:line:col locations."""

from __future__ import annotations

import textwrap

import pytest
from conftest import playbook_yaml

from brandvoice import ConfigError
from brandvoice.lint.playbooks import self_test
from brandvoice.playbooks.model import load_playbook

PLAYBOOK = playbook_yaml("Files", """\
      lost_bag:
        severity: normal
        route: care
        examples: ["my bag never arrived"]
        examples_file: %s
        counter_examples_file: examples/lost_bag.counter.txt
      general:
        severity: low
        route: care
        examples: ["what time do you open", "do you sell gift cards"]
      vouchers:
        severity: high
        route: care
        triggers: [{keywords: [gift cards]}]
""")


def write_playbook(tmp_path, ref: str = "examples/lost_bag.txt",
                   lines: str = "# bags\nwhere is my suitcase\n\n  my luggage is lost  \n"):
    (tmp_path / "examples").mkdir(exist_ok=True)
    (tmp_path / "examples" / "lost_bag.txt").write_text(lines, encoding="utf-8")
    (tmp_path / "examples" / "lost_bag.counter.txt").write_text("I lost my bag of chips\n",
                                                                encoding="utf-8")
    path = tmp_path / "pb.yaml"
    path.write_text(textwrap.dedent(PLAYBOOK % ref), encoding="utf-8")
    return path


def test_examples_file_adds_examples_after_the_inline_ones_with_their_lines(tmp_path):
    path = write_playbook(tmp_path)
    pb = load_playbook(str(path))
    sc = pb.scenarios["lost_bag"]
    assert sc.examples == ("my bag never arrived", "where is my suitcase", "my luggage is lost")
    assert sc.counter_examples == ("I lost my bag of chips",)
    folder = tmp_path / "examples"
    assert str(pb.where("scenarios", "lost_bag", "examples", 0)).startswith(f"{path}:11:")
    assert str(pb.where("scenarios", "lost_bag", "examples", 1)) == f"{folder}/lost_bag.txt:2:1"
    assert str(pb.where("scenarios", "lost_bag", "examples", 2)) == f"{folder}/lost_bag.txt:4:3"
    assert (str(pb.where("scenarios", "lost_bag", "counter_examples", 0))
            == f"{folder}/lost_bag.counter.txt:1:1")


@pytest.mark.parametrize("ref,message", [
    ("../outside.txt", ("'../outside.txt' climbs out with '..'; examples files must be "
                        "inside the playbook's folder")),
    ("/etc/passwd", ("'/etc/passwd' is an absolute path; give a path relative to the "
                     "playbook's folder")),
    ("examples/missing.txt", "examples file 'examples/missing.txt' not found (looked for "),
])
def test_a_bad_examples_file_is_an_error_at_its_key(tmp_path, ref, message):
    path = write_playbook(tmp_path, ref)
    with pytest.raises(ConfigError) as info:
        load_playbook(str(path))
    [problem] = info.value.problems
    assert str(problem).startswith(f"{path}:12:20: scenarios.lost_bag.examples_file: "
                                   f"{message}")


def test_a_line_too_long_is_an_error_at_its_line_and_column(tmp_path):
    path = write_playbook(tmp_path, lines="fine\n  " + "x" * 2001 + "\n")
    with pytest.raises(ConfigError) as info:
        load_playbook(str(path))
    [problem] = info.value.problems
    assert str(problem) == (
        f"{tmp_path}/examples/lost_bag.txt:2:2003: scenarios.lost_bag.examples_file: this "
        "line is 2,001 characters long; an example may have at most 2,000 (one message a line)")


def test_a_file_of_only_comments_is_an_error(tmp_path):
    path = write_playbook(tmp_path, lines="# nothing yet\n\n")
    with pytest.raises(ConfigError) as info:
        load_playbook(str(path))
    assert ("'examples/lost_bag.txt' holds no examples; write one message a line"
            in str(info.value))


def test_self_test_counts_file_examples_that_go_to_a_more_severe_scenario(tmp_path):
    path = write_playbook(tmp_path, lines="where is my suitcase\ndo you sell gift cards too\n")
    problems = self_test(load_playbook(str(path)))
    [warning] = [p for p in problems if p.key == "scenarios.lost_bag.examples_file"]
    assert (warning.path, warning.line, warning.column, warning.severity) == (
        str(path), 12, 20, "warning")
    assert warning.message.startswith(
        "1 of the 3 examples of lost_bag triage to a scenario at least as severe (vouchers 1), "
        f"the first at {tmp_path}/examples/lost_bag.txt:2: 'do you sell gift cards too' goes "
        "to vouchers")


def test_self_test_points_at_the_file_line_of_an_example_that_triages_lower(tmp_path):
    # Also a counter-example of its own scenario: vetoed, it falls to the default (low).
    path = write_playbook(tmp_path, lines="# bags\nwhere is my suitcase\nI lost my bag of chips\n")
    problems = self_test(load_playbook(str(path)))
    wrong = [p for p in problems if p.key == "scenarios.lost_bag.examples[2]"]
    assert [(p.path, p.line, p.column, p.severity) for p in wrong] == [
        (f"{tmp_path}/examples/lost_bag.txt", 3, 1, "error")]
    assert wrong[0].message.startswith("example 'I lost my bag of chips' triages to general, "
                                       "not lost_bag")
def test_the_builtin_playbook_reads_its_examples_files():
    pb = load_playbook()
    loc = pb.where("scenarios", "threats_abuse", "examples",
                   len(pb.scenarios["threats_abuse"].data["examples"]))
    assert loc is not None and loc.path == "builtin:default/examples/threats_abuse.txt"
    assert len(pb.scenarios["threats_abuse"].examples) > len(
        pb.scenarios["threats_abuse"].data["examples"])


def test_only_a_line_feed_ends_an_example(tmp_path):
    # Form feed, \x1c-\x1e, NEL and U+2028/9 are line breaks to str.splitlines(), not to an
    # editor: they must neither cut an example in two nor shift the lines after them.
    lines = ("# bags\r\nwhere is my\x0csuitcase\r\nmy luggage\u2028is lost\n"
             "bag gone\x85again\x1cand\x1dagain\x1e\u2029now\nmy case never came\n")
    path = write_playbook(tmp_path, lines=lines)
    pb = load_playbook(str(path))
    sc = pb.scenarios["lost_bag"]
    assert sc.examples == ("my bag never arrived", "where is my\x0csuitcase",
                           "my luggage\u2028is lost",
                           "bag gone\x85again\x1cand\x1dagain\x1e\u2029now",
                           "my case never came")
    folder = tmp_path / "examples"
    assert [str(pb.where("scenarios", "lost_bag", "examples", i)) for i in (1, 2, 3, 4)] == [
        f"{folder}/lost_bag.txt:{n}:1" for n in (2, 3, 4, 5)]


def test_a_playbook_may_have_at_most_max_examples(tmp_path):
    from brandvoice.playbooks.model import MAX_EXAMPLES

    # Inline: one example of lost_bag and two of general; one counter-example in its file.
    room = MAX_EXAMPLES - 4
    lines = "".join(f"my bag number {i} is lost\n" for i in range(room))
    pb = load_playbook(str(write_playbook(tmp_path, lines="# bags\n" + lines)))
    assert len(pb.scenarios["lost_bag"].examples) == room + 1
    # Four more in the file: the last of them is one too many (the scenarios are counted in
    # order, each scenario's examples before its counter-examples).
    lines += "".join(f"  and bag {i} more\n" for i in range(4))
    path = write_playbook(tmp_path, lines="# bags\n" + lines)
    with pytest.raises(ConfigError) as info:
        load_playbook(str(path))
    [problem] = info.value.problems
    assert str(problem) == (
        f"{tmp_path}/examples/lost_bag.txt:{MAX_EXAMPLES + 1}:3: "
        f"scenarios.lost_bag.examples[{MAX_EXAMPLES}]: this is example "
        f"{MAX_EXAMPLES + 1:,} of the playbook; a playbook may have at most {MAX_EXAMPLES:,} "
        "examples and counter-examples in all (inline and in files: the learned layer's "
        "training grows with the square of their number)")
