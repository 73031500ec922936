"""Read the knowledge data files and validate every figure, failing loudly.

The files live in ``data/``: ``knowledge.toml`` (version, countries), ``sources.toml``,
``drugs.toml``, ``equivalence.toml``, ``products.toml`` and ``tapering.toml``. Any TOML file in that
folder may also carry ``[sources.KEY]`` tables (``citation``, optional ``url``), written anywhere in
it; all of them are merged, and a key defined twice with different content is an error.

Each file's entries are read into the records of ``_types`` by the one generic reader
(``_reader.Reader.build``): the record is the schema. What ties entries or files together is checked
by plain functions (``_validate``).

Numbers: a Decimal figure is written as a TOML *string* (``"0.5"``) and becomes a ``Decimal`` from
that exact text. A TOML float there is an error, because TOML floats are binary and ``0.1`` would
already be rounded. Whole days are TOML integers. A figure that may be a range is one string or
``[low, high]``. A cited figure is a table
``{ value = ..., source = "key", confidence = "V", note = "..." }``.

Every problem raises ``KnowledgeError`` whose message starts with the file and the entry, e.g.
``drugs.toml: drugs.alprazolam.half_life_h: unknown source key 'ashton'``.

The version is ``<knowledge.toml version>+<first 8 hex digits of the sha256 of the bytes of every
file in the folder, in order of name>``, so any change to the data shows in every plan and report.
The validated result is cached between processes (``_cache``).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping

from benzotaper.knowledge._cache import cached
from benzotaper.knowledge._files import Folder
from benzotaper.knowledge._types import Knowledge

DATA_DIR = os.path.join(os.path.dirname(__file__), "data")


def load_knowledge(data_dir: Folder | None = None) -> Knowledge:
    """Load and validate the knowledge data; the default folder is read once per process.

    Raises ``KnowledgeError`` naming the file and the entry of the first problem found.
    """
    if data_dir is None:
        return _load_default()
    return _load(data_dir)


@functools.cache
def _load_default() -> Knowledge:
    return _load(DATA_DIR)


def _load(data_dir: Folder) -> Knowledge:
    return cached(data_dir, lambda files: _validate(data_dir, files))


def _validate(data_dir: Folder, files: Mapping[str, bytes]) -> Knowledge:
    # Imported here: a process that finds the data in the cache never needs the reader or the checks.
    from benzotaper.knowledge._validate import validate

    return validate(data_dir, files)
