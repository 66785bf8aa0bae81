"""Quoted stretches of text, found from the quote marks alone (no parse).

Handles straight, curly, low-9 and guillemet double marks (a straight opening mark may close on
a curly one), single marks that are not apostrophes, marks left unclosed at a paragraph end,
and a speaker who keeps talking over several paragraphs (each paragraph opens with a mark,
only the last one closes). Nested marks of the other family stay inside the outer quotation.
A stray mark never loses the rest of the article: an unclosed quotation ends with its paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Opening mark -> the closing marks that may end it.
_DOUBLE = {'"': '"”', "“": "”\"", "„": "“”\"", "«": "»", "»": "«"}
_SINGLE = {"'": "'", "‘": "’'", "‚": "‘’", "‹": "›"}
_PARAGRAPH = re.compile(r"[^\n]+")
#: Any character that may open a quotation: the scan jumps from one to the next.
_MARKS = re.compile("[" + re.escape("".join(sorted({*_DOUBLE, *_SINGLE}))) + "]")


@dataclass(frozen=True, slots=True)
class Quoted:
    """A quotation ``text[start:end]``, marks included.

    ``continued``: the quotation goes on in the next paragraph (its closing mark is missing
    because the next paragraph opens with a new mark). ``closed``: a closing mark was found.
    """

    start: int
    end: int
    continued: bool = False
    closed: bool = True

    def inner(self, text: str) -> tuple[int, int]:
        """The quoted words without their marks."""
        start = self.start + (2 if text.startswith("''", self.start) else 1)
        end = self.end - (0 if not self.closed else 2 if text.endswith("''", 0, self.end) else 1)
        return start, max(start, end)


def quotations(text: str) -> list[Quoted]:
    """Every top-level quotation in ``text``, in order, marks included."""
    found: list[Quoted] = []
    for para in _PARAGRAPH.finditer(text):
        found.extend(_in_paragraph(text, para.start(), para.end()))
    return _mark_continuations(text, found)


def _in_paragraph(text: str, start: int, end: int) -> list[Quoted]:
    found: list[Quoted] = []
    i = start
    while i < end:
        mark = _MARKS.search(text, i, end)
        if mark is None:
            break
        i = mark.start()
        ch = text[i]
        if text.startswith("''", i) and _opens(text, i + 1, start, end, double=True):
            # two apostrophes as a double mark (''like this'')
            pair = text.find("''", i + 2, end)
            if pair < 0:
                found.append(Quoted(i, _rstrip(text, i, end), closed=False))
                break
            found.append(Quoted(i, pair + 2))
            i = pair + 2
        elif ch in _DOUBLE and _opens(text, i, start, end, double=True):
            close = _find_close(text, i, end, _DOUBLE[ch], double=True)
            if close is None:
                found.append(Quoted(i, _rstrip(text, i, end), closed=False))
                break
            found.append(Quoted(i, close + 1))
            i = close + 1
        elif ch in _SINGLE and _opens(text, i, start, end, double=False):
            close = _find_close(text, i, end, _SINGLE[ch], double=False)
            if close is not None and close - i > 2:
                found.append(Quoted(i, close + 1))
                i = close + 1
            else:
                i += 1
        else:
            i += 1
    return found


def _opens(text: str, i: int, start: int, end: int, *, double: bool) -> bool:
    """A mark opens a quotation when it starts a word: after a space, bracket or dash."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    if after.isspace():
        return False
    if text[i] in "”»" and double and text[i] != "»":
        return False
    if not double and before.isalnum():
        return False  # an apostrophe: Kazakhstan's, rock 'n' roll
    return before.isspace() or before in "([{—–-:;,/…" or i == start or not before.isalnum()


def _find_close(text: str, i: int, end: int, closers: str, *, double: bool) -> int | None:
    """The offset of the mark that closes the quotation opened at ``i``, or None. A mark of the
    same kind that opens a word inside it opens a nested quotation, which must close first."""
    depth = curly = 0
    for j in range(i + 1, end):
        ch = text[j]
        if double and text[i] == '"' and ch in "“”":
            # a straight mark may close on a curly one ("Yes,” he said), unless a curly
            # quotation opened inside it ("it is “fine” now")
            if ch == "“":
                curly += 1
                continue
            if curly:
                curly -= 1
                continue
        if ch not in closers and ch != text[i]:
            continue
        before = text[j - 1]
        after = text[j + 1] if j + 1 < end else " "
        opening = (before.isspace() or before in "([{—–") and not after.isspace()
        nested = ch == text[i] and opening and (double or before.isspace())
        if nested and (ch not in closers or ch in '"\''):
            depth += 1
            continue
        if ch not in closers:
            continue
        if not double and (before.isspace() or after.isalnum()):
            continue  # an apostrophe inside the quotation
        if double and ch in "“„" and not after.isspace() and after not in ".,;:!?)—–-":
            continue  # another opening mark
        if depth:
            depth -= 1
            continue
        return j
    return None


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _mark_continuations(text: str, found: list[Quoted]) -> list[Quoted]:
    """An unclosed quotation continues when the next paragraph opens with a quote mark."""
    out: list[Quoted] = []
    for k, q in enumerate(found):
        nxt = found[k + 1] if k + 1 < len(found) else None
        if (
            not q.closed
            and nxt is not None
            and text[q.end : nxt.start].strip() == ""
            and "\n" in text[q.end : nxt.start]
        ):
            q = Quoted(q.start, q.end, continued=True, closed=False)
        out.append(q)
    return out
