"""``--engine dask``: the batch's tasks on a Dask cluster.

The client (this process) lists the inputs as the local batch does
(:mod:`wpclean.batch.sources`), sends them to the workers in chunks of
:data:`CHUNK_SIZE`, and takes the outcomes back **in input order**, so the
batch's outputs, error list, summary and exit code are the local batch's own
(:class:`wpclean.batch.run.Run`).  Workers run the very function the local
worker processes run, :func:`wpclean.batch.tasks.process_chunk`: they read each
input themselves (a local path, made absolute, must be readable at that path
on every worker; a URL through fsspec), build their OpenCC converter once per
process, and return the rendered plan or the reason it failed.

At most :data:`IN_FLIGHT_PER_THREAD` chunks per worker thread are in flight:
memory stays flat on the client, the scheduler and the workers, however many
inputs there are.  Without ``--scheduler`` (or ``DASK_SCHEDULER_ADDRESS``) a
local cluster of ``-j`` worker processes is started for the run.

Dask is imported only here, and only when ``--engine dask`` is used.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from wpclean.batch.tasks import Outcome, Settings, Task, process_chunk, warm_up
from wpclean.batch.workers import Pair, chunked
from wpclean.fileio.remote import is_url

if TYPE_CHECKING:
    from distributed import Client, Future

CHUNK_SIZE = 32  # inputs per Dask task: well over Dask's ~1 ms overhead per task, still fine-grained
IN_FLIGHT_PER_THREAD = 4  # chunks submitted ahead per worker thread
WINDOW_REFRESH = 64  # chunks between two looks at how many worker threads the cluster has
INSTALL = "pip install 'wpclean[dask]'"
CONNECT_TIMEOUT = 10.0  # seconds to reach a scheduler (--connect-timeout); Dask's own default is 30
WORKER_DIED = (
    "a Dask worker died while processing it (a crash, or killed for memory); try it alone with --engine local -j 1"
)


class EngineError(Exception):
    """The cluster cannot be used; the message says what to do."""


def dask_available() -> bool:
    """Whether ``dask.distributed`` can be imported (the ``dask`` extra is installed)."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        return False
    return True


def scheduler_address(given: str | None) -> str | None:
    """``--scheduler``, else ``DASK_SCHEDULER_ADDRESS``, else None (start a local cluster)."""
    return given or os.environ.get("DASK_SCHEDULER_ADDRESS") or None


class DaskEngine:
    """A client connected to a cluster, running batches of tasks on it."""

    def __init__(self, client: Client, local: Any = None) -> None:
        self.client, self.local = client, local  # local: the LocalCluster started for this run, if any
        self.run_id = uuid.uuid4().hex[:12]
        self.submitted = 0

    def run_tasks(self, tasks: Iterable[Task], settings: Settings) -> Iterator[Pair]:
        """``(task, outcome)`` pairs in input order (a :data:`wpclean.batch.run.Runner`)."""
        pending: deque[tuple[Future, list[Task]]] = deque()
        window = self._window()
        try:
            for chunk in chunked(map(for_workers, tasks), CHUNK_SIZE):
                pending.append((self._submit(chunk, settings), chunk))
                if self.submitted % WINDOW_REFRESH == 0:
                    window = self._window()
                while len(pending) >= window:
                    yield from self._take(*pending.popleft(), settings)
            while pending:
                yield from self._take(*pending.popleft(), settings)
        except BaseException:  # Ctrl-C, --fail-fast closing us, a lost cluster: drop the queued work
            self.client.cancel([future for future, _ in pending])
            raise

    def _window(self) -> int:
        threads = sum(self.client.nthreads().values())
        return IN_FLIGHT_PER_THREAD * max(threads, 1)

    def _submit(self, chunk: list[Task], settings: Settings) -> Future:
        self.submitted += 1
        key = f"wpclean-{self.submitted:08d}-{self.run_id}"  # named, so Dask need not hash the tasks
        return self.client.submit(process_chunk, chunk, settings, key=key)

    def _take(self, future: Future, chunk: list[Task], settings: Settings) -> Iterator[Pair]:
        try:
            outcomes = self._outcomes(future, chunk, settings)
        except Exception as error:  # the scheduler went away, the client was closed…
            from wpclean.batch.outputs import RunStopped

            reason = " ".join(str(error).split())  # one line
            raise RunStopped(
                f"the Dask cluster failed ({type(error).__name__}: {reason}); finished outputs are kept, rerun with --skip-existing"
            ) from None
        yield from zip(chunk, outcomes)

    def _outcomes(self, future: Future, chunk: list[Task], settings: Settings) -> list[Outcome]:
        from distributed import KilledWorker

        try:
            return future.result()
        except KilledWorker:  # Dask gave up on the chunk after workers died running it
            return [self._alone(task, settings) for task in chunk]

    def _alone(self, task: Task, settings: Settings) -> Outcome:
        """Rerun one task of a chunk that killed its workers: only the input at
        fault fails, as in the local pool."""
        from distributed import KilledWorker

        try:
            return self._submit([task], settings).result()[0]
        except KilledWorker:
            return Outcome(reason=WORKER_DIED)

    def close(self) -> None:
        """Disconnect (and stop a local cluster).  A client still trying to reach
        a lost scheduler logs a traceback when stopped: the run said it already."""
        import logging

        client_log = logging.getLogger("distributed.client")
        level = client_log.level
        client_log.setLevel(logging.CRITICAL)
        try:
            self.client.close()
        finally:
            client_log.setLevel(level)
        if self.local is not None:
            self.local.close()


