"""Checking settings that come from a file (a scenario, the remembered session), field by
field, so every bad field is named at once and the good ones are kept. No Qt."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from ..i18n_marks import tr_noop
from .settings import Settings, SettingsError

__all__ = ["check_settings"]

_NAMES = tuple(f.name for f in fields(Settings))


def check_settings(values: dict[str, Any]) -> tuple[Settings, list[SettingsError]]:
    """The settings ``values`` describe, with every bad field set to its default.

    Each field is checked on its own (on the defaults); fields that are good alone
    but not together (``sequence = "file"`` with no file) are then refused as the
    whole settings' first problem, and the defaults are returned.

    Parameters
    ----------
    values
        Field names of :class:`Settings` and their values; other names are ignored.

    Returns
    -------
    settings, errors
        Valid settings, and one :class:`SettingsError` per field that was dropped.
    """
    kept: dict[str, Any] = {}
    errors: list[SettingsError] = []
    for name in _NAMES:
        if name not in values:
            continue
        alone = {name: values[name]}
        if name == "sequence" and values[name] == "file":
            alone["sequence_file"] = values.get("sequence_file") or "-"
        if name == "sequence" and values[name] == "text":
            alone["text"] = values.get("text") or "-"
        try:
            Settings(**alone).validate()
        except SettingsError as err:
            errors.append(err)
            continue
        except TypeError:  # a value of a type no check expects (a list for a number)
            errors.append(_wrong_type(name, values[name]))
            continue
        kept[name] = values[name]
    try:
        settings = Settings(**kept)
        settings.validate()
    except SettingsError as err:
        return Settings(), [*errors, err]
    except TypeError:
        return Settings(), [*errors, _wrong_type("", kept)]
    return settings, errors


def _wrong_type(name: str, value: Any) -> SettingsError:
    text = repr(value)
    return SettingsError(
        name,
        tr_noop("has a value of the wrong kind: {value}"),
        value=text if len(text) <= 60 else text[:57] + "...",
    )
