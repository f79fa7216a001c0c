"""Refresh the translation catalogues from the sources, then compile them.

    .venv/bin/python scripts/update_translations.py

Runs ``pyside6-lupdate`` over every module of the package (``tr`` and
``tr_noop`` are the calls it collects), writing ``resources/i18n/*.ts``
without locations (so the files change only when a sentence does) and
without obsolete entries; then ``pyside6-lrelease`` compiles each to the
``.qm`` the app loads. Translate the new entries (Qt Linguist, or any editor:
a ``.ts`` is XML) and run this again.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "lstm_viz"
CATALOGUES = ROOT / "resources" / "i18n"
LANGUAGES = ("zh_CN",)
# How the package spells Qt's translation calls (see lstm_viz/i18n.py).
ALIASES = "QT_TR_NOOP+=tr_noop,tr+=_tr"
EXTRACOMMENT = re.compile(r"\n *<extracomment>.*?</extracomment>", re.S)


def tool(name: str) -> str:
    """A Qt tool installed beside this Python (the venv's bin folder)."""
    return str(Path(sys.executable).parent / name)


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in PACKAGE.rglob("*.py"))


def lupdate(ts: Path, *, keep_obsolete: bool = False) -> str:
    """Merge the sources' sentences into ``ts``; lupdate's report."""
    args = [tool("pyside6-lupdate"), "-locations", "none", "-tr-function-alias", ALIASES]
    args += ["-source-language", "en", "-target-language", ts.stem.removeprefix("lstm_viz_")]
    if not keep_obsolete:
        args.append("-no-obsolete")
    run = subprocess.run(
        [*args, *sources(), "-ts", str(ts)], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return run.stdout + run.stderr


def drop_code_comments(ts: Path) -> None:
    """Remove the ``<extracomment>``s lupdate makes of the code's ``#:`` doc comments:
    they document constants, not the sentence next to them, and would mislead."""
    text = ts.read_text(encoding="utf-8")
    ts.write_text(EXTRACOMMENT.sub("", text), encoding="utf-8")


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run(
        [tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True, cwd=ROOT
    )


def main() -> None:
    CATALOGUES.mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        ts = CATALOGUES / f"lstm_viz_{lang}.ts"
        print(lupdate(ts).strip())
        drop_code_comments(ts)
        lrelease(ts, ts.with_suffix(".qm"))
        print(f"compiled {ts.with_suffix('.qm').relative_to(ROOT)}")


if __name__ == "__main__":
    main()
