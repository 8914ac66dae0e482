"""Work on several processes, read back in order: payloads intact, failures passed on."""

from __future__ import annotations

import multiprocessing
import os
from multiprocessing.connection import Connection

import pytest

from wijzer.parallel import SLICE, WorkerDied, WorkerFailed, in_order, serve_results


def payload(number: int) -> bytes:
    """Sizes around the slice size, and empty ones, with content that shows any mix-up."""
    size = (0, 1, SLICE - 1, SLICE, SLICE + 1, 3 * SLICE + 17)[number % 6]
    return bytes((number + i) % 251 for i in range(size))


def serve(conn: Connection, worker: int, jobs: int, count: int, fail_at: int) -> None:
    def make(number: int) -> tuple[object, bytes]:
        if number == fail_at:
            raise ValueError(f"kapot bij {number}")
        return {"nummer": number, "werker": worker}, payload(number)

    serve_results(conn, worker, jobs, count, make)


class Stubborn(Exception):
    """An exception that pickles but cannot be rebuilt (its constructor wants more)."""

    def __init__(self, a: int, b: int) -> None:
        super().__init__(f"{a} en {b}")


def fail_oddly(conn: Connection, worker: int, jobs: int) -> None:
    def make(number: int) -> tuple[object, bytes]:
        raise Stubborn(1, 2)

    serve_results(conn, worker, jobs, 1, make)


def die(conn: Connection, worker: int, jobs: int) -> None:
    os._exit(7)  # a worker killed before it could send anything


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_results_come_in_order_with_their_payloads(jobs: int) -> None:
    count = 25
    results = list(in_order(count, jobs, serve, count, -1))
    assert [part["nummer"] for part, _ in results] == list(range(count))
    assert [part["werker"] for part, _ in results] == [n % jobs for n in range(count)]
    assert all(data == payload(n) for n, (_, data) in enumerate(results))


def test_a_failing_worker_raises_its_exception_after_the_results_before_it() -> None:
    results = in_order(12, 2, serve, 12, 5)
    assert [next(results)[0]["nummer"] for _ in range(5)] == [0, 1, 2, 3, 4]
    with pytest.raises(ValueError, match="kapot bij 5"):
        next(results)


def test_an_exception_that_cannot_be_rebuilt_arrives_as_its_traceback() -> None:
    with pytest.raises(WorkerFailed, match="Stubborn: 1 en 2"):
        list(in_order(1, 1, fail_oddly))


def test_a_worker_that_dies_is_named() -> None:
    with pytest.raises(WorkerDied, match="werkproces 1 is onverwacht gestopt"):
        list(in_order(3, 2, die))


def test_stopping_early_leaves_no_workers_behind() -> None:
    before = {p.pid for p in multiprocessing.active_children()}
    results = in_order(1000, 2, serve, 1000, -1)
    next(results)
    assert len({p.pid for p in multiprocessing.active_children()} - before) == 2
    results.close()  # as when the reader of the output goes away
    assert {p.pid for p in multiprocessing.active_children()} - before == set()
