"""Translation workflow on the project's gettext catalogs (``samizdat translate …``).

``extract`` writes POT files and merges them into every language's PO; ``entries`` pairs
each segment of a document with its message in one language, the ground the ``status``,
``check`` and the Word and XLIFF ``export``/``import`` commands stand on.
"""
