"""Exceptions: ``Error`` (the base) and ``ValidationError`` (a ``ValueError``) with core's codes;
``GiamngheoWarning`` for what is reported without stopping the work."""

from __future__ import annotations

import importlib
from typing import Any, Dict, List, Mapping, Sequence

__all__ = ["Error", "GiamngheoWarning", "ValidationError"]


class Error(Exception):
    """Base class of every error giamngheo raises (besides ``TypeError`` for a wrong Python type)."""


class ValidationError(Error, ValueError):
    """The input breaks one or more of core's rules.

    ``errors()`` lists each problem as a dict in core's shape, the same as JSON and JS give:
    ``code`` (stable, e.g. ``income_negative``), ``path`` (a JSON pointer into the input, or
    ``/<column>/<row>`` in a batch) and ``message`` (``{"vi": ..., "en": ...}``); a batch error
    also has ``row``. ``message_vi`` and ``message_en`` are flat copies of the message, kept for
    callers of earlier releases.
    """

    def __init__(self, errors: List[Dict[str, Any]], title: str = "giamngheo") -> None:
        self._errors = [dict(e) for e in errors]
        self.title = title
        super().__init__(self._summary())

    def errors(self) -> List[Dict[str, Any]]:
        """Each error: ``code``, ``path``, ``message`` ``{vi, en}`` (and ``row`` in a batch)."""
        return [dict(e) for e in self._errors]

    def error_count(self) -> int:
        return len(self._errors)

    def codes(self) -> List[str]:
        """The error codes, in order."""
        return [str(e["code"]) for e in self._errors]

    def rows(self) -> List[int]:
        """The row indices of a batch's bad rows (sorted, without repeats)."""
        return sorted({int(e["row"]) for e in self._errors if "row" in e})

    def _summary(self) -> str:
        n = len(self._errors)
        head = f"{n} validation error{'s' if n != 1 else ''} ({self.title})"
        shown = self._errors[:20]
        lines = [head]
        for e in shown:
            where = e.get("path") or "/"
            lines.append(f"  {e['code']} at {where}: {e['message_en']}")
            lines.append(f"    {e['message_vi']}")
        if n > len(shown):
            lines.append(f"  ... and {n - len(shown)} more (see .errors())")
        return "\n".join(lines)

    def __reduce__(self) -> Any:
        return (type(self), (self._errors, self.title))


class GiamngheoWarning(UserWarning):
    """Something in the input is reported, not an error: e.g. columns of a table that are
    indicators of another standard, which the standard applied does not use. The message is
    core's, English then Vietnamese; ``message_en``, ``message_vi`` and ``columns`` hold its parts.
    """

    message_en: str
    message_vi: str
    columns: List[str]

    def __init__(self, message: Mapping[str, str], columns: Sequence[str] = ()) -> None:
        self.message_en = str(message["en"])
        self.message_vi = str(message["vi"])
        self.columns = list(columns)
        super().__init__(f"{self.message_en}\n{self.message_vi}")

    def __reduce__(self) -> Any:
        return (type(self), ({"en": self.message_en, "vi": self.message_vi}, self.columns))


def import_optional(module: str, extra: str, needed_by: str) -> Any:
    """Imports an optional dependency (pandas, polars...) when a call needs it. When it is not
    installed, the ``ModuleNotFoundError`` (an ``ImportError``) names the call and the extra that
    brings it: ``pip install "giamngheo[pandas]"``; numpy is the wheel's only requirement."""
    try:
        return importlib.import_module(module)
    except ImportError as e:
        missing = isinstance(e, ModuleNotFoundError) and (e.name or module).split(".")[0] == module
        what = "which is not installed" if missing else f"which failed to import ({e})"
        raise ModuleNotFoundError(
            f"{needed_by} needs {module}, {what}: pip install \"giamngheo[{extra}]\" (or pip install {module})",
            name=module,
        ) from e
