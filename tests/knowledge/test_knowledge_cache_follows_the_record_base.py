"""The cached knowledge is keyed by the code that defines its types, ``benzotaper.records`` included: a
change to the record base makes the next load validate the data again rather than unpickle old records."""

import os

import benzotaper.records
from benzotaper.knowledge._cache import _code_paths


def test_the_cache_key_reads_the_record_base() -> None:
    paths = [os.path.realpath(path) for _, path in _code_paths()]
    assert os.path.realpath(benzotaper.records.__file__) in paths
    assert all(os.path.exists(path) for path in paths)
