"""Turn matplotlib's SVG into the house's SVG: accessible, CSP-safe and inline-ready.

matplotlib writes CSS: a ``<style>`` element and a ``style="..."`` attribute on nearly every element.
A page whose Content-Security-Policy says ``style-src 'self'`` (ours) ignores both, so an inline chart
would lose its colours. Every declaration matplotlib writes (fill, stroke, opacity, font-size,
font-family, text-anchor ...) is also an SVG *presentation attribute*, which no CSP governs, so each
``style`` is rewritten as attributes. The ``<style>`` rule (``*{stroke-linejoin: round; stroke-linecap:
butt}``) becomes inherited attributes on the root; an element's own attributes still win, as its
``style`` did.

``FOREGROUND`` is a colour no chart uses otherwise; it becomes ``currentColor``, so axes and text take
the colour of the surrounding text (dark mode on the page, black in a PDF).

matplotlib repeats a marker's colours on every ``<use>`` of it (a dot per day of a two-year history);
where a group holds only such ``<use>`` elements with the same inherited attributes (fill, stroke ...),
the group carries them once, which halves the size of a chart with many dots.

matplotlib names its elements the same way in every chart (``figure_1``, ``patch_1``, and a clip path or a
marker named by a hash of its shape), so two charts inline on one page would repeat ids, and a ``<use>``
in one could pick up the other's marker. Every id starts with the chart's own prefix, and so does every
reference to one.

The XML declaration, the DOCTYPE and matplotlib's RDF ``<metadata>`` are dropped: the result starts at
``<svg`` and can be placed straight into HTML. A ``<title>`` and ``<desc>`` come first, named by
``aria-labelledby`` on the root with ``role="img"``, which is how screen readers announce an inline SVG.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
FOREGROUND = "#010203"
"""Draw with this colour to get ``currentColor`` in the output."""

ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)

_HREF = f"{{{XLINK_NS}}}href"
_URL = re.compile(r"url\(#([^)]+)\)")
_ROOT_STYLE = {"stroke-linejoin": "round", "stroke-linecap": "butt"}
# Presentation attributes that children inherit from their group (opacity and clip-path do not).
_INHERITED = frozenset(
    {"fill", "fill-opacity", "stroke", "stroke-opacity", "stroke-width", "stroke-linecap", "stroke-linejoin"}
)


def _tag(name: str) -> str:
    return f"{{{SVG_NS}}}{name}"


def _declarations(style: str) -> list[tuple[str, str]]:
    """``fill: #fff; font-family: 'DejaVu Sans', sans-serif`` as (property, value) pairs."""
    pairs = []
    for declaration in style.split(";"):
        name, colon, value = declaration.partition(":")
        if colon and name.strip():
            pairs.append((name.strip(), value.strip()))
    return pairs


def _share_marker_attributes(root: ET.Element) -> None:
    """Move the inherited attributes all of a group's ``<use>`` children share onto the group."""
    for group in root.iter(_tag("g")):
        uses = list(group)
        if len(uses) < 2 or any(use.tag != _tag("use") for use in uses):
            continue
        first = uses[0].attrib
        shared = {
            name: value
            for name, value in first.items()
            if name in _INHERITED and name not in group.attrib and all(u.get(name) == value for u in uses)
        }
        for name, value in shared.items():
            group.set(name, value)
            for use in uses:
                del use.attrib[name]


def _own_ids(root: ET.Element, prefix: str) -> None:
    """Every id, and every reference to one (``xlink:href="#id"``, ``url(#id)``), starts with ``prefix``."""
    ids = {element.get("id") for element in root.iter()} - {None}

    def own(found: re.Match[str]) -> str:
        return f"url(#{prefix}-{found[1]})" if found[1] in ids else found[0]

    for element in root.iter():
        for name, value in list(element.attrib.items()):
            if name == "id":
                element.set(name, f"{prefix}-{value}")
            elif name in (_HREF, "href") and value.startswith("#") and value[1:] in ids:
                element.set(name, f"#{prefix}-{value[1:]}")
            elif "url(#" in value:
                element.set(name, _URL.sub(own, value))


def finish_svg(svg: str, title: str, desc: str, id_prefix: str) -> str:
    """matplotlib's SVG text as the house's SVG (see the module docstring)."""
    root = ET.fromstring(svg[svg.index("<svg") :])
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag in (_tag("metadata"), _tag("style")):
                parent.remove(child)
    for defs in root.findall(_tag("defs")):
        if len(defs) == 0:
            root.remove(defs)
    for element in root.iter():
        style = element.attrib.pop("style", None)
        if style:
            for name, value in _declarations(style):
                element.attrib.setdefault(name, value)
        for name, value in element.attrib.items():
            if FOREGROUND in value:
                element.attrib[name] = value.replace(FOREGROUND, "currentColor")
    _share_marker_attributes(root)
    _own_ids(root, id_prefix)
    for name, value in _ROOT_STYLE.items():
        root.set(name, value)
    root.set("role", "img")
    root.set("aria-labelledby", f"{id_prefix}-title {id_prefix}-desc")
    title_element = ET.Element(_tag("title"), {"id": f"{id_prefix}-title"})
    title_element.text = title
    desc_element = ET.Element(_tag("desc"), {"id": f"{id_prefix}-desc"})
    desc_element.text = desc
    root.insert(0, desc_element)
    root.insert(0, title_element)
    return ET.tostring(root, encoding="unicode")
