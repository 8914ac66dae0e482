"""Work spread over processes, with the results read back in order.

Result `i` of `count` is made by worker `i % jobs`, which sends it down its own pipe; the
main process reads the pipes in turn. No task queue and no result threads: the main
process does little more than copy bytes, and a worker that runs ahead blocks once its
pipe is full, so memory stays flat however large the batch and however slow the reader.
A result is a small picklable part and a payload of bytes, sent in slices that fit a
pipe (large messages through `multiprocessing.connection` cost several times more).

Workers ignore Ctrl-C: it reaches the whole process group, and only the main process
answers it (it stops the workers). A worker that fails sends its exception instead, which
is raised in the main process; one that dies is reported as such.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import traceback
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from wijzer import texts
from wijzer.errors import WijzerError

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

FORKS = sys.platform == "linux"
"""Whether workers are forked: they then inherit the arguments as they are (elsewhere
they are started afresh, and the arguments are pickled)."""
SLICE = 48 * 1024
"""Payload bytes per message: well within a pipe's buffer (64 KiB on Linux)."""
PIPE_SIZE = 1024 * 1024
"""Pipe buffer asked for where the system allows it: lets a worker run a result ahead."""

Make = Callable[[int], tuple[Any, bytes]]
"""Result number -> (small part, payload)."""


class WorkerFailed(RuntimeError):
    """A worker failed in a way that is a bug in wijzer: its exception could not be passed
    on, so its traceback is (exit 3)."""


class WorkerDied(WijzerError):
    """A worker stopped without a word: killed from outside, or out of memory (exit 1:
    nothing in wijzer went wrong, and nothing was half written)."""


class _Failure:
    """What a worker sends instead of a result when making it raised."""

    def __init__(self, exc: BaseException) -> None:
        self.text = "".join(traceback.format_exception(exc))
        try:  # the round trip, since some exceptions pickle but cannot be rebuilt
            pickle.loads(pickle.dumps(exc))
            self.exc: BaseException | None = exc
        except Exception:  # one that does not survive it is passed on as text
            self.exc = None


def in_order(
    count: int, jobs: int, serve: Callable[..., None], *args: Any
) -> Iterator[tuple[Any, bytes]]:
    """Results 0..count-1 in order, from `jobs` processes that each run
    `serve(conn, worker, jobs, *args)` (which calls `serve_results`; see `FORKS`)."""
    import multiprocessing

    context: Any = multiprocessing.get_context("fork" if FORKS else "spawn")
    processes, pipes = [], []
    try:
        for worker in range(jobs):
            reader, writer = context.Pipe(duplex=False)
            _widen(reader)
            process = context.Process(target=serve, args=(writer, worker, jobs, *args), daemon=True)
            process.start()
            writer.close()
            processes.append(process)
            pipes.append(reader)
        for number in range(count):
            yield _receive(pipes[number % jobs], number % jobs)
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join()
        for pipe in pipes:
            pipe.close()


def serve_results(conn: Connection, worker: int, jobs: int, count: int, make: Make) -> None:
    """In a worker: make results worker, worker + jobs, ... and send them in order."""
    _become_worker()
    try:
        for number in range(worker, count, jobs):
            part, payload = make(number)
            slices = range(0, len(payload), SLICE)
            conn.send_bytes(pickle.dumps((part, len(slices)), pickle.HIGHEST_PROTOCOL))
            view = memoryview(payload)
            for start in slices:
                conn.send_bytes(view[start : start + SLICE])
    except BrokenPipeError:  # the main process stopped reading: nothing left to do
        pass
    except BaseException as exc:
        conn.send_bytes(pickle.dumps((_Failure(exc), 0), pickle.HIGHEST_PROTOCOL))
    finally:
        conn.close()


def _become_worker() -> None:
    """A worker ignores Ctrl-C (the main process answers it for all), stops at once on
    SIGTERM (sent by the main process when it stops), dies with the main process however
    that one ends (even killed outright: no worker is left blocked in a pipe), and lets
    go of stdout, so a reader downstream (`| wc`) sees the end when the main process ends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, signal.SIG_DFL)
    parent = os.getppid()
    _die_with_parent()
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _die_with_parent() -> None:
    """Linux: ask the kernel for SIGKILL when the parent process ends (PR_SET_PDEATHSIG).
    Elsewhere a worker notices that its pipe is gone when it next writes."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


_PR_SET_PDEATHSIG = 1


def _receive(pipe: Connection, worker: int) -> tuple[Any, bytes]:
    try:
        part, slices = pickle.loads(pipe.recv_bytes())
        payload = b"".join([pipe.recv_bytes() for _ in range(slices)])
    except EOFError:
        raise WorkerDied(texts.WORKER_DIED.format(worker=worker + 1)) from None
    if isinstance(part, _Failure):
        if part.exc is not None:
            raise part.exc
        raise WorkerFailed(part.text)
    return part, payload


def _widen(pipe: Connection) -> None:
    """A bigger pipe buffer, where the system has the call (Linux) and allows the size."""
    try:
        import fcntl
    except ImportError:  # Windows
        return
    setter = getattr(fcntl, "F_SETPIPE_SZ", None)
    if setter is None:
        return
    with contextlib.suppress(OSError):  # not allowed this big: the default will do
        fcntl.fcntl(pipe.fileno(), setter, PIPE_SIZE)
