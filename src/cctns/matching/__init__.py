"""Name matching: normalisation, transliteration, phonetic keys, blocking and explained scoring.

A pure-Python library (no models): :func:`cctns.matching.names.analyse_name` analyses a written
name; :mod:`cctns.matching.score` compares records; :mod:`cctns.matching.blocking` derives the
keys to index and ranks candidates. See ``README.md`` in this directory.
"""
