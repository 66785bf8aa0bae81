"""Files the package ships (lexicons, trained models, the schema), each with the script in
``scripts/`` that rebuilds it. ``path(name)`` finds one."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable


def path(name: str) -> Traversable:
    """The shipped resource file ``name``."""
    return files(__package__).joinpath(name)
