"""User-facing errors: one line that names the file and the problem, and an exit code."""

from __future__ import annotations

from pathlib import Path


class TctError(Exception):
    """A problem caused by the user's input, shown as `tct: PATH: problem` without a traceback."""

    def __init__(self, problem: str, path: str | Path | None = None, exit_code: int = 1) -> None:
        super().__init__(problem)
        self.problem = problem
        self.path = None if path is None else str(path)
        self.exit_code = exit_code

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}" if self.path else self.problem


class UsageError(TctError):
    """Bad options or arguments (exit code 2, like typer's own usage errors)."""

    def __init__(self, problem: str, path: str | Path | None = None) -> None:
        super().__init__(problem, path, exit_code=2)
