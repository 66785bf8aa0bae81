from __future__ import annotations

import pytest

from newsgraph.extract.quote_marks import quotations


def _texts(text: str) -> list[str]:
    return [text[q.start : q.end] for q in quotations(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ('He said "we will win" today.', ['"we will win"']),
        ("He said “we will win” today.", ["“we will win”"]),
        ("Il a dit «nous gagnerons» hier.", ["«nous gagnerons»"]),
        ("Er sagte „wir gewinnen“ heute.", ["„wir gewinnen“"]),
        ("He said 'we will win' today.", ["'we will win'"]),
        ("He said ‘we will win’ today.", ["‘we will win’"]),
        ("He said ''we will win,'' and left.", ["''we will win,''"]),
        # apostrophes are not quote marks
        ("Kazakhstan’s leader and the protesters’ demands.", []),
        ("It's rock 'n' roll, isn't it?", []),
        # nested marks stay inside the outer quotation
        ("“He told me ‘never again’ and left,” she said.",
         ["“He told me ‘never again’ and left,”"]),
        ('"He called it a "disaster" today," she said.', ['"He called it a "disaster" today,"']),
        # a straight opening mark closed by a curly one, with a curly quotation nested inside
        ('"We lost the vote,” the mayor said.', ['"We lost the vote,”']),
        ('"It was “fine” then,” she said.', ['"It was “fine” then,”']),
        ('He said "it is “fine” now." Then he left.', ['"it is “fine” now."']),
        # brackets inside a quotation
        ('"They [the rebels] will lose," he said.', ['"They [the rebels] will lose,"']),
        # an unclosed quotation ends with its paragraph; the next paragraph is read normally
        ('He said: "We will fight on.\nOthers said "no".', ['"We will fight on.', '"no"']),
    ],
)
def test_quote_marks_quotations(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


def test_quote_marks_speaker_over_several_paragraphs() -> None:
    text = 'She said: "First part.\n\n"Second part.\n\n"Last part."\n\nThen she left.'
    found = quotations(text)
    assert [text[q.start : q.end] for q in found] == [
        '"First part.',
        '"Second part.',
        '"Last part."',
    ]
    assert [q.continued for q in found] == [True, True, False]
    assert [q.closed for q in found] == [False, False, True]


def test_quote_marks_inner_drops_the_marks() -> None:
    text = "He said “yes” twice."
    (q,) = quotations(text)
    assert text[slice(*q.inner(text))] == "yes"
