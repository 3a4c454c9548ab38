"""Running tasks: in-process (``-j 1``) or in a pool of worker processes.

Both runners take an iterator of tasks and yield ``(task, outcome)`` pairs **in
input order**, lazily: tasks are pulled in chunks only as results are taken, so
at most ``jobs * IN_FLIGHT_PER_JOB`` chunks exist at a time and memory does not
grow with the number of inputs.  (Input order makes ``--jsonl`` output and the
error list deterministic; the bounded window keeps every worker busy while the
parent writes.)

Processes, not threads: OpenCC's binding holds the GIL.  Each worker builds its
converter once (:func:`wpclean.batch.tasks.init_worker`).  If a worker dies (a
crash, the out-of-memory killer), the pool is restarted and the tasks it took
with it are run again, one by one, once, in the fresh pool: only an input that
kills a worker twice fails ("the worker process died"), and the run goes on.
The temporary files a killed worker left beside its targets are removed.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from wpclean.batch.tasks import Outcome, Settings, Task, frozen_heap, init_worker, process_chunk, warm_up
from wpclean.fileio.writing import remove_temp_files

if TYPE_CHECKING:  # imported when a pool starts: a -j 1 run never pays for them
    import threading
    from concurrent.futures import Future, ProcessPoolExecutor
    from multiprocessing.queues import SimpleQueue

CHUNK_SIZE = 8  # tasks sent to a worker at once: fewer round trips, still fine-grained
IN_FLIGHT_PER_JOB = 4  # chunks submitted ahead per worker
SUBMIT_ATTEMPTS = 3  # fresh pools tried for one submission before giving up
WORKER_DIED = "the worker process died while processing it (a crash, or killed for memory); try it alone with -j 1"

Pair = tuple[Task, Outcome]


def run_tasks(tasks: Iterable[Task], settings: Settings, jobs: int) -> Iterator[Pair]:
    """``(task, outcome)`` pairs in input order, from ``jobs`` processes (in-process for 1)."""
    if jobs <= 1:
        return run_serial(tasks, settings)
    return run_pool(tasks, settings, jobs)


def run_serial(tasks: Iterable[Task], settings: Settings) -> Iterator[Pair]:
    """In-process: no pool to start, tracebacks stay readable under a debugger."""
    warm_up(settings.options)
    with frozen_heap():
        for task in tasks:
            yield task, process_chunk([task], settings)[0]


def chunked(tasks: Iterable[Task], size: int = CHUNK_SIZE) -> Iterator[list[Task]]:
    """Lists of up to ``size`` tasks, pulled lazily.

    >>> [len(chunk) for chunk in chunked(iter(range(10)), 4)]
    [4, 4, 2]
    """
    iterator = iter(tasks)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


class Pool:
    """A process pool that can be restarted after a worker dies, and stopped at once."""

    def __init__(self, settings: Settings, jobs: int) -> None:
        import multiprocessing

        import wpclean.document  # noqa: F401 - workers forked from here start with the pipeline imported

        self.settings, self.jobs = settings, jobs
        self._not_ours = set(multiprocessing.active_children())  # children that existed before this pool
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor(self.jobs, initializer=init_worker, initargs=(self.settings,))

    def submit(self, chunk: list[Task]) -> tuple[Future[list[Outcome]], ProcessPoolExecutor]:
        """Submit ``chunk``; a pool found broken (a worker died since) is replaced first."""
        for attempt in range(SUBMIT_ATTEMPTS):
            executor = self.executor
            try:
                return executor.submit(process_chunk, chunk, self.settings), executor
            except _broken_pool():
                if attempt == SUBMIT_ATTEMPTS - 1:
                    raise
                self.restart(executor)
        raise AssertionError("unreachable")

    def restart(self, broken: ProcessPoolExecutor) -> None:
        """Replace the executor, unless that was already done for this breakage."""
        if broken is self.executor:
            broken.shutdown(wait=False, cancel_futures=True)
            self.executor = self._start()

    def close(self) -> None:
        self.executor.shutdown(wait=True)

    def kill(self) -> None:
        """Stop now: cancel queued work and terminate the workers (used on Ctrl-C
        and --fail-fast; the parent keeps what was already written)."""
        executor = self.executor
        terminate = getattr(executor, "terminate_workers", None)  # Python >= 3.14
        if terminate is not None:
            terminate()
            return
        # shutdown() drops the executor's references to its manager thread and
        # results queue: taken first, to see the thread finish below.
        manager = getattr(executor, "_executor_manager_thread", None)
        results = getattr(executor, "_result_queue", None)
        executor.shutdown(wait=False, cancel_futures=True)
        # Every child process started since this pool was made is one of its
        # workers (the executor's own list can miss one that is mid-task).
        import multiprocessing

        processes = [p for p in multiprocessing.active_children() if p not in self._not_ours]
        for process in processes:
            process.terminate()
        for process in processes:
            process.join(timeout=5)
            if process.is_alive():  # seen: an idle worker that outlived SIGTERM; it must not hang the exit
                process.kill()
                process.join(timeout=5)
        # Let the executor's manager thread finish closing its pipes now: racing it
        # at interpreter exit gives an "Exception ignored ... Bad file descriptor" (Python 3.11).
        if manager is not None:
            manager.join(timeout=5)
            if manager.is_alive() and results is not None:
                _unblock(results, manager)


def _unblock(results: SimpleQueue, manager: threading.Thread) -> None:
    """End a manager thread stuck reading a result that a killed worker left half
    written: it waits for bytes that can never come, and the interpreter's exit
    joins it for ever (seen in CI: ``wpclean -j 2`` never exiting after Ctrl-C).
    The workers are gone, so the parent's copy of the results pipe's write end is
    the last one: closing it gives the reader the pipe's end, and the thread stops."""
    writer = getattr(results, "_writer", None)
    if writer is not None:
        writer.close()
        manager.join(timeout=5)


