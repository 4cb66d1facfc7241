"""Saving a cache file so that nobody ever reads half of one.

Every cache under `.git/validator/` is written to a temporary file of this run's own beside it,
then renamed over the old one: two runs saving at once (an editor's check and a terminal's)
leave one whole file or the other, where a shared temporary name let each truncate and rename
the other's; a save that fails or is interrupted leaves nothing behind.
"""

from __future__ import annotations

import contextlib
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
