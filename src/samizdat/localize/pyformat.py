"""Python ``%`` format strings compared as ``msgfmt --check`` compares them (gettext's
``format-python.c``): the same named placeholders, or the same number and kinds of
unnamed ones, and nothing that ``%`` would reject at run time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_DIRECTIVE = re.compile(r"%(?:\(([^()]*(?:\([^()]*\)[^()]*)*)\))?([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?[hlL]?(.?)", re.DOTALL)
_KINDS = {"c": "character", "s": "string", "r": "string", **dict.fromkeys("iduoxX", "integer"), **dict.fromkeys("eEfgG", "float")}


class InvalidFormat(ValueError):
    pass


@dataclass
class Spec:
    named: dict[str, str] = field(default_factory=dict)  # name → kind ("any" for %.0s)
    unnamed: list[str] = field(default_factory=list)


def parse(text: str) -> Spec:
    """The placeholders of ``text``; raises :class:`InvalidFormat` with gettext's reason."""
    spec = Spec()
    position = 0
    while True:
        start = text.find("%", position)
        if start < 0:
            return spec
        match = _DIRECTIVE.match(text, start)
        if match is None or (text[start + 1 : start + 2] == "(" and match.group(1) is None):
            raise InvalidFormat("a '%(' placeholder has no closing ')'")
        name, _flags, width, precision, conversion = match.groups()
        position = match.end()
        if "*" in (width, precision):
            if spec.named:
                raise InvalidFormat("named and unnamed placeholders are mixed")
            spec.unnamed += ["integer"] * (width, precision).count("*")
        if conversion == "%":
            continue
        if conversion not in _KINDS:
            raise InvalidFormat("stray '%'" if conversion else "a '%' ends the string")
        kind = "any" if conversion in "sr" and precision and set(precision) == {"0"} else _KINDS[conversion]
        if name is None:
            if spec.named:
                raise InvalidFormat("named and unnamed placeholders are mixed")
            spec.unnamed.append(kind)
        else:
            if spec.unnamed:
                raise InvalidFormat("named and unnamed placeholders are mixed")
            known = spec.named.get(name)
            if known is not None and kind != known and "any" not in (kind, known):
                raise InvalidFormat(f"%({name}) is used as {known} and as {kind}")
            spec.named[name] = kind if known in (None, "any") else known


def mismatches(source: Spec, translation: Spec, strict: bool) -> list[str]:
    """Why ``translation`` cannot stand for ``source`` (empty when it can).

    ``strict`` (gettext's equality) also requires every placeholder of the source; plural
    forms used for a single number (English "one") may leave the number out.
    """
    if source.named and translation.unnamed:
        return ["has unnamed placeholders where the source names them"]
    if source.unnamed and translation.named:
        return ["names placeholders where the source has unnamed ones"]
    found = [f"lacks %({name})s" for name in sorted(set(source.named) - set(translation.named)) if strict]
    found += [f"has unknown %({name})s" for name in sorted(set(translation.named) - set(source.named))]
    found += [
        f"uses %({name}) as {kind}, the source as {source.named[name]}"
        for name, kind in translation.named.items()
        if name in source.named and not _compatible(source.named[name], kind, strict)
    ]
    if len(source.unnamed) != len(translation.unnamed):
        found.append(f"has {len(translation.unnamed)} unnamed placeholders, the source {len(source.unnamed)}")
    else:
        found += [
            f"uses placeholder {number} as {got}, the source as {want}"
            for number, (want, got) in enumerate(zip(source.unnamed, translation.unnamed), 1)
            if not _compatible(want, got, strict)
        ]
    return found


def _compatible(want: str, got: str, strict: bool) -> bool:
    return want == got or (not strict and "any" in (want, got))
