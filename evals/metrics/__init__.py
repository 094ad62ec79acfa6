"""Metric functions: pure, offline, unit-tested on hand-computed examples.

Every aggregate metric is a ratio of sums over cases (``Ratio``), so micro-averages, macro
averages and bootstrap resampling all go through one code path (``stats``).
"""
