"""What print shops' and archives' checkers ask of a PDF, checked from the standards'
clauses (veraPDF is not in the package registries): PDF/A-3b (ISO 19005-3, whose
clauses are numbered as ISO 19005-2's), PDF/X-4 (ISO 15930-7:2010, its requirements
named by subject) and page labels (ISO 32000-1:2008, 12.4.2). Each check walks every
object of the file and names the clause it checks."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pypdf
import pytest
from conftest import FIXTURES, outputs_by_format
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

from publisher import BuildOptions, build
from publisher.render.options import PrintOptions

WEEKLY = FIXTURES / "weekly"
PDF_A_3 = "ISO 19005-3"
PDF_X_4 = "ISO 15930-7"


def _build(tmp_path_factory, name: str, layout: str = "bulletin", **printing) -> Path:
    out = tmp_path_factory.mktemp(name)
    options = BuildOptions(formats=("pdf",), layout=layout, cache_dir=None, print=PrintOptions(**printing))
    return outputs_by_format(build([WEEKLY], out, options))["pdf"]


@pytest.fixture(scope="module")
def pdf_a(tmp_path_factory) -> Path:
    return _build(tmp_path_factory, "pdf-a", pdf_variant="pdf/a-3b")


@pytest.fixture(scope="module")
def pdf_x(tmp_path_factory) -> Path:
    return _build(tmp_path_factory, "pdf-x", pdf_variant="pdf/x-4", bleed="3mm", marks="crop")


def _objects(reader: pypdf.PdfReader) -> list[object]:
    """Every object the file holds, each read once (pypdf resolves them lazily)."""
    found = []
    for number in range(1, int(reader.trailer["/Size"])):
        try:
            obj = reader.get_object(IndirectObject(number, 0, reader))
        except Exception:  # a free entry, or the cross-reference stream itself  # noqa: S112
            continue
        if obj is not None:
            found.append(obj)
    return found


def _dictionaries(reader: pypdf.PdfReader) -> list[DictionaryObject]:
    """Every dictionary (streams' included), direct ones inside others too."""
    found: list[DictionaryObject] = []
    pending = _objects(reader)
    while pending:
        value = pending.pop()
        if isinstance(value, DictionaryObject):
            found.append(value)
            pending.extend(v for v in value.values() if not isinstance(v, IndirectObject))
        elif isinstance(value, ArrayObject):
            pending.extend(v for v in value if not isinstance(v, IndirectObject))
    return found


# One helper per clause: each asserts with the clause's number in its message.

def check_header(path: Path, standard: str, clause: str) -> None:
    head = path.read_bytes()[:64]
    assert re.match(rb"%PDF-1\.[0-7]\r?\n%", head), f"{standard} {clause}: file header"
    comment = head.split(b"\n", 2)[1]
    assert all(byte > 127 for byte in comment[1:5]), f"{standard} {clause}: four bytes above 127 after the header"


def check_trailer(reader: pypdf.PdfReader, path: Path, standard: str, clause: str) -> None:
    identifier = reader.trailer.get("/ID")
    assert identifier is not None and len(identifier) == 2 and identifier[0], f"{standard} {clause}: /ID in the trailer"
    assert "/Encrypt" not in reader.trailer, f"{standard} {clause}: no /Encrypt"
    assert path.read_bytes().rstrip(b"\r\n").endswith(b"%%EOF"), f"{standard} {clause}: nothing after %%EOF"


def check_stream_filters(reader: pypdf.PdfReader, standard: str, clause: str) -> None:
    allowed = {"/ASCIIHexDecode", "/ASCII85Decode", "/FlateDecode", "/RunLengthDecode", "/CCITTFaxDecode",
               "/JBIG2Decode", "/DCTDecode", "/JPXDecode"}
    for obj in _dictionaries(reader):
        if not isinstance(obj, StreamObject):
            continue
        assert not {"/F", "/FFilter", "/FDecodeParms"} & set(obj), f"{standard} {clause}: no external stream data"
        filters = obj.get("/Filter")
        names = [str(f) for f in filters] if isinstance(filters, ArrayObject) else [str(filters)] if filters else []
        assert set(names) <= allowed, f"{standard} {clause}: filters {names} (LZWDecode and Crypt are forbidden)"


def check_images(reader: pypdf.PdfReader, standard: str, clause: str) -> int:
    images = [d for d in _dictionaries(reader) if d.get("/Subtype") == "/Image"]
    for image in images:
        assert not bool(image.get("/Interpolate", False)), f"{standard} {clause}: /Interpolate true on an image"
        assert "/Alternates" not in image and "/OPI" not in image, f"{standard} {clause}: /Alternates or /OPI on an image"
    return len(images)


def check_xobjects(reader: pypdf.PdfReader, standard: str, clause: str) -> None:
    for obj in _dictionaries(reader):
        if obj.get("/Subtype") == "/Form":
            assert not {"/OPI", "/PS", "/Ref"} & set(obj) and obj.get("/Subtype2") != "/PS", \
                f"{standard} {clause}: no OPI, PostScript or reference XObjects"
        assert obj.get("/Subtype") != "/PS", f"{standard} {clause}: no PostScript XObjects"


def check_transfer_and_halftones(reader: pypdf.PdfReader, standard: str, clause: str) -> None:
    for obj in _dictionaries(reader):
        if obj.get("/Type") == "/ExtGState" or ({"/CA", "/ca", "/BM", "/SMask"} & set(obj) and "/Type" not in obj):
            assert "/TR" not in obj and "/HTP" not in obj, f"{standard} {clause}: no transfer functions or /HTP"
            assert obj.get("/TR2", "/Default") == "/Default", f"{standard} {clause}: /TR2 only /Default"


def check_fonts_embedded(reader: pypdf.PdfReader, standard: str, clause: str) -> int:
    fonts = [d for d in _dictionaries(reader) if d.get("/Type") == "/Font" and d.get("/Subtype") != "/Type3"]
    for font in fonts:
        if font.get("/Subtype") == "/Type0":
            continue  # its descendant CIDFont carries the descriptor
        descriptor = font["/FontDescriptor"]
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), \
            f"{standard} {clause}: font {font.get('/BaseFont')} not embedded"
    return len(fonts)


