"""TMX 1.4 through translate-toolkit: one <tu> per bead, metadata as <prop>s.

The header carries the quote's metadata (readable props, plus `x-tct-metadata`, the exact record that
makes a round trip lossless); every <tu> carries its quote, rendering, bead ids and confidence.
"""

from __future__ import annotations

import json
import re
from typing import Any

from toolkit import __version__
from toolkit.errors import TctError
from toolkit.formats.model import Export
from toolkit.formats.rows import dumps_line, format_ids, row_from_fields
from toolkit.lazy import lazy_module
from toolkit.textio import Notice

etree = lazy_module("lxml.etree")  # imported on first use: `tct --help` starts without them
tmx_storage = lazy_module("translate.storage.tmx")

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Characters XML 1.0 cannot hold at all; translate-toolkit would silently drop them.
MAX_TMX_BYTES = 512 << 20
MAX_NOTICES = 20
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


def load(data: bytes, where: str, default_source_lang: str = "ru", notice: Notice | None = None) -> Export:
    """An Export from TMX bytes, tct's own or another tool's.

    Read with a parser that resolves no entities and loads no DTD (no XXE, no billion laughs; libxml2
    also caps depth and node size). Namespaced files (`<tmx xmlns=...>`) read as plain TMX; a unit's
    own `srclang` beats the header's; of several languages in a unit, the original's and English (or
    the only other one) are taken and the rest reported; a unit that cannot be used is reported and
    left out; inline codes (<bpt>, <ept>, <ph>, <it>, <ut>) are markup of the source format, not prose,
    and are dropped (the text of <hi> is kept).
    """
    if len(data) > MAX_TMX_BYTES:
        raise TctError(f"too big for a TMX file ({len(data):,} bytes, at most {MAX_TMX_BYTES:,})", where)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise TctError(f"not well-formed XML ({_one_line(exc)})", where) from None
    if not isinstance(root.tag, str) or etree.QName(root).localname != "tmx":
        name = etree.QName(root).localname if isinstance(root.tag, str) else "?"
        raise TctError(f"not a TMX file (root element <{name}>)", where)
    _strip_namespaces(root)
    header = root.find("header")
    header_lang = _source_lang(header.get("srclang") if header is not None else None, default_source_lang)
    document = None
    if header is not None:
        for prop in header.findall("prop"):
            if prop.get("type") == "x-tct-metadata":
                document = _json(prop.text or "", where)
    rows = []
    skipped: list[str] = []
    extra_languages: dict[str, int] = {}
    units = list(root.iter("tu"))
    for number, tu in enumerate(units, start=1):
        source_lang = _source_lang(tu.get("srclang"), header_lang)
        try:
            fields = _unit_fields(tu, source_lang, extra_languages)
        except _Unusable as exc:
            skipped.append(f"translation unit {number}: {exc}")
            continue
        rows.append(
            row_from_fields(fields, len(rows), source_lang, "en", f"{where}: translation unit {number}")
        )
    if not rows:
        first = f" ({skipped[0]})" if skipped else ""
        raise TctError(f"no usable translation units{first}", where)
    if notice:
        for message in skipped[:MAX_NOTICES]:
            notice(f"{where}: {message}; left out")
        if len(skipped) > MAX_NOTICES:
            notice(f"{where}: {len(skipped) - MAX_NOTICES} more translation units left out")
        for lang, count in sorted(extra_languages.items()):
            notice(f"{where}: {count} translation unit(s) also hold {lang!r}, which is left out")
    unit_langs = {row.source_lang for row in rows}
    source_lang = unit_langs.pop() if len(unit_langs) == 1 else header_lang  # units' own srclang first
    if document is None:
        return Export(metadata=None, rows=rows, source_lang=source_lang)
    return Export.from_document(document, rows, where)


class _Unusable(Exception):
    """Why one translation unit cannot be read (reported, and the unit left out)."""


def _unit_fields(tu: etree._Element, source_lang: str, extra_languages: dict[str, int]) -> dict[str, Any]:
    tuvs: dict[str, etree._Element] = {}
    for tuv in tu.findall("tuv"):
        lang = _primary(tuv.get(XML_LANG) or tuv.get("lang") or "")
        if not lang:
            raise _Unusable("a <tuv> has no xml:lang")
        if lang in tuvs:
            raise _Unusable(f"more than one <tuv> in {lang!r}")
        if tuv.find("seg") is None:
            raise _Unusable(f"the <tuv> in {lang!r} has no <seg>")
        tuvs[lang] = tuv
    if not tuvs:
        raise _Unusable("no <tuv>")
    others = [lang for lang in tuvs if lang != source_lang]
    target_lang = "en" if "en" in others else (others[0] if len(others) == 1 else None)
    if target_lang is None and others:
        raise _Unusable(f"no English among {', '.join(others)}, and more than one other language")
    if source_lang not in tuvs and target_lang is None:
        raise _Unusable(f"neither the original's language {source_lang!r} nor a rendering")
    for lang in others:
        if lang != target_lang:
            extra_languages[lang] = extra_languages.get(lang, 0) + 1
    props = {prop.get("type", "")[2:]: prop.text or "" for prop in tu.findall("prop")}
    fields: dict[str, Any] = {key.replace("-", "_"): value for key, value in props.items()}
    fields["source_text"] = _seg_text(tuvs[source_lang]) if source_lang in tuvs else ""
    fields["rendering_text"] = _seg_text(tuvs[target_lang]) if target_lang else ""
    fields["source_lang"] = source_lang
    fields["rendering_lang"] = target_lang or "en"
    return fields


def _strip_namespaces(root: etree._Element) -> None:
    """`<tmx xmlns="http://www.lisa.org/tmx14">` and prefixed TMX elements read as plain TMX."""
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.startswith("{"):
            element.tag = etree.QName(element).localname


def _source_lang(value: str | None, default: str) -> str:
    lang = _primary(value or "")
    return lang if lang.isalpha() else default  # srclang="*all*": any language may be the source


def _json(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except ValueError as exc:
        raise TctError(f"header prop x-tct-metadata is not valid JSON ({_one_line(exc)})", where) from None
    except RecursionError:
        raise TctError("header prop x-tct-metadata is nested too deeply", where) from None


#: Inline elements holding codes of the source format (RTF, HTML...): not prose.
INLINE_CODES = {"bpt", "ept", "ph", "it", "ut", "sub"}


def _seg_text(tuv: etree._Element) -> str:
    """The prose of <seg>: text and the text of <hi>, without inline codes (their tails kept)."""
    seg = tuv.find("seg")
    return "" if seg is None else _prose(seg)


def _prose(element: etree._Element) -> str:
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in INLINE_CODES:
            parts.append(_prose(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _primary(lang: str) -> str:
    """ "en-GB" and "EN_gb" to "en": the corpus records languages as ISO 639 codes."""
    return lang.replace("_", "-").split("-")[0].strip().lower()


def _one_line(exc: BaseException) -> str:
    """Parser messages can span lines; ours are one line."""
    return " ".join(str(exc).split())
