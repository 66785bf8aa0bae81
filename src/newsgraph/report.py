"""A readable plain-text summary of a Document (``newsgraph analyze --format text``)."""

from __future__ import annotations

import textwrap

from newsgraph.model import Document


def render_text(doc: Document) -> str:
    """The article's metadata, then its actors, quotes and events, one per line."""
    a = doc.article
    lines = [
        f"# {a.title or '(untitled)'}",
        f"  outlet: {a.outlet or '-'}   published: {a.published or '-'}   "
        f"language: {a.language or '-'}   id: {a.id}",
    ]
    if a.source:
        lines.append(f"  source: {a.source}")
    lines.append(f"  body: {len(a.text.split())} words; removed: {len(a.removed)} piece(s)")
    names = {actor.id: actor.name for actor in doc.actors}
    lines.append(f"\nActors ({len(doc.actors)})")
    for actor in doc.actors:
        tags = "/".join(t for t in (actor.kind, actor.country, actor.sector) if t)
        roles = f" — {'; '.join(actor.roles)}" if actor.roles else ""
        lines.append(f"  {actor.name} [{tags}] ×{len(actor.mentions)}{roles}")
    if doc.quotes:
        lines.append(f"\nQuotes ({len(doc.quotes)})")
        for q in doc.quotes:
            who = names.get(q.speaker or "", "(unattributed)")
            via = f" via {q.channel}" if q.channel else ""
            cue = f" ({q.cue.text})" if q.cue else ""
            body = textwrap.shorten(q.text, 160, placeholder="…")
            lines.append(f"  {who}{cue}{via} [{q.kind}]: “{body}”")
    if doc.events:
        lines.append(f"\nEvents ({len(doc.events)})")
        for e in doc.events:
            marks = (("negated", e.negated), ("hypothetical", e.hypothetical))
            flags = "".join(f" [{flag}]" for flag, on in marks if on)
            when = f" on {e.date}" if e.date else ""
            where = f" in {e.place.name}" if e.place else ""
            # A side that is a place or thing, not an actor, is named by its words.
            src = names.get(e.source or "") or (e.source_span.text if e.source_span else "?")
            tgt = names.get(e.target or "") or (e.target_span.text if e.target_span else "?")
            lines.append(f"  {e.type}: {src} → {tgt}{when}{where}{flags}")
    return "\n".join(lines) + "\n"
