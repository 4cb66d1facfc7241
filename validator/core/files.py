"""Saving a cache file so that nobody ever reads half of one, and reading only what a save wrote.

Every cache under `.git/validator/` is written to a temporary file of this run's own beside it,
then renamed over the old one: two runs saving at once (an editor's check and a terminal's)
leave one whole file or the other, where a shared temporary name let each truncate and rename
the other's; a save that fails or is interrupted leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO


def replace_whole(path: Path, write: Callable[[IO[bytes]], object]) -> bool:
    """Write `path` through `write(handle)`; False when it could not be saved (a read-only
    checkout, a full disk): a cache simply goes without. What `write` raises otherwise passes
    through, with the temporary file removed."""
    try:
        path.parent.mkdir(exist_ok=True)
        fd, name = tempfile.mkstemp(".tmp", f"{path.stem}.", path.parent)
    except OSError:
        return False
    tmp, renamed = Path(name), False
    try:
        with open(fd, "wb") as handle:
            write(handle)
        tmp.replace(path)
        renamed = True
    except OSError:
        return False
    finally:
        if not renamed:
            with contextlib.suppress(OSError):
                tmp.unlink()
    return True


#: no waiting for a writer when a named pipe is opened (a regular file ignores O_NONBLOCK);
#: Windows has neither flag (nor named pipes in the file system) and wants bytes as they are
_READ_FLAGS = os.O_RDONLY | sum(getattr(os, f, 0) for f in ("O_NONBLOCK", "O_CLOEXEC", "O_BINARY"))


def open_cache(path: Path) -> IO[bytes]:
    """Open a cache file to read; OSError (as for a missing one) unless it is a regular file.
    A save only ever leaves one: a named pipe in its place would block the reader until someone
    writes, and a link to a device (/dev/zero) would fill the memory."""
    fd = os.open(path, _READ_FLAGS)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{path}: not a regular file")
        return open(fd, "rb")  # the caller closes it
    except BaseException:
        os.close(fd)
        raise
