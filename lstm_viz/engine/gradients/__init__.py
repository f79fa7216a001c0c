"""Gradient diagnostics: per-step norms, Jacobians, the highway, connectivity, sweeps."""