def check_annotations(reader: pypdf.PdfReader, standard: str, clause: str) -> None:
    for annotation in (d for d in _dictionaries(reader) if d.get("/Type") == "/Annot" or d.get("/Subtype") == "/Link"):
        assert annotation.get("/Subtype") not in ("/3D", "/Sound", "/Screen", "/Movie"), f"{standard} {clause}: annotation type"
        flags = int(annotation.get("/F", 0))
        assert flags & 4 and not flags & (1 | 2 | 32 | 256), f"{standard} {clause}: annotation flags {flags} (Print set, hidden ones not)"


def check_actions(reader: pypdf.PdfReader, standard: str, clause: str) -> None:
    allowed = {"/GoTo", "/GoToR", "/GoToE", "/Thread", "/URI", "/Named", "/SubmitForm"}
    root = reader.trailer["/Root"]
    assert "/AA" not in root, f"{standard} {clause}: no additional actions in the catalog"
    assert "/JavaScript" not in root.get("/Names", {}), f"{standard} {clause}: no document JavaScript"
    for obj in _dictionaries(reader):
        if obj.get("/Type") == "/Page":
            assert "/AA" not in obj, f"{standard} {clause}: no additional actions on pages"
        if "/S" in obj and (obj.get("/Type") == "/Action" or "/URI" in obj or ("/D" in obj and obj.get("/Type") != "/StructElem")):
            assert obj["/S"] in allowed, f"{standard} {clause}: action {obj['/S']}"
        assert "/JS" not in obj, f"{standard} {clause}: no JavaScript"


def check_output_intent(reader: pypdf.PdfReader, subtype: str, standard: str, clause: str) -> DictionaryObject:
    intents = [intent.get_object() for intent in reader.trailer["/Root"].get("/OutputIntents", [])]
    matching = [intent for intent in intents if intent["/S"] == subtype]
    assert len(matching) == 1, f"{standard} {clause}: one {subtype} output intent"
    profile = matching[0]["/DestOutputProfile"].get_object().get_data()
    assert profile[36:40] == b"acsp" and profile[12:16] in (b"prtr", b"mntr"), f"{standard} {clause}: an ICC output profile"
    return matching[0]


def check_metadata(reader: pypdf.PdfReader, standard: str, clause: str) -> str:
    root = reader.trailer["/Root"]
    assert "/Metadata" in root, f"{standard} {clause}: XMP metadata in the catalog"
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    header = xmp.split("?>", 1)[0]
    assert "bytes=" not in header and "encoding=" not in header, f"{standard} {clause}: no bytes or encoding attribute"
    info = reader.metadata
    assert info is not None and info.title and info.title in xmp, f"{standard} {clause}: Info /Title is XMP dc:title"
    if info.author:
        assert info.author in xmp, f"{standard} {clause}: Info /Author is XMP dc:creator"
    if info.get("/Producer"):
        assert str(info["/Producer"]) in xmp, f"{standard} {clause}: Info /Producer is XMP pdf:Producer"
    return xmp


def test_pdf_a_3b_has_nothing_the_standard_forbids(pdf_a):
    reader = pypdf.PdfReader(pdf_a)
    check_header(pdf_a, PDF_A_3, "6.1.2")
    check_trailer(reader, pdf_a, PDF_A_3, "6.1.3")
    check_stream_filters(reader, PDF_A_3, "6.1.7")
    intent = check_output_intent(reader, "/GTS_PDFA1", PDF_A_3, "6.2.3")
    assert intent["/DestOutputProfile"].get_object().get_data()[16:20] == b"RGB ", "ISO 19005-3 6.2.4.3: DeviceRGB needs an RGB intent"
    check_transfer_and_halftones(reader, PDF_A_3, "6.2.5")
    assert check_images(reader, PDF_A_3, "6.2.8") >= 1  # the weekly's photograph
    check_xobjects(reader, PDF_A_3, "6.2.9")
    assert check_fonts_embedded(reader, PDF_A_3, "6.2.11.4.1") >= 2
    check_annotations(reader, PDF_A_3, "6.3.1, 6.3.2")
    check_actions(reader, PDF_A_3, "6.5.1, 6.5.2")
    xmp = check_metadata(reader, PDF_A_3, "6.6.2.1")
    assert re.search(r'pdfaid:part(>|=")3', xmp) and re.search(r'pdfaid:conformance(>|=")B', xmp), f"{PDF_A_3} 6.6.4"
    assert "/EmbeddedFiles" not in reader.trailer["/Root"].get("/Names", {}), f"{PDF_A_3} 6.8: no attachments to declare"


