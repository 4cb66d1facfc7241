"""A file's bytes and text, read as defensively as a file from many hands needs: a size cap by
where it lives, no symlinks, no waiting on a named pipe, UTF-8 only (a BOM is fine, GBK is
recognised and named), no NUL. Problems come back as diagnostics (rule `encoding`, `symlink`,
`too-large`), never as exceptions.
"""

from __future__ import annotations

import errno
import os
import stat

from validator.core.diagnostics import Diagnostic, Point, diag

#: a report is a page or two of text; anything larger is a mistake or an attack
MAX_BYTES = 256 * 1024
#: reference data grows with the company: a 2,000-person roster is about 550 KB
ORG_MAX_BYTES = 8 * 1024 * 1024


def limit_for(relpath: str) -> int:
    """The size limit of a file, by where it lives (org/ has its own)."""
    return ORG_MAX_BYTES if relpath.startswith("org/") else MAX_BYTES


def read_text(abspath: str, relpath: str) -> tuple[str | None, list[Diagnostic]]:
    """Read a file as UTF-8 text, refusing symlinks, oversized and non-UTF-8 files."""
    raw, problems = read_bytes(abspath, relpath)
    return (None, problems) if raw is None else decode(raw, relpath)


#: no following a symlink, and no waiting on a named pipe (a regular file ignores O_NONBLOCK).
#: Native Windows has neither flag: there a link is looked for before the open
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_OPEN_FLAGS = (
    os.O_RDONLY
    | _NOFOLLOW
    | sum(getattr(os, f, 0) for f in ("O_NONBLOCK", "O_CLOEXEC", "O_BINARY"))
)


#: the system's reasons a file cannot be read, in Chinese (`strerror` is English)
_REASONS_ZH = {
    errno.EACCES: "没有读取权限",
    errno.EPERM: "没有读取权限",
    errno.EISDIR: "这是一个文件夹",
    errno.ENOENT: "读取时文件已不在",
    errno.ELOOP: "符号链接层次过多",
    errno.EIO: "读取出错(磁盘或文件系统)",
    errno.ENAMETOOLONG: "文件名过长",
}


def unreadable(relpath: str, exc: OSError | None) -> Diagnostic:
    """Rule `encoding`: the file could not be read (`exc`), or is no regular file (None: a
    named pipe, device or socket a checkout can hold)."""
    if exc is None:
        reason, reason_zh = "not a regular file", "不是普通文件(命名管道、设备或套接字)"
    else:
        reason = exc.strerror or str(exc)
        reason_zh = _REASONS_ZH.get(exc.errno or 0, reason)
    return diag(relpath, "encoding", "unreadable", reason=reason, reason_zh=reason_zh)


def read_bytes(abspath: str, relpath: str) -> tuple[bytes | None, list[Diagnostic]]:
    """A file's bytes, refusing symlinks, non-regular and oversized files.

    One open without following links, then fstat on the open file: a third of the time of
    lstat-then-open, which matters for tens of thousands of reports. The first read asks for
    the size fstat gave plus one byte, not for the whole limit: a buffer of the limit's size is
    mapped and unmapped by malloc on every read until something larger has been freed (12 us
    against 3 us a report before the org files are read, the same after); a file that grew
    since fstat fills the request, and is then read on to the limit."""
    if not _NOFOLLOW and os.path.islink(abspath):
        return None, [diag(relpath, "symlink", "symlink")]
    try:
        fd = os.open(abspath, _OPEN_FLAGS)
    except OSError as exc:
        if exc.errno == errno.ELOOP and os.path.islink(abspath):
            return None, [diag(relpath, "symlink", "symlink")]
        return None, [unreadable(relpath, exc)]
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None, [unreadable(relpath, None)]
        raw = b""
        limit = limit_for(relpath)
        if info.st_size <= limit:
            asked = info.st_size + 1
            raw = os.read(fd, asked)
            # a short read (some file systems), or a file that grew: the rest, to the limit
            while len(raw) <= limit and (len(raw) < info.st_size or len(raw) >= asked):
                more = os.read(fd, limit + 1 - len(raw))
                if not more:
                    break
                raw += more
    except OSError as exc:
        return None, [unreadable(relpath, exc)]
    finally:
        os.close(fd)
    if info.st_size > limit or len(raw) > limit:
        return None, [diag(relpath, "too-large", "too-large", limit=limit // 1024)]
    return raw, []


def decode(raw: bytes, relpath: str) -> tuple[str | None, list[Diagnostic]]:
    """Decode UTF-8 (BOM allowed); name GBK/GB18030 when the bytes look like it."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        if _looks_like_gbk(raw):
            return None, [diag(relpath, "encoding", "encoding-gbk", at=Point(line, column))]
        return None, [diag(relpath, "encoding", "encoding", at=Point(line, column))]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, [diag(relpath, "encoding", "nul-byte", at=Point(line, None))]
    return text, []


def _looks_like_gbk(raw: bytes) -> bool:
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)
