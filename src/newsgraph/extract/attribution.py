"""Who said what: cues on the parse combined with quote marks and the discourse.

``attributions(doc)`` gives character ranges only (content fragments, cue, speaker mention,
channel); ``quotes.py`` turns them into ``Quote`` records with actor ids. Order of work:

1. every cue of every sentence, with its complement as content, stretched to whole quotations;
2. a cue with no complement takes the quotation after its colon or next to it in its sentence
   (``"...," he said.`` / ``He added: "..."``), with the paragraphs the quotation runs on into;
   where that gives no quotation, the content model (``content_model.py``) chooses a verb cue's
   statement among candidate spans, or drops the cue;
3. lines that name their speaker before a colon ("PENCE: ...", "Pat Caddell: ...");
4. every quotation still unattributed: a speaker named after a dash, the rest of a split quote
   (same cue), a follow-on paragraph of the last speaker, a scare quote whose clause names who
   used the words, a speaker who is the subject of the sentence before, and otherwise a
   statement of an unnamed speaker (speaker null) when long.

Quoted words in a headline or subhead, and quoted titles, are not statements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsgraph.extract.content_model import (
    Candidate,
    Site,
    candidates,
    chars,
    choose,
    content_model,
    snap,
)
from newsgraph.extract.cues import CHANNEL_NOUNS, TELL_VERBS, Cue, Range, find_cues, mention
from newsgraph.extract.quote_marks import Quoted, quotations
from newsgraph.extract.token_table import doc_text
from newsgraph.model import QuoteKind

_END_OF_LINE = re.compile(r"[.!?:;…][\"'”’»)\]]*\s*$")
_DASH_SPEAKER = re.compile(r"\s*[–—-]{1,2}\s*")
_COORDINATED = re.compile(r"\s*(?:,|,?\s*(?:and|or|as well as))\s*")
#: "Pat Caddell: Democrats are worried" / "PENCE: And that's why ...": a line that gives its
#: speaker before a colon (headlines, interview transcripts).
_SPEAKER_COLON = re.compile(
    r"^[ \t]*[\"“]?((?:[A-Z][\w.'’-]*\s){0,3}[A-Z][\w.'’-]*):[ \t]+(\S[^\n]*?)[ \t]*$",
    re.MULTILINE,
)
_NOT_SPEAKERS = frozenset({
    "update", "note", "editor", "related", "read", "watch", "photo", "photos", "source",
    "video", "advertisement", "correction", "image", "credit", "caption", "warning", "q", "a",
})
#: Last words of a line head that names no speaker: "Editor's Note:", "Delegate Update:",
#: "The Latest:" (a wire's running story; 7 of its 8 lines on PolNeAR's train split are no
#: statement).
_NOT_SPEAKER_ENDS = frozenset({"note", "update", "latest"})
_WORD = re.compile(r"\w+(?:[’'-]\w+)*")
_NAMING_VERBS = frozenset({
    "call", "refer", "describe", "dub", "label", "term", "brand", "characterize",
    "characterise", "name", "use", "denounce", "decry",
})
_SCARE_MAX_WORDS = 4
_UNNAMED_MIN_WORDS = 6


@dataclass(frozen=True, slots=True)
class Attribution:
    """One statement: its content fragments and who said it, as character ranges."""

    content: tuple[Range, ...]
    kind: QuoteKind
    cue: Range | None = None
    source: Range | None = None
    source_head: Range | None = None
    channel: Range | None = None
    confidence: float = 0.8


def attributions(doc: Doc) -> list[Attribution]:
    """Every attribution in ``doc``, in text order."""
    text = doc_text(doc)
    marks = quotations(text)
    terms = [(q.start, q.end) for q in marks if headline_term(text, q)]
    quoted = [q for q in marks if (q.start, q.end) not in terms]
    found: list[Attribution] = []
    used: set[Range] = set()
    ranges = [(q.start, q.end) for q in quoted]
    for sent in doc.sents:
        cues = list(find_cues(sent, ranges))
        for cue in cues:
            others = tuple(chars(doc, *c.cue) for c in cues if c is not cue)
            att = _from_cue(doc, text, sent, cue, quoted, used, terms, others)
            if att is not None and cue.reported and att.channel is None:
                att = replace(att, channel=_earlier_channel(text, att, found))
            if att is not None:
                found.append(att)
                used.update(_covered(att, quoted))
    for att in _speaker_colon_lines(text, quoted):
        if not _claimed(att, found):
            found.append(att)
            used.update(_covered(att, quoted))
    found = _dedupe(found)
    for q in quoted:
        if (q.start, q.end) in used:
            continue
        att = _from_discourse(doc, text, q, quoted, found)
        if att is not None:
            found.append(att)
            used.add((q.start, q.end))
    found.sort(key=lambda a: a.content[0])
    return found


@dataclass(frozen=True, slots=True)
class Options:
    """What a cue's statement may be: the rules' choice and, for a verb cue, its site (from
    which the content model's candidates are made)."""

    cue: Range
    rule: tuple[Range, ...]
    rule_kind: str
    site: Site | None = None
    near: tuple[Range, ...] = ()  # the quotation next to the cue, with its continuations

    def candidates(self, sent: SpacySpan) -> list[Candidate]:
        """The content model's candidates (none for a cue it does not decide)."""
        if self.site is None:
            return []
        return candidates(self.site, sent, self.rule_kind, self.near)


def statement_options(
    doc: Doc,
    text: str,
    sent: SpacySpan,
    cue: Cue,
    quoted: list[Quoted],
    used: set[Range],
    others: tuple[Range, ...] = (),
) -> Options | None:
    """The rules' statement for ``cue`` and, for a verb cue, its site for the content model;
    None for a title ("published "The Long Road Home""). ``others``: the characters of the
    other cues of the sentence."""
    content = [chars(doc, a, b) for a, b in cue.content]
    cue_chars = chars(doc, *cue.cue)
    after_colon = _quotation_after(doc, text, cue.colon, quoted) if cue.colon is not None else []
    near = _quotation_near(sent, cue_chars, quoted, used)
    near_content = [(q.start, q.end) for q in _with_continuations(near, quoted)] if near else []
    if after_colon:
        content, kind = [(q.start, q.end) for q in after_colon], "colon"
    elif content:
        if cue.frame in ("object", "prep") and _names_a_title(text, content[0], quoted):
            return None
        content, kind = [snap(r, quoted) for r in content], "parse"
    else:
        content, kind = near_content, "near"
    rule = tuple(r for r in content if r[0] < r[1] and not _overlaps(r, cue_chars))
    verb = doc[cue.cue[1] - 1]
    if (
        cue.frame == "noun"
        or verb.pos_ not in ("VERB", "AUX")
        or verb.dep_ in ("aux", "auxpass")
        or doc[cue.cue[0]].lower_ == "according"
    ):
        return Options(cue_chars, rule, kind)
    site = Site(doc, text, verb, cue_chars, rule, cue.frame, cue.score, quoted, others)
    return Options(cue_chars, rule, kind, site, tuple(near_content))


def model_decides(opts: Options, quoted: list[Quoted]) -> bool:
    """True when the content model chooses the statement: a verb cue whose rules gave no
    quotation (a quotation after a colon or next to the cue is kept: the rules are right)."""
    return opts.site is not None and (
        not opts.rule or _kind(list(opts.rule), quoted) != "direct"
    )


def _from_cue(
    doc: Doc,
    text: str,
    sent: SpacySpan,
    cue: Cue,
    quoted: list[Quoted],
    used: set[Range],
    terms: list[Range],
    others: tuple[Range, ...] = (),
) -> Attribution | None:
    opts = statement_options(doc, text, sent, cue, quoted, used, others)
    if opts is None:
        return None
    content = list(opts.rule)
    model = content_model()
    if model is not None and opts.site is not None and model_decides(opts, quoted):
        content = list(choose(opts.site, opts.candidates(sent), model))
        content = _without_addressee(doc, opts.site.verb, content)
    if opts.site is not None and (so := _said_so(opts.site.verb)) is not None:
        content = [so]
    confidence = 0.9 if opts.rule_kind == "colon" else 0.85
    cue_chars = opts.cue
    content = [r for r in content if not any(_inside(r, t) for t in terms)]
    if not content:
        return None
    source = chars(doc, *cue.source) if cue.source else None
    source_head = (
        chars(doc, cue.source_head, cue.source_head + 1) if cue.source_head is not None else None
    )
    if source is not None and any(_overlaps(source, r) for r in content):
        # A bad parse made part of the statement its subject: take the name right after the
        # closing quote mark instead ("...," Ablyazov—who ...—was quoted as saying).
        source = source_head = _name_after(doc, content[-1][1], cue_chars[0])
    return Attribution(
        content=tuple(content),
        kind=_kind(content, quoted),
        cue=cue_chars,
        source=source,
        source_head=source_head,
        channel=_channel_chars(doc, cue.channel) if cue.channel else None,
        confidence=confidence,
    )


def _without_addressee(doc: Doc, verb: Token, content: list[Range]) -> list[Range]:
    """A statement told to someone starts after them: "told AFP the rules would last" says
    "the rules would last" (the content model's widest candidate takes the addressee in)."""
    if verb.lemma_.lower() not in TELL_VERBS:
        return content
    whom = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
    said = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if whom is None or said is None or said.i < whom.i:
        return content
    told_to = whom.left_edge.idx
    start = said.left_edge.idx  # "told the BBC on Monday the rules would last": from "the rules"
    return [(start, b) if a <= told_to and start < b else (a, b) for a, b in content]


#: Verbs whose "so" stands for what was said or thought ("55 percent said so in December").
_SO_VERBS = frozenset({"say", "think"})
_AFTER_SO = frozenset({"too", "again", "also", "publicly", "openly"})


def _said_so(verb: Token) -> Range | None:
    """The "so" right after a verb of saying or thinking, the whole statement as PolNeAR marks
    it ("half said so in the earlier poll": 8 of the 9 uses on its train split), not the words
    after it ("said so many times" is no such "so")."""
    doc = verb.doc
    if verb.lemma_.lower() not in _SO_VERBS or verb.i + 1 >= len(doc):
        return None
    so = doc[verb.i + 1]
    if so.lower_ != "so" or not (so.head.i == verb.i or so.head.lower_ in _AFTER_SO):
        return None
    return chars(doc, so.i, so.i + 1)


def _channel_chars(doc: Doc, channel: tuple[int, int]) -> Range:
    """The characters of a channel, without the sentence's full stop the tokenizer kept on a
    one-letter name ("wrote on X." is one token)."""
    start, end = chars(doc, *channel)
    last = doc[channel[1] - 1].text
    if last.endswith(".") and last[:-1].lower() in CHANNEL_NOUNS:
        end -= 1
    return start, end


def _speaker_colon_lines(text: str, quoted: list[Quoted]) -> list[Attribution]:
    """Lines that name their speaker before a colon."""
    found = []
    for m in _SPEAKER_COLON.finditer(text):
        name = m.group(1).lower().split()
        if (
            name[0] in _NOT_SPEAKERS
            or name[-1] in _NOT_SPEAKER_ENDS
            or len(_WORD.findall(m.group(2))) < 3
        ):
            continue
        colon = (m.end(1), m.end(1) + 1)
        found.append(
            Attribution(
                (m.span(2),), _kind([m.span(2)], quoted),
                cue=colon, source=m.span(1), source_head=m.span(1), confidence=0.6,
            )
        )
    return found


def _claimed(att: Attribution, found: list[Attribution]) -> bool:
    """True when a statement found elsewhere overlaps ``att``; one whose cue is inside
    ``att`` is nested in it ("SMITH: Voters are worried about X") and does not count."""
    return any(
        _overlaps(r, other)
        and not (f.cue is not None and any(_inside(f.cue, c) for c in att.content))
        for r in att.content for f in found for other in f.content
    )


def _earlier_channel(text: str, att: Attribution, found: list[Attribution]) -> Range | None:
    """"X was quoted as saying" with no "by": the channel X last spoke through, if named."""
    if att.source_head is None:
        return None
    name = text[slice(*att.source_head)]
    for prev in reversed(found):
        if prev.channel and prev.source_head and text[slice(*prev.source_head)] == name:
            return prev.channel
    return None


def _from_discourse(
    doc: Doc, text: str, q: Quoted, quoted: list[Quoted], found: list[Attribution]
) -> Attribution | None:
    rng = (q.start, q.end)
    kind: QuoteKind = "direct"
    named = _dash_speaker(doc, text, q)
    if named is not None:
        return Attribution((rng,), kind, source=named, source_head=named, confidence=0.8)
    prev = max((a for a in found if a.content[-1][1] <= q.start), key=_end, default=None)
    if prev is not None and prev.kind != "indirect":
        between = text[prev.content[-1][1] : q.start]
        if "\n" not in between and (
            _COORDINATED.fullmatch(between)
            or (prev.cue is not None and _inside(prev.cue, (_end(prev), q.start)))
        ):
            # The second half of a split quote: "A," he said. "B."
            return replace(prev, content=(rng,), kind=kind, confidence=0.8)
        if _opens_paragraph(text, q) and between.count("\n") <= 2 and prev.source is not None:
            # A follow-on paragraph of the same speaker, no new cue.
            return replace(prev, content=(rng,), kind=kind, cue=None, confidence=0.7)
    words = _WORD.findall(text[q.start : q.end])
    if len(words) <= _SCARE_MAX_WORDS:
        return _scare_quote(doc, text, q)
    named = _named_just_before(doc, text, q)
    if named is not None:
        return Attribution((rng,), kind, source=named, source_head=named, confidence=0.6)
    if len(words) >= _UNNAMED_MIN_WORDS and not _title_case(words):
        return Attribution((rng,), kind, confidence=0.5)
    return None


def _scare_quote(doc: Doc, text: str, q: Quoted) -> Attribution | None:
    """A short quotation attributed only when its clause names who used the words:
    "Tokayev's "bandits"", "X referred to "terrorists"", "X called them "thugs"."""
    span = doc.char_span(*q.inner(text), alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    head = span.root
    rng = (q.start, q.end)
    poss = next((c for c in head.children if c.dep_ == "poss" and c.i < span.start), None)
    if poss is not None and poss.pos_ == "PROPN":
        src = chars(doc, *mention(poss))
        return Attribution((rng,), "direct", source=src, source_head=src, confidence=0.6)
    tok = head
    for _ in range(3):
        tok = tok.head
        if tok.lemma_.lower() in _NAMING_VERBS and tok.pos_ == "VERB":
            subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None:
                return None
            src = chars(doc, *mention(subj))
            return Attribution(
                (rng,),
                "direct",
                cue=chars(doc, tok.i, tok.i + 1),
                source=src,
                source_head=chars(doc, subj.i, subj.i + 1),
                confidence=0.6,
            )
        if tok.dep_ == "ROOT":
            break
    return None


def _named_just_before(doc: Doc, text: str, q: Quoted) -> Range | None:
    """A quotation that opens a sentence with no cue anywhere, after a sentence whose subject is
    a named person: "Tokayev was in no mood for compromise. "What idiocy," ..."."""
    first = doc.char_span(*q.inner(text), alignment_mode="expand")
    if first is None or len(first) == 0 or first[0].sent.start == 0:
        return None
    sent = first[0].sent
    if text[sent.start_char : q.start].strip():
        return None
    prev = doc[sent.start - 1].sent
    subj = next((c for c in prev.root.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.ent_type_ != "PERSON":
        return None
    return chars(doc, *mention(subj))


def _dash_speaker(doc: Doc, text: str, q: Quoted) -> Range | None:
    """The speaker named after a dash: "..." – Ned Price."""
    m = _DASH_SPEAKER.match(text, q.end)
    if m is None or m.end() == q.end:
        return None
    line_end = text.find("\n", m.end())
    line_end = len(text) if line_end < 0 else line_end
    span = doc.char_span(m.end(), line_end, alignment_mode="expand")
    if span is None:
        return None
    names = [t for t in span[:4] if t.pos_ == "PROPN"]
    if not names or names[0].i != span.start:
        return None
    last = span.start
    while last + 1 < span.end and doc[last + 1].pos_ == "PROPN":
        last += 1
    return chars(doc, span.start, last + 1)


def _name_after(doc: Doc, start: int, stop: int) -> Range | None:
    """The name or pronoun that starts right after ``start`` (skipping marks), before ``stop``."""
    span = doc.char_span(start, stop, alignment_mode="expand") if start < stop else None
    if span is None:
        return None
    for tok in span:
        if tok.is_punct or tok.is_space:
            continue
        if tok.pos_ in ("PROPN", "PRON") and tok.idx < stop:
            while tok.dep_ in ("compound", "flat") and tok.head.i > tok.i:
                tok = tok.head
            return chars(doc, *mention(tok))
        return None
    return None


def _quotation_after(doc: Doc, text: str, colon: int, quoted: list[Quoted]) -> list[Quoted]:
    end = doc[colon].idx + 1
    for q in quoted:
        if 0 <= q.start - end <= 3 and text[end : q.start].strip() == "":
            return _with_continuations(q, quoted)
    return []


def _quotation_near(
    sent: SpacySpan, cue: Range, quoted: list[Quoted], used: set[Range]
) -> Quoted | None:
    """The unattributed quotation that ends in the cue's sentence before the cue, else the one
    that starts after it in the same sentence."""
    if any(q.start < cue[0] < q.end for q in quoted):
        return None  # a cue inside a quotation speaks for its own clause only
    before = [
        q for q in quoted
        if sent.start_char <= q.end <= cue[0] and (q.start, q.end) not in used
    ]
    if before:
        return before[-1]
    after = [
        q for q in quoted
        if cue[1] <= q.start < sent.end_char and (q.start, q.end) not in used
    ]
    return after[0] if after else None


def _with_continuations(q: Quoted, quoted: list[Quoted]) -> list[Quoted]:
    """``q`` and the paragraphs a speaker keeps talking over after it."""
    out = [q]
    k = quoted.index(q)
    while out[-1].continued and k + 1 < len(quoted):
        k += 1
        out.append(quoted[k])
    return out


def _covered(att: Attribution, quoted: list[Quoted]) -> set[Range]:
    return {
        (q.start, q.end)
        for q in quoted
        for a, b in att.content
        if q.start < b and a < q.end
    }


def _kind(content: list[Range], quoted: list[Quoted]) -> QuoteKind:
    inside = [any(q.start <= a and b <= q.end for q in quoted) for a, b in content]
    if all(inside):
        return "direct"
    touches = any(q.start < b and a < q.end for q in quoted for a, b in content)
    return "mixed" if touches else "indirect"


def _dedupe(found: list[Attribution]) -> list[Attribution]:
    out: list[Attribution] = []
    for att in found:
        if not any(_same_words(att.content, o.content) for o in out):
            out.append(att)
    return out


def _same_words(a: tuple[Range, ...], b: tuple[Range, ...]) -> bool:
    """True when two statements are mostly the same characters (two cues of one sentence
    claiming one clause)."""
    x, y = (a[0][0], a[-1][1]), (b[0][0], b[-1][1])
    inter = max(0, min(x[1], y[1]) - max(x[0], y[0]))
    return inter >= 0.5 * (max(x[1], y[1]) - min(x[0], y[0]))


def headline_term(text: str, q: Quoted) -> bool:
    """A few quoted words in a headline or subhead (a line without closing punctuation, or a
    line that is only the quotation) are a term, not a statement; not when the quotation opens
    its line and a dash and a name follow it ("There is no crisis." – Anna Berg)."""
    if len(_WORD.findall(text[q.start : q.end])) > _SCARE_MAX_WORDS:
        return False
    dash = _DASH_SPEAKER.match(text, q.end)
    if (
        dash is not None
        and dash.end() > q.end
        and text[dash.end() : dash.end() + 1].isupper()
        and _opens_paragraph(text, q)
    ):
        return False
    line_start = text.rfind("\n", 0, q.start) + 1
    line_end = text.find("\n", q.end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    return _END_OF_LINE.search(line) is None or line.strip() == text[q.start : q.end].strip()


def _opens_paragraph(text: str, q: Quoted) -> bool:
    line_start = text.rfind("\n", 0, q.start) + 1
    return text[line_start : q.start].strip() == ""


def _names_a_title(text: str, r: Range, quoted: list[Quoted]) -> bool:
    """True when ``r`` opens with a quotation in title case."""
    first = next((q for q in quoted if q.start < r[1] and r[0] < q.end), None)
    return (
        first is not None
        and first.start <= r[0] + 4
        and _title_case(_WORD.findall(text[first.start : first.end]))
    )


def _title_case(words: list[str]) -> bool:
    """Titles of books and films: nearly every word capitalised."""
    caps = sum(w[0].isupper() for w in words if len(w) > 3)
    long = sum(len(w) > 3 for w in words)
    return long > 0 and caps >= 0.8 * long


def _inside(a: Range, b: Range) -> bool:
    return b[0] <= a[0] and a[1] <= b[1]


def _overlaps(a: Range, b: Range) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _end(att: Attribution) -> int:
    return att.content[-1][1]
