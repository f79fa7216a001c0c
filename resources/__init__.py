"""Bundled resources (lessons, icons, themes, translations), found with importlib.resources."""
