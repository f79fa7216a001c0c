"""Per-model geometry of the cell diagram, as plain data.

Coordinates are logical scene units in a fixed 1280 × 720 scene (see
``scene.SCENE_W``). Each model lists its blocks (σ/tanh layers), pointwise
nodes, state strips on wires, and wires with the stage (and the part of the
stage's phase) in which a pulse travels along them. The drawing follows Olah's
"Understanding LSTM Networks": the state line along the top, ``[h_{t-1}, x_t]``
entering at the bottom left, outputs leaving right (and up).

Titles are marked with :func:`tr_noop` and translated where they are shown.
Labels and equations are rendered from the equation table
(:mod:`lstm_viz.state.equations`), in the notation of the Equations panel.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n_marks import tr_noop
from ..state.equations import equation, expanded, plain

__all__ = [
    "LAYOUTS",
    "PREDICTION_STRIP",
    "BlockSpec",
    "Layout",
    "NodeSpec",
    "ReadoutSpec",
    "StateSpec",
    "WireSpec",
    "tr_noop",
]


Y_C, Y_H, Y_BLOCK, Y_MID = 130.0, 400.0, 320.0, 220.0
BLOCK_W, BLOCK_H = 128.0, 88.0
NODE_R = 16.0
X_BUS = 300.0  # where x_t joins h_{t-1} on the bus


@dataclass(frozen=True)
class BlockSpec:
    name: str
    symbol: str  # "σ" or "tanh"
    label: str  # math label, e.g. "fₜ"
    title: str  # translatable, e.g. "forget gate"
    center: tuple[float, float]
    equation: str


@dataclass(frozen=True)
class NodeSpec:
    name: str
    glyph: str  # "⊙", "+", "tanh", "1−"
    center: tuple[float, float]
    label: str  # math label of the result, e.g. "fₜ⊙cₜ₋₁"
    label_at: tuple[float, float, str]  # (dx, dy, align) relative to the centre
    title: str
    equation: str

    @property
    def pill(self) -> bool:
        return len(self.glyph) > 1


@dataclass(frozen=True)
class StateSpec:
    name: str
    label: str
    title: str
    rect: tuple[float, float, float, float]  # strip x, y, w, h
    role: str  # theme colour of its line
    equation: str


@dataclass(frozen=True)
class WireSpec:
    name: str
    points: tuple[tuple[float, float], ...]
    stage: int  # -1: an input, drawn in its role's colour, never pulsing
    window: tuple[float, float] = (0.0, 1.0)
    role: str = "wire"
    arrow: bool = True


@dataclass(frozen=True)
class ReadoutSpec:
    """Where the read-out box (the model's prediction from hₜ) sits beside the output,
    and the wire that carries hₜ into it."""

    rect: tuple[float, float, float, float]  # x, y, w, h
    wire: tuple[tuple[float, float], ...]
    stage: int  # hₜ's stage: the box fills in with it
    window: tuple[float, float] = (0.8, 1.0)


#: The strip of the prediction over time: under the cell, right of the input, above the
#: legend (x, y, w, h); its heading goes above it.
PREDICTION_STRIP = (580.0, 466.0, 660.0, 32.0)


@dataclass(frozen=True)
class Layout:
    kind: str
    title: str
    cell: tuple[float, float, float, float]
    blocks: tuple[BlockSpec, ...]
    nodes: tuple[NodeSpec, ...]
    states: tuple[StateSpec, ...]
    wires: tuple[WireSpec, ...]
    param_formula: str  # e.g. "4 × (H·D + H·H + 2H)"
    note: str = ""  # an equation written inside the cell where there is room
    note_at: tuple[float, float] = (640.0, 0.0)
    readout: ReadoutSpec | None = None

    @property
    def part_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in (*self.states, *self.blocks, *self.nodes))


def _tap(
    x: float, stage: int, window: tuple[float, float], name: str, end_y: float | None = None
) -> WireSpec:
    """From the bus junction along [h, x] and up into a block's bottom edge (or ``end_y``)."""
    top = Y_BLOCK + BLOCK_H / 2 if end_y is None else end_y
    return WireSpec(name, ((X_BUS, Y_H), (x, Y_H), (x, top)), stage, window)


def _states_in_out(kind: str, h_y: float = Y_H) -> tuple[StateSpec, ...]:
    with_c = kind == "lstm"
    left, right, w, h = 70.0, 1060.0, 150.0, 16.0
    out = [
        StateSpec("x", "xₜ", tr_noop("input"), (X_BUS - 60, 480.0, 120.0, h), "x_line", "xₜ"),
        StateSpec(
            "h_prev",
            "hₜ₋₁",
            tr_noop("previous hidden state"),
            (left, h_y - h / 2, w, h),
            "h_line",
            "hₜ₋₁",
        ),
        StateSpec(
            "h",
            "hₜ",
            tr_noop("hidden state"),
            (right, h_y - h / 2, w, h),
            "h_line",
            plain(equation(kind, "h").markup),
        ),
    ]
    if with_c:
        out[1:1] = [
            StateSpec(
                "c_prev",
                "cₜ₋₁",
                tr_noop("previous cell state"),
                (left, Y_C - h / 2, w, h),
                "c_line",
                "cₜ₋₁",
            ),
        ]
        out.append(
            StateSpec(
                "c",
                "cₜ",
                tr_noop("cell state"),
                (right, Y_C - h / 2, w, h),
                "c_line",
                plain(equation("lstm", "c").markup),
            ),
        )
    return tuple(out)


def _inputs(h_from: tuple[tuple[float, float], ...]) -> tuple[WireSpec, ...]:
    return (
        WireSpec("h_prev_in", h_from, -1, role="h_line", arrow=False),
        WireSpec("x_in", ((X_BUS, 480.0), (X_BUS, Y_H + 4)), -1, role="x_line"),
    )


def _gate_block(kind: str, name: str, symbol: str, x: float) -> BlockSpec:
    """A gate's block: its label, title and equation from the equation table."""
    eq = equation(kind, name)
    return BlockSpec(name, symbol, plain(eq.symbol), eq.title, (x, Y_BLOCK), plain(eq.markup))


# The RNN's block and note: hₜ = tanh(aₜ) with aₜ written out.
_RNN_H = plain(expanded("rnn", "h", "a"))

LSTM_LAYOUT = Layout(
    kind="lstm",
    title=tr_noop("LSTM cell"),
    cell=(250.0, 86.0, 780.0, 354.0),
    blocks=(
        _gate_block("lstm", "f", "σ", 370.0),
        _gate_block("lstm", "i", "σ", 530.0),
        _gate_block("lstm", "g", "tanh", 680.0),
        _gate_block("lstm", "o", "σ", 840.0),
    ),
    nodes=(
        NodeSpec(
            "f_c",
            "⊙",
            (370.0, Y_C),
            plain("f_t⊙c_{t-1}"),
            (22, -34, "l"),
            tr_noop("forget"),
            plain("f_t ⊙ c_{t-1}"),
        ),
        NodeSpec(
            "i_g",
            "⊙",
            (680.0, Y_MID),
            plain("i_t⊙g_t"),
            (22, -8, "l"),
            tr_noop("write"),
            plain("i_t ⊙ g_t"),
        ),
        NodeSpec(
            "c",
            "+",
            (680.0, Y_C),
            "cₜ",
            (22, -34, "l"),
            tr_noop("new cell state"),
            plain(equation("lstm", "c").markup),
        ),
        NodeSpec(
            "tanh_c",
            "tanh",
            (960.0, Y_MID),
            plain("tanh(c_t)"),
            (-34, -8, "r"),
            tr_noop("squash"),
            plain("tanh(c_t)"),
        ),
        NodeSpec(
            "h",
            "⊙",
            (960.0, Y_BLOCK),
            "hₜ",
            (-22, 18, "r"),
            tr_noop("new hidden state"),
            plain(equation("lstm", "h").markup),
        ),
    ),
    states=_states_in_out("lstm"),
    wires=(
        *_inputs(((220.0, Y_H), (X_BUS, Y_H))),
        _tap(370.0, 0, (0.0, 0.45), "tap_f"),
        WireSpec("f_out", ((370.0, 277.0), (370.0, Y_C + NODE_R)), 0, (0.45, 0.8)),
        WireSpec("c_in", ((220.0, Y_C), (370.0 - NODE_R, Y_C)), 0, (0.3, 0.8), "c_line"),
        _tap(530.0, 1, (0.0, 0.35), "tap_i"),
        _tap(680.0, 1, (0.0, 0.35), "tap_g"),
        WireSpec(
            "i_out", ((530.0, 276.0), (530.0, Y_MID), (680.0 - NODE_R, Y_MID)), 1, (0.35, 0.6)
        ),
        WireSpec("g_out", ((680.0, 276.0), (680.0, Y_MID + NODE_R)), 1, (0.35, 0.6)),
        WireSpec("ig_out", ((680.0, Y_MID - NODE_R), (680.0, Y_C + NODE_R)), 1, (0.6, 0.85)),
        WireSpec(
            "c_mid", ((370.0 + NODE_R, Y_C), (680.0 - NODE_R, Y_C)), 1, (0.35, 0.85), "c_line"
        ),
        WireSpec("c_out", ((680.0 + NODE_R, Y_C), (1054.0, Y_C)), 1, (0.85, 1.0), "c_line"),
        _tap(840.0, 2, (0.0, 0.4), "tap_o"),
        WireSpec("c_tanh", ((960.0, Y_C), (960.0, Y_MID - 14)), 2, (0.0, 0.4), "c_line"),
        WireSpec("o_out", ((904.0, Y_BLOCK), (960.0 - NODE_R, Y_BLOCK)), 2, (0.4, 0.7)),
        WireSpec("tanh_out", ((960.0, Y_MID + 14), (960.0, Y_BLOCK - NODE_R)), 2, (0.4, 0.7)),
        WireSpec(
            "h_out",
            ((960.0, Y_BLOCK + NODE_R), (960.0, Y_H), (1054.0, Y_H)),
            2,
            (0.7, 1.0),
            "h_line",
        ),
        WireSpec("h_up", ((1012.0, Y_H), (1012.0, 66.0)), 2, (0.8, 1.0), "h_line"),
    ),
    param_formula="4 × (H·D + H·H + 2H)",
    # Between the c and h states on the right, fed from hₜ's way up.
    readout=ReadoutSpec((1046.0, 166.0, 180.0, 190.0), ((1012.0, 262.0), (1046.0, 262.0)), 2),
)

GRU_LAYOUT = Layout(
    kind="gru",
    title=tr_noop("GRU cell"),
    cell=(250.0, 86.0, 780.0, 354.0),
    blocks=(
        _gate_block("gru", "z", "σ", 410.0),
        _gate_block("gru", "r", "σ", 590.0),
        _gate_block("gru", "n", "tanh", 880.0),
    ),
    nodes=(
        NodeSpec(
            "r_hn",
            "⊙",
            (740.0, Y_BLOCK),
            plain("r_t⊙(W_hn h_{t-1}+b_hn)"),
            (0, -40, "c"),
            tr_noop("reset the history"),
            plain("r_t ⊙ (W_hn h_{t-1} + b_hn)"),
        ),
        NodeSpec(
            "z_h",
            "⊙",
            (410.0, Y_C),
            plain("z_t⊙h_{t-1}"),
            (22, -34, "l"),
            tr_noop("keep"),
            plain("z_t ⊙ h_{t-1}"),
        ),
        NodeSpec(
            "one_minus_z",
            "1−",
            (580.0, Y_MID),
            plain("1-z_t"),
            (0, -40, "c"),
            tr_noop("complement"),
            plain("1 - z_t"),
        ),
        NodeSpec(
            "zc_n",
            "⊙",
            (880.0, Y_MID),
            plain("(1-z_t)⊙n_t"),
            (22, -8, "l"),
            tr_noop("write"),
            plain("(1 - z_t) ⊙ n_t"),
        ),
        NodeSpec(
            "h",
            "+",
            (880.0, Y_C),
            "hₜ",
            (22, -34, "l"),
            tr_noop("new hidden state"),
            plain(equation("gru", "h").markup),
        ),
    ),
    states=_states_in_out("gru", Y_C),
    wires=(
        *_inputs(((270.0, Y_C), (270.0, Y_H), (X_BUS, Y_H))),
        _tap(590.0, 0, (0.0, 0.5), "tap_r"),
        _tap(740.0, 0, (0.0, 0.6), "tap_hn", Y_BLOCK + NODE_R),
        WireSpec("r_out", ((654.0, Y_BLOCK), (740.0 - NODE_R, Y_BLOCK)), 0, (0.5, 1.0)),
        _tap(880.0, 1, (0.0, 0.5), "tap_n"),
        WireSpec("rhn_out", ((740.0 + NODE_R, Y_BLOCK), (816.0, Y_BLOCK)), 1, (0.0, 0.5)),
        WireSpec("n_out", ((880.0, 276.0), (880.0, Y_MID + NODE_R)), 2, (0.3, 0.6)),
        _tap(410.0, 2, (0.0, 0.3), "tap_z"),
        WireSpec("z_out", ((410.0, 276.0), (410.0, Y_C + NODE_R)), 2, (0.3, 0.6)),
        WireSpec("z_branch", ((410.0, Y_MID), (580.0 - 22, Y_MID)), 2, (0.3, 0.6), arrow=True),
        WireSpec("omz_out", ((580.0 + 22, Y_MID), (880.0 - NODE_R, Y_MID)), 2, (0.6, 0.8)),
        WireSpec("h_keep", ((220.0, Y_C), (410.0 - NODE_R, Y_C)), -1, role="h_line"),
        WireSpec("zh_out", ((410.0 + NODE_R, Y_C), (880.0 - NODE_R, Y_C)), 2, (0.6, 0.8), "h_line"),
        WireSpec("zn_out", ((880.0, Y_MID - NODE_R), (880.0, Y_C + NODE_R)), 2, (0.6, 0.8)),
        WireSpec("h_out", ((880.0 + NODE_R, Y_C), (1054.0, Y_C)), 2, (0.8, 1.0), "h_line"),
        WireSpec("h_up", ((1012.0, Y_C), (1012.0, 66.0)), 2, (0.85, 1.0), "h_line"),
    ),
    param_formula="3 × (H·D + H·H + 2H)",
    # Under the h state (the GRU's runs along the top), fed from hₜ's way out.
    readout=ReadoutSpec(
        (1046.0, 172.0, 180.0, 190.0), ((1038.0, 130.0), (1038.0, 267.0), (1046.0, 267.0)), 2
    ),
)

RNN_LAYOUT = Layout(
    kind="rnn",
    title=tr_noop("RNN cell"),
    cell=(250.0, 200.0, 780.0, 240.0),
    blocks=(
        BlockSpec(
            "tanh",
            "tanh",
            "hₜ",
            tr_noop("tanh layer"),
            (640.0, Y_BLOCK),
            _RNN_H,
        ),
    ),
    nodes=(),
    states=_states_in_out("rnn"),
    wires=(
        *_inputs(((220.0, Y_H), (X_BUS, Y_H))),
        _tap(640.0, 0, (0.0, 0.5), "tap"),
        WireSpec(
            "h_out",
            ((704.0, Y_BLOCK), (960.0, Y_BLOCK), (960.0, Y_H), (1054.0, Y_H)),
            0,
            (0.5, 1.0),
            "h_line",
        ),
        WireSpec("h_up", ((960.0, Y_BLOCK), (960.0, 176.0)), 0, (0.7, 1.0), "h_line"),
    ),
    param_formula="1 × (H·D + H·H + 2H)",
    note=_RNN_H,
    note_at=(600.0, 222.0),
    # Right of hₜ's way up, below its "output" label.
    readout=ReadoutSpec((1046.0, 196.0, 180.0, 160.0), ((960.0, 262.0), (1046.0, 262.0)), 0),
)

LAYOUTS: dict[str, Layout] = {"lstm": LSTM_LAYOUT, "gru": GRU_LAYOUT, "rnn": RNN_LAYOUT}
