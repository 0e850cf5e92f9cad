"""Turning a parameter's command-line value into its Python value without importing pydantic.

typer (0.29) converts every value through a pydantic TypeAdapter built per parameter on first use, even a
default of None or a string that stays a string: running `tct score --src S --hyp H` imports pydantic and
builds nineteen adapters, about as long as scoring the pair. Here the values a plain string, path, number
or flag can take are converted as typer's adapters convert them (the path check is typer's own
`coerce_cli_path`); any other value or annotation goes to typer's own conversion, unchanged.
tests/test_startup.py compares the two over every parameter of every command.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args, get_origin

try:  # typer >= 0.29 converts through pydantic; older ones use click's types, and this module does nothing
    from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param
    from typer._param_types import coerce_cli_path, lenient_issubclass, routes_to_path
except ImportError:  # pragma: no cover - another typer
    RuntimeParam = TypeDescriptor = None  # type: ignore[assignment,misc]

_SLOW = object()  # "leave it to typer"


def _leaf(annotation: Any, descriptor: TypeDescriptor, value: Any, param: Any, ctx: Any) -> Any:
    info = descriptor.parameter_info
    if annotation is str and type(value) is str:
        return value
    if annotation is bool and type(value) is bool:
        return value
    if annotation in (int, float) and type(value) is annotation and not info.clamp:
        if (info.min is None or value >= info.min) and (info.max is None or value <= info.max):
            return value
        return _SLOW
    if routes_to_path(annotation, info) and type(value) is str and value and "\x00" not in value:
        path_type = info.path_type
        if path_type is None and lenient_issubclass(annotation, Path):
            path_type = annotation
        if lenient_issubclass(path_type, Path):
            value = path_type(value)  # what pydantic's lax Path validation does with a string
        return coerce_cli_path(value, info, path_type=path_type, param=param, ctx=ctx)
    return _SLOW


def fast_value(descriptor: TypeDescriptor, value: Any, param: Any, ctx: Any) -> Any:
    """The converted value, or _SLOW when typer's adapter must decide (errors, choices, numbers as text)."""
    if descriptor.file_annotation is not None or descriptor.parameter_info.parser is not None:
        return _SLOW
    annotation = descriptor.annotation
    if get_origin(annotation) is list:
        (item_type,) = get_args(annotation) or (Any,)
        items = value if isinstance(value, (list, tuple)) else [value]
        out = [_leaf(item_type, descriptor, item, param, ctx) for item in items]
        return _SLOW if any(item is _SLOW for item in out) else out
    return _leaf(annotation, descriptor, value, param, ctx)


@dataclass(frozen=True)
class LightRuntimeParam(RuntimeParam or object):  # type: ignore[misc]
    """typer's runtime conversion for one parameter, with the common cases done here (see module doc)."""

    descriptor: TypeDescriptor

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        converted = fast_value(self.descriptor, value, param, ctx)
        if converted is _SLOW:
            return build_runtime_param(self.descriptor)._coerce_value(value, param=param, ctx=ctx)
        return converted


def light_param(param: Any) -> None:
    """Give one typer parameter the light conversion, unless it has its conversion already."""
    descriptor = getattr(param, "type_descriptor", None)
    if RuntimeParam is not None and descriptor is not None and getattr(param, "_runtime_param", "") is None:
        param._runtime_param = LightRuntimeParam(
            parameter_info=descriptor.parameter_info, annotation=descriptor.annotation, descriptor=descriptor
        )


class LightParams:
    """Mixin for typer's command and group classes: the parameters click is about to process (the help
    option included, which click makes on demand) get the light conversion."""

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            light_param(param)
        return params
