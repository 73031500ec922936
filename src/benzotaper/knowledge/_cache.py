"""The validated knowledge data, kept between processes so that a command need not validate it again.

Validating every figure of the data files takes longer than making a plan; the result is the same for
the same files. So the loaded ``Knowledge`` is pickled into the user's cache folder
(``$BENZOTAPER_CACHE_DIR``, else ``$XDG_CACHE_HOME/benzotaper`` or ``~/.cache/benzotaper``; an empty
``BENZOTAPER_CACHE_DIR`` turns the cache off), under a name made of the sha256 of every data file's name
and bytes, of the code of this package (which defines what a loaded ``Knowledge`` is) and of the Python
version. A changed data file or a changed loader gives another name: the old file is never read again,
and it is removed when the new one is written.

Reading and hashing every file costs more than the rest of the look-up, so beside the pickles a stamp
file records, for the folder last loaded, each data and code file's size, modification and change times
(in ns) and inode number, with the name of the pickle their bytes gave. While all of them are the same,
the files are not read again. Any write to a file changes its change time, which no program can set
back, so a stamp that matches is the same files, with one exception, which is why a stamp is recorded
only for files left unchanged for two seconds: file times are coarse (a few ms on Linux, 2 s on FAT),
and a second change within the same tick as the first would keep them all.

Only our own files are read: the folder is made private (0700), each file is written 0600 under a
temporary name and renamed into place (a reader never sees half a file), and a file or folder that
another user owns or that others may write is ignored, as pickle would run whatever such a file said.
Any problem reading or writing the cache (a full disk, a read-only home, a damaged file) falls back to
validating the data.
"""

from __future__ import annotations

import contextlib
import copyreg
import os
import sys
import time
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import BinaryIO

from benzotaper.knowledge._files import Folder, data_paths, read_files
from benzotaper.knowledge._types import Knowledge

CACHE_DIR_ENV = "BENZOTAPER_CACHE_DIR"
_PREFIX = "knowledge-"
_STAMP = "knowledge.stamp"
_CODE_DIR = os.path.dirname(__file__)
# How long a file must have been left unchanged before its times are trusted to tell a change (above).
SETTLED_NS = 2_000_000_000


def cached(data_dir: Folder, load: Callable[[Mapping[str, bytes]], Knowledge]) -> Knowledge:
    """The knowledge ``load`` gives for the files of ``data_dir``, from the cache when it holds them."""
    folder = cache_dir()
    if folder is None:
        return load(read_files(data_dir))
    stamp = _stamp(data_dir)
    knowledge = _read_stamped(folder, stamp)
    if knowledge is not None:
        return knowledge
    files = read_files(data_dir)
    name = f"{_PREFIX}{_key(files)}.pickle"
    knowledge = _read(folder, name)
    if knowledge is None:
        knowledge = load(files)
        _write(folder, name, knowledge)
    if stamp is not None:
        _replace(folder, _STAMP, f"{name}\n{stamp}".encode())
    return knowledge


def cache_dir() -> str | None:
    """Where the cache lives, or None when ``BENZOTAPER_CACHE_DIR`` is set empty."""
    named = os.environ.get(CACHE_DIR_ENV)
    if named is not None:
        return os.path.expanduser(named) if named.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "benzotaper")


def _code_paths() -> list[tuple[str, str]]:
    """This package's modules and ``benzotaper.records`` (the base of its types), which define what a
    loaded ``Knowledge`` is, by name and path."""
    modules = [
        (f"code/{entry.name}", entry.path) for entry in os.scandir(_CODE_DIR) if entry.name.endswith(".py")
    ]
    return sorted(
        [*modules, ("code/benzotaper.records", os.path.join(os.path.dirname(_CODE_DIR), "records.py"))]
    )


