"""The template sandbox: Jinja2's immutable sandbox, with bounds on time and size.

Jinja2's sandbox stops templates reaching Python internals; it does not stop them using all
the time or memory there is (``{{ 9**999999999 }}``, ``{{ 'a' * 10**9 }}``,
``{{ 'x'|center(10**9) }}``, nested loops), nor changing objects passed in
(``{% set _ = hours.weekly.update({...}) %}``). Here:

* :class:`BoundedSandbox` is an :class:`~jinja2.sandbox.ImmutableSandboxedEnvironment` (no
  ``append``, ``update``, ``pop``... on lists, dicts and sets) whose ``**``, ``*`` and ``%``
  operators, string methods (``center``, ``ljust``, ``zfill``, ``replace``, ``format``...)
  and sizing filters refuse, *before* computing it, any result over :data:`MAX_VALUE_CHARS`
  characters or any number over :data:`MAX_INT_BITS` bits; ``lipsum`` is removed;
* :func:`frozen` turns the context into read-only copies (mappings become
  ``MappingProxyType``, lists tuples), so a template cannot change what the caller passed;
* :func:`bounded_render` streams the output, stops at :data:`MAX_OUTPUT_CHARS`, and stops a
  render running longer than :data:`RENDER_SECONDS` by raising :class:`RenderTimeout` in the
  rendering thread between two Python bytecodes (any thread, not only the main one; one
  operation cannot run long, as every expensive one is bounded above).
"""

from __future__ import annotations

import copy
import ctypes
import re
import string
import threading
import types
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

__all__ = ["MAX_INT_BITS", "MAX_OUTPUT_CHARS", "MAX_VALUE_CHARS", "RENDER_SECONDS",
           "BoundedSandbox", "RenderTimeout", "TooLong", "bounded_render", "frozen"]

#: Longest string or list any one template operation may build.
MAX_VALUE_CHARS = 100_000
#: Longest rendered reply.
MAX_OUTPUT_CHARS = 50_000
#: Largest integer a template may compute (a 4,096-bit number has 1,234 digits).
MAX_INT_BITS = 4096
#: Longest a render may take.
RENDER_SECONDS = 2.0


class RenderTimeout(BaseException):
    """Raised inside a render that ran too long. A BaseException so that no ``except
    Exception`` in a filter can swallow it."""


class TooLong(SecurityError):
    """A template operation or its output would be too large."""


def _refuse(what: str) -> TooLong:
    return TooLong(f"{what}: a template may build at most {MAX_VALUE_CHARS:,} characters and "
                   f"numbers of at most {MAX_INT_BITS:,} bits")


def _check_size(n: float, what: str) -> None:
    if n > MAX_VALUE_CHARS:
        raise _refuse(what)


