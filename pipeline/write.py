"""Write stage: deterministic bytes, written atomically.

Office files are zip packages; python-pptx and the xlsxwriter workbooks
embedded in charts stamp zip entries and core properties with the clock.
Normalising them here makes the same inputs give byte-identical files.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
TMP_PREFIX = ".csplan-"
TMP_SUFFIX = ".tmp"
_DCTERMS = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def normalize_zip(data: bytes, stamp: str) -> bytes:
    """Return the package ``data`` with fixed entry times and ``stamp`` (ISO) as every embedded date."""
    return zip_entries(unzip(data), stamp)


def zip_entries(entries: Iterable[tuple[str, bytes]], stamp: str) -> bytes:
    """Return a package of ``entries`` (name, bytes), in order, with fixed times and ``stamp`` as every date."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, blob in entries:
            if name.endswith((".xlsx", ".docx", ".pptx")):
                blob = normalize_zip(blob, stamp)
            elif name.endswith("docProps/core.xml"):
                blob = _DCTERMS.sub(rb"\g<1>" + stamp.encode() + rb"\g<3>", blob)
            entry = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, blob)
    return out.getvalue()


def pid_alive(pid: int) -> bool:
    """Return True when process ``pid`` exists (also when it belongs to another user)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists but belongs to someone else
        return True
    return True


def clean_stale(folder: Path) -> None:
    """Remove temporary files left by a killed run (never those of a build still running)."""
    if folder.is_dir():
        for p in folder.glob(f"{TMP_PREFIX}*{TMP_SUFFIX}"):
            # Parallel builds share output folders: a temp file named for a
            # live process is another worker's write in progress.
            pid = p.name[len(TMP_PREFIX):].split("-", 1)[0]
            if pid.isdigit() and int(pid) != os.getpid() and pid_alive(int(pid)):
                continue
            try:
                p.unlink()
            except OSError:
                pass


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so readers see the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f"{TMP_PREFIX}{os.getpid()}-", suffix=TMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def unzip(data: bytes) -> list[tuple[str, bytes]]:
    """Return the entries (name, bytes) of the package ``data``, in order (for :func:`zip_entries`)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    return [(info.filename, src.read(info.filename)) for info in src.infolist()]
