"""``newsgraph_quotes``: direct, indirect and mixed statements with their speaker, the mention
naming the speaker here, the cue and the channel. Sets ``doc._.quotes``.

The work is in ``attribution.py`` (cues on the parse, quote marks, discourse); this module turns
its character ranges into ``Quote`` records whose speakers are actor ids from ``doc._.actors``.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.extract.actors import MentionIndex
from newsgraph.extract.attribution import Attribution, attributions
from newsgraph.extract.cues import Range
from newsgraph.extract.token_table import doc_text
from newsgraph.model import Actor, Quote, Span


def find_quotes(doc: Doc, actors: Sequence[Actor] = ()) -> list[Quote]:
    """The statements of ``doc`` as ``Quote`` records, one per content fragment (a split
    quote gives two records sharing one cue)."""
    text = doc_text(doc)
    quotes: list[Quote] = []
    mentions = MentionIndex(actors)
    for att in attributions(doc):
        speaker = _speaker(doc, att, mentions)
        for start, end in att.content:
            quotes.append(
                Quote(
                    id=f"q{len(quotes) + 1}",
                    kind=att.kind,
                    text=text[start:end],
                    span=Span.of(text, start, end),
                    speaker=speaker,
                    speaker_span=_span(text, att.source),
                    cue=_span(text, att.cue),
                    channel=text[slice(*att.channel)] if att.channel else None,
                    confidence=att.confidence,
                )
            )
    return quotes


def _speaker(doc: Doc, att: Attribution, mentions: MentionIndex) -> str | None:
    """The actor the speaker mention refers to: its head word's, else the one named in
    apposition to the head ("Russia's foreign minister, Sergei Lavrov, said": not Russia), else
    any in the mention; None when none is."""
    if att.source_head is not None and (head := mentions.actor_at(*att.source_head)):
        return head.id
    if (named := _speaker_in_apposition(doc, att, mentions)) is not None:
        return named
    inside = mentions.actor_at(*att.source) if att.source is not None else None
    return inside.id if inside is not None else None


def _speaker_in_apposition(doc: Doc, att: Attribution, mentions: MentionIndex) -> str | None:
    """ "The opposition leader, Tom Hale, said": the actor named in apposition to the speaker
    mention's head word."""
    if att.source_head is None:
        return None
    head = doc.char_span(*att.source_head, alignment_mode="expand")
    if head is None:
        return None
    for word in head.root.children:
        if word.dep_ == "appos":
            actor = mentions.actor_at(word.idx, word.idx + len(word.text))
            if actor is not None:
                return actor.id
    return None


def _span(text: str, rng: Range | None) -> Span | None:
    return Span.of(text, *rng) if rng else None


@Language.component("newsgraph_quotes", assigns=["doc._.quotes"], requires=["doc._.actors"])
def quotes_component(doc: Doc) -> Doc:
    ext = doc._  # one ``Underscore`` for the read and the write (``doc._`` makes a new one)
    ext.quotes = find_quotes(doc, ext.actors or ())
    return doc
