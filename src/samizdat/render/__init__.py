"""Render stage: a localized :class:`model.Document` → output files.

``html`` fills Jinja templates; ``pdf`` lays that HTML out with WeasyPrint; ``docx`` builds a
Word document from the same model with python-docx. None of them parses Markdown.
"""
