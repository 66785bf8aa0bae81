"""newsgraph's spaCy components, one concern a module. Importing this package registers them.

Each component reads what earlier ones left on the Doc and sets its own extension:
``doc._.article`` (the Article being analysed, set by the caller, may be None),
``doc._.actors`` (newsgraph_actors), ``doc._.quotes`` (newsgraph_quotes),
``doc._.events`` (newsgraph_events). Lists hold ``newsgraph.model`` records.
"""

from __future__ import annotations

from spacy.tokens import Doc

for _name in ("article", "actors", "quotes", "events"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

from newsgraph.extract import actors, events, quotes  # noqa: E402,F401
