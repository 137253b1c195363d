"""A PDF's objects as the kinds they are. pypdf types what it reads loosely (any object, or
a reference to one); these resolve a reference and say which kind was found, or raise
``TypeError`` as using the wrong kind would."""

from __future__ import annotations

from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, PdfObject, StreamObject


def _resolved(value: object) -> object:
    return value.get_object() if isinstance(value, PdfObject) else value


def dictionary(value: object) -> DictionaryObject:
    """``value``, or the object it refers to: a dictionary (a stream is one too)."""
    found = _resolved(value)
    if not isinstance(found, DictionaryObject):
        raise TypeError(f"a PDF dictionary was expected, not {type(found).__name__}")
    return found


def array(value: object) -> ArrayObject:
    """``value``, or the object it refers to: an array."""
    found = _resolved(value)
    if not isinstance(found, ArrayObject):
        raise TypeError(f"a PDF array was expected, not {type(found).__name__}")
    return found


def stream(value: object) -> StreamObject:
    """``value``, or the object it refers to: a stream."""
    found = _resolved(value)
    if not isinstance(found, StreamObject):
        raise TypeError(f"a PDF stream was expected, not {type(found).__name__}")
    return found


def reference(value: PdfObject) -> IndirectObject:
    """The reference of an object a reader or writer holds as an indirect object."""
    found = value.indirect_reference
    if found is None:
        raise TypeError(f"a PDF {type(value).__name__} that is not an indirect object")
    return found
