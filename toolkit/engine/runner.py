"""Run one function over a stream of chunks and get the results back in input order.

Three engines share one contract (same results, same order, bounded memory):

* ``local`` with ``jobs=1``: in this process, no pickling, the reference behaviour;
* ``local`` with ``jobs>1``: a pool of worker processes on this machine;
* ``dask``: a Dask cluster, either a LocalCluster started here or a running scheduler given by address.

At most ``max_in_flight`` chunks are submitted and not yet handed back, so memory stays flat however long
the input is. ``func`` and ``initializer`` must be importable top-level functions (or ``functools.partial``
of one) so that worker processes and remote machines can unpickle them; every worker must have tct installed.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from toolkit.errors import TctError, UsageError

ENGINES = ("local", "dask")

_initialised: set[str] = set()
_init_lock = threading.Lock()


def _initialiser_key(initializer: Callable[[], Any]) -> str:
    if hasattr(initializer, "__qualname__"):
        return f"{initializer.__module__}.{initializer.__qualname__}"
    return repr(initializer)  # e.g. a functools.partial


def ensure_initialised(initializer: Callable[[], Any] | None) -> None:
    """Call `initializer` once per process (e.g. load the lexicon), however many chunks the process runs.

    Doing it lazily inside the task, not only through the pool's initializer hook, means Dask workers that
    join a cluster late are initialised too.
    """
    if initializer is None:
        return
    key = _initialiser_key(initializer)
    if key in _initialised:
        return
    with _init_lock:
        if key not in _initialised:
            initializer()
            _initialised.add(key)


@dataclass(frozen=True)
class _Failure:
    """A user error raised in a worker, carried back as data (TctError loses its path when pickled)."""

    problem: str
    path: str | None
    exit_code: int


@dataclass(frozen=True)
class _Task:
    """What a worker runs: initialise once, then apply `func` to one chunk."""

    func: Callable[[Any], Any]
    initializer: Callable[[], Any] | None = None

    def __call__(self, chunk: Any) -> Any:
        ensure_initialised(self.initializer)
        try:
            return self.func(chunk)
        except TctError as exc:
            return _Failure(exc.problem, exc.path, exc.exit_code)


def _unwrap(result: Any) -> Any:
    if isinstance(result, _Failure):
        raise TctError(result.problem, result.path, result.exit_code)
    return result


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def check_engine_options(jobs: int, engine: str, scheduler: str | None) -> int:
    """Refuse impossible settings before any work starts; return the number of workers (0 = one per core)."""
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if jobs < 0:
        raise UsageError(f"--jobs must be 0 (one per core) or more, got {jobs}")
    if scheduler and engine != "dask":
        raise UsageError("--scheduler goes with --engine dask")
    return jobs or default_jobs()


@dataclass(frozen=True)
class Workers:
    """Where the work runs, as one value handed from the entry points (`score_files`, `align_batch`) down to
    `run_ordered`: `engine`, `jobs` (worker processes of the local engine, workers of Dask's LocalCluster;
    0 = one per core), a running Dask `scheduler`'s address, the workers' `initializer` and `cluster_options`
    for ``LocalCluster``."""

    jobs: int = 1
    engine: str = "local"
    scheduler: str | None = None
    initializer: Callable[[], Any] | None = None
    cluster_options: dict[str, Any] | None = None

    def check(self) -> int:
        """Refuse impossible settings before any work starts; return the number of workers."""
        return check_engine_options(self.jobs, self.engine, self.scheduler)


IN_PROCESS = Workers()


def run_ordered(
    func: Callable[[Any], Any],
    chunks: Iterable[Any],
    workers: Workers = IN_PROCESS,
    max_in_flight: int | None = None,
) -> Iterator[Any]:
    """Yield ``func(chunk)`` for every chunk, in the order of `chunks`, whatever engine computes them.

    `chunks` is consumed lazily: no more than `max_in_flight` (default: twice the number of workers)
    chunks are read ahead of the consumer. `workers` says where they run (`Workers`; its `jobs` is ignored
    when its `scheduler` names a running cluster; tests pass ``cluster_options={"processes": False}`` for a
    quick in-process cluster). A TctError raised by `func` in a worker is raised here again with its file
    name.
    """
    jobs = workers.check()
    task = _Task(func, workers.initializer)
    if workers.engine == "dask":
        options = workers.cluster_options or {}
        yield from _run_dask(task, chunks, jobs, workers.scheduler, max_in_flight, options)
    elif jobs == 1:
        for chunk in chunks:
            yield _unwrap(task(chunk))
    else:
        yield from _run_processes(task, chunks, jobs, max_in_flight)


def _ordered(submit: Callable[[Any], Any], chunks: Iterable[Any], limit: int) -> Iterator[Any]:
    """Submit chunks while fewer than `limit` are pending; hand results back oldest first."""
    pending: deque[Any] = deque()
    try:
        for chunk in chunks:
            pending.append(submit(chunk))
            if len(pending) >= limit:
                yield _unwrap(pending.popleft().result())
        while pending:
            yield _unwrap(pending.popleft().result())
    finally:
        for future in pending:
            future.cancel()


def _run_processes(task: _Task, chunks: Iterable[Any], jobs: int, max_in_flight: int | None) -> Iterator[Any]:
    # "spawn" rather than fork: the parent may run threads (progress bar, Dask), and fork with threads can
    # deadlock; it is also what macOS and Windows do, so every platform behaves the same.
    # Imported here: a process pool is only wanted with --jobs > 1, and these cost start-up time.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("spawn")
    initializer = _EagerInit(task.initializer)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=initializer) as pool:
        try:
            yield from _ordered(lambda chunk: pool.submit(task, chunk), chunks, max_in_flight or 2 * jobs)
        except BrokenProcessPool:
            raise TctError(
                "a worker process died (out of memory or killed?); try fewer --jobs or a smaller --chunk-size"
            ) from None


@dataclass(frozen=True)
class _EagerInit:
    """Load the worker's resources as soon as it starts, while the parent is still reading input."""

    initializer: Callable[[], Any] | None

    def __call__(self) -> None:
        # Ctrl-C is the parent's to handle: it stops submitting and shuts the pool down, while workers
        # that also got SIGINT would each print a traceback.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
        ensure_initialised(self.initializer)


