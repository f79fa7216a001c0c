"""Weight files: formats, key layouts, shape checks, and loading into the cells."""
