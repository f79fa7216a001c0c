"""Help → Tour: the notes' facts one chapter at a time, each set up in one click.

A chapter is a scenario file of ``resources/tour`` (see
:mod:`lstm_viz.state.tour`): choosing it puts its model, sequence, panel and
cursor on screen through :func:`~lstm_viz.app.scenarios.apply_scenario`, as
opening a lesson does, and shows its title and text in the current language.
The dialog is not modal: the window stays live beside it (play, step, hover).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..i18n import current_language, error_text, tr
from ..state.scenario_value import Scenario
from ..state.tour import chapter_files, read_chapter
from .scenarios import ScenarioHost, apply_scenario

__all__ = ["TourDialog", "show_tour"]


class TourDialog(QDialog):
    """The tour: a chapter chooser, the chapter's text, Back and Next.

    Signals
    -------
    chapter_shown(index)
        Chapter ``index`` (0-based) was put on screen.
    """

    chapter_shown = Signal(int)

    def __init__(self, host: ScenarioHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tourDialog")
        self.host = host
        self.files = chapter_files()
        self.chapters: list[Scenario | None] = []
        self.problems: list[str] = []
        for item in self.files:
            try:
                self.chapters.append(read_chapter(item))
                self.problems.append("")
            except (ValueError, OSError) as err:  # a broken file is said, not hidden
                self.chapters.append(None)
                self.problems.append(f"{item.name}: {error_text(err)}")
        self.index = -1
        self.chooser = QComboBox()
        self.chooser.activated.connect(self.show_chapter)
        self.counter = QLabel()
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.back = QPushButton()
        self.back.clicked.connect(lambda: self.show_chapter(self.index - 1))
        self.next = QPushButton()
        self.next.clicked.connect(lambda: self.show_chapter(self.index + 1))
        self.next.setDefault(True)
        top = QHBoxLayout()
        top.addWidget(self.chooser, 1)
        top.addWidget(self.counter)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.back)
        buttons.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.title)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)
        self.setMinimumWidth(420)
        self.resize(460, 360)
        self.retranslate()

    @property
    def count(self) -> int:
        return len(self.files)

    def retranslate(self) -> None:
        """Every word in the current language (the chapter shown stays as it is)."""
        self.setWindowTitle(tr("Tour of the notes"))
        self.back.setText(tr("◀ Back"))
        self.next.setText(tr("Next ▶"))
        language = current_language()
        self.chooser.clear()
        for k, scenario in enumerate(self.chapters):
            name = self.files[k].name if scenario is None else scenario.text_in(language)[0]
            self.chooser.addItem(tr("{n}. {title}").format(n=k + 1, title=name))
        self._show_text()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_chapter(self, index: int) -> bool:
        """Put chapter ``index`` (0-based) on screen; False if it cannot be (said in the text)."""
        if not 0 <= index < self.count:
            return False
        self.index = index
        scenario = self.chapters[index]
        ok = scenario is not None and apply_scenario(self.host, scenario)
        if scenario is not None and not ok:
            self.problems[index] = self.host.session.error_message()
        self._show_text()
        if ok:
            self.chapter_shown.emit(index)
        return ok

    def _show_text(self) -> None:
        k = self.index
        self.back.setEnabled(k > 0)
        self.next.setEnabled(k < self.count - 1)
        if k < 0:
            self.counter.setText(tr("{n} chapters").format(n=self.count))
            self.title.setText(tr("Tour of the notes"))
            self.text.setText(tr("Choose a chapter, or press Next to begin."))
            return
        self.chooser.setCurrentIndex(k)
        self.counter.setText(tr("Chapter {n} of {total}").format(n=k + 1, total=self.count))
        scenario = self.chapters[k]
        if scenario is None or self.problems[k]:
            self.title.setText(self.files[k].name)
            self.text.setText(self.problems[k])
            return
        title, intro = scenario.text_in(current_language())
        self.title.setText(title)
        self.text.setText(intro.strip())


def show_tour(
    window: QMainWindow,
    host: ScenarioHost,
    chapter: int | None = None,
    chapter_named: str | None = None,
) -> TourDialog:
    """Show the window's tour (made on first use), at ``chapter`` (0-based) or at the
    chapter whose file is ``chapter_named`` + ``.toml`` when given."""
    dialog = window.findChild(TourDialog)
    if dialog is None:
        dialog = TourDialog(host, window)
    dialog.show()
    dialog.raise_()
    if chapter_named is not None:
        names = [f.name for f in dialog.files]
        chapter = names.index(chapter_named + ".toml") if chapter_named + ".toml" in names else None
    if chapter is not None:
        dialog.show_chapter(chapter)
    return dialog
