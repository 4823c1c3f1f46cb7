"""Bytes -> text, never silently dropping bytes."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
PREFERRED_ON_TIE = "cp1252"
_BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x7fELF")


class DecodeError(ValueError):
    """Raised with a reason code (``binary`` or ``undecodable``) and a message."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data``; returns ``(text, encoding)``.

    Tries BOMs, strict UTF-8, then charset-normalizer's best guess; raises
    :class:`DecodeError` for binary content or bytes no charset explains.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise DecodeError("undecodable", f"starts with a {encoding} BOM but {exc}") from exc
    if data.startswith(_BINARY_MAGIC) or b"\x00" in data[:4096]:
        kind = data[:4].decode("latin-1")
        raise DecodeError("binary", f"binary content (starts with {kind!r}), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    matches = list(from_bytes(data))
    if not matches:
        raise DecodeError("undecodable", "no text encoding explains these bytes")
    # Ties are common on short texts (cp1250 and cp1252 read most bytes alike);
    # the sources are English news, so among equally good guesses prefer cp1252.
    best = matches[0]
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    chosen = next((m for m in tied if m.encoding == PREFERRED_ON_TIE), best)
    return str(chosen), chosen.encoding
