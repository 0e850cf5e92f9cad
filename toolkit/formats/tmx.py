"""TMX 1.4 through translate-toolkit: one <tu> per bead, metadata as <prop>s.

The header carries the quote's metadata (readable props, plus `x-tct-metadata`, the exact record that
makes a round trip lossless); every <tu> carries its quote, rendering, bead ids and confidence.
"""

from __future__ import annotations

import json
import re

from toolkit import __version__
from toolkit.errors import TctError
from toolkit.formats.model import Export
from toolkit.formats.rows import dumps_line, format_ids, row_from_fields
from toolkit.lazy import lazy_module

etree = lazy_module("lxml.etree")  # imported on first use: `tct --help` starts without them
tmx_storage = lazy_module("translate.storage.tmx")

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Characters XML 1.0 cannot hold at all; translate-toolkit would silently drop them.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _check_xml(text: str, what: str) -> str:
    match = XML_INVALID.search(text)
    if match:
        raise TctError(
            f"{what} contains U+{ord(match.group()):04X}, which TMX (XML) cannot hold; export as jsonl instead"
        )
    return text


def _prop(parent: etree._Element, kind: str, value: str, before: etree._Element | None = None) -> None:
    prop = etree.Element("prop")
    prop.set("type", kind)
    prop.text = _check_xml(value, f"metadata {kind}")
    if before is None:
        parent.append(prop)
    else:
        before.addprevious(prop)


def dump(export: Export) -> bytes:
    store = tmx_storage.tmxfile(sourcelanguage=export.source_lang)
    store.addheader()
    header = store.document.getroot().find("header")
    header.set("creationtool", "tct")
    header.set("creationtoolversion", __version__)
    header.set("srclang", export.source_lang)
    metadata = export.metadata or {}
    original = metadata.get("original", {})
    for kind, value in (
        ("x-quote-id", metadata.get("id")),
        ("x-title", metadata.get("title")),
        ("x-author", metadata.get("author")),
        ("x-year", metadata.get("year")),
        ("x-original-status", original.get("status")),
    ):
        if value is not None:
            _prop(header, kind, str(value))
    _prop(header, "x-tct-metadata", dumps_line(export.document()))
    translators = {r.get("name"): r.get("translator", "") for r in metadata.get("renderings", [])}
    for row in export.rows:
        unit = store.addsourceunit(
            _check_xml(row.source_text, f"bead {row.bead} of {row.rendering}"), row.source_lang
        )
        unit.settarget(
            _check_xml(row.rendering_text, f"bead {row.bead} of {row.rendering}"),
            row.rendering_lang,
            append=True,
        )
        first_tuv = unit.xmlelement.find("tuv")
        props = [
            ("x-quote-id", str(metadata.get("id", ""))),
            ("x-rendering", row.rendering),
            ("x-translator", str(translators.get(row.rendering, ""))),
            ("x-original-status", str(original.get("status", ""))),
            ("x-bead", str(row.bead)),
            ("x-source-ids", format_ids(row.source_ids)),
            ("x-rendering-ids", format_ids(row.rendering_ids)),
            ("x-confidence", repr(row.confidence)),
        ]
        for kind, value in props:
            _prop(unit.xmlelement, kind, value, before=first_tuv)
    return bytes(store)


def load(data: bytes, where: str, default_source_lang: str = "ru") -> Export:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise TctError(f"not well-formed XML ({_one_line(exc)})", where) from None
    if not isinstance(root.tag, str) or etree.QName(root).localname != "tmx":
        raise TctError(f"not a TMX file (root element <{etree.QName(root).localname}>)", where)
    try:
        store = tmx_storage.tmxfile.parsestring(data)
    except (etree.XMLSyntaxError, ValueError, AssertionError, AttributeError, StopIteration) as exc:
        raise TctError(f"not a readable TMX file ({_one_line(exc) or type(exc).__name__})", where) from None
    root = store.document.getroot()
    if etree.QName(root).localname != "tmx":
        raise TctError(f"not a TMX file (root element <{etree.QName(root).localname}>)", where)
    header = root.find("header")
    source_lang = _primary((header.get("srclang") if header is not None else None) or default_source_lang)
    if not source_lang.isalpha():  # srclang="*all*": any language may be the source
        source_lang = default_source_lang
    document = None
    if header is not None:
        for prop in header.findall("prop"):
            if prop.get("type") == "x-tct-metadata":
                try:
                    document = json.loads(prop.text or "")
                except ValueError as exc:
                    raise TctError(
                        f"header prop x-tct-metadata is not valid JSON ({_one_line(exc)})", where
                    ) from None
    rows = []
    for number, tu in enumerate(root.iter("tu")):
        tuvs = [(_primary(tuv.get(XML_LANG) or tuv.get("lang") or ""), tuv) for tuv in tu.findall("tuv")]
        if not tuvs:
            raise TctError(f"translation unit {number + 1} has no <tuv>", where)
        source = [tuv for lang, tuv in tuvs if lang == source_lang]
        others = [(lang, tuv) for lang, tuv in tuvs if lang != source_lang]
        if len(source) > 1 or len(others) > 1:
            raise TctError(f"translation unit {number + 1} has more than one <tuv> per language", where)
        props = {prop.get("type", "")[2:]: prop.text or "" for prop in tu.findall("prop")}
        fields = {key.replace("-", "_"): value for key, value in props.items()}
        fields["source_text"] = _seg_text(source[0]) if source else ""
        fields["rendering_text"] = _seg_text(others[0][1]) if others else ""
        fields["source_lang"] = source_lang
        fields["rendering_lang"] = others[0][0] if others else "en"
        rows.append(
            row_from_fields(fields, number, source_lang, "en", f"{where}: translation unit {number + 1}")
        )
    if document is None:
        return Export(metadata=None, rows=rows, source_lang=source_lang)
    return Export.from_document(document, rows, where)


def _seg_text(tuv: etree._Element) -> str:
    """The text of <seg>, inline markup flattened to its text."""
    seg = tuv.find("seg")
    return "" if seg is None else "".join(seg.itertext())


def _primary(lang: str) -> str:
    """ "en-GB" and "EN_gb" to "en": the corpus records languages as ISO 639 codes."""
    return lang.replace("_", "-").split("-")[0].strip().lower()


def _one_line(exc: BaseException) -> str:
    """Parser messages can span lines; ours are one line."""
    return " ".join(str(exc).split())
