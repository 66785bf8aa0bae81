"""The web layer: the JSON API (``api.py``, ``create_app``) and the HTML pages (``pages.py``).
It reads the store only; ``POST /api/analyze`` is the one route that runs the pipeline."""
