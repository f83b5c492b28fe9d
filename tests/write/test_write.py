"""Write stage: atomic replacement, stale temp files, deterministic zips, and no write on a failed check."""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

import pytest

from pipeline import write
from pipeline.write import FIXED_ZIP_TIME, atomic_write, clean_stale, normalize_zip
from deck_helpers import copy_project, deck_path, run_csplan


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".csplan-"))


# ----------------------------------------------------------------- atomic_write


def test_atomic_write_creates_folders_and_replaces_a_file(tmp_path):
    target = tmp_path / "build" / "acme" / "deck.pptx"
    atomic_write(target, b"first")
    assert target.read_bytes() == b"first"
    atomic_write(target, b"second, longer than the first")
    assert target.read_bytes() == b"second, longer than the first"
    assert temp_files(target.parent) == []
    assert oct(target.stat().st_mode & 0o777) == oct(0o644)


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_a_failure_mid_write_keeps_the_old_file_and_leaves_no_temp_file(tmp_path, monkeypatch, failing):
    target = tmp_path / "deck.pptx"
    atomic_write(target, b"the earlier deck")
    seen = []

    def boom(*args, **kwargs):
        seen.append(args)
        # The new bytes are on disk in a temp file next to the target at this point.
        assert temp_files(tmp_path), "atomic_write does not go through a temp file"
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, boom)
    with pytest.raises(OSError, match="No space left"):
        atomic_write(target, b"the new deck that never lands")
    assert seen, f"os.{failing} was not called"
    assert target.read_bytes() == b"the earlier deck"
    assert temp_files(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.pptx"]


def test_an_interrupt_mid_write_also_cleans_up(tmp_path, monkeypatch):
    target = tmp_path / "deck.pptx"
    atomic_write(target, b"old")

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert temp_files(tmp_path) == []


def test_clean_stale_removes_only_csplan_temp_files(tmp_path):
    keep = ["deck.pptx", "notes.tmp", ".csplan-deck.pptx", "csplan-x.tmp", ".hidden.tmp"]
    stale = [".csplan-abc123.tmp", ".csplan-.tmp", ".csplan-zz9_x.tmp"]
    for name in keep + stale:
        (tmp_path / name).write_bytes(b"x")
    clean_stale(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(keep)


def test_clean_stale_keeps_the_temp_files_of_a_live_process(tmp_path):
    # Parallel workers write into the same customer folder.
    import subprocess
    import sys

    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True).stdout.strip()
        live = tmp_path / f".csplan-{other.pid}-abc.tmp"
        killed = tmp_path / f".csplan-{dead}-abc.tmp"
        mine = tmp_path / f".csplan-{os.getpid()}-abc.tmp"
        for p in (live, killed, mine):
            p.write_bytes(b"x")
        clean_stale(tmp_path)
        assert live.exists() and not killed.exists() and not mine.exists()
    finally:
        other.kill()
        other.wait()


def test_atomic_write_names_its_temp_file_for_its_process(tmp_path, monkeypatch):
    seen = []
    real = os.replace

    def spy(src, dst):
        seen.append(Path(src).name)
        real(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    atomic_write(tmp_path / "a.pptx", b"x")
    assert seen[0].startswith(f".csplan-{os.getpid()}-")


def test_clean_stale_on_a_missing_folder_does_nothing(tmp_path):
    clean_stale(tmp_path / "no-such-folder")
    assert not (tmp_path / "no-such-folder").exists()


# ----------------------------------------------------------------- normalize_zip


def _package(stamp_in_core: str, inner: bytes | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(zipfile.ZipInfo("[Content_Types].xml", (2031, 5, 6, 7, 8, 10)), "<Types/>")
        z.writestr(zipfile.ZipInfo("docProps/core.xml", (2024, 1, 2, 3, 4, 6)),
                   '<cp:coreProperties><dcterms:created xsi:type="dcterms:W3CDTF">' + stamp_in_core +
                   '</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">' + stamp_in_core +
                   "</dcterms:modified></cp:coreProperties>")
        if inner is not None:
            z.writestr(zipfile.ZipInfo("ppt/embeddings/Microsoft_Excel_Sheet1.xlsx", (2030, 1, 1, 0, 0, 0)), inner)
    return out.getvalue()


def test_normalize_zip_fixes_entry_times_and_core_dates_recursively():
    stamp = "2026-11-22T00:00:00Z"
    a = normalize_zip(_package("2031-05-06T07:08:09Z", _package("2029-01-01T00:00:00Z")), stamp)
    b = normalize_zip(_package("2024-01-02T03:04:05Z", _package("2023-03-03T03:03:03Z")), stamp)
    assert a == b
    z = zipfile.ZipFile(io.BytesIO(a))
    assert all(i.date_time == FIXED_ZIP_TIME for i in z.infolist())
    core = z.read("docProps/core.xml").decode()
    assert re.findall(r">([^<]+)</dcterms:", core) == [stamp, stamp]
    inner = zipfile.ZipFile(io.BytesIO(z.read("ppt/embeddings/Microsoft_Excel_Sheet1.xlsx")))
    assert all(i.date_time == FIXED_ZIP_TIME for i in inner.infolist())
    assert stamp in inner.read("docProps/core.xml").decode()


# ----------------------------------------------------------------- a failed check writes nothing


@pytest.mark.cli
def test_failed_check_exits_1_names_the_problem_and_writes_nothing(tmp_path):
    root = copy_project(tmp_path / "project")
    first = run_csplan(root, "build", "acme", "--lang", "en")
    assert first.returncode == 0, first.stderr
    en = deck_path(root, "acme", "en")
    before = en.read_bytes()
    stat = en.stat()
    listing = sorted(p.name for p in en.parent.iterdir())
    assert listing == ["acme-cs-plan-en.pptx"]

    outcomes = root / "content" / "acme" / "outcomes.yaml"
    lines = outcomes.read_text("utf-8").splitlines(keepends=True)
    line_no = next(i for i, line in enumerate(lines, 1) if re.search(r"date: \d{4}-\d\d-\d\d\}", line))
    lines[line_no - 1] = re.sub(r"date: \d{4}-\d\d-\d\d\}", "date: 2025-13-45}", lines[line_no - 1], count=1)
    outcomes.write_text("".join(lines), "utf-8")

    failed = run_csplan(root, "build", "acme")  # every output locale: en exists, pl does not
    assert failed.returncode == 1, (failed.returncode, failed.stdout, failed.stderr)
    assert "wrote" not in failed.stdout
    assert re.search(rf"content/acme/outcomes\.yaml:{line_no}:\d+: .*'2025-13-45'", failed.stderr), failed.stderr
    assert "nothing was written" in failed.stderr
    assert sorted(p.name for p in en.parent.iterdir()) == listing, "files appeared or vanished"
    assert not deck_path(root, "acme", "pl").exists()
    assert en.read_bytes() == before
    assert en.stat().st_mtime_ns == stat.st_mtime_ns and en.stat().st_ino == stat.st_ino


@pytest.mark.cli
def test_build_cleans_stale_temp_files_of_a_killed_run(tmp_path):
    root = copy_project(tmp_path / "project")
    out = deck_path(root, "acme", "en").parent
    out.mkdir(parents=True)
    (out / f"{write.TMP_PREFIX}killed{write.TMP_SUFFIX}").write_bytes(b"half a deck")
    res = run_csplan(root, "build", "acme", "--lang", "en")
    assert res.returncode == 0, res.stderr
    assert sorted(p.name for p in out.iterdir()) == ["acme-cs-plan-en.pptx"]
