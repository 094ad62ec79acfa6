"""``python -m evals.bench``: ingestion throughput, query latency, HTTP load and scaling.

Every figure is measured in one run and reported next to a reference measured in the same run
(raw encoder, the ×1 corpus, one client), because absolute times drift on a shared 2-core
machine while ratios hold. Sections never raise: a failure becomes an ``error`` entry in the
report, so a benchmark can't fail a build on a figure.
"""
