"""Write the corpus of broken and hostile input files under tests/data/hostile/.

Every file is small (the zip bombs declare gigabytes in a few hundred bytes), so the
corpus lives in the repository; run this again after changing it:

    .venv/bin/python scripts/make_hostile_corpus.py

``tests/engine/test_hostile_files.py`` reads every file with the loader its suffix
names and expects a one-line error of the loader's own type, quickly and with bounded
memory. ``MANIFEST`` below says what each file is and which words the error must use.
"""

from __future__ import annotations

import io
import json
import pickle
import struct
import sys
import zipfile
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "hostile"

#: File name → (what it is, a word the error message must contain).
MANIFEST: dict[str, tuple[str, str]] = {
    "utf16.csv": ("a table saved as UTF-16 with a byte-order mark", "UTF-16"),
    "binary.csv": ("a PNG image named .csv", "binary"),
    "nul_late.csv": ("UTF-8 text with a NUL byte after 10 kB", "binary"),
    "latin1.csv": ("a Latin-1 table", "UTF-8"),
    "long_line.csv": ("one 200 kB token with no separator", "too long"),
    "many_columns.csv": ("a line of 10 000 columns", "too many features"),
    "decimal_comma.csv": ("decimal commas between spaces: '1,5 2,5'", "decimal comma"),
    "only_header.csv": ("column names and no numbers", "only a header"),
    "empty.csv": ("no bytes at all", "empty"),
    "truncated.npz": ("a valid weight file cut in half", "corrupt"),
    "not_a_zip.npz": ("a CSV renamed .npz", "not an .npz"),
    "liar_header.npz": ("an .npy header claiming 10¹² float64 in 80 bytes", "claims shape"),
    "liar_small.npz": ("a header claiming 1000 floats over 10", "truncated"),
    "object_array.npz": ("a pickled object array", "unpickle"),
    "pickle_member.npz": ("a raw pickle (that would call os.system) as a member", "not a NumPy"),
    "zip_bomb.npz": ("a 64 MB junk member deflated to 64 kB beside real weights", "not a NumPy"),
    "zip_bomb_declared.npz": ("a member declaring 4 GB unpacked", "unpack"),
    "liar.safetensors": ("a header declaring 10⁶ × 10⁶ float64 over 8 bytes", "claims shape"),
    "header_too_long.safetensors": ("a header length of 2⁶⁰ bytes", "header length"),
    "deep.safetensors": ("a JSON header nested 100 000 deep", "corrupt"),
    "binary.safetensors": ("random bytes", "corrupt"),
    "deep.json": ("a vocabulary whose JSON is nested 100 000 deep", "nested too deeply"),
    "utf16.json": ("a vocabulary saved as UTF-16", "UTF-8"),
}


def _npz(members: dict[str, bytes], compress: bool = False) -> bytes:
    buffer = io.BytesIO()
    mode = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    with zipfile.ZipFile(buffer, "w", compression=mode) as archive:
        for name, data in members.items():
            # A fixed date, so the corpus is the same bytes on every run.
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = mode
            archive.writestr(info, data)
    return buffer.getvalue()


def _npy(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.lib.format.write_array(buffer, array, allow_pickle=True)
    return buffer.getvalue()


def _npy_header(shape: tuple[int, ...], data: bytes) -> bytes:
    """An .npy file whose header declares ``shape`` float64 but holds ``data``."""
    header = {"descr": "<f8", "fortran_order": False, "shape": shape}
    buffer = io.BytesIO()
    np.lib.format.write_array_header_1_0(buffer, header)  # the magic, then the header
    return buffer.getvalue() + data


def _weights() -> dict[str, bytes]:
    rng = np.random.default_rng(0)
    h, d = 3, 2
    return {
        "weight_ih_l0.npy": _npy(rng.standard_normal((4 * h, d))),
        "weight_hh_l0.npy": _npy(rng.standard_normal((4 * h, h))),
        "bias_ih_l0.npy": _npy(np.zeros(4 * h)),
        "bias_hh_l0.npy": _npy(np.zeros(4 * h)),
    }


class _Shell:
    """Unpickling this would run ``echo``: the payload a hostile weight file carries."""

    def __reduce__(self) -> tuple:
        import os

        return (os.system, ("echo pwned",))


def _declared_size(data: bytes, size: int) -> bytes:
    """Patch the first central-directory entry to declare ``size`` bytes unpacked."""
    at = data.index(b"PK\x01\x02")
    return data[: at + 24] + struct.pack("<I", size) + data[at + 28 :]


def _safetensors(header: object, data: bytes) -> bytes:
    text = json.dumps(header).encode()
    return struct.pack("<Q", len(text)) + text + data


def build() -> dict[str, bytes]:
    """Every corpus file's bytes, by name."""
    good = _npz(_weights())
    return {
        "utf16.csv": "x,y\n1,2\n3,4\n".encode("utf-16"),
        "binary.csv": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        "nul_late.csv": b"1,2\n" * 2600 + b"3,\x004\n",
        "latin1.csv": "1\n2\nca\u00e9\n".encode("latin-1"),
        "long_line.csv": b"1" * 200_000 + b"\n",
        "many_columns.csv": b",".join([b"1"] * 10_000) + b"\n",
        "decimal_comma.csv": b"1,5 2,5\n3,5 4,5\n",
        "only_header.csv": b"time,value\n",
        "empty.csv": b"",
        "truncated.npz": good[: len(good) // 2],
        "not_a_zip.npz": b"1,2\n3,4\n",
        "liar_header.npz": _npz({"weight_hh_l0.npy": _npy_header((10**12,), bytes(80))}),
        "liar_small.npz": _npz({"weight_hh_l0.npy": _npy_header((1000,), bytes(80))}),
        "object_array.npz": _npz({"weight_hh_l0.npy": _npy(np.array([_Shell()], dtype=object))}),
        "pickle_member.npz": _npz({**_weights(), "evil": pickle.dumps(_Shell())}),
        "zip_bomb.npz": _npz({"junk.npy": bytes(64 * 1024**2), **_weights()}, compress=True),
        "zip_bomb_declared.npz": _declared_size(_npz({"weight_hh_l0.npy": bytes(64)}), 2**32 - 1),
        "liar.safetensors": _safetensors(
            {"weight_hh_l0": {"dtype": "F64", "shape": [10**6, 10**6], "data_offsets": [0, 8]}},
            bytes(8),
        ),
        "header_too_long.safetensors": struct.pack("<Q", 2**60) + b"{}",
        "deep.safetensors": struct.pack("<Q", 200_000) + b"[" * 100_000 + b"]" * 100_000,
        "binary.safetensors": np.random.default_rng(1).bytes(4096),
        "deep.json": b"[" * 100_000 + b"]" * 100_000,
        "utf16.json": '{"a": 0, "b": 1}'.encode("utf-16"),
    }


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    files = build()
    assert set(files) == set(MANIFEST), "every corpus file is described in MANIFEST"
    for name, data in files.items():
        (OUT / name).write_bytes(data)
    print(f"wrote {len(files)} files to {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
