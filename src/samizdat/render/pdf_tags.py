"""What the tagged PDF needs beyond WeasyPrint's own tags, added as it writes the file.

WeasyPrint tags a table's header cells ``/TH`` and links the data cells to them, but gives
the header cells no ``/Scope``, the attribute PDF/UA checkers (and screen readers that do
not follow ``/Headers``) read to know what a header heads. samizdat's tables have one
header row, so every header cell heads its column. Added through ``write_pdf``'s public
``finisher`` hook, on the PDF objects before the file is written.
"""

from __future__ import annotations

from typing import Any

import pydyf


def header_scopes(document: Any, pdf: Any) -> None:
    """Give every ``/TH`` structure element of ``pdf`` the column scope, beside the table
    attributes WeasyPrint gave it."""
    for item in pdf.objects:
        if isinstance(item, pydyf.Dictionary) and item.get("Type") == "/StructElem" and item.get("S") == "/TH":
            attributes = item.get("A")
            own = dict(attributes) if isinstance(attributes, pydyf.Dictionary) else {}
            if own.get("O", "/Table") == "/Table" and "Scope" not in own:
                item["A"] = pydyf.Dictionary({**own, "O": "/Table", "Scope": "/Column"})
