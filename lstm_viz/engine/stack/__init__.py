"""What the engine says about a whole recurrent stack: per-layer gradient diagnostics."""

from .diagnostics import StackDiagnostics, stack_loss_gradient

__all__ = ["StackDiagnostics", "stack_loss_gradient"]
