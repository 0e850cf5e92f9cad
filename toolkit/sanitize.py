"""Text from files made safe to show on a terminal: one sanitiser for every command that prints user text.

A title of `[/b]` must not be read as rich markup, and an ESC sequence in a text must not set the window title
or clear the screen: markup is escaped and control characters are shown as visible escapes (`\\x1b`).
"""

from __future__ import annotations

import re

from rich.markup import escape

# C0 controls except tab and newline, DEL, and C1 controls (U+0080-U+009F: 8-bit CSI and friends); also the
# bidirectional overrides, which can make a line read as something else.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible_controls(text: str) -> str:
    """Control characters as `\\xNN` / `\\uNNNN` escapes; everything else unchanged."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def terminal_safe(text: str) -> str:
    """For rich output: control characters made visible, then rich markup escaped."""
    return escape(visible_controls(text))
