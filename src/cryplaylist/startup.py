"""Keeping Typer's optional machinery off the start-up path of every command.

**Values.** Typer converts the value of every parameter of the invoked command, given or
not, through a pydantic ``TypeAdapter`` that it builds on first use. Importing
pydantic and building one adapter per parameter costs more than everything else
``cryplaylist top 5`` does. The commands only use plain types (text, flags, whole
and decimal numbers, an enum, a path, lists of text), so :func:`install` gives each
such parameter a converter that handles the plainly valid values directly; any
other value goes to Typer's own converter, built only then, so that every error
message and every edge case stays Typer's.

**Help.** Typer's help renderer imports ``rich.markdown`` (with markdown-it) and
``rich.traceback`` (with pygments) when it loads, for the Markdown markup mode
and for pretty tracebacks, neither of which cryplaylist uses. :func:`import_help_renderer`
loads it with stand-ins that import the real classes only if they are ever used.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Callable, Sequence
from enum import Enum
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any, get_args, get_origin

from typer._coercion import RuntimeParam, build_runtime_param, resolve_type_descriptor
from typer._param_types import coerce_cli_choice, coerce_cli_path
from typer.core import _TyperParameter

_INT = re.compile(r"-?[0-9]{1,18}")
_FLOAT = re.compile(r"-?[0-9]{1,15}(?:\.[0-9]{1,15})?")


class _NotPlain(Exception):
    """The value is not one this module converts; Typer's converter decides."""


Convert = Callable[[Any, Any, Any], Any]  # (value, param, ctx) -> converted


def _number(kind: type, pattern: re.Pattern[str], info: Any) -> Convert:
    low, high = info.min, info.max

    def convert(value: Any, param: Any, ctx: Any) -> Any:
        if not isinstance(value, str) or not pattern.fullmatch(value) or info.clamp:
            raise _NotPlain
        number = kind(value)
        if (low is not None and number < low) or (high is not None and number > high):
            raise _NotPlain
        return number

    return convert


def _text(value: Any, param: Any, ctx: Any) -> Any:
    if not isinstance(value, str):
        raise _NotPlain
    return value


def _flag(value: Any, param: Any, ctx: Any) -> Any:
    if not isinstance(value, bool):
        raise _NotPlain
    return value


def _choice(choices: tuple[Any, ...], info: Any) -> Convert:
    def convert(value: Any, param: Any, ctx: Any) -> Any:
        try:
            return coerce_cli_choice(value, choices=choices, case_sensitive=info.case_sensitive, ctx=ctx)
        except ValueError:
            raise _NotPlain from None

    return convert


def _path(info: Any) -> Convert:
    def convert(value: Any, param: Any, ctx: Any) -> Any:
        if not isinstance(value, str) or not value or "\0" in value or info.path_type not in (None, Path):
            raise _NotPlain
        return coerce_cli_path(Path(value), info, path_type=Path, param=param, ctx=ctx)

    return convert


def _leaf(annotation: Any, info: Any) -> Convert | None:
    if info.parser is not None or getattr(info, "click_type", None) is not None:
        return None
    if annotation is str:
        return _text
    if annotation is bool:
        return _flag
    if annotation is int:
        return _number(int, _INT, info)
    if annotation is float:
        return _number(float, _FLOAT, info)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return _choice(tuple(annotation), info)
    if annotation is Path:
        return _path(info)
    return None


class PlainRuntimeParam(RuntimeParam):
    """Converts plain values directly; hands anything else to Typer's own converter."""

    def __init__(self, typer_param: _TyperParameter, convert: Convert, many: bool) -> None:
        descriptor = typer_param.type_descriptor
        super().__init__(parameter_info=descriptor.parameter_info, annotation=descriptor.annotation)
        object.__setattr__(self, "_convert", convert)
        object.__setattr__(self, "_many", many)

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        convert: Convert = self._convert  # type: ignore[attr-defined]
        try:
            if self._many:  # type: ignore[attr-defined]
                if not isinstance(value, (list, tuple)):
                    raise _NotPlain
                return [convert(item, param, ctx) for item in value]
            return convert(value, param, ctx)
        except _NotPlain:
            typer_own = build_runtime_param(resolve_type_descriptor(self.annotation, self.parameter_info))
            return typer_own._coerce_value(value, param=param, ctx=ctx)


def _plain(param: _TyperParameter) -> PlainRuntimeParam | None:
    descriptor = param.type_descriptor
    if descriptor.file_annotation is not None:
        return None
    annotation: Any = descriptor.annotation
    many = False
    if get_origin(annotation) is list:
        (annotation,), many = get_args(annotation), True
    convert = _leaf(annotation, descriptor.parameter_info)
    return None if convert is None else PlainRuntimeParam(param, convert, many)


def install(command: Any, help_names: Sequence[str] = ("--help",)) -> None:
    """Give every plain parameter of a command (and of its subcommands) the direct converter."""
    help_names = command.context_settings.get("help_option_names", help_names)
    # The help option is made on first use; make it now so that it gets the converter too.
    help_option = command.get_help_option(SimpleNamespace(help_option_names=help_names))
    for param in [*getattr(command, "params", ()), help_option]:
        if isinstance(param, _TyperParameter) and param._runtime_param is None:
            param._runtime_param = _plain(param)
    for sub in (getattr(command, "commands", None) or {}).values():
        install(sub, help_names)


class _Deferred(type):
    """A stand-in class: the real one (same name, in ``_module``) is imported on first use."""

    _module: str

    def _real(cls) -> Any:
        return getattr(importlib.import_module(cls._module), cls.__name__)

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        return cls._real()(*args, **kwargs)

    def __getattr__(cls, name: str) -> Any:
        return getattr(cls._real(), name)


_UNUSED_BY_HELP = (("rich.markdown", "Markdown"), ("rich.traceback", "Traceback"))


def import_help_renderer() -> None:
    """Import typer.rich_utils without the modules that help in the "rich" markup mode never uses."""
    if "typer.rich_utils" in sys.modules:
        return
    stand_ins: dict[str, ModuleType] = {}
    for module, name in _UNUSED_BY_HELP:
        if module not in sys.modules:
            stand_ins[module] = ModuleType(module)
            setattr(stand_ins[module], name, _Deferred(name, (), {"_module": module}))
    sys.modules.update(stand_ins)
    try:
        import typer.rich_utils  # noqa: F401
    finally:
        for module, stand_in in stand_ins.items():
            if sys.modules.get(module) is stand_in:
                del sys.modules[module]
