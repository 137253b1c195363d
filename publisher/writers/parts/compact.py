"""Writing a pypdf document the way WeasyPrint writes its own: small objects packed into
compressed object streams, with a cross-reference stream (PDF 1.5).

pypdf writes every dictionary (link, outline item, page) as plain text; for a joined
publication that alone would make the file a third larger than WeasyPrint's.
"""

from __future__ import annotations

import io
import zlib

from pypdf import PdfWriter
from pypdf.generic import StreamObject

from publisher.engine import info_reference, object_table

_PER_OBJECT_STREAM = 200


def write_compact(writer: PdfWriter, identifier: bytes) -> bytes:
    objects = object_table(writer)
    output = io.BytesIO()
    output.write(b"%PDF-1.7\n%\xf0\x9f\x96\xa4\n")
    # Per object number: (1, offset) written plainly, (2, stream number, index) packed.
    entries: dict[int, tuple[int, int, int]] = {}
    packable: list[tuple[int, bytes]] = []
    for number, obj in enumerate(objects, start=1):
        if obj is None:
            continue
        if isinstance(obj, StreamObject):
            entries[number] = (1, output.tell(), 0)
            output.write(b"%d 0 obj\n" % number)
            obj.write_to_stream(output)
            output.write(b"\nendobj\n")
        else:
            body = io.BytesIO()
            obj.write_to_stream(body)
            packable.append((number, body.getvalue()))
    next_number = len(objects) + 1
    for start in range(0, len(packable), _PER_OBJECT_STREAM):
        chunk = packable[start : start + _PER_OBJECT_STREAM]
        stream_number = next_number
        next_number += 1
        header, bodies, offset = [], [], 0
        for index, (number, packed) in enumerate(chunk):
            header.append(b"%d %d" % (number, offset))
            bodies.append(packed)
            offset += len(packed) + 1
            entries[number] = (2, stream_number, index)
        head = b" ".join(header) + b"\n"
        data = zlib.compress(head + b"\n".join(bodies) + b"\n", 9)
        entries[stream_number] = (1, output.tell(), 0)
        output.write(b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
                     % (stream_number, len(chunk), len(head), len(data)))
        output.write(data + b"\nendstream\nendobj\n")
    xref_number = next_number
    entries[xref_number] = (1, output.tell(), 0)
    size = xref_number + 1
    rows = bytearray()
    for number in range(size):
        kind, field2, field3 = entries.get(number, (0, 0, 0 if number else 65535))
        rows += bytes([kind]) + field2.to_bytes(4, "big") + field3.to_bytes(2, "big")
    data = zlib.compress(bytes(rows), 9)
    root_reference = writer.root_object.indirect_reference
    if root_reference is None:
        raise ValueError("the writer's catalog is not an indirect object")
    root = root_reference.idnum
    info_object = info_reference(writer)
    info = b" /Info %d 0 R" % info_object.idnum if info_object is not None else b""
    hex_id = identifier.hex().encode("ascii")
    output.write(
        b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root %d 0 R%s /ID [<%s> <%s>] "
        b"/Filter /FlateDecode /Length %d >>\nstream\n"
        % (xref_number, size, root, info, hex_id, hex_id, len(data))
    )
    output.write(data + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % entries[xref_number][1])
    return output.getvalue()
