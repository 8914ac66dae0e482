"""Renderers: `text`, `levels` and `batch_table` draw with Rich; `data` and `batch_data`
are plain and import no UI library. Reports (Markdown, HTML) live in `wijzer.render.report`."""
