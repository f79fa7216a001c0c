"""Recognising numbers in a table's fields: decimals, signs and their look-alikes, commas.

The table reader (:mod:`.text`) and the column preview (:mod:`.text_file`) ask these
questions of each field; the window's column chooser asks :func:`is_number`. Every
pattern runs in linear time: no two quantifiers can match the same text, and the
possessive ones (``\\d++``) never give back what they matched.
"""

from __future__ import annotations

import re

__all__ = [
    "DECIMAL_COMMA",
    "DIGITS_COMMA_DIGITS",
    "NON_FINITE",
    "NUMBER",
    "SPACED_VALUES",
    "can_be_data",
    "is_number",
    "is_number_like",
    "signs",
]

#: A plain decimal number. Stricter than float(), which also takes "1_000" and "nan".
NUMBER = re.compile(r"[+-]?(?:\d++(?:\.\d*+)?|\.\d++)(?:[eE][+-]?\d++)?")
#: The spellings of NaN and ±inf: numbers, just not finite ones.
NON_FINITE = frozenset(
    sign + word for sign in ("", "+", "-") for word in ("nan", "inf", "infinity")
)
#: A comma between two runs of digits ("1,5"): a separator, or a decimal comma.
DIGITS_COMMA_DIGITS = re.compile(r"(?<![\d.])(\d++),(\d++)(?![\d.eE])")
#: Values separated by spaces ("1,5 2,5"): their commas are decimal commas.
SPACED_VALUES = re.compile(r"\d[ \t]++[+-]?\d")
#: A number written with a decimal comma, as a ';'-separated table writes it.
DECIMAL_COMMA = re.compile(r"([+-]?\d++),(\d++(?:[eE][+-]?\d++)?)")
# What a value starts with: a first row with such a field is data, never a header.
_NUMERIC_START = re.compile(r"[+-]?\.?\d")
# Characters that look like a minus or plus sign (word processors and spreadsheets write
# U+2212 MINUS SIGN; en dashes and full-width forms come from copying out of documents).
_SIGNS = str.maketrans(
    dict.fromkeys("\u2212\u2010\u2011\u2012\u2013\u2014\u2015\ufe58\ufe63\uff0d\u02d7\u2796", "-")
    | dict.fromkeys("\uff0b\ufe62", "+")
)


def signs(token: str) -> str:
    """``token`` with dash and plus look-alikes replaced by ASCII signs."""
    return token if token.isascii() else token.translate(_SIGNS)


def is_number_like(token: str) -> bool:
    """True for decimals and for nan/inf spellings (which are numbers, just not finite)."""
    return bool(NUMBER.fullmatch(token)) or token.lower() in NON_FINITE


def is_number(text: str) -> bool:
    """Whether ``text`` is a value the table reader takes as a (finite-looking) number."""
    return bool(NUMBER.fullmatch(signs(text.strip())))


def can_be_data(token: str) -> bool:
    """Whether a first-row field rules out a header: a number, or starts like one."""
    return is_number_like(token) or bool(_NUMERIC_START.match(token))
