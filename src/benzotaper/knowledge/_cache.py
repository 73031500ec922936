"""The validated knowledge data, kept between processes so that a command need not validate it again.

Validating every figure of the data files takes longer than making a plan; the result is the same for
the same files. So the loaded ``Knowledge`` is pickled into the user's cache folder
(``$BENZOTAPER_CACHE_DIR``, else ``$XDG_CACHE_HOME/benzotaper`` or ``~/.cache/benzotaper``; an empty
``BENZOTAPER_CACHE_DIR`` turns the cache off), under a name made of the sha256 of every data file's name
and bytes, of the code of this package (which defines what a loaded ``Knowledge`` is) and of the Python
version. A changed data file or a changed loader gives another name: the old file is never read again,
and it is removed when the new one is written.

Only our own file is read: the folder is made private (0700), the file is written 0600 under a temporary
name and renamed into place (a reader never sees half a file), and a file or folder that another user owns
or that others may write is ignored, as pickle would run whatever such a file said. Any problem reading or
writing the cache (a full disk, a read-only home, a damaged file) falls back to validating the data.
"""

from __future__ import annotations

import contextlib
import copyreg
import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType

from benzotaper.knowledge._types import Knowledge

CACHE_DIR_ENV = "BENZOTAPER_CACHE_DIR"
_PREFIX = "knowledge-"
_CODE_DIR = Path(__file__).parent


def cached(files: Mapping[str, bytes], load: Callable[[], Knowledge]) -> Knowledge:
    """The knowledge ``load`` gives for these data files, from the cache when it holds them."""
    folder = cache_dir()
    if folder is None:
        return load()
    path = folder / f"{_PREFIX}{_key(files)}.pickle"
    knowledge = _read(path)
    if knowledge is None:
        knowledge = load()
        _write(path, knowledge)
    return knowledge


def cache_dir() -> Path | None:
    """Where the cache lives, or None when ``BENZOTAPER_CACHE_DIR`` is set empty."""
    named = os.environ.get(CACHE_DIR_ENV)
    if named is not None:
        return Path(named).expanduser() if named.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "benzotaper"


def _key(files: Mapping[str, bytes]) -> str:
    digest = hashlib.sha256(sys.version.encode())
    code = {f"code/{path.name}": path.read_bytes() for path in sorted(_CODE_DIR.glob("*.py"))}
    for name, raw in [*code.items(), *files.items()]:
        digest.update(f"\0{name}\0{len(raw)}\0".encode())
        digest.update(raw)
    return digest.hexdigest()[:32]


def _ours(status: os.stat_result) -> bool:
    """Whether a file or folder is this user's and no one else may write it (always so off POSIX)."""
    return os.name != "posix" or (status.st_uid == os.getuid() and not status.st_mode & 0o022)


def _read(path: Path) -> Knowledge | None:
    try:
        with path.open("rb") as file:
            if not (_ours(os.fstat(file.fileno())) and _ours(path.parent.stat())):
                return None
            knowledge = pickle.load(file)
    except Exception:  # a missing, damaged or unreadable cache only means validating the data again
        return None
    return knowledge if isinstance(knowledge, Knowledge) else None


def _write(path: Path, knowledge: Knowledge) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            pickle.dump(knowledge, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        for old in path.parent.glob(f"{_PREFIX}*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError):
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


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
