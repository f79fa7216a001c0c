"""The settings panel: widgets that ask the session for changes and mirror its settings.

The panel holds no truth: every edit becomes ``session.apply(field=value)``,
and the widgets are rewritten from ``session.latest`` after each change
(with their signals blocked, so writing back never triggers another change).
A rejected change shows its message inline and the widgets return to the
last good settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..engine.data.sequences import PRESET_TITLES, PRESETS, input_size_for
from ..engine.data.text import is_number
from ..engine.data.text_file import read_columns
from ..engine.data.value import SequenceError
from ..i18n import error_text, say, tr
from ..i18n_marks import Sentence
from ..state.limits import INIT_TITLES, LABELS, RANGES
from ..state.settings import Settings, own_weights_sequence
from .cell_chooser import CellChooser
from .columns_dialog import ask_columns
from .combos import choice_combo, set_item_texts
from .lesson_locks import LessonLocks, Row, setting_name
from .number_box import NumberBox
from .session import Session
from .text_box import TextBox
from .trained_toggle import TrainedToggle
from .weights_area import WeightsArea

#: The settings that decide which sequence runs: when any of them changes from
#: outside the custom editor (a scenario, a preset), the editor closes.
_SEQUENCE_FIELDS = ("sequence", "custom_text", "sequence_file", "sequence_columns")
#: Another weight file (or none) starts from the cell that reads the input.
_FIRST_CELL = {"layer": 0, "direction": "forward"}


class SettingsPanel(QWidget):
    """Model, sequence and initialisation controls for one :class:`Session`.

    Every text is set by :meth:`retranslate` (and the texts drawn from the
    settings by :meth:`sync`), so a change of language rewrites them in place.
    """

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("settingsPanel")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        def add_row(field: QWidget | QHBoxLayout) -> QLabel:
            """A form row: its label (text set by retranslate), then ``field``."""
            label = QLabel()
            if isinstance(field, QWidget):
                label.setBuddy(field)  # as addRow(text, field) would
            form.addRow(label, field)
            return label

        self.model = choice_combo("model")
        self.model_label = add_row(self.model)

        self.hidden = NumberBox(RANGES["hidden_size"])
        self.hidden_label = add_row(self.hidden)

        self.sequence = choice_combo("sequence")
        self.sequence_label = add_row(self.sequence)

        self.sequence_note = QLabel()
        self.sequence_note.setWordWrap(True)
        self.sequence_note.setObjectName("hint")
        form.addRow(self.sequence_note)

        self.custom_text = QPlainTextEdit()
        self.custom_text.setMaximumHeight(110)
        self.custom_apply = QPushButton()
        form.addRow(self.custom_text)
        form.addRow(self.custom_apply)

        self.file_label = QLabel()
        self.file_label.setWordWrap(True)
        self.file_button = QPushButton()
        form.addRow(self.file_label, self.file_button)
        self.columns_button = QPushButton()
        form.addRow(self.columns_button)

        self.text_box = TextBox(session)
        self.tokenizer = self.text_box.tokenizer  # each of CHOICES has its box by name
        form.addRow(self.text_box)

        self.input_size = NumberBox(RANGES["input_size"])
        self.input_size_label = add_row(self.input_size)

        self.length = NumberBox(RANGES["length"])
        self.length_label = add_row(self.length)

        self.seed = NumberBox(RANGES["seed"])
        self.seed_label = add_row(self.seed)

        self.init = choice_combo("init")
        self.init_label = add_row(self.init)

        self.scale_on = QCheckBox()
        self.scale = NumberBox(RANGES["recurrent_scale"])
        row = QHBoxLayout()
        row.addWidget(self.scale_on)
        row.addWidget(self.scale, 1)
        self.scale_label = add_row(row)

        self.bias_on = QCheckBox()
        self.forget_bias = NumberBox(RANGES["forget_bias"])
        row = QHBoxLayout()
        row.addWidget(self.bias_on)
        row.addWidget(self.forget_bias, 1)
        self.bias_label = add_row(row)  # its text depends on the model: see sync

        self.weights_label = QLabel()
        self.weights_label.setWordWrap(True)
        self.weights_load = QPushButton()
        self.weights_clear = QPushButton()
        row = QHBoxLayout()
        row.addWidget(self.weights_load)
        row.addWidget(self.weights_clear)
        self.weights_row_label = add_row(row)
        form.addRow(self.weights_label)
        self.weights_area = WeightsArea(session)
        form.addRow(self.weights_area)

        self.cell = CellChooser(add_row)
        # Each setting has its box by name (see _rows and the locks).
        self.layer, self.direction = self.cell.layer, self.cell.direction
        self.nonlinearity = self.cell.nonlinearity
        self.layer_label, self.nonlinearity_label = (
            self.cell.layer_label,
            self.cell.nonlinearity_label,
        )

        self.params_label = QLabel()
        self.params_label.setObjectName("hint")
        self.params_label.setWordWrap(True)

        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()

        self.lesson_locks = LessonLocks(lambda: self.sync())
        self.lock_note, self.unlock = self.lesson_locks.note, self.lesson_locks.unlock

        self.trained = TrainedToggle(session)  # "before / after training", and why

        layout = QVBoxLayout(self)
        layout.addLayout(self.lesson_locks.row)
        layout.addWidget(self.trained)
        layout.addLayout(form)
        layout.addWidget(self.params_label)
        layout.addWidget(self.error)
        layout.addStretch(1)

        # The custom box stays open while its text is being fixed, even though
        # the last good settings still use another sequence.
        self._editing_custom = False
        # A typed number a box refused (its field and why), until the next change.
        self._refusal: tuple[str, Sentence] | None = None
        self._shown = session.settings
        #: The number box of each numeric setting (its range is the setting's).
        self.boxes: dict[str, NumberBox] = {
            "hidden_size": self.hidden,
            "input_size": self.input_size,
            "length": self.length,
            "seed": self.seed,
            "recurrent_scale": self.scale,
            "forget_bias": self.forget_bias,
            "layer": self.layer,
        }
        if session.settings.sequence == "custom":
            self.custom_text.setPlainText(session.settings.custom_text)
        self._connect()
        self.sync()
        session.resultsChanged.connect(lambda _r: self._settings_changed())
        # A long change shows its settings as soon as it starts, the last ones if it fails.
        session.computingChanged.connect(lambda _c: self._settings_changed())
        session.settingsError.connect(self._session_said)
        self.retranslate()

    # -- language -------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Write every text in the current language; the settings stay as they are."""
        for name, (label, _widgets) in self._rows().items():
            if label is not None and name in LABELS:
                label.setText(tr(LABELS[name]))
        if self._refusal is not None:
            self._show_refusal(*self._refusal)
        elif not self.error.isHidden() and self.session.last_error is not None:
            self._show_error(self.session.last_error[0], self.session.error_message())
        set_item_texts(self.model, {"lstm": "LSTM", "gru": "GRU", "rnn": tr("RNN (tanh)")})
        set_item_texts(self.sequence, _sequence_titles())
        set_item_texts(self.init, {key: tr(title) for key, title in INIT_TITLES.items()})
        self.cell.retranslate()
        self.custom_text.setPlaceholderText(
            tr("One row per step, one column per feature, e.g.\n1\n0\n0.5, 0.2")
        )
        self.custom_apply.setText(tr("Use these values"))
        self.file_button.setText(tr("Choose file…"))
        self.columns_button.setText(tr("Columns…"))
        self.scale_on.setText(tr("set σ_max"))
        self.bias_on.setText(tr("set"))
        self.weights_load.setText(tr("Load…"))
        self.weights_clear.setText(tr("Clear"))
        self.weights_area.retranslate()
        self._show_state_texts()

    def _own_tooltips(self) -> dict[QWidget, str]:
        """Each widget's tooltip in the current language, when it is not locked."""
        scale = tr(
            "The largest singular value of each block of W_hh. Below 1 a tanh RNN's "
            "gradients must vanish (Pascanu et al. 2013); well above 1 they can explode."
        )
        bias = tr(
            "The forget gate's effective bias (the GRU's update gate). PyTorch adds two "
            "biases, b_ih and b_hh; this sets their sum. Larger values keep more of the "
            "cell state."
        )
        return {
            self.model: tr("The recurrent cell to look inside"),
            self.hidden: tr("H: the number of units in every gate and state"),
            self.input_size: tr("D: input features per step, where the sequence allows"),
            self.length: tr("T: the number of steps of a built-in sequence"),
            self.seed: tr("Seeds the weights and the random sequences"),
            self.scale: scale,
            self.scale_on: scale,
            self.forget_bias: bias,
            self.bias_on: bias,
        }

    # -- edits → session ------------------------------------------------------

    def _connect(self) -> None:
        s = self.session
        self.model.activated.connect(lambda _i: s.apply(model=self.model.currentData()))
        for name, box in self.boxes.items():
            box.refused.connect(lambda why, name=name: self._show_refusal(name, why))
        self.hidden.valueChanged.connect(lambda v: s.apply(hidden_size=v))
        self.sequence.activated.connect(lambda _i: self._sequence_chosen())
        self.custom_apply.clicked.connect(
            lambda: s.apply(sequence="custom", custom_text=self.custom_text.toPlainText())
        )
        self.file_button.clicked.connect(self.choose_sequence_file)
        self.columns_button.clicked.connect(self.choose_columns)
        self.input_size.valueChanged.connect(lambda v: s.apply(input_size=v))
        self.length.valueChanged.connect(lambda v: s.apply(length=v))
        self.seed.valueChanged.connect(lambda v: s.apply(seed=v))
        self.init.activated.connect(lambda _i: s.apply(init=self.init.currentData()))
        self.scale_on.toggled.connect(self._scale_toggled)
        self.scale.valueChanged.connect(lambda v: s.apply(recurrent_scale=v))
        self.bias_on.toggled.connect(
            lambda on: s.apply(forget_bias=self.forget_bias.value() if on else None)
        )
        self.forget_bias.valueChanged.connect(lambda v: s.apply(forget_bias=v))
        self.weights_load.clicked.connect(self.choose_weights_file)
        self.weights_clear.clicked.connect(
            lambda: s.apply(weights=None, weights_module=None, **_FIRST_CELL)
        )
        self.cell.connect(s)

    def _scale_toggled(self, on: bool) -> None:
        if not on:
            self.session.apply(recurrent_scale=None)
            return
        # Start from the largest block's present σ_max: every block of W_hh is then
        # rescaled to it (for the RNN, one block, nothing changes until it is moved).
        blocks = self.session.results.diagnostics.pascanu.blocks.values()
        self.session.apply(recurrent_scale=round(max(blocks), 2))

    def _sequence_chosen(self) -> None:
        name = self.sequence.currentData()
        self._editing_custom = name == "custom"
        if name == "custom":
            self._show_custom(True)
            self.custom_text.setFocus()
            if self.custom_text.toPlainText().strip():
                self.session.apply(sequence="custom", custom_text=self.custom_text.toPlainText())
            else:
                self.sync()  # the note says what runs until values are used
        elif name == "file":
            if not self.choose_sequence_file():
                self.sync()
        elif name == "text":
            self.text_box.show()
            self.text_box.editor.setFocus()
        else:
            self.session.apply(sequence=name)

    def choose_sequence_file(self) -> bool:
        path, _ = QFileDialog.getOpenFileName(
            self,
            tr("Open a sequence"),
            "",
            tr("Sequences (*.csv *.txt *.tsv);;All files (*)"),
        )
        if not path:
            return False
        columns = None
        try:
            names, first = read_columns(path)
        except SequenceError:
            names, first = (), ()  # the session's own load says what is wrong
        if len(names) > 1 and not all(is_number(v) for v in first):
            # A date or word column: ask which columns are the inputs before reading.
            asked = ask_columns(names, first, None, self)
            if asked is False:
                return False
            columns = asked
        return self.session.apply(sequence="file", sequence_file=path, sequence_columns=columns)

    def choose_columns(self) -> bool:
        """Ask which columns of the sequence file are the inputs; apply the choice."""
        s = self.session.latest.settings
        if not s.sequence_file:
            return False
        try:
            names, first = read_columns(s.sequence_file)
        except SequenceError as err:
            self._show_error("sequence_file", error_text(err))
            return False
        asked = ask_columns(names, first, s.sequence_columns, self)
        return asked is not False and self.session.apply(sequence_columns=asked)

    def choose_weights_file(self) -> bool:
        path, _ = QFileDialog.getOpenFileName(
            self,
            tr("Load weights"),
            "",
            tr(
                "Weights (*.npz *.safetensors *.pt *.pth *.ckpt *.net *.bin *.keras *.h5 "
                "*.onnx);;All files (*)"
            ),
        )
        if not path:
            return False
        # A new file starts with the loader's choice of module (its report says which).
        changes = own_weights_sequence(self.session.latest.settings)
        return self.session.apply(weights=path, weights_module=None, **changes, **_FIRST_CELL)

    # -- session → widgets ----------------------------------------------------

    def sync(self) -> None:
        """Rewrite every widget from the session's latest settings (a long change's
        while it computes: what the user asked for stays on the form)."""
        latest = self.session.latest
        s: Settings = latest.settings
        r = latest
        widgets = (
            self.model, self.hidden, self.sequence, self.input_size, self.length, self.seed,
            self.init, self.scale_on, self.scale, self.bias_on, self.forget_bias,
            *self.cell.widgets,
        )  # fmt: skip
        blockers = [QSignalBlocker(w) for w in widgets]
        self.model.setCurrentIndex(self.model.findData(r.kind))
        # Sizes as the engine runs them: a weight file decides H and D, a typed or
        # loaded sequence its own T.
        self.hidden.setValue(r.model.hidden_size)
        self.sequence.setCurrentIndex(self.sequence.findData(s.sequence))
        preset = s.sequence in PRESETS
        flexible = preset and input_size_for(s.sequence).flexible
        # D of the sequence: what the stack's first layer reads, whichever cell is shown.
        self.input_size.setValue(r.stack.input_size if r.stack else r.model.input_size)
        self.input_size.setEnabled(bool(flexible) and s.weights is None)
        self.length.setValue(r.steps)
        self.length.setEnabled(preset)
        self.seed.setValue(s.seed)
        self.init.setCurrentIndex(self.init.findData(s.init))
        if s.recurrent_scale is not None:
            self.scale.setValue(s.recurrent_scale)
        self.scale.setEnabled(s.recurrent_scale is not None)
        from_file = s.weights is not None
        self.scale_on.setChecked(s.recurrent_scale is not None and not from_file)
        self.bias_on.setChecked(s.forget_bias is not None and not from_file)
        if s.forget_bias is not None:
            self.forget_bias.setValue(s.forget_bias)
        self.forget_bias.setEnabled(s.forget_bias is not None)
        for w in (self.bias_label, self.bias_on, self.forget_bias):
            w.setVisible(r.kind != "rnn")
        # Every widget's state from the settings alone (never from its previous
        # state): a weight file decides the model, so its knobs are off.
        for w in (self.model, self.hidden, self.init, self.scale_on, self.bias_on):
            w.setEnabled(not from_file)
        for w in (self.sequence, self.custom_text, self.custom_apply, self.file_button):
            w.setEnabled(True)
        for w in (self.seed, self.weights_load):
            w.setEnabled(True)
        self.scale.setEnabled(s.recurrent_scale is not None and not from_file)
        self.forget_bias.setEnabled(s.forget_bias is not None and not from_file)
        self.cell.sync(s, r, self.model)
        del blockers

        editing = s.sequence == "custom" or self._editing_custom
        self._show_custom(editing)
        if editing:
            with QSignalBlocker(self.sequence):
                self.sequence.setCurrentIndex(self.sequence.findData("custom"))
        self.file_label.setVisible(s.sequence == "file")
        self.file_button.setVisible(s.sequence == "file")
        self.text_box.setVisible(s.sequence == "text")
        self.text_box.sync()
        self.columns_button.setVisible(s.sequence == "file")
        self.weights_clear.setEnabled(from_file)
        self._show_state_texts()

    def _show_state_texts(self) -> None:
        """The texts drawn from the settings and the locks, in the current language."""
        latest = self.session.latest
        s: Settings = latest.settings
        r = latest
        # The GRU's update gate plays the forget gate's part; the RNN has no gate.
        self.bias_label.setText(
            tr("Update-gate bias") if r.kind == "gru" else tr(LABELS["forget_bias"])
        )
        self.file_label.setText(Path(s.sequence_file).name if s.sequence_file else "")
        if self._editing_custom and s.sequence != "custom":
            # The box says "custom" before any values are used: say what still runs.
            running = _sequence_titles()[s.sequence]
            if s.sequence == "file" and s.sequence_file:
                running = Path(s.sequence_file).name
            note = tr(
                "Type the values below and choose “{use}”; until then the previous "
                "sequence runs: {name}."
            ).format(use=tr("Use these values"), name=running)
        else:
            note = say(r.sequence.description or "")
        self.sequence_note.setText(note)
        if s.weights is not None:
            described = tr("{name}: {kind}, D={d}, H={h}").format(
                name=Path(s.weights).name,
                kind=r.kind.upper(),
                d=r.stack.input_size if r.stack else r.model.input_size,
                h=r.model.hidden_size,
            )
            if r.stack is not None and (r.stack.num_layers > 1 or r.stack.bidirectional):
                described += " · " + tr("{layers} layer(s) × {directions} direction(s)").format(
                    layers=r.stack.num_layers, directions=r.stack.directions
                )
        else:
            described = tr("none (initialised from the seed)")
        self.weights_label.setText(described)
        params = tr("{kind}: {n} parameters").format(kind=r.kind.upper(), n=f"{r.model.n_params:,}")
        if r.stack is not None and r.stack.n_params != r.model.n_params:
            params = tr(
                "{kind}: {n} parameters in the cell shown, {total} in the whole model"
            ).format(kind=r.kind.upper(), n=f"{r.model.n_params:,}", total=f"{r.stack.n_params:,}")
        self.params_label.setText(params)
        self.lesson_locks.show(self._rows(), self._own_tooltips())

    def _rows(self) -> dict[str, Row]:
        """Each setting (a field of Settings): its row label and the widgets that change it."""
        return {
            "model": (self.model_label, (self.model,)),
            "hidden_size": (self.hidden_label, (self.hidden,)),
            "input_size": (self.input_size_label, (self.input_size,)),
            "sequence": (
                self.sequence_label,
                (self.sequence, self.custom_text, self.custom_apply, self.file_button),
            ),
            "custom_text": (None, (self.custom_text, self.custom_apply)),
            "sequence_file": (None, (self.file_button, self.columns_button)),
            "length": (self.length_label, (self.length,)),
            "seed": (self.seed_label, (self.seed,)),
            "init": (self.init_label, (self.init,)),
            "recurrent_scale": (self.scale_label, (self.scale_on, self.scale)),
            "forget_bias": (self.bias_label, (self.bias_on, self.forget_bias)),
            "weights": (
                self.weights_row_label,
                (self.weights_load, self.weights_clear, self.weights_area.module),
            ),
            "nonlinearity": (self.nonlinearity_label, (self.nonlinearity,)),
            "layer": (self.layer_label, (self.layer,)),
            "direction": (None, (self.direction,)),
        }

    @property
    def locks(self) -> tuple[str, ...]:
        return self.lesson_locks.locks

    def set_locks(self, locks: tuple[str, ...]) -> None:
        """Lock some settings (a lesson's choice); locked widgets are disabled and named."""
        self.lesson_locks.set(locks)

    def _settings_changed(self) -> None:
        """New settings: close the custom editor if the sequence came from elsewhere."""
        old, new = self._shown, self.session.latest.settings
        if any(getattr(old, f) != getattr(new, f) for f in _SEQUENCE_FIELDS):
            self._editing_custom = False
            if new.sequence == "custom":  # the values that run, not an older draft
                self.custom_text.setPlainText(new.custom_text)
        self._shown = new
        self.sync()

    def _session_said(self, field: str, message: str) -> None:
        """The session's verdict on a change: it replaces any earlier refusal."""
        self._refusal = None
        self._show_error(field, message)

    def _show_refusal(self, field: str, why: Sentence) -> None:
        """A number box refused what was typed (it shows its last good value again)."""
        self._refusal = (field, why)
        self.error.setText(
            tr("{setting}: {problem}").format(
                setting=setting_name(self._rows(), field), problem=say(why)
            )
        )
        self.error.show()

    def _show_custom(self, on: bool) -> None:
        self.custom_text.setVisible(on)
        self.custom_apply.setVisible(on)

    def _show_error(self, field: str, message: str) -> None:
        if message:
            if field and message.startswith(f"{field}: "):  # name the setting as the form does
                message = tr("{setting}: {problem}").format(
                    setting=setting_name(self._rows(), field),
                    problem=message.removeprefix(f"{field}: "),
                )
            self.error.setText(message)
            self.error.show()
            self.sync()  # back to the last good settings
        else:
            self.error.clear()
            self.error.hide()


def _sequence_titles() -> dict[str, str]:
    """Each choice of sequence as the combo box names it, in the current language."""
    presets = {name: tr(PRESET_TITLES[name]) for name in PRESETS}
    return {
        **presets,
        "custom": tr("custom (type values)"),
        "file": tr("from a file…"),
        "text": tr("text (characters or words)"),
    }
