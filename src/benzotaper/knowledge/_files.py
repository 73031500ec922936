"""The files of a knowledge data folder: one rule for which files count, for reading them and for the
cache's cheap check that they have not changed (``_cache``).

Paths are handled with ``os.path``, as in ``_load`` and ``_cache``: ``benzotaper plan`` never imports
``pathlib`` (which brings ``urllib.parse`` and ``ipaddress``), a few ms of its start-up.
"""

from __future__ import annotations

import os

from benzotaper.knowledge._types import KnowledgeError

Folder = str | os.PathLike[str]


def data_paths(data_dir: Folder) -> list[tuple[str, str]]:
    """Every file under ``data_dir``: its name relative to the folder (with ``/``) and its path, in order
    of name; hidden files and folders and ``__pycache__`` are left out."""
    if not os.path.isdir(data_dir):
        raise KnowledgeError(f"{data_dir}: no such data folder")
    found = []
    for folder, folders, names in os.walk(data_dir):
        folders[:] = [name for name in folders if not _hidden(name)]
        for name in names:
            path = os.path.join(folder, name)
            if not _hidden(name) and os.path.isfile(path):
                found.append((os.path.relpath(path, data_dir).replace(os.sep, "/"), path))
    return sorted(found)


def read_files(data_dir: Folder) -> dict[str, bytes]:
    """Every file of ``data_paths`` by name, with its bytes."""
    found = {}
    for name, path in data_paths(data_dir):
        with open(path, "rb") as file:
            found[name] = file.read()
    return found


def _hidden(name: str) -> bool:
    return name.startswith(".") or name == "__pycache__"