def run_pool(tasks: Iterable[Task], settings: Settings, jobs: int) -> Iterator[Pair]:
    """Pairs in input order from a pool of ``jobs`` worker processes."""
    pool = Pool(settings, jobs)
    pending: deque[tuple[Future[list[Outcome]], ProcessPoolExecutor, list[Task]]] = deque()
    try:
        for chunk in chunked(tasks):
            pending.append((*pool.submit(chunk), chunk))
            while len(pending) >= jobs * IN_FLIGHT_PER_JOB:
                yield from _take(pending.popleft(), pool)
        while pending:
            yield from _take(pending.popleft(), pool)
    except BaseException:  # Ctrl-C, --fail-fast closing us, or a bug: stop the workers now
        pool.kill()
        raise
    pool.close()


def _take(entry: tuple[Future[list[Outcome]], ProcessPoolExecutor, list[Task]], pool: Pool) -> Iterator[Pair]:
    future, executor, chunk = entry
    try:
        outcomes = future.result()
    except _broken_pool():
        pool.restart(executor)
        _remove_leftovers(chunk)
        outcomes = _one_by_one(chunk, pool)
    yield from zip(chunk, outcomes)


def _one_by_one(chunk: list[Task], pool: Pool) -> list[Outcome]:
    """Rerun the tasks of a chunk lost with a dead worker, each on its own, once:
    an input that kills a worker again is reported as failed."""
    return [_attempt(task, pool) or Outcome(reason=WORKER_DIED) for task in chunk]


def _attempt(task: Task, pool: Pool) -> Outcome | None:
    future, executor = pool.submit([task])
    try:
        return future.result()[0]
    except _broken_pool():
        pool.restart(executor)
        _remove_leftovers([task])
        return None


def _broken_pool() -> type[Exception]:
    """``BrokenProcessPool``, imported only once a pool is running (an ``except``
    clause evaluates it only when an exception reaches it).

    >>> _broken_pool().__name__
    'BrokenProcessPool'
    """
    from concurrent.futures.process import BrokenProcessPool

    return BrokenProcessPool


def _remove_leftovers(chunk: list[Task]) -> None:
    """The temporary files a worker killed mid-write left beside its targets."""
    for task in chunk:
        if task.target is not None:
            remove_temp_files(task.target)
