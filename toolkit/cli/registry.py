"""tct's sub-commands, imported and built only when used (click's "lazily loading subcommands" pattern).

Building a command means importing its module (and what that imports: the aligner, the locator, the
corpus writer...) and letting typer turn its signature into click parameters. `tct score` needs one
command, `tct --help` none: the command list is printed from the short help kept here, and a test
checks it against each command's own help, so the two cannot drift apart.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, MutableMapping
from dataclasses import dataclass
from typing import Any

import typer

try:  # typer >= 0.20 ships its own copy of click
    from typer._click import Command, Context, HelpFormatter
    from typer._click.utils import make_default_short_help
except ImportError:  # pragma: no cover - older typer uses click itself
    from click import Command, Context, HelpFormatter
    from click.utils import make_default_short_help

from toolkit.cli.common import TctGroup, TctTyper, _plain_metavars


@dataclass(frozen=True)
class LazyCommand:
    """Where a sub-command lives: `module.attribute` is a command function or a TctTyper app; `merged`
    apps (tct export, tct import) add their commands to the root, the others are a group of their own."""

    module: str
    attribute: str
    help: str  # the first paragraph of the command's help, for `tct --help`
    merged: bool = False

    def build(self, name: str) -> Command:
        """The click command, built as typer would have built it registered on the root app."""
        target = getattr(importlib.import_module(self.module), self.attribute)
        holder = TctTyper()
        if isinstance(target, typer.Typer):
            holder.add_typer(target, name=None if self.merged else name)
        else:
            holder.command(name)(target)
        command = typer.main.get_group(holder).commands[name]
        _plain_metavars(command)
        return command


# In the order `tct --help` has always listed them (commands, then groups, then the merged app's).
COMMANDS: dict[str, LazyCommand] = {
    "align": LazyCommand(
        "toolkit.cli.align",
        "align",
        "Split two texts into sentences and pair them (1-1, 1-2, 2-1, 2-2, 1-3, 3-1, and 1-0/0-1 for "
        "sentences with no counterpart), or align a corpus quote and write its <rendering>.align.toml.",
    ),
    "diff": LazyCommand(
        "toolkit.cli.diff",
        "diff",
        "Show a quote's original and rendering side by side, sentence by sentence, with the scorer's "
        "flags; or two renderings side by side (aligned through the original) with their word "
        "differences.",
    ),
    "lexicon": LazyCommand(
        "toolkit.cli.lexicon",
        "lexicon",
        "Translations of WORD with their probability and where the evidence comes from.",
    ),
    "locate": LazyCommand(
        "toolkit.cli.locate",
        "locate",
        "Find where QUOTE comes from in ORIGINAL, and what the original says around the cut.",
    ),
    "report": LazyCommand(
        "toolkit.cli.report",
        "report",
        "Write one self-contained HTML page (works offline, on a phone and on paper): an overview of "
        "every rendering by sentences checked and worst finding, then per quote a verdict (coverage, the "
        "deviations ranked by severity and meaning, fidelity per sentence) and the texts side by side "
        "with the findings marked on both sides, word diffs between renderings, and provenance.",
    ),
    "score": LazyCommand(
        "toolkit.cli.score",
        "score",
        "Score renderings for faithfulness to the original, with the reasons: omissions, additions, "
        "changed numbers, names and negations, interpolations, truncation, untranslated text.",
    ),
    "corpus": LazyCommand(
        "toolkit.cli.corpus",
        "app",
        "List, show, check, add, attach, remove and clean quotes of the corpus.",
    ),
    "export": LazyCommand(
        "toolkit.cli.formats",
        "app",
        "Export a quote's aligned sentences (one unit per bead) with its metadata.",
        merged=True,
    ),
    "import": LazyCommand(
        "toolkit.cli.formats",
        "app",
        "Create a quote folder (quote.toml, texts, alignments) from an exported file.",
        merged=True,
    ),
}


class LazyCommands(MutableMapping[str, Command]):
    """The root's command table: every name is there from the start, a command is built on first use."""

    def __init__(self, registry: dict[str, LazyCommand]) -> None:
        self._registry = registry
        self._built: dict[str, Command] = {}

    def __getitem__(self, name: str) -> Command:
        if name not in self._built:
            if name not in self._registry:
                raise KeyError(name)
            self._built[name] = self._registry[name].build(name)
        return self._built[name]

    def __setitem__(self, name: str, command: Command) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        self._built.pop(name, None)
        self._registry = {k: v for k, v in self._registry.items() if k != name}

    def __iter__(self) -> Iterator[str]:
        yield from self._registry
        yield from (name for name in self._built if name not in self._registry)

    def __len__(self) -> int:
        return len(set(self._registry) | set(self._built))

    def short_help(self, name: str) -> Callable[[int], str] | None:
        """The command's short help at a width, without building it (None once built or unknown)."""
        if name in self._built or name not in self._registry:
            return None
        text = self._registry[name].help
        return lambda limit: make_default_short_help(text, limit)


class LazyTctGroup(TctGroup):
    """The root command, whose sub-commands are imported only when one is run (or its help asked)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        table = LazyCommands(COMMANDS)
        for name, command in dict(self.commands).items():  # any registered the usual way stay as they are
            table[name] = command
        self.commands = table

    def _prepare(self) -> None:
        """Commands get their plain metavars as they are built (LazyCommand.build), not all up front."""

    def list_commands(self, ctx: Context) -> list[str]:
        """The names, without building the commands (typer's version reads the items)."""
        return list(self.commands)

    def format_commands(self, ctx: Context, formatter: HelpFormatter) -> None:
        """click's list of commands and their short help, from the registry for those not yet built."""
        table = self.commands
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            lazy = table.short_help(name) if isinstance(table, LazyCommands) else None
            if lazy is not None:
                rows.append((name, lazy(limit)))
                continue
            command = self.get_command(ctx, name)
            if command is None or command.hidden:
                continue
            rows.append((name, command.get_short_help_str(limit)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)
