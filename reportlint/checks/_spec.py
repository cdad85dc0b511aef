"""How a check kind describes its options: type, whether required, default and a Chinese line
for rules/README.md (generated from these by :mod:`reportlint.formatters.kinds`)."""
from __future__ import annotations

from typing import NamedTuple

NUMBER = (int, float)


class Opt(NamedTuple):
    type: object  # a type or a tuple of types, as isinstance takes it
    required: bool = False
    default: object = None  # what the kind uses when the rule omits it (None: nothing / see doc)
    doc: str = ""  # Chinese: what the option means (shown to rule authors)
