"""The synthetic demo state (``cctns seed``, ``cctns demo_logins``) and the synthetic-people
generator shared by the demo, tests and benchmarks.

- :mod:`cctns.core.demo.names`: :class:`~cctns.core.demo.names.PersonNameGenerator`, realistic
  Indian names in Latin script and Devanagari from curated lists;
- :mod:`cctns.core.demo.seeding`: :func:`~cctns.core.demo.seeding.seed_demo`, officers of every
  role posted on the real geography loaded by ``cctns load_reference``.
"""
