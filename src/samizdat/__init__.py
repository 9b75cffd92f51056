"""samizdat: one Markdown source, published as PDF briefings and DOCX handouts in several languages.

Data flows one way, one stage per module:
content (read + validate) → model (typed blocks and inlines) → localize (catalogs, CLDR
formatting, typography) → render (html → pdf, docx) → build (plan, write) → cli.
"""

__version__ = "0.1.0"