def test_pdf_x_4_for_the_print_shop(pdf_x):
    reader = pypdf.PdfReader(pdf_x)
    assert reader.pdf_header == "%PDF-1.6", f"{PDF_X_4}: PDF 1.6"
    check_header(pdf_x, PDF_X_4, "file structure")
    check_trailer(reader, pdf_x, PDF_X_4, "file structure (/ID; no encryption)")
    check_stream_filters(reader, PDF_X_4, "compression (no LZW, no external streams)")
    intent = check_output_intent(reader, "/GTS_PDFX", PDF_X_4, "output intent")
    profile = intent["/DestOutputProfile"].get_object().get_data()
    assert profile[12:20] == b"prtrCMYK", f"{PDF_X_4} output intent: a CMYK printer profile, {profile[12:20]!r}"
    assert intent.get("/OutputConditionIdentifier"), f"{PDF_X_4} output intent: OutputConditionIdentifier"
    check_images(reader, PDF_X_4, "images (no interpolation)")
    check_fonts_embedded(reader, PDF_X_4, "fonts embedded")
    check_actions(reader, PDF_X_4, "no actions or JavaScript")
    xmp = check_metadata(reader, PDF_X_4, "metadata")
    assert "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in xmp, f"{PDF_X_4} metadata: pdfxid:GTS_PDFXVersion"
    assert reader.metadata["/Trapped"] in ("/True", "/False"), f"{PDF_X_4} metadata: /Trapped True or False"
    assert reader.metadata.get("/CreationDate") and reader.metadata.get("/ModDate"), f"{PDF_X_4} metadata: dates"
    bleed = 3 * 72 / 25.4
    for page in reader.pages:
        media, trim, bleed_box = (page.mediabox, page.trimbox, page.bleedbox)
        assert "/TrimBox" in page and "/ArtBox" not in page, f"{PDF_X_4} page boundaries: a TrimBox on every page"
        for inner, outer in ((trim, bleed_box), (bleed_box, media)):
            assert (inner.left >= outer.left - 0.01 and inner.bottom >= outer.bottom - 0.01
                    and inner.right <= outer.right + 0.01 and inner.top <= outer.top + 0.01), \
                f"{PDF_X_4} page boundaries: TrimBox within BleedBox within MediaBox"
        assert [round(float(b) - float(t), 2) for b, t in zip(bleed_box, trim, strict=True)] == \
            [round(-bleed, 2), round(-bleed, 2), round(bleed, 2), round(bleed, 2)], "BleedBox: the trim box and 3 mm"
        assert media.width > bleed_box.width, "the crop marks lie outside the bleed"


def test_pdf_x_4_is_the_same_bytes_twice(pdf_x, tmp_path_factory):
    again = _build(tmp_path_factory, "pdf-x-again", pdf_variant="pdf/x-4", bleed="3mm", marks="crop")
    assert again.read_bytes() == pdf_x.read_bytes()  # no clock, no random document id


def _printed_numbers(path: Path, count: int) -> list[str | None]:
    """The page number each page prints in its foot (None: none printed)."""
    numbers: list[str | None] = []
    for page in range(1, count + 1):
        text = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(path), "-"],
                              capture_output=True, text=True, check=True).stdout
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        match = re.search(r"(?:^|\s{2,})(?:Trang\s+)?([ivxlc]+|\d+)(?:\s*/\s*\d+)?$", lines[-1]) if lines else None
        numbers.append(match.group(1) if match else None)
    return numbers


@pytest.mark.parametrize("layout", ["book", "bulletin"])
def test_page_labels_are_the_printed_numbers(layout, tmp_path_factory):
    path = _build(tmp_path_factory, f"labels-{layout}", layout=layout)
    reader = pypdf.PdfReader(path)
    labels = reader.page_labels
    printed = _printed_numbers(path, len(reader.pages))
    assert sum(number is not None for number in printed) >= len(printed) // 2
    for index, number in enumerate(printed):
        if number is not None:  # a cover or a blank page prints none
            assert labels[index] == number, f"ISO 32000-1 12.4.2: page {index + 1} prints {number}, labelled {labels[index]}"
    if layout == "book":
        assert labels[:2] == ["i", "ii"] and "1" in labels and labels[-1].isdigit()
