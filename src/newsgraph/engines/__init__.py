"""Engines: runners of the per-article function ``newsgraph.pipeline.analyze_articles``.

``local`` runs it over a pool of processes into a store (``newsgraph ingest``); ``spark`` runs
it in Spark's ``mapPartitions`` and writes Parquet tables (``newsgraph spark``); ``tables``
reads those tables back into a store (``newsgraph load``).
"""