def for_workers(task: Task) -> Task:
    """The task as a worker elsewhere reads it: a local path made absolute
    (workers do not share the client's working folder); labels stay as given."""
    if task.path is None or is_url(task.path) or os.path.isabs(task.path):
        return task
    return replace(task, path=os.path.abspath(task.path))


def connect(
    scheduler: str | None, jobs: int, settings: Settings, quiet: bool = False, timeout: float = CONNECT_TIMEOUT
) -> DaskEngine:
    """A :class:`DaskEngine` on the cluster at ``scheduler`` (given up on after
    ``timeout`` seconds), or on a local cluster of ``jobs`` processes;
    :class:`EngineError` when that cannot be."""
    if not dask_available():
        raise EngineError(f"--engine dask needs Dask, which is not installed: {INSTALL}")
    engine = _attach(scheduler, timeout) if scheduler else _start_local(jobs)
    try:
        check_workers(engine.client, settings)
    except EngineError:
        engine.close()
        raise
    if not quiet:
        sys.stderr.write(describe(engine) + "\n")
    return engine


def _attach(address: str, timeout: float = CONNECT_TIMEOUT) -> DaskEngine:
    from distributed import Client
    from distributed.comm import get_address_host_port
    from distributed.core import coerce_to_address

    try:
        get_address_host_port(
            coerce_to_address(address)
        )  # before Client: one that fails to parse hangs a minute when collected
    except (OSError, ValueError) as error:  # malformed
        raise EngineError(
            f"cannot reach the Dask scheduler at {address} ({error}); check --scheduler or DASK_SCHEDULER_ADDRESS"
        ) from None
    try:
        return DaskEngine(Client(address, set_as_default=False, timeout=timeout))
    except (OSError, ValueError) as error:  # refused, timed out (TimeoutError is an OSError)
        raise EngineError(
            f"cannot reach the Dask scheduler at {address} within {timeout:g} s ({error}); "
            "check --scheduler or DASK_SCHEDULER_ADDRESS (or raise --connect-timeout)"
        ) from None
    except Exception as error:  # something else answered there (not a Dask scheduler: garbage, MemoryError)
        raise EngineError(
            f"no Dask scheduler answered at {address} ({type(error).__name__}: {error}); "
            "check --scheduler or DASK_SCHEDULER_ADDRESS"
        ) from None


def _start_local(jobs: int) -> DaskEngine:
    from distributed import Client, LocalCluster

    try:  # a free port: the scheduler serves HTTP (the dashboard with bokeh) even with dashboard_address=None, on 8787 if it can
        local = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=":0")
    except Exception as error:
        raise EngineError(
            f"cannot start a local Dask cluster ({type(error).__name__}: {error}); give --scheduler ADDRESS, or use --engine local"
        ) from None
    return DaskEngine(Client(local, set_as_default=False), local)


def check_workers(client: Client, settings: Settings) -> None:
    """Every connected worker imports this wpclean, at this version (so the
    plans are the ones this version makes), and builds its converter now."""
    from wpclean.document import tool_version

    try:
        versions = client.run(worker_ready, settings)
    except Exception as error:  # typically ModuleNotFoundError: the workers' environment lacks wpclean
        raise EngineError(
            f"the Dask workers cannot run wpclean ({type(error).__name__}: {error}); install wpclean {tool_version()} in their environment"
        ) from None
    other = sorted({version for version in versions.values() if version != tool_version()})
    if other:
        raise EngineError(
            f"the Dask workers run wpclean {', '.join(other)}, this is {tool_version()}; install the same version on both, or the plans would differ"
        )


def worker_ready(settings: Settings) -> str:
    """Run on each worker before the batch: import the pipeline, build the
    converter, report the version."""
    from wpclean.document import tool_version

    warm_up(settings.options)
    return tool_version()


def describe(engine: DaskEngine) -> str:
    """One line for stderr: where the run goes, and where to watch it."""
    client = engine.client
    workers = client.nthreads()
    where = "a local Dask cluster" if engine.local is not None else f"the Dask scheduler at {client.scheduler.address}"
    line = f"wpclean: running on {where}: {len(workers)} workers, {sum(workers.values())} threads"
    if not workers:
        line += " (the run waits for workers to join)"
    if _has_dashboard(engine):
        line += f"; dashboard: {client.dashboard_link}"
    return line


def _has_dashboard(engine: DaskEngine) -> bool:
    if engine.local is not None:
        return importlib.util.find_spec("bokeh") is not None
    return "dashboard" in engine.client.scheduler_info().get("services", {})
