"""Typed settings, in one place.

* :class:`Overrides` — what a caller asks for on top of the configuration files: built by the
  commands from their arguments and by the Python API from its keyword arguments (``None``
  means “not given”); :func:`reportlint.config.resolve` layers it over defaults and files.
* :class:`Options` — what checking one file needs besides the rules, as resolved for that file
  (:meth:`reportlint.config.Config.options_for`).
* :func:`parse_selectors` — the one parser of rule selectors (``"PH,WM001"``, ``["PH"]``).

Both classes are frozen: they travel to worker processes and into cache keys unchanged.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional, Union

Selectors = Optional[Union[Iterable[str], str]]  # ["PH", "WM001"] or "PH,WM001"
_SPLIT = re.compile(r"[,，\s]+")


def parse_selectors(value: Selectors) -> list[str] | None:
    """Rule codes or prefixes, kept as written (selectors are case-sensitive, as in ruff; unknown
    ones are rejected by :func:`reportlint.config.check_codes`): a string is split at commas (also
    full-width) and white space; a list keeps its items (each stripped). None stays None.

    >>> parse_selectors("PH, WM001，CL")
    ['PH', 'WM001', 'CL']
    >>> parse_selectors(["PH ", "", "wm"])
    ['PH', 'wm']
    """
    if value is None:
        return None
    items = _SPLIT.split(value) if isinstance(value, str) else list(value)
    return [v.strip() if isinstance(v, str) else v for v in items if not isinstance(v, str) or v.strip()]


def _tuple(v):
    return None if v is None else tuple(v)


@dataclass(frozen=True)
class Options:
    """What a check run needs besides the rules (everything a config file can set), for one file.

    ``select`` None means the rule set's defaults; ``severity`` maps codes or prefixes to a level.
    Lists given to the constructor are stored as tuples.
    """

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    profile: str | None = None
    year: int | None = None
    max_bytes: int | None = None
    classify: bool = True

    def __post_init__(self):
        set_ = object.__setattr__
        set_(self, "select", _tuple(self.select))
        set_(self, "ignore", tuple(self.ignore))
        set_(self, "extend_select", tuple(self.extend_select))
        sev = self.severity.items() if isinstance(self.severity, dict) else self.severity
        set_(self, "severity", tuple(sev))

    @property
    def severity_map(self) -> dict[str, str]:
        return dict(self.severity)


@dataclass(frozen=True)
class Overrides:
    """Settings given by a caller (command line or Python API); None = not given, use the file's.

    ``config``: an explicit configuration file; ``isolated``: read no configuration file;
    ``rules``: extra rule folders (absolute paths); ``max_size`` in MB.
    """

    config: str | None = None
    isolated: bool = False
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    severity: tuple[tuple[str, str], ...] | None = None
    rules: tuple[str, ...] | None = None
    profile: str | None = None
    year: int | None = None
    fail_on: str | None = None
    format: str | None = None
    jobs: int | None = None
    max_size: float | None = None
    executor: str | None = None  # "local" or "dask"
    scheduler: str | None = None  # a Dask scheduler address, tcp://HOST:PORT
    ship_files: bool | None = None  # ship file bytes to the cluster instead of sharing a folder

    # the settings that go into the [executor] table: Overrides field -> key in that table
    EXECUTOR = {"executor": "kind", "scheduler": "scheduler", "ship_files": "ship-files"}

    def __post_init__(self):
        for name in ("select", "extend_select", "ignore", "rules"):
            object.__setattr__(self, name, _tuple(getattr(self, name)))
        if isinstance(self.severity, dict):
            object.__setattr__(self, "severity", tuple(self.severity.items()))

    # the settings config.resolve copies as they are: Overrides field -> configuration key
    SCALARS = {"profile": "profile", "year": "year", "fail_on": "fail-on", "format": "format",
               "jobs": "jobs", "max_size": "max-size"}


NO_OVERRIDES = Overrides()
