"""Renderers: `text` draws with Rich; `markdown` and `data` are plain and import no UI library."""
