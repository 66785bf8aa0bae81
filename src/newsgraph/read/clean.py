"""Cleaning a raw text page (a news page copied or saved as plain text) into an article body.

``clean_page(raw)`` finds the headline (also when printed twice), the byline with its authors,
outlet and date, and takes out photo captions, credits, bare URLs, subheads, cookie notices,
related-story lists and page furniture ("Share", "Dismiss", "Read more"...). Everything taken
out is kept in ``Page.removed`` with its kind; the body keeps its paragraphs, one blank line apart.

The page is cut into units (one a line; hard-wrapped prose lines joined) and read in three
zones: the header before the first prose paragraph, the body, and the trailing furniture after
the last sentence.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from newsgraph.model import Removed
from newsgraph.read.dates import find_date
from newsgraph.resources import path as resource_path

# --- characters -----------------------------------------------------------------------------

#: Spaces of every width, made plain.
_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
#: Invisible characters with no meaning in news text (ZWJ/ZWNJ are kept: scripts need them),
#: and control characters other than tabs and line ends (terminal escapes must not get through).
_INVISIBLE = re.compile(r"[\u200b\u2060\ufeff\u00ad\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")

# --- line patterns ----------------------------------------------------------------------------

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_BYLINE = re.compile(r"^(?:written\s+)?by[:\s]\s*(?P<rest>.+)$", re.IGNORECASE)
_CREDIT_ONLY = re.compile(
    r"^\(?(?:(?:photo|photograph|image|picture|illustration|video|graphic)s?"
    r"(?:\s+credit)?\s*(?::|by\b)|credit\s*:|source\s*:|©|\(c\)|copyright\b"
    r"|(?:AP|AFP|EPA|Reuters|Getty|Xinhua|Shutterstock|Alamy)\b[^.]*(?:/|via|images?\b))",
    re.IGNORECASE,
)
_CREDIT_TAIL = re.compile(
    r"(?P<credit>\s*(?:\((?:photo|image|picture|credit)[^)]*\)"
    r"|\([^)]*(?:/|via )(?:[^)]*)\)"
    r"|(?:photo|photograph|image|picture)(?:\s+credit)?\s*(?::|\bby\b)\s*[^.]{1,60}"
    r"|\b(?:Getty Images|AFP via Getty Images|Shutterstock|Alamy)\.?))\s*$",
    re.IGNORECASE,
)
_OUTLET_WORD = re.compile(
    r"\b(?:Press|News|Times|Post|Herald|Journal|Wire|Agency|Media|Daily|Tribune|Gazette|Radio"
    r"|TV|Television|Network|Magazine|Chronicle|Telegraph|Observer|Courier|Ledger|Review)\b"
)
_TIME = re.compile(
    r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[aApP]\.?[mM]\.?)?(?:\s*(?:[A-Z]{1,4}T|UTC|GMT|Z)\b)?"
)
#: A person's name as bylines write it: 1-5 capitalised words ("Jane Doe", "Anneke de Vries").
_NAME = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:[a-z]{1,3}\s+)?[A-Z][\w'’.-]*){0,4}")
#: Words that go with a date line: "First published on Sat, ...", "Updated at ...".
_DATE_WORDS = re.compile(
    r"\b(?:updated|published|posted|first|last|modified|on|at|date|gmt|utc"
    r"|mon|tue|wed|thu|fri|sat|sun)[a-z]*\b",
    re.IGNORECASE,
)
_AGO = re.compile(r"\b\d+\s+(?:second|minute|hour|day|week)s?\s+ago\b", re.IGNORECASE)
#: Credits printed at the end of an article: "Reporting by Jane Doe; Editing by John Roe".
_END_CREDIT = re.compile(
    r"^(?:\(?(?:additional\s+)?(?:reporting|writing|editing|research)(?:\s+by)?\b"
    r"|©|\(c\)\s|copyright\b)",
    re.IGNORECASE,
)
#: A byline with no "By": a name, perhaps with where the reporter is ("Jan Jansen in Amsterdam").
_NAME_LINE = re.compile(
    r"(?P<names>[A-Z][\w'’.-]*(?:\s+(?:(?:de|da|di|du|del|der|den|van|von|le|la|al|bin|ibn)\s+)?"
    r"[A-Z][\w'’.-]*){1,3}"
    r"(?:\s+(?:and|&)\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,3})?)"
    r"(?:\s+in\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?)?"
)
#: A wire dateline opening the body: "KYIV, March 3 (Reuters) -".
_DATELINE = re.compile(
    r"^[A-Z][A-Z .'’-]+(?:,[^()]{1,40})?\s\((?P<outlet>[A-Z][\w .&/-]{1,40})\)\s*[-–—]"
)
_CAPTION_START = re.compile(r"^(?:pictured|above|top|main image|file photo)\s*[:,]", re.IGNORECASE)
#: A site speaking about its own cookies (an article about cookies does not match).
_COOKIE = re.compile(
    r"\b(?:we|our|this\s+(?:web)?site)\b[^.]*\bcookies?\b|\bcookies?\s+(?:policy|settings"
    r"|preferences|notice)\b|\baccept\s+(?:all\s+)?cookies\b|\buse\s+of\s+cookies\b",
    re.IGNORECASE,
)
_RELATED_HEAD = re.compile(
    r"^(?:related(?:\s+(?:stories|articles|news|content|coverage|topics))?|more\s+(?:from|on|"
    r"stories|news)\b.*|read\s+(?:more|next|also)|see\s+also|you\s+(?:may|might)\s+also\s+like"
    r"|recommended(?:\s+for\s+you)?|most\s+(?:read|popular|viewed)|top\s+stories"
    r"|editor'?s\s+picks|latest\s+(?:news|stories))\s*:?$",
    re.IGNORECASE,
)
_RELATED_INLINE = re.compile(r"^(?:read\s+(?:more|also|next)|related|see\s+also)\s*:\s*\S", re.I)
#: A sentence end (Latin, CJK, Arabic, Devanagari), then closing quotes, brackets or bidi marks.
_TERMINAL = re.compile(r"""[.!?…:;。！？؟۔।]["'”’»)\]\u200e\u200f\u202a-\u202e\u2066-\u2069]*$""")
_BIDI_MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
#: A word; a CJK ideograph or kana counts as one (those scripts put no spaces between words).
_WORD = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]|\w+(?:[-'’]\w+)*")

# --- look-alike letters ---------------------------------------------------------------------

#: Letters that OCR and copy-paste confuse, each mapped to one representative.
_LOOKALIKE = str.maketrans({"i": "l", "1": "l", "|": "l", "!": "l", "0": "o"})


def _skeleton(text: str) -> str:
    """``text`` with look-alike letters folded together: "IntelIiNews" and "IntelliNews" agree."""
    folded = re.sub(r"\s+", "", text.lower()).replace("rn", "m").replace("vv", "w")
    return folded.translate(_LOOKALIKE)


@lru_cache(maxsize=1)
def _known_outlets() -> dict[str, str]:
    """Known outlet names by skeleton."""
    lines = resource_path("outlets.txt").read_text(encoding="utf-8").splitlines()
    names = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return {_skeleton(name): name for name in names}


def known_outlet(text: str) -> str | None:
    """The known outlet ``text`` names, its look-alike letters repaired ("bne IntelIiNews" ->
    "bne IntelliNews"), or None when it names no known outlet."""
    key = _skeleton(text.strip(" ,|-–—·"))
    return _known_outlets().get(key) or _known_outlets().get(_skeleton("the " + text.strip()))


#: A word with a look-alike letter inside lowercase letters: "IntelIiNews", "Ab1yazov", "L0ndon".
_SUSPECT = re.compile(r"\b\w*(?:[a-z][I|!][a-z]|[A-Za-z][10][A-Za-z])\w*\b")


def repair_lookalikes(text: str, vocabulary: str) -> str:
    """``text`` with each word that has a look-alike letter inside it (capital I, 1, 0 among
    lowercase letters) replaced by the one word of ``vocabulary`` it folds to, when there is one:
    "Kazakhstan's AbIyazov" -> "Kazakhstan's Ablyazov" if the article writes "Ablyazov"."""
    if not _SUSPECT.search(text):
        return text
    known: dict[str, set[str]] = {}
    for word in set(_WORD.findall(vocabulary)):
        if not _SUSPECT.fullmatch(word):
            known.setdefault(_skeleton(word), set()).add(word)

    def repair(match: re.Match[str]) -> str:
        candidates = known.get(_skeleton(match.group(0)), set())
        return next(iter(candidates)) if len(candidates) == 1 else match.group(0)

    return _SUSPECT.sub(repair, text)


# --- the result -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Page:
    """What cleaning found in a raw page."""

    text: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    authors: tuple[str, ...] = ()
    removed: tuple[Removed, ...] = ()


# --- characters and units -------------------------------------------------------------------


def normalize(raw: str) -> tuple[str, list[Removed]]:
    """NFC, plain spaces and line ends; invisible characters taken out and reported."""
    text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n")
    text = _ODD_SPACES.sub(" ", text)
    removed = [
        Removed(f"{unicodedata.name(ch, f'U+{ord(ch):04X}')} x{n}", "invisible")
        for ch, n in sorted(Counter(_INVISIBLE.findall(text)).items())
    ]
    return _INVISIBLE.sub("", text), removed


def units(text: str) -> list[str]:
    """The page's lines, spaces collapsed; a block of hard-wrapped lines becomes one unit."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [" ".join(line.split()) for line in block.split("\n")]
        lines = [line for line in lines if line]
        out.extend([" ".join(lines)] if _hard_wrapped(lines) else lines)
    return out


def _hard_wrapped(lines: list[str]) -> bool:
    """Lines of one paragraph broken at a fixed width: no line but the last could have taken
    the next line's first word without passing the widest line. Two lines are joined only
    when the second goes on with a lowercase word."""
    if len(lines) < 2:
        return False
    if len(lines) == 2 and (_TERMINAL.search(lines[0]) or not lines[1][0].islower()):
        return False  # two lines: too few to see a width; joined only mid-sentence
    width = max(len(line) for line in lines[:-1])
    return 40 <= width <= 100 and all(
        len(line) + 1 + len(following.split()[0]) > width
        for line, following in zip(lines, lines[1:], strict=False)
    )


@lru_cache(maxsize=1)
def _furniture() -> tuple[frozenset[str], frozenset[str]]:
    """Furniture phrases, and the words they are made of."""
    lines = resource_path("furniture.txt").read_text(encoding="utf-8").splitlines()
    phrases = frozenset(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))
    return phrases, frozenset(" ".join(phrases).split())


def _norm(line: str) -> str:
    return " ".join(_WORD.findall(line.lower()))


def _words(line: str) -> int:
    return len(_WORD.findall(line))


def is_prose(line: str) -> bool:
    """A paragraph of running text: a sentence of some length, or a long stretch of words."""
    n = _words(line)
    return (n >= 8 and bool(_TERMINAL.search(line))) or n >= 40


def is_sentence(line: str) -> bool:
    """A line that reads as (the end of) article text, however short."""
    return _words(line) >= 4 and bool(_TERMINAL.search(line)) and not is_cookie(line)


def is_furniture(line: str) -> bool:
    """A button, menu item or label: a line made only of page-furniture words."""
    norm = _norm(line)
    phrases, words = _furniture()
    return norm in phrases or (
        bool(norm)
        and _words(line) <= 4
        and all(w in words for w in norm.split())
        and not _TERMINAL.search(line)
    )


def is_cookie(line: str) -> bool:
    return bool(_COOKIE.search(line)) and _words(line) <= 80


def is_subhead(line: str) -> bool:
    """A short, title-like line (no full stop) such as a section heading inside an article."""
    n = _words(line)
    return (
        1 <= n <= 10
        and not re.search(r"[.,;:。，؛،]$", line.rstrip(_BIDI_MARKS))
        and not _URL.search(line)
        and not re.match(r"[-–—•*·▪]|\d+[.)]\s", line)  # a list item, not a heading
    )


# --- captions, credits, URLs and bylines ----------------------------------------------------


def split_media(line: str) -> list[Removed] | None:
    """A caption / credit / URL line cut into its kinds, or None if the line is none of them.

    "Mukhtar Ablyazov. / https://www.ablyazov.org/ru/" -> caption "Mukhtar Ablyazov." and url.
    """
    urls = _URL.findall(line)
    rest = _URL.sub(" ", line)
    if urls:
        pieces = [Removed(u.rstrip(".,;)"), "url") for u in urls]
        leftover = rest.strip(" /|-–—·()[]")
        if leftover and (_words(leftover) > 25 and is_prose(leftover)):
            return None  # a paragraph that cites a URL stays in the body
        if leftover:
            pieces.insert(
                0, Removed(leftover, "credit" if _CREDIT_ONLY.match(leftover) else "caption")
            )
        return pieces
    if _CREDIT_ONLY.match(line) and _words(line) <= 15:
        return [Removed(line, "credit")]
    tail = _CREDIT_TAIL.search(line)
    if tail and tail.start() > 0 and _words(line) <= 60:
        caption = line[: tail.start()].strip(" /|-–—")
        return [Removed(caption, "caption"), Removed(tail.group("credit").strip(), "credit")]
    if _CAPTION_START.match(line):
        return [Removed(line, "caption")]
    return None


@dataclass(frozen=True, slots=True)
class Byline:
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    published: str | None = None


def parse_byline(line: str) -> Byline | None:
    """Authors, outlet and date of a byline such as "By bne IntelIiNews January 8, 2022" or
    "By Jane Doe and John Roe, Reuters | 8 Jan 2022"; None if ``line`` is no byline."""
    match = _BYLINE.match(line)
    if not match or _words(line) > 30:
        return None
    rest = match.group("rest")
    published = None
    found = find_date(rest)
    if found:
        published, where = found
        rest = rest[: where.start()] + " " + rest[where.end() :]
    rest = re.sub(r"\b(?:updated|published|posted|on|at)\b\s*:?", " ", rest, flags=re.I)
    rest = _TIME.sub(" ", rest)
    rest = re.sub(
        r"\b(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\b,?", " ", rest
    )
    outlet = None
    authors: list[str] = []
    for part in re.split(r"\s*(?:[,|/·•–—]|\s-\s|\band\b|&)\s*", rest):
        part = " ".join(part.split()).strip(" .,:;")
        if not part:
            continue
        staff = re.fullmatch(
            r"(?P<name>.+?)\s+(?:staff(?:\s+writers?)?|reporters?|newsroom|desk)",
            part,
            re.IGNORECASE,
        )
        known = known_outlet(staff.group("name") if staff else part) or (
            None if staff else _outlet_in(part)
        )
        if known is None and authors and _OUTLET_WORD.search(part):
            known = part  # "By Tomas Weber, Northwind Press": a name, then a publisher
        if known and outlet is None:
            outlet = known
        elif staff and outlet is None:
            outlet = staff.group("name")
        elif known is None and staff is None and _NAME.fullmatch(part):
            authors.append(part.title() if part.isupper() else part)
    return Byline(tuple(authors), outlet, published)


def _outlet_in(part: str) -> str | None:
    """A known outlet at the end of ``part`` ("bne IntelIiNews" written with trailing words)."""
    words = part.split()
    for i in range(1, len(words)):
        found = known_outlet(" ".join(words[i:]))
        if found:
            return found
    return None


def _unglue(text: str) -> str:
    """Words that copy-paste glued together split again: "UTCUpdated" -> "UTC Updated"."""
    return re.sub(r"(?:(?<=[a-z0-9])|(?<=[A-Z]{2}))(?=[A-Z][a-z])", " ", text)


def date_line(line: str) -> str | None:
    """The date of a line that is only a date ("Published: 08.01.2022 10:32 GMT")."""
    found = find_date(line)
    if not found:
        return None
    iso, where = found
    rest = _TIME.sub(" ", _unglue(line[: where.start()] + " " + line[where.end() :]))
    rest = _DATE_WORDS.sub(" ", _AGO.sub(" ", rest))
    return iso if not _WORD.search(rest) else None


# --- the page -------------------------------------------------------------------------------


Kinds = list[str | None]  # per line: what it is, None for body text


def clean_page(raw: str) -> Page:
    """The article in a raw text page: body, headline, byline facts, and what was taken out."""
    text, removed = normalize(raw)
    lines = units(text)
    kinds, media = _mark_anywhere(lines)
    first = _body_start(lines, kinds)
    byline = _mark_header(lines, kinds, first)
    title = _mark_headline(lines, kinds, first)
    if not byline.authors:
        byline = replace(byline, authors=_name_line_authors(lines, kinds, first))
    if byline.outlet is None and first < len(lines) and (wire := _DATELINE.match(lines[first])):
        byline = replace(byline, outlet=known_outlet(wire["outlet"]) or wire["outlet"])
    end = _body_end(lines, kinds, first)
    trailer_date = _mark_trailer(lines, kinds, end)
    _mark_body(lines, kinds, first, end, title, media)

    body: list[str] = []
    for line, kind, i in zip(lines, kinds, range(len(lines)), strict=True):
        if kind is None:
            body.append(line)
        else:
            removed.extend(media[i] if kind == "media" else [Removed(line, kind)])
    text = "\n\n".join(body)
    return Page(
        text=repair_lookalikes(text, text),
        title=repair_lookalikes(title, text) if title else None,
        outlet=byline.outlet,
        published=byline.published or trailer_date,
        authors=tuple(repair_lookalikes(a, text) for a in byline.authors),
        removed=tuple(removed),
    )


def _mark_anywhere(lines: list[str]) -> tuple[Kinds, dict[int, list[Removed]]]:
    """Lines that are never body, wherever they are: cookie notices, furniture, inline
    related-story links, and captions / credits / URLs (cut into pieces, kept by line)."""
    kinds: Kinds = [None] * len(lines)
    media: dict[int, list[Removed]] = {}
    for i, line in enumerate(lines):
        if is_cookie(line):
            kinds[i] = "cookie"
        elif is_furniture(line):
            kinds[i] = "furniture"
        elif _RELATED_INLINE.match(line):
            kinds[i] = "related"
        elif (pieces := split_media(line)) is not None:
            kinds[i], media[i] = "media", pieces
    return kinds, media


def _mark_header(lines: list[str], kinds: Kinds, first: int) -> Byline:
    """Mark bylines and date lines above the body; the first byline's facts, and a date."""
    found = Byline()
    for i in range(first):
        if kinds[i] is not None:
            continue
        if (byline := parse_byline(lines[i])) is not None:
            kinds[i] = "byline"
            found = Byline(
                found.authors or byline.authors,
                found.outlet or byline.outlet,
                found.published or byline.published,
            )
        elif (day := date_line(lines[i])) is not None:
            kinds[i] = "date"
            found = replace(found, published=found.published or day)
    return found


def _name_line_authors(lines: list[str], kinds: Kinds, first: int) -> tuple[str, ...]:
    """Authors of a byline written without "By" ("Jan Jansen in Amsterdam")."""
    for i in range(first):
        if kinds[i] == "byline" and (names := _NAME_LINE.fullmatch(lines[i])):
            return tuple(re.split(r"\s+(?:and|&)\s+", names["names"]))
    return ()


def _mark_trailer(lines: list[str], kinds: Kinds, end: int) -> str | None:
    """Mark what follows the article text: a date line under it (its date returned), a
    related-stories list, and the rest as furniture."""
    published = None
    for i in range(end, len(lines)):
        if kinds[i] is None and (day := date_line(lines[i])) is not None:
            kinds[i] = "date"  # "Published January 8, 2022" printed under the article
            published = published or day
        elif kinds[i] is None:
            kinds[i] = "related" if _after_related_head(lines, end, i) else "furniture"
    return published


def _mark_body(
    lines: list[str],
    kinds: Kinds,
    first: int,
    end: int,
    title: str | None,
    media: dict[int, list[Removed]],
) -> None:
    """Mark, inside the article text, headline copies, subheads and captions printed twice."""
    captions = {_norm(r.text) for pieces in media.values() for r in pieces if r.kind == "caption"}
    for i in range(first, end):
        if kinds[i] is not None:
            continue
        if title is not None and _norm(lines[i]) == _norm(title):
            kinds[i] = "headline"
        elif _norm(lines[i]) in captions:
            kinds[i] = "caption"  # a caption printed twice (image text and caption)
        elif is_subhead(lines[i]) and _between_prose(lines, kinds, i):
            kinds[i] = "subhead"


def _body_start(lines: list[str], kinds: Kinds) -> int:
    """Index of the first body paragraph: the first prose line, unless that is the page's first
    line, a question or exclamation with prose after it (a headline such as "Will it spread?")."""
    prose = [i for i, line in enumerate(lines) if kinds[i] is None and is_prose(line)]
    if not prose or len(lines) == 1:
        return 0  # no header to read: a body only (e.g. a one-line text)
    opening = next(i for i, kind in enumerate(kinds) if kind is None)
    if (
        len(prose) > 1
        and prose[0] == opening
        and _words(lines[opening]) <= 25
        and re.search(r"""[?!]["'”’]*$""", lines[opening])
    ):
        return prose[1]
    return prose[0]


def _mark_headline(lines: list[str], kinds: Kinds, first: int) -> str | None:
    """Find the headline among the header lines and mark it, its copies, any section label
    above it and a byline without "By" below it. The headline is the nearest title-like line
    of 3+ words above a "By" byline, or else the first one. A title-like line under it is the
    standfirst."""
    candidates = [i for i in range(first) if kinds[i] is None and _words(lines[i]) <= 40]
    if not candidates:
        return None
    byline = next((i for i in range(first) if kinds[i] == "byline"), first)
    above = [i for i in candidates if i < byline and _words(lines[i]) >= 3]
    headline = (
        above[-1]
        if byline < first and above
        else next((i for i in candidates if _words(lines[i]) >= 3), candidates[0])
    )
    for i in candidates:
        if _norm(lines[i]) == _norm(lines[headline]):
            kinds[i] = "headline"
        elif i < headline and is_subhead(lines[i]):
            kinds[i] = "furniture"  # a section label or kicker above the headline
        elif i > headline and _NAME_LINE.fullmatch(lines[i]):
            kinds[i] = "byline"
        elif i > headline and not _TERMINAL.search(lines[i]):
            kinds[i] = "standfirst"  # the summary under the headline, not a sentence of the body
    return lines[headline]


def _body_end(lines: list[str], kinds: Kinds, first: int) -> int:
    """Index just past the article text: before a trailing related-stories list, after the last
    line that reads as text."""
    last = max(
        (i for i in range(first, len(lines)) if kinds[i] is None and is_sentence(lines[i])),
        default=len(lines) - 1,
    )
    credit = next(
        (
            i
            for i in range(first + 1, last + 1)
            if _END_CREDIT.match(lines[i]) and not any(is_prose(ln) for ln in lines[i + 1 :])
        ),
        None,
    )
    if credit is not None:
        kinds[credit] = kinds[credit] or "credit"
        last = credit - 1
    for i in range(first + 1, last + 1):
        if _RELATED_HEAD.match(lines[i]) and all(_words(ln) <= 25 for ln in lines[i + 1 :]):
            for j in range(i, len(lines)):
                if kinds[j] is None:
                    kinds[j] = "related"
            return i
    return last + 1


def _after_related_head(lines: list[str], end: int, i: int) -> bool:
    return any(_RELATED_HEAD.match(lines[j]) for j in range(end, i + 1))


def _between_prose(lines: list[str], kinds: Kinds, i: int) -> bool:
    """True when the nearest body lines before and after ``i`` are prose paragraphs."""
    before = next((lines[j] for j in range(i - 1, -1, -1) if kinds[j] is None), None)
    after = next((lines[j] for j in range(i + 1, len(lines)) if kinds[j] is None), None)
    return before is not None and after is not None and is_prose(before) and is_prose(after)
