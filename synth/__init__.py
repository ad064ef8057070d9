"""Synthetic Thai local-government documents, for tests, benchmarks, seeds and the demo.

Every identifier made here is fake (random, checksum-valid where it should be) and labelled,
so the accuracy report can score the detectors against the truth.
"""
