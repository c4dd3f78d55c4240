"""Run many independent tasks in this process, in local worker processes, or on a Dask cluster.

A task is a pure function of plain strings: ``func(payload, items) -> list[record]``, where
``payload`` is shared by every task (a game's TOML text, options) and ``items`` is one chunk
of work (grid points, file names).  Chunks, not single items, are sent to workers so that the
cost of sending a task (pickling, a round trip) is paid once per chunk.  Records come back as
soon as a chunk is done (completion order); the caller keys each record by its item.

Executors (the same tasks, the same code path):

- ``jobs == 1`` and the default executor: in this process, in order (no pool);
- ``processes``: :class:`concurrent.futures.ProcessPoolExecutor` with ``jobs`` workers;
- ``dask`` / ``dask:ADDRESS``: ``dask.distributed`` — a local cluster of ``jobs`` worker
  processes, or the scheduler at ADDRESS (e.g. ``tcp://10.0.0.5:8786``).  Needs the
  ``[dask]`` extra.

Workers ignore SIGINT: Ctrl-C reaches the parent, which stops handing out chunks, keeps what
it has and stops the workers.
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from negsolve.errors import InputError, Problem

Task = Callable[[str, list], list]


@dataclass(frozen=True)
class ExecutorSpec:
    kind: str            # "processes" or "dask"
    address: str | None  # a Dask scheduler's address; None: a local cluster


def parse_executor(text: str) -> ExecutorSpec:
    """``processes``, ``dask`` or ``dask:ADDRESS`` -> an :class:`ExecutorSpec`."""
    kind, _, address = text.partition(":")
    if kind == "processes" and not address:
        return ExecutorSpec("processes", None)
    if kind == "dask":
        return ExecutorSpec("dask", address or None)
    raise InputError([Problem(f"--executor {text!r}: expected 'processes', 'dask' or 'dask:ADDRESS'",
                              hint="e.g. --executor dask:tcp://scheduler:8786")])


def check_executor(spec: ExecutorSpec) -> None:
    """Fail before any work when the executor's library is missing."""
    if spec.kind == "dask":
        import importlib.util

        if importlib.util.find_spec("distributed") is None:
            raise InputError([Problem("--executor dask needs dask.distributed",
                                      hint="pip install 'negsolve[dask]'")])


def chunked(items: Iterable[Any], size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def chunk_size(total: int, jobs: int) -> int:
    """Small enough to balance the workers and show progress, large enough to amortise a task's cost."""
    return max(1, min(200, total // max(1, jobs * 16) or 1))


def guided_chunks(items: Iterable[Any], total: int, jobs: int, smallest: int = 8) -> Iterator[list]:
    """Chunks that shrink as the work runs out (guided scheduling): large at first to amortise a task's
    cost, small at the end so that no worker is left alone with a big last chunk."""
    if jobs <= 1:
        yield from chunked(items, chunk_size(total, jobs))
        return
    source = iter(items)
    remaining = total
    while True:
        size = max(smallest, min(chunk_size(total, jobs), remaining // (4 * jobs)))
        chunk = [item for _, item in zip(range(size), source, strict=False)]
        if not chunk:
            return
        remaining -= len(chunk)
        yield chunk


def _quiet_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run_tasks(func: Task, payload: str, chunks: Iterable[list], jobs: int = 1,
              executor: ExecutorSpec | None = None) -> Iterator[list]:
    """Each chunk's records, as chunks finish.  Closing the generator stops the workers."""
    if executor is not None and executor.kind == "dask":
        yield from _run_dask(func, payload, chunks, jobs, executor.address)
    elif jobs <= 1:
        for chunk in chunks:
            yield func(payload, chunk)
    else:
        yield from _run_processes(func, payload, chunks, jobs)


def _run_processes(func: Task, payload: str, chunks: Iterable[list], jobs: int) -> Iterator[list]:
    import gc
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

    context = multiprocessing.get_context("fork" if hasattr(signal, "SIGKILL") else "spawn")
    gc.collect()
    gc.freeze()  # forked workers then leave the parent's objects alone: fewer copy-on-write page copies
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_quiet_worker)
    pending: set[Future] = set()
    source = iter(chunks)
    try:
        for chunk in source:  # keep two chunks per worker in flight
            pending.add(pool.submit(func, payload, chunk))
            if len(pending) >= 2 * jobs:
                break
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                for chunk in source:
                    pending.add(pool.submit(func, payload, chunk))
                    break
                yield future.result()
    finally:
        _stop_pool(pool, pending)
        gc.unfreeze()


def _stop_pool(pool: Any, pending: set) -> None:
    for future in pending:
        future.cancel()
    processes = list((getattr(pool, "_processes", None) or {}).values())
    manager = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:  # a chunk in progress is not waited for
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)
    # let the pool's manager thread see its workers gone and end now, then drop its wake-up pipe
    # from the interpreter's exit hook: Python 3.11's hook could write to the closed pipe after a
    # Ctrl-C ("Bad file descriptor", a known CPython race fixed in 3.12)
    pool.shutdown(wait=True)
    try:
        from concurrent.futures import process as futures_process

        futures_process._threads_wakeups.pop(manager, None)  # type: ignore[attr-defined]
    except (AttributeError, TypeError):  # another Python: nothing to drop
        pass


def _run_dask(func: Task, payload: str, chunks: Iterable[list], jobs: int, address: str | None) -> Iterator[list]:
    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None
    if address is None:
        cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        client = Client(cluster)
    else:
        client = Client(address)
    try:
        shared = client.scatter(payload, broadcast=True)
        source = iter(chunks)
        window = 2 * max(1, jobs if address is None else sum(client.nthreads().values()))
        futures = as_completed()
        for chunk in source:
            futures.add(client.submit(func, shared, chunk, pure=False))
            if futures.count() >= window:
                break
        for future in futures:
            for chunk in source:
                futures.add(client.submit(func, shared, chunk, pure=False))
                break
            yield future.result()
            future.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
