"""The scale engine: stream millions of line pairs or document pairs through tct on every core or a cluster.

`run_ordered` is the generic part (chunks in, results out in input order, bounded memory, three engines,
chosen by one `Workers` value);
`stream_lines` drives line-aligned files through a chunk function to an output file; `jobs` holds the
work units (score a chunk of rows, align one document pair).

Running on more than one machine (Dask)::

    # on the head node
    dask scheduler                      # prints the address, e.g. tcp://10.0.0.5:8786
    # on every machine that should compute (tct installed, same version, `pip install 'tct[dask]'`)
    dask worker tcp://10.0.0.5:8786 --nworkers 1 --nthreads 4   # or --nworkers N --nthreads 1
    # wherever the input files are
    tct score --src crawl.ru --hyp crawl.en --segments --json -o scores.jsonl \\
        --engine dask --scheduler tcp://10.0.0.5:8786

Input is read and output written by the machine running `tct`; workers only receive chunks of lines and
send back their results, so they need tct (and its lexicon data) but not the files. For `tct align
--batch`, workers read and write the listed files themselves, so those paths must be on storage every
worker sees (a shared file system) and are made absolute before they are sent. Without `--scheduler`,
`--engine dask` starts a LocalCluster with `--jobs` worker processes, which is useful to check that a job
runs the same way before sending it to a cluster; on one machine `--jobs N` is lighter.
"""

from __future__ import annotations

from toolkit.engine.lines import chunked, count_lines, iter_lines, iter_parallel_lines
from toolkit.engine.runner import ENGINES, Workers, default_jobs, ensure_initialised, run_ordered
from toolkit.engine.stream import stream_lines

__all__ = [
    "ENGINES",
    "Workers",
    "chunked",
    "count_lines",
    "default_jobs",
    "ensure_initialised",
    "iter_lines",
    "iter_parallel_lines",
    "run_ordered",
    "stream_lines",
]