def _exit_with_parent(parent: int) -> None:
    """End this worker when the parent is gone (killed with SIGTERM or SIGKILL), instead of lingering."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _run_dask(
    task: _Task,
    chunks: Iterable[Any],
    jobs: int,
    scheduler: str | None,
    max_in_flight: int | None,
    cluster_options: dict[str, Any],
) -> Iterator[Any]:
    import logging

    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise UsageError("--engine dask needs Dask: pip install 'tct[dask]' (dask and distributed)") from None
    cluster = None
    if scheduler:
        try:
            client = Client(scheduler, timeout="15s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise TctError(f"cannot connect to the Dask scheduler: {exc}", scheduler) from None
    else:
        options = {
            "n_workers": jobs,
            "threads_per_worker": 1,
            "dashboard_address": ":0",  # a free port: never clash with another cluster
            "silence_logs": logging.ERROR,
        }
        options.update(cluster_options)
        cluster = LocalCluster(**options)
        client = Client(cluster)
    try:
        if max_in_flight is None:
            threads = sum(client.nthreads().values()) or jobs
            max_in_flight = 2 * threads
        counter = iter(range(1 << 62))
        token = os.urandom(6).hex()

        def submit(chunk: Any) -> Any:
            # pure=False with a unique key: identical chunks (repeated lines) are still separate tasks.
            return client.submit(task, chunk, pure=False, key=f"tct-chunk-{token}-{next(counter)}")

        yield from _ordered(submit, chunks, max_in_flight)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
