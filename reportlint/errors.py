"""Errors that reach the user. Every message is Chinese and names the file."""
from __future__ import annotations

from .vocab import EXIT_ERROR


class ReportlintError(Exception):
    """A problem with input, configuration or rule files. Maps to exit code 2."""

    exit_code = EXIT_ERROR

    def __init__(self, message: str, path: str | None = None):
        self.message = message
        self.path = path
        super().__init__(f"{path}：{message}" if path else message)

    def __str__(self) -> str:  # pragma: no cover - trivial
        return f"{self.path}：{self.message}" if self.path else self.message


class InputError(ReportlintError):
    """An input report cannot be read (missing, binary, unsupported, too large)."""


class RuleFileError(ReportlintError):
    """A rule or profile file is invalid."""

    def __init__(self, message: str, path: str | None = None, key: str | None = None):
        self.key = key
        if key:
            message = f"键“{key}”：{message}"
        super().__init__(message, path)


class ConfigError(ReportlintError):
    """A configuration file or option is invalid."""
