"""Run the two halves of a one-shot build on two cores.

A ``csplan build CUSTOMER`` process spends about half its time importing
pydantic, checking the content and making the views, and the other half
importing python-pptx and rendering. The halves share nothing but the views
(plain data), so in a one-shot process the content half runs in a forked
child while this process imports and warms the render stage; the child
sends back what it made through a pipe. Nothing else changes: the same
functions run, in the same order within each half, and write the same bytes.

Only ``cli.run`` (a csplan process) enables it, and only where fork is safe
(Linux, no other threads). Tests that call ``cli.main`` and batch workers,
which are warm already, run the halves one after the other.
"""

from __future__ import annotations

import os
import pickle
import sys

_enabled = False


def enable(on: bool = True) -> None:
    """Allow (or forbid) :func:`run` to fork a child for the content half."""
    global _enabled
    _enabled = on


def _can_fork() -> bool:
    """Return True when this process may fork a child for the content half."""
    if not _enabled or not hasattr(os, "fork") or not sys.platform.startswith("linux"):
        return False
    if len(os.sched_getaffinity(0)) < 2:
        return False  # on one core the halves would only take turns, and both import some modules
    threading = sys.modules.get("threading")
    # A fork copies only the calling thread; with others alive a lock could be held forever.
    return threading is None or threading.active_count() == 1


def run(work, warm):
    """Return ``work()``; when a child can do it, ``warm()`` runs here meanwhile.

    Whatever ``work()`` raises is raised here (with the child's traceback as
    a note). Without a child, ``warm`` is skipped: the stages it would warm
    are imported when first used.
    """
    if not _can_fork():
        return work()
    for stream in (sys.stdout, sys.stderr):
        stream.flush()  # or the child would hold a copy of what is buffered
    try:
        read_fd, write_fd = os.pipe()
    except OSError:
        return work()
    try:
        pid = os.fork()
    except OSError:  # no room for another process (a container's limit): do it here
        os.close(read_fd)
        os.close(write_fd)
        return work()
    if pid == 0:  # the child: do the work, send it back, leave without running the parent's code
        code = 0
        try:
            os.close(read_fd)
            try:
                payload = pickle.dumps((True, work()), protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException as exc:  # noqa: BLE001 - everything goes back to the parent
                payload = _pickled_error(exc)
            with os.fdopen(write_fd, "wb") as out:
                out.write(payload)
        except BaseException:  # noqa: BLE001 - the parent reports a child that sent nothing
            code = 1
        finally:
            os._exit(code)
    os.close(write_fd)
    try:
        warm()
        with os.fdopen(read_fd, "rb") as inp:
            data = inp.read()
    except BaseException:
        _stop(pid)
        raise
    _, status = os.waitpid(pid, 0)
    if not data:
        raise RuntimeError(f"the content check stopped before it finished ({_describe(status)})")
    ok, value = pickle.loads(data)
    if ok:
        return value
    raise value


def _pickled_error(exc: BaseException) -> bytes:
    """Return ``exc`` pickled for the parent, with this process's traceback as a note."""
    import traceback

    exc.add_note("raised in csplan's content-check process:\n" + "".join(traceback.format_exception(exc)).rstrip())
    try:
        payload = pickle.dumps((False, exc), protocol=pickle.HIGHEST_PROTOCOL)
        pickle.loads(payload)  # some exceptions pickle but cannot be rebuilt
        return payload
    except Exception:  # noqa: BLE001 - fall back to a plain description
        plain = RuntimeError(f"{type(exc).__name__}: {exc}")
        for note in getattr(exc, "__notes__", ()):
            plain.add_note(note)
        return pickle.dumps((False, plain), protocol=pickle.HIGHEST_PROTOCOL)


def _stop(pid: int) -> None:
    """Stop and reap the child (this process is leaving early: interrupted, or failed to warm)."""
    import signal

    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except OSError:
        pass


def _describe(status: int) -> str:
    """Return how a child ended, from its wait status."""
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"
