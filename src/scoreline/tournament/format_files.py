"""Format files: the shipped editions, their templates, and reading one file with its template."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Any

from scoreline.errors import FormatError, InvalidParameterError


def _shipped_formats() -> tuple[str, ...]:
    folder = resources.files("scoreline.tournament") / "formats"
    names = [p.name[: -len(".yaml")] for p in folder.iterdir() if p.name.endswith(".yaml")]
    return tuple(sorted(names, key=lambda n: (re.sub(r"[0-9]+$", "", n), n)))


BUILTIN_FORMATS = _shipped_formats()
"""Names of the formats shipped with scoreline (``formats/<name>.yaml``), by competition and
year."""

def format_path(name_or_path: str | Path) -> Path:
    """The YAML file of a shipped format name (``wc2022``) or an existing file path.

    Raises
    ------
    InvalidParameterError
        Neither a shipped format nor an existing file.
    """
    text = str(name_or_path)
    if text.lower() in BUILTIN_FORMATS:
        ref = resources.files("scoreline.tournament") / "formats" / f"{text.lower()}.yaml"
        return Path(str(ref))
    path = Path(text)
    if path.is_file():
        return path
    raise InvalidParameterError(
        f"unknown tournament {text!r}: expected one of {', '.join(BUILTIN_FORMATS)} "
        "or the path of a format file (YAML)"
    )


def _template_path(name: str, edition: Path) -> Path:
    shipped = resources.files("scoreline.tournament") / "formats" / "templates" / f"{name}.yaml"
    if shipped.is_file():
        return Path(str(shipped))
    local = (edition.parent / name).resolve()
    if local.is_file():
        return local
    folder = resources.files("scoreline.tournament") / "formats" / "templates"
    known = sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))
    raise FormatError(
        f"{edition}: template: {name!r} is neither a shipped template ({', '.join(known)}) "
        "nor a file next to this one"
    )


def _read_yaml(path: Path) -> dict[str, Any]:
    import yaml  # here: the group tables of a story or a check need no format file (27 ms)

    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise FormatError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(raw, dict):
        raise FormatError(f"{path}: expected a mapping of format fields at the top level")
    return raw


def read_raw_format(path: Path) -> dict[str, Any]:
    """The raw mapping of a format file with its template (if any) merged in.

    The edition's keys replace the template's (a template names no edition: no dates,
    hosts or groups). A template may itself name a template.
    """
    raw = _read_yaml(path)
    seen = {path.resolve()}
    while "template" in raw:
        name = raw.pop("template")
        if not isinstance(name, str):
            raise FormatError(f"{path}: template: {name!r} is not a template name")
        tpath = _template_path(name, path)
        if tpath.resolve() in seen:
            raise FormatError(f"{path}: template: {name!r} names itself in a loop")
        seen.add(tpath.resolve())
        base = _read_yaml(tpath)
        for key in ("best_thirds", "best_placed"):
            thirds = base.get(key)
            if isinstance(thirds, dict) and "allocation_file" in thirds:
                # a template's table lives next to the template, wherever the edition is
                thirds["allocation_file"] = str(tpath.parent / str(thirds["allocation_file"]))
        if "draw" in raw:  # before the draw: the template's groups are not this edition's
            for key in ("groups", "groups_from_data", "settled_ties", "fair_play_points"):
                base.pop(key, None)
        base.update(raw)
        raw = base
    return raw