def _stamp(data_dir: Folder) -> str | None:
    """The size, times and inode of every data and code file, or None while one was changed too lately
    for them to be trusted (above)."""
    now = time.time_ns()
    lines = [sys.version, os.path.abspath(data_dir)]
    for name, path in [*_code_paths(), *data_paths(data_dir)]:
        status = os.stat(path)
        if now - max(status.st_mtime_ns, status.st_ctime_ns) < SETTLED_NS:
            return None
        lines.append(f"{name} {status.st_size} {status.st_mtime_ns} {status.st_ctime_ns} {status.st_ino}")
    return "\n".join(lines)


def _read_stamped(folder: str, stamp: str | None) -> Knowledge | None:
    """The knowledge the stamp file names, when its stamp is this one."""
    if stamp is None:
        return None
    try:
        with open(os.path.join(folder, _STAMP), "rb") as file:
            if not _ours(os.fstat(file.fileno())):
                return None
            name, _, recorded = file.read().decode().partition("\n")
    except (OSError, UnicodeDecodeError):
        return None
    if recorded != stamp or not name.startswith(_PREFIX) or os.sep in name:
        return None
    return _read(folder, name)


def _key(files: Mapping[str, bytes]) -> str:
    import hashlib  # here: a process whose stamp matches never hashes (hashlib loads OpenSSL)

    digest = hashlib.sha256(sys.version.encode())
    code = {}
    for name, path in _code_paths():
        with open(path, "rb") as file:
            code[name] = file.read()
    for name, raw in [*code.items(), *files.items()]:
        digest.update(f"\0{name}\0{len(raw)}\0".encode())
        digest.update(raw)
    return digest.hexdigest()[:32]


def _ours(status: os.stat_result) -> bool:
    """Whether a file or folder is this user's and no one else may write it (always so off POSIX)."""
    return os.name != "posix" or (status.st_uid == os.getuid() and not status.st_mode & 0o022)


def _read(folder: str, name: str) -> Knowledge | None:
    try:
        with open(os.path.join(folder, name), "rb") as file:
            if not (_ours(os.fstat(file.fileno())) and _ours(os.stat(folder))):
                return None
            knowledge = _unpickle(file)
    except Exception:  # a missing, damaged or unreadable cache only means validating the data again
        return None
    return knowledge if isinstance(knowledge, Knowledge) else None


def _unpickle(file: BinaryIO) -> object:
    """``pickle.load``, from the C unpickler that ``pickle`` itself uses: importing ``pickle`` (with
    ``struct`` and a regular expression of its own) costs `benzotaper plan` about 1.2 ms."""
    try:
        from _pickle import load
    except ImportError:  # an interpreter without the C accelerator
        from pickle import load
    return load(file)


def _write(folder: str, name: str, knowledge: Knowledge) -> None:
    import pickle  # here: a warm cache is only read

    try:
        written = pickle.dumps(knowledge, protocol=pickle.HIGHEST_PROTOCOL)
    except pickle.PicklingError:
        return
    if _replace(folder, name, written):
        for old in os.listdir(folder):
            if old.startswith(_PREFIX) and old.endswith(".pickle") and old != name:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(os.path.join(folder, old))


def _replace(folder: str, name: str, content: bytes) -> bool:
    """Write ``content`` as the private file ``name`` of ``folder``, whole or not at all; whether it was
    written."""
    temporary = os.path.join(folder, f".{name}.{os.getpid()}.tmp")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(content)
        os.replace(temporary, os.path.join(folder, name))
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return False
    return True


def read_only(table: dict[str, object]) -> MappingProxyType[str, object]:
    """A read-only view of ``table``: how the cache rebuilds the knowledge's tables."""
    return MappingProxyType(table)


def _pickle_mapping_proxy(
    proxy: MappingProxyType[str, object],
) -> tuple[Callable[[dict[str, object]], object], tuple[dict[str, object]]]:
    return read_only, (dict(proxy),)


# The loaded knowledge holds its tables as read-only MappingProxyType views, which pickle cannot
# store by itself: store the dict they show and wrap it again when read.
copyreg.pickle(MappingProxyType, _pickle_mapping_proxy)  # type: ignore[arg-type]
