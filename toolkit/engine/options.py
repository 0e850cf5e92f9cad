"""The command-line options every scalable command shares (--jobs, --engine, --scheduler, --chunk-size).

Only typer declarations live here, so `tct score` and `tct align --batch` spell and document them the same.
"""

from __future__ import annotations

from typing import Annotated

import typer

JobsOption = Annotated[
    int,
    typer.Option(
        "--jobs",
        "-j",
        min=0,
        help="Worker processes (local engine) or LocalCluster workers (dask engine without --scheduler); "
        "0 = one per core. Output is identical for any value.",
    ),
]
EngineOption = Annotated[
    str,
    typer.Option(
        "--engine",
        metavar="local|dask",
        help="local: this machine (--jobs processes); dask: a Dask cluster (LocalCluster, or --scheduler).",
    ),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="Address of a running Dask scheduler (e.g. tcp://10.0.0.5:8786), with --engine dask. "
        "Start one with `dask scheduler` and `dask worker ADDRESS` on each machine (tct installed on each).",
    ),
]
ChunkSizeOption = Annotated[
    int,
    typer.Option("--chunk-size", min=1, help="Lines sent to a worker at a time (memory stays flat)."),
]
