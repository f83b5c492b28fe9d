"""Tests of pipeline.overlap: the content half of a one-shot build in a forked child."""

from __future__ import annotations

import contextlib
import os
import pickle
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import TESTS, copy_examples, copy_fixture
from pipeline import overlap
from pipeline.project import UsageError

REPO = TESTS.parent


def _why_no_fork() -> str | None:
    """Return why overlap.run would do the work in this process instead of a child (None when it forks)."""
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return "the child is forked on Linux only"
    cpus = len(os.sched_getaffinity(0))
    if cpus < 2:  # the same test as overlap._can_fork
        return f"overlap forks only with two usable CPUs; this process may run on {cpus} (taskset, a cpuset)"
    return None


# Without a child these tests would run the child's part here: test_a_child_that_dies_is_reported
# would end pytest itself with os._exit(3).
_NO_FORK = _why_no_fork()
needs_fork = pytest.mark.skipif(_NO_FORK is not None, reason=_NO_FORK or "")


@contextlib.contextmanager
def enabled():
    overlap.enable()
    try:
        yield
    finally:
        overlap.enable(False)


def test_disabled_runs_the_work_here_and_skips_warm():
    warmed = []
    assert overlap.run(lambda: os.getpid(), lambda: warmed.append(1)) == os.getpid()
    assert warmed == []


@needs_fork
def test_enabled_runs_the_work_in_a_child_while_warm_runs_here():
    warmed = []
    with enabled():
        pid = overlap.run(lambda: os.getpid(), lambda: warmed.append(os.getpid()))
    assert pid != os.getpid()
    assert warmed == [os.getpid()]


@needs_fork
def test_a_large_result_comes_back_whole():
    data = {"views": [bytes(range(256)) * 4096, "ż" * 300_000]}  # well past a pipe's buffer
    with enabled():
        assert overlap.run(lambda: data, lambda: None) == data


@needs_fork
def test_an_error_of_the_work_is_raised_here_with_the_childs_traceback():
    def work():
        raise ValueError("bad plan")

    with enabled(), pytest.raises(ValueError, match="bad plan") as info:
        overlap.run(work, lambda: None)
    assert "content-check process" in "\n".join(info.value.__notes__)
    assert "in work" in "\n".join(info.value.__notes__)


@needs_fork
def test_a_usage_error_keeps_its_type():
    def work():
        raise UsageError("acme has no review for 2031-Q1")

    with enabled(), pytest.raises(UsageError, match="2031-Q1"):
        overlap.run(work, lambda: None)


class _Unpicklable(Exception):
    def __reduce__(self):
        raise TypeError("no")


@needs_fork
def test_an_error_that_cannot_travel_becomes_a_runtime_error_naming_it():
    def work():
        raise _Unpicklable("odd")

    with enabled(), pytest.raises(RuntimeError, match="_Unpicklable: odd"):
        overlap.run(work, lambda: None)


@needs_fork
def test_a_child_that_dies_is_reported():
    here = os.getpid()

    def die():
        if os.getpid() == here:  # not forked after all (e.g. a thread still alive): fail, never end pytest
            pytest.fail("overlap.run did the work in pytest's own process, not in a child")
        os._exit(3)

    with enabled(), pytest.raises(RuntimeError, match=r"stopped before it finished \(exit status 3\)"):
        overlap.run(die, lambda: None)


@needs_fork
def test_a_failing_warm_stops_the_child_and_raises():
    def warm():
        raise KeyboardInterrupt

    with enabled(), pytest.raises(KeyboardInterrupt):
        overlap.run(lambda: __import__("time").sleep(30), warm)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no child left behind


def test_no_fork_while_other_threads_run():
    stop = threading.Event()
    t = threading.Thread(target=stop.wait)
    t.start()
    try:
        with enabled():
            assert overlap.run(lambda: os.getpid(), lambda: None) == os.getpid()
    finally:
        stop.set()
        t.join()


def test_results_pickle(tmp_path):
    """What the content half sends back (problems and deck views) survives the pipe."""
    from pipeline.registry import Target, get

    problems, job = get("cs-plan").views(copy_examples(tmp_path, "acme"), Target("acme", "cs-plan", "en"))
    assert job is not None
    again = pickle.loads(pickle.dumps((problems, job)))
    assert again[1].files[0][1] == job.files[0][1]
    assert [p.format() for p in again[0]] == [p.format() for p in problems]


# ----------------------------------------------------------------- through the command line


def _process(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1", "SOURCE_DATE_EPOCH": "1795305600"}
    return subprocess.run([sys.executable, "-m", "pipeline", "--root", str(root), *args], capture_output=True,
                          text=True, env=env, cwd=root, timeout=120)


def _project(tmp_path: Path) -> Path:
    import shutil

    for name in ("templates", "locales"):
        shutil.copytree(REPO / name, tmp_path / name)
    return tmp_path


@pytest.mark.cli
@needs_fork
def test_a_process_build_writes_the_bytes_of_an_in_process_build(tmp_path, monkeypatch, capsys):
    from pipeline.cli import main

    root = _project(tmp_path)
    copy_fixture("valid/minimal", root)
    assert _process(root, "build", "minimal").returncode == 0
    deck = root / "build" / "minimal" / "minimal-cs-plan-en.pptx"
    forked = deck.read_bytes()
    deck.unlink()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795305600")
    assert main(["--root", str(root), "build", "minimal"]) == 0
    assert deck.read_bytes() == forked


@pytest.mark.cli
@needs_fork
def test_a_process_build_reports_content_problems_as_an_in_process_one(tmp_path, monkeypatch, capsys):
    from pipeline.cli import main

    root = _project(tmp_path)
    copy_fixture("broken/bad-date", root)
    run = _process(root, "build", "bad-date")
    monkeypatch.setenv("NO_COLOR", "1")
    code = main(["--root", str(root), "build", "bad-date"])
    here = capsys.readouterr()
    assert (run.returncode, run.stdout, run.stderr) == (code, here.out, here.err)
    assert run.returncode == 1 and "[" in run.stderr and "Traceback" not in run.stderr
    assert not (root / "build" / "bad-date").exists()


@pytest.mark.cli
@pytest.mark.parametrize("customer", ["minimal", "bad-date"])
def test_a_broken_template_is_reported_with_the_content_problems_and_nothing_is_written(tmp_path, customer):
    root = _project(tmp_path)
    copy_fixture("valid/minimal" if customer == "minimal" else f"broken/{customer}", root)
    (root / "templates" / "pptx" / "default.yaml").write_text("roles: 5\n", encoding="utf-8")
    run = _process(root, "build", customer)
    assert run.returncode == 1, run.stderr
    assert "templates/pptx/default.yaml:1:8: roles: missing or not a mapping" in run.stderr
    assert "[template.roles]" in run.stderr
    assert ("content/bad-date/barriers.yaml:6:24: barriers[0].timeframe.start" in run.stderr) == (customer == "bad-date")
    assert "Traceback" not in run.stderr
    assert not (root / "build" / customer).exists()


@needs_fork
def test_when_fork_fails_the_work_runs_here(monkeypatch):
    def no_fork():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    with enabled():
        assert overlap.run(lambda: os.getpid(), lambda: None) == os.getpid()