def _bits(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        return 0
    return abs(value).bit_length()


def _sized(value: Any) -> int | None:
    if isinstance(value, (str, bytes, list, tuple)):
        return len(value)
    return None


_PERCENT_WIDTH = re.compile(r"%[-+ #0]*(\*|\d+)?(?:\.(\*|\d+))?")


def _check_percent(fmt: str, what: str) -> None:
    for match in _PERCENT_WIDTH.finditer(fmt):
        for group in match.groups():
            if group == "*":
                raise _refuse(f"{what} with a * width")
            if group and int(group) > MAX_VALUE_CHARS:
                raise _refuse(what)


_SPEC_NUMBERS = re.compile(r"\d+")


def _check_format(fmt: str, what: str) -> None:
    try:
        parsed = list(string.Formatter().parse(fmt))
    except ValueError:
        return  # str.format raises its own error
    for _literal, _field, spec, _conv in parsed:
        if not spec:
            continue
        if "{" in spec:
            raise _refuse(f"{what} with a nested width")
        if any(int(n) > MAX_VALUE_CHARS for n in _SPEC_NUMBERS.findall(spec)):
            raise _refuse(what)


def _binop_guard(op: str, left: Any, right: Any) -> None:
    if op == "**":
        if isinstance(right, int) and _bits(left) > 1 and right > 0 and \
                right * _bits(left) > MAX_INT_BITS:
            raise _refuse(f"{left!r:.20} ** {right!r:.20}")
        if isinstance(right, int) and abs(right) > MAX_INT_BITS and isinstance(left, int) \
                and abs(left) > 1:
            raise _refuse("a power")
    elif op == "*":
        for seq, n in ((left, right), (right, left)):
            size = _sized(seq)
            if size is not None and isinstance(n, int):
                _check_size(size * n, f"repeating {size:,} items {n:,} times")
        if _bits(left) + _bits(right) > MAX_INT_BITS:
            raise _refuse("a product")
    elif op == "%" and isinstance(left, str):
        _check_percent(left, "a % format")


def _method_guard(obj: Any, name: str, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> None:
    """Refuse string methods whose result would be too large, from their arguments."""
    if not isinstance(obj, str):
        return
    if name in ("center", "ljust", "rjust", "zfill") and args and isinstance(args[0], int):
        _check_size(args[0], f"str.{name}({args[0]:,})")
    elif name == "expandtabs":
        tab = args[0] if args else kwargs.get("tabsize", 8)
        if isinstance(tab, int):
            _check_size(len(obj) + obj.count("\t") * tab, f"str.expandtabs({tab:,})")
    elif name == "replace" and len(args) >= 2 and isinstance(args[0], str) \
            and isinstance(args[1], str):
        hits = obj.count(args[0]) if args[0] else len(obj) + 1
        _check_size(len(obj) + hits * len(args[1]), "str.replace")
    elif name in ("format", "format_map"):
        _check_format(obj, f"str.{name}")


def _filter_guard(name: str, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> None:
    """Refuse built-in filters whose result would be too large, from their arguments."""
    value = args[0] if args else None
    rest = args[1:]
    if name == "center":
        width = rest[0] if rest else kwargs.get("width", 80)
        if isinstance(width, int):
            _check_size(width, f"center({width:,})")
    elif name == "indent":
        width = rest[0] if rest else kwargs.get("width", 4)
        if isinstance(width, int) and isinstance(value, str):
            _check_size(len(value) + (value.count("\n") + 1) * width, f"indent({width:,})")
        elif isinstance(width, str) and isinstance(value, str):
            _check_size(len(value) + (value.count("\n") + 1) * len(width), "indent")
    elif name == "replace" and len(rest) >= 2 and isinstance(value, str):
        old, new = str(rest[0]), str(rest[1])
        hits = value.count(old) if old else len(value) + 1
        _check_size(len(value) + hits * len(new), "replace")
    elif name == "format" and isinstance(value, str):
        _check_percent(value, "format")
    elif name in ("wordwrap", "truncate"):
        pass  # never longer than their input (plus line breaks)


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with size bounds on every operation that can build something
    large from something small (see the module docs)."""

    intercepted_binops = frozenset(["**", "*", "%"])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals.pop("lipsum", None)  # lipsum(n=10**9) builds text without bound

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _binop_guard(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        target = getattr(obj, "__self__", None)
        if target is not None:
            _method_guard(target, getattr(obj, "__name__", ""), args, kwargs)
        return super().call(context, obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Any:
        owner = getattr(value, "__self__", None)
        if isinstance(owner, str):
            _check_format(owner, f"str.{getattr(value, '__name__', 'format')}")
        return super().wrap_str_format(value)

    def guard_filters(self) -> None:
        """Wrap every filter with the size guard; call after plugins added theirs."""
        for name, func in list(self.filters.items()):
            if getattr(func, "_brandvoice_guarded", False):
                continue
            self.filters[name] = _guarded_filter(name, func)


def _guarded_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    import functools

    @functools.wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        # Jinja passes the environment or context first to decorated filters; the guard
        # looks at the value and the filter's own arguments.
        plain = tuple(a for a in args if not _is_jinja_internal(a))
        _filter_guard(name, plain, kwargs)
        return func(*args, **kwargs)

    guarded._brandvoice_guarded = True  # type: ignore[attr-defined]
    return guarded


def _is_jinja_internal(value: Any) -> bool:
    from jinja2.environment import Environment
    from jinja2.nodes import EvalContext
    from jinja2.runtime import Context

    return isinstance(value, (Environment, Context, EvalContext))


def frozen(value: Any, _depth: int = 0) -> Any:
    """A read-only copy of a template context value: mappings become ``MappingProxyType``,
    lists and sets tuples and frozensets; other objects are deep-copied, so a template
    calling one of their methods cannot change the caller's."""
    if _depth > 50:
        raise ValueError("the template context is nested more than 50 levels deep")
    if isinstance(value, (str, bytes, int, float, bool, type(None))):
        return value
    if isinstance(value, Mapping):
        return types.MappingProxyType({k: frozen(v, _depth + 1) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(frozen(v, _depth + 1) for v in value)
    if isinstance(value, (set, frozenset)):
        return frozenset(frozen(v, _depth + 1) for v in value)
    try:
        return copy.deepcopy(value)
    except (TypeError, ValueError, AttributeError, copy.Error, RecursionError):
        # An object that cannot be copied is passed as is (the sandbox is still immutable).
        return value


_set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
_set_async_exc.argtypes = [ctypes.c_ulong, ctypes.py_object]
_clear_async_exc = ctypes.PYFUNCTYPE(ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p)(
    ("PyThreadState_SetAsyncExc", ctypes.pythonapi))


def bounded_render(chunks: Callable[[], Iterable[str]], seconds: float = RENDER_SECONDS,
                   max_chars: int = MAX_OUTPUT_CHARS) -> str:
    """Join the chunks a render generates, raising :class:`RenderTimeout` after ``seconds``
    and :class:`TooLong` past ``max_chars``."""
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False, "fired": False}

    def expire() -> None:
        with lock:
            if not state["done"]:
                state["fired"] = True
                _set_async_exc(ctypes.c_ulong(target), ctypes.py_object(RenderTimeout))

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    out: list[str] = []
    total = 0
    try:
        timer.start()
        try:
            for chunk in chunks():
                total += len(chunk)
                if total > max_chars:
                    raise TooLong(f"the reply would be longer than {max_chars:,} characters")
                out.append(chunk)
        finally:
            with lock:
                state["done"] = True
            timer.cancel()
    except RenderTimeout:
        raise RenderTimeout(f"rendering took longer than {seconds:g} s") from None
    if state["fired"]:
        # The exception was set but the render ended before it was delivered: deliver none.
        _clear_async_exc(target, None)
    return "".join(out)

