#!/usr/bin/env python3
"""Derive the NCTS P5 message model and the data-element dictionary.

Reads (from the shared reference folder, default ``../shared`` relative to the
repository root):

* ``spec/ncts-p5/messages/<MSG>.csv``  - the TIS message table joined with the
  XSD element tree (columns path,name,kind,status,max,format,codelist,rules);
* ``spec/ncts-p5/xsd/<msg>.xsd`` and the files it includes (ctypes.xsd,
  htypes.xsd, stypes.xsd, tcl.xsd, doc.xsd) - used to check that every row is a
  real element in XSD sequence order, to find the XML namespace and the message
  title, and to tell dates from date-times by the XSD built-in base type;
* ``spec/ncts-p5/data-elements.csv``   - EUCDM data element number -> paths.

Writes ``rules/ncts-p5/<MSG>.model`` for each trader message (or the one given
with ``--message``) and ``rules/ncts-p5/data-elements.dict`` (CC015C paths: the
shared data-element table maps numbers to CC015C only).

The messages from customs that rules read as context of a movement (CC028C,
CC043C: ``CONTEXT_MESSAGES``) have no message table in the shared folder: their
models come from the XSD alone (``derive_context_model``): every element in
sequence order, with the name, format, R/D/O status and code list of the XSD's
annotations (an element the annotations give no status has R when its
minOccurs is 1, else O; no format: from its simple type's length facets).
They are written with ``context only``: read, never validated.

Python 3.11, standard library only.  Re-runnable; output is deterministic.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

XS = "{http://www.w3.org/2001/XMLSchema}"
REPO_ROOT = Path(__file__).resolve().parent.parent
# The messages a trader sends over a transit movement, each with a model.
MESSAGES = ["CC015C", "CC013C", "CC014C", "CC170C", "CC007C", "CC044C"]
# Messages from customs that trader messages' rules read (C0467, C0440).
CONTEXT_MESSAGES = ["CC028C", "CC043C"]


class DeriveError(Exception):
    """A fact in the inputs does not hold; the message says which and where."""


# --------------------------------------------------------------------------
# XSD
# --------------------------------------------------------------------------


@dataclass
class XsdElement:
    path: str  # /CC015C/TransitOperation/LRN
    min_occurs: int
    max_occurs: int | None  # None = unbounded
    simple_base: str | None  # xs built-in the simple type derives from, or None for complex
    notes: dict[str, str] = field(default_factory=dict)  # the XSD annotation: description, format, optionality, codeList
    simple_type: str | None = None


@dataclass
class Schema:
    complex_types: dict[str, ET.Element] = field(default_factory=dict)
    simple_types: dict[str, ET.Element] = field(default_factory=dict)
    groups: dict[str, ET.Element] = field(default_factory=dict)
    root_elements: dict[str, ET.Element] = field(default_factory=dict)
    target_namespace: str = ""
    version: str = ""

    def load(self, path: Path, seen: set[Path] | None = None) -> None:
        seen = set() if seen is None else seen
        path = path.resolve()
        if path in seen:
            return
        seen.add(path)
        if not path.is_file():
            raise DeriveError(f"{path}: XSD file not found")
        root = ET.parse(path).getroot()
        for inc in root.findall(f"{XS}include"):
            self.load(path.parent / inc.get("schemaLocation", ""), seen)
        for ct in root.findall(f"{XS}complexType"):
            self.complex_types[ct.get("name")] = ct
        for st in root.findall(f"{XS}simpleType"):
            self.simple_types[st.get("name")] = st
        for grp in root.findall(f"{XS}group"):
            self.groups[grp.get("name")] = grp
        for el in root.findall(f"{XS}element"):
            self.root_elements[el.get("name")] = el

    def simple_base(self, type_name: str) -> str:
        """Follow restriction bases down to an xs: built-in type."""
        seen = []
        name = type_name
        while True:
            if name.startswith("xs:"):
                return name
            seen.append(name)
            st = self.simple_types.get(name)
            if st is None:
                raise DeriveError(f"XSD simple type {name!r} not defined (chain {' -> '.join(seen)})")
            restr = st.find(f"{XS}restriction")
            if restr is None or restr.get("base") is None:
                raise DeriveError(f"XSD simple type {name!r} is not a restriction (unsupported)")
            name = restr.get("base")
            if name in seen:
                raise DeriveError(f"XSD simple type loop: {' -> '.join(seen)}")

    def walk(self, root_name: str) -> list[XsdElement]:
        root = self.root_elements.get(root_name)
        if root is None:
            raise DeriveError(f"XSD has no root element {root_name!r}")
        out: list[XsdElement] = [XsdElement(f"/{root_name}", 1, 1, None)]
        self._walk_complex(root.get("type"), f"/{root_name}", out, [])
        return out

    def _walk_complex(self, type_name: str, prefix: str, out: list[XsdElement], stack: list[str]) -> None:
        if type_name in stack:
            raise DeriveError(f"XSD complex type recursion at {prefix} ({type_name})")
        ct = self.complex_types.get(type_name)
        if ct is None:
            raise DeriveError(f"XSD complex type {type_name!r} not defined (at {prefix})")
        for child in ct:
            if child.tag == f"{XS}sequence":
                self._walk_particles(child, prefix, out, stack + [type_name])
            elif child.tag in (f"{XS}attribute", f"{XS}annotation"):
                continue
            else:
                raise DeriveError(f"XSD construct {child.tag} in {type_name} not supported")

    def _walk_particles(self, seq: ET.Element, prefix: str, out: list[XsdElement], stack: list[str]) -> None:
        for p in seq:
            if p.tag == f"{XS}annotation":
                continue
            if p.tag == f"{XS}group":
                grp = self.groups.get(p.get("ref"))
                if grp is None:
                    raise DeriveError(f"XSD group {p.get('ref')!r} not defined")
                inner = grp.find(f"{XS}sequence")
                if inner is None:
                    raise DeriveError(f"XSD group {p.get('ref')!r}: only sequences are supported")
                self._walk_particles(inner, prefix, out, stack)
                continue
            if p.tag != f"{XS}element":
                raise DeriveError(f"XSD particle {p.tag} under {prefix} not supported")
            name = p.get("name")
            typ = p.get("type")
            path = f"{prefix}/{name}"
            mn = int(p.get("minOccurs", "1"))
            mx_raw = p.get("maxOccurs", "1")
            mx = None if mx_raw == "unbounded" else int(mx_raw)
            notes: dict[str, str] = {}
            for d in p.findall(f"{XS}annotation/{XS}documentation/*"):
                key = d.tag.rsplit("}", 1)[-1]
                notes[key] = d.get("code") if key == "codeList" else d.get("value", "")
            if typ in self.complex_types:
                out.append(XsdElement(path, mn, mx, None, notes))
                self._walk_complex(typ, path, out, stack)
            else:
                out.append(XsdElement(path, mn, mx, self.simple_base(typ), notes, typ))

    def facet_format(self, type_name: str) -> str:
        """A format from the length facets along a simple type's restrictions."""
        name = type_name
        while not name.startswith("xs:"):
            st = self.simple_types.get(name)
            restr = st.find(f"{XS}restriction") if st is not None else None
            if restr is None:
                break
            length = restr.find(f"{XS}length")
            if length is not None:
                return f"an{length.get('value')}"
            most = restr.find(f"{XS}maxLength")
            if most is not None:
                return f"an..{most.get('value')}"
            codes = [e.get("value", "") for e in restr.findall(f"{XS}enumeration")]
            if codes:
                lengths = {len(c) for c in codes}
                return f"an{max(lengths)}" if len(lengths) == 1 else f"an..{max(lengths)}"
            pattern = restr.find(f"{XS}pattern")
            m = re.fullmatch(r"\.\{(\d+)(?:,(\d+))?\}", pattern.get("value", "")) if pattern is not None else None
            if m:
                return f"an..{m.group(2)}" if m.group(2) else f"an{m.group(1)}"
            name = restr.get("base", "xs:")
        if name == "xs:dateTime":
            return "an19"
        if name == "xs:date":
            return "an10"
        raise DeriveError(f"XSD simple type {type_name!r}: no format annotation and no length facet")



# --------------------------------------------------------------------------
# XSD simple types -> the model's `xsd:` facets
# --------------------------------------------------------------------------
#
# The facets of an item's XSD simple type, written in the model after the
# table's format as one field `xsd:<facet>;<facet>;...` (no white space):
#
#   preserve | replace | collapse   the whiteSpace facet, applied first
#   decimal | integer | date | datetime   the built-in's own lexical space
#   len=M..N      length in characters (length, minLength, maxLength, and a
#                 pattern `.{M,N}` of a type whose white space is not preserved)
#   nosep         the pattern \P{Z}(.*\P{Z})?: not empty, no Unicode separator
#                 first or last
#   digits=T.F    totalDigits T, fractionDigits F (on the value)
#   range=A..B    minInclusive A, maxInclusive B (integers)
#   enum=a/b/c    the enumeration
#   re=ALT|ALT    any other pattern, flattened: alternatives of runs of one
#                 character class each; several re= facets must all match
#
# A run is an atom with an optional quantifier {M}, {M,N} or {M,} (default
# {1}); an atom is `.` (any character but CR and LF), `\P{Z}`, a letter or
# digit standing for itself, `\xHH` / `\u{H..}` for any other character, or a
# class `[...]` / `[^...]` of such characters and ranges `A-Z`.  Anything an
# XSD pattern says beyond that (a quantified group, back references,
# subtraction, other \p{..} categories) stops the derivation.

BUILTIN_WS = {"xs:string": "preserve", "xs:normalizedString": "replace"}
BUILTIN_KIND = {"xs:decimal": "decimal", "xs:integer": "integer", "xs:date": "date", "xs:dateTime": "datetime"}
NOSEP = r"\P{Z}(.*\P{Z})?"


class Pat:
    """A parser of the XSD regular expressions the NCTS XSDs use."""

    def __init__(self, src: str, where: str):
        self.s, self.i, self.where = src, 0, where

    def fail(self, what: str) -> DeriveError:
        return DeriveError(f"{self.where}: pattern {self.s!r}: {what} at {self.i} (not supported; extend tools/derive-model.py and the runtime)")

    def peek(self) -> str:
        return self.s[self.i] if self.i < len(self.s) else ""

    def alternatives(self) -> list:
        alts = [self.sequence()]
        while self.peek() == "|":
            self.i += 1
            alts.append(self.sequence())
        return alts

    def sequence(self) -> list:
        items = []
        while self.peek() not in ("", "|", ")"):
            atom = self.atom()
            items.append((atom, *self.quantifier()))
        return items

    def quantifier(self) -> tuple[int, int | None]:
        c = self.peek()
        if c in "?*+" and c:
            self.i += 1
            return {"?": (0, 1), "*": (0, None), "+": (1, None)}[c]
        if c == "{":
            m = re.match(r"\{(\d+)(,(\d*))?\}", self.s[self.i :])
            if not m:
                raise self.fail("bad quantifier")
            self.i += m.end()
            lo = int(m.group(1))
            hi = lo if m.group(2) is None else (int(m.group(3)) if m.group(3) else None)
            return lo, hi
        return 1, 1

    def escape(self) -> tuple:
        self.i += 1
        c = self.peek()
        self.i += 1
        if c == "d":
            return ("set", False, [("0", "9")])
        if c in "pP":
            m = re.match(r"\{(\w+)\}", self.s[self.i :])
            if not m:
                raise self.fail("bad category")
            self.i += m.end()
            name = m.group(1)
            if name == "Z" and c == "P":
                return ("notsep",)
            if name == "IsBasicLatin" and c == "p":
                return ("set", False, [("\x00", "\x7f")])
            raise self.fail(f"category \\{c}{{{name}}}")
        if c in ".-[]\\^|?*+{}()":
            return ("set", False, [(c, c)])
        if c in "nrt":  # XSD's single-character escapes for LF, CR, TAB
            ch = {"n": "\n", "r": "\r", "t": "\t"}[c]
            return ("set", False, [(ch, ch)])
        raise self.fail(f"escape \\{c}")

    def atom(self) -> tuple:
        c = self.peek()
        if c == "(":
            self.i += 1
            alts = self.alternatives()
            if self.peek() != ")":
                raise self.fail("unclosed group")
            self.i += 1
            return ("group", alts)
        if c == ".":
            self.i += 1
            return ("any",)
        if c == "\\":
            return self.escape()
        if c == "[":
            self.i += 1
            neg = self.peek() == "^"
            if neg:
                self.i += 1
            ranges = []
            while self.peek() != "]":
                if not self.peek():
                    raise self.fail("unclosed class")
                if self.peek() == "\\":
                    e = self.escape()
                    if e[0] != "set" or e[1]:
                        raise self.fail("escape in a class")
                    ranges += e[2]
                    continue
                lo = self.peek()
                self.i += 1
                if self.peek() == "-" and self.s[self.i + 1 : self.i + 2] not in ("]", ""):
                    hi = self.s[self.i + 1]
                    self.i += 2
                    ranges.append((lo, hi))
                else:
                    ranges.append((lo, lo))
            self.i += 1
            return ("set", neg, ranges)
        if c in "?*+{}]":
            raise self.fail("unexpected character")
        self.i += 1
        return ("set", False, [(c, c)])

    def flat(self) -> list[list[tuple]]:
        alts = self.alternatives()
        if self.i != len(self.s):
            raise self.fail("unexpected character")
        return flatten(alts, self)


def flatten(alts: list, p: Pat) -> list[list[tuple]]:
    out: list[list[tuple]] = []
    for seq in alts:
        partial: list[list[tuple]] = [[]]
        for atom, lo, hi in seq:
            if atom[0] == "group":
                inner = flatten(atom[1], p)
                if (lo, hi) == (1, 1):
                    choices = inner
                elif (lo, hi) == (0, 1):
                    choices = [[]] + inner
                else:
                    raise p.fail("a group quantified other than ? ")
            else:
                choices = [[(atom, lo, hi)]]
            partial = [a + b for a in partial for b in choices]
        out += partial
    if len(out) > 64:
        raise p.fail(f"{len(out)} alternatives once flattened")
    return out


def char_text(c: str) -> str:
    if c.isascii() and c.isalnum():
        return c
    return f"\\x{ord(c):02X}" if ord(c) < 0x100 else f"\\u{{{ord(c):X}}}"


def run_text(run: tuple) -> str:
    atom, lo, hi = run
    if atom[0] == "any":
        a = "."
    elif atom[0] == "notsep":
        a = r"\P{Z}"
    else:
        _, neg, ranges = atom
        if not neg and len(ranges) == 1 and ranges[0][0] == ranges[0][1]:
            a = char_text(ranges[0][0])
        else:
            body = "".join(char_text(lo_) if lo_ == hi_ else f"{char_text(lo_)}-{char_text(hi_)}" for lo_, hi_ in ranges)
            a = f"[{'^' if neg else ''}{body}]"
    if (lo, hi) == (1, 1):
        return a
    if hi is None:
        return f"{a}{{{lo},}}"
    return f"{a}{{{lo}}}" if lo == hi else f"{a}{{{lo},{hi}}}"


def xsd_facets(schema: "Schema", type_name: str, where: str) -> str:
    """The `xsd:` field of an item whose XSD simple type is `type_name`."""
    steps: list[ET.Element] = []
    name = type_name
    while not name.startswith("xs:"):
        st = schema.simple_types.get(name)
        restr = st.find(f"{XS}restriction") if st is not None else None
        if restr is None:
            raise DeriveError(f"{where}: XSD simple type {name!r} is not a restriction")
        steps.append(restr)
        name = restr.get("base", "")
    base = name
    kind = BUILTIN_KIND.get(base)
    if kind is None and base not in ("xs:string", "xs:normalizedString", "xs:token"):
        raise DeriveError(f"{where}: XSD built-in {base} not supported")
    ws = BUILTIN_WS.get(base, "collapse")
    lo, hi = 0, None
    patterns: list[list[str]] = []  # per step, ORed; steps ANDed
    enum: list[str] | None = None
    total = frac = None
    rmin = rmax = None
    for restr in reversed(steps):  # from the built-in up to the item's type
        step_patterns = []
        step_enum = []
        for f in restr:
            tag, v = f.tag.rsplit("}", 1)[-1], f.get("value", "")
            if tag == "annotation":
                continue
            if tag == "whiteSpace":
                ws = v
            elif tag == "length":
                lo, hi = max(lo, int(v)), int(v) if hi is None else min(hi, int(v))
            elif tag == "minLength":
                lo = max(lo, int(v))
            elif tag == "maxLength":
                hi = int(v) if hi is None else min(hi, int(v))
            elif tag == "pattern":
                step_patterns.append(v)
            elif tag == "enumeration":
                step_enum.append(v)
            elif tag == "totalDigits":
                total = int(v) if total is None else min(total, int(v))
            elif tag == "fractionDigits":
                frac = int(v) if frac is None else min(frac, int(v))
            elif tag == "minInclusive" and kind == "integer":
                rmin = int(v) if rmin is None else max(rmin, int(v))
            elif tag == "maxInclusive" and kind == "integer":
                rmax = int(v) if rmax is None else min(rmax, int(v))
            else:
                raise DeriveError(f"{where}: XSD facet {tag} ({v!r}) on {base} not supported")
        if step_patterns:
            patterns.append(step_patterns)
        if step_enum:
            enum = step_enum
    facets = [ws] + ([kind] if kind else [])
    nosep = False
    res: list[str] = []
    for step in patterns:
        if step == [NOSEP]:
            nosep = True
            continue
        if len(step) == 1 and ws != "preserve":
            m = re.fullmatch(r"\.\{(\d+)(?:,(\d+))?\}", step[0])
            if m:  # no CR or LF is left to refuse once the white space is replaced
                lo = max(lo, int(m.group(1)))
                n = int(m.group(2) or m.group(1))
                hi = n if hi is None else min(hi, n)
                continue
        alts = []
        for src in step:
            if src == NOSEP:
                raise DeriveError(f"{where}: {NOSEP} as one of several patterns not supported")
            alts += [("".join(run_text(r) for r in seq)) for seq in Pat(src, where).flat()]
        res.append("re=" + "|".join(a or "\\x{empty}" for a in alts))
    if any("\\x{empty}" in r for r in res):
        raise DeriveError(f"{where}: a pattern alternative matches the empty string (not supported)")
    if lo or hi is not None:
        facets.append(f"len={lo}" if lo == hi else f"len={lo}..{'' if hi is None else hi}")
    if nosep:
        facets.append("nosep")
    if total is not None or frac is not None:
        if kind != "decimal":
            raise DeriveError(f"{where}: totalDigits/fractionDigits on {base}")
        facets.append(f"digits={total if total is not None else ''}.{frac if frac is not None else ''}")
    if rmin is not None or rmax is not None:
        facets.append(f"range={'' if rmin is None else rmin}..{'' if rmax is None else rmax}")
    if enum is not None:
        bad = [e for e in enum if not re.fullmatch(r"[A-Za-z0-9]+", e)]
        if bad:
            raise DeriveError(f"{where}: enumeration values {bad} not supported (letters and digits only)")
        facets.append("enum=" + "/".join(enum))
    facets += res
    return "xsd:" + ";".join(facets)


def message_title(xsd_text: str, message: str) -> str:
    """Title from the header comment block: '<!--===== IE015: E_DEC_DAT -->' then
    '<!--===== DECLARATION DATA -->'  ->  'Declaration data'."""
    lines = [m.strip() for m in re.findall(r"<!--=====(.*?)-->", xsd_text)]
    ie = "IE" + message[2:5]
    for i, line in enumerate(lines):
        if line.startswith(ie + ":") and i + 1 < len(lines) and lines[i + 1]:
            title = lines[i + 1].strip()
            return title[:1].upper() + title[1:].lower()
    raise DeriveError(f"cannot find the title comment of {ie} in the XSD")


# --------------------------------------------------------------------------
# Model
# --------------------------------------------------------------------------


@dataclass
class Row:
    path: str  # dotted, relative to the root
    typ: str
    status: str
    max: int
    fmt: str
    codelist: str
    xsd: str
    name: str
    rules: list[str]


def classify(csv_row: dict[str, str], xsd_base: str | None) -> str:
    if csv_row["kind"] == "group":
        return "group"
    if csv_row["codelist"]:
        return "code"
    if xsd_base == "xs:date":
        return "date"
    if xsd_base == "xs:dateTime":
        return "datetime"
    if csv_row["format"].startswith("n"):
        return "number"
    return "text"


def load_message_xsd(xsd_path: Path, message: str) -> tuple["Schema", str, str, str]:
    """A message's XSD: its element tree, target namespace, version and title."""
    schema = Schema()
    schema.load(xsd_path)
    xsd_root = ET.parse(xsd_path).getroot()
    namespace = xsd_root.get("targetNamespace", "")
    version = xsd_root.get("version", "")
    if not namespace:
        raise DeriveError(f"{xsd_path}: no targetNamespace")
    title = message_title(xsd_path.read_text(encoding="utf-8"), message)
    return schema, namespace, version, title


def derive_model(shared: Path, message: str) -> tuple[list[str], list[Row], set[str]]:
    spec = shared / "spec" / "ncts-p5"
    csv_path = spec / "messages" / f"{message}.csv"
    xsd_path = spec / "xsd" / f"{message.lower()}.xsd"
    if not csv_path.is_file():
        raise DeriveError(f"{csv_path}: message table not found (is --shared right?)")

    schema, namespace, version, title = load_message_xsd(xsd_path, message)
    xsd_elems = schema.walk(message)
    xsd_by_path = {e.path: e for e in xsd_elems}

    with csv_path.open(newline="", encoding="utf-8") as f:
        csv_rows = list(csv.DictReader(f))

    errors: list[str] = []
    csv_paths = [r["path"] for r in csv_rows]
    if csv_paths != [e.path for e in xsd_elems]:
        only_csv = [p for p in csv_paths if p not in xsd_by_path]
        only_xsd = [e.path for e in xsd_elems if e.path not in set(csv_paths)]
        errors.append(
            f"{csv_path.name} rows differ from the XSD element sequence "
            f"(only in CSV: {only_csv[:5]}, only in XSD: {only_xsd[:5]}, or order differs)"
        )
    root_prefix = f"/{message}"
    if not csv_rows or csv_rows[0]["path"] != root_prefix:
        raise DeriveError(f"{csv_path}: first row must be the root {root_prefix}")

    rows: list[Row] = []
    for lineno, r in enumerate(csv_rows[1:], start=3):
        where = f"{csv_path.name}:{lineno}"
        x = xsd_by_path.get(r["path"])
        if x is None:
            errors.append(f"{where}: {r['path']} is not an element of {xsd_path.name}")
            continue
        if r["status"] not in ("R", "D", "O"):
            errors.append(f"{where}: status {r['status']!r} is not R/D/O")
        try:
            mx = int(r["max"])
        except ValueError:
            errors.append(f"{where}: max {r['max']!r} is not an integer")
            continue
        if x.max_occurs is not None and x.max_occurs != mx:
            errors.append(f"{where}: max {mx} but XSD maxOccurs {x.max_occurs}")
        if (r["kind"] == "group") != (x.simple_base is None):
            errors.append(f"{where}: kind {r['kind']} disagrees with the XSD type")
        if r["status"] == "R" and x.min_occurs == 0:
            errors.append(f"{where}: status R but XSD minOccurs 0")
        typ = classify(r, x.simple_base)
        if typ != "group" and not r["format"]:
            errors.append(f"{where}: item without a format")
        rel = r["path"][len(root_prefix) + 1 :].replace("/", ".")
        rows.append(
            Row(
                path=rel,
                typ=typ,
                status=r["status"],
                max=mx,
                fmt=r["format"] if typ != "group" else "-",
                codelist=r["codelist"] or "-",
                xsd=xsd_facets(schema, x.simple_type, f"{where}: {r['path']}") if typ != "group" else "",
                name=r["name"],
                rules=r["rules"].split(),
            )
        )
    if errors:
        raise DeriveError("\n".join(errors))

    header = [
        f"// {message} message model, derived by tools/derive-model.py from the NCTS P5 message table and XSD {version}",
        "// columns: path  type  status  max  format  xsd-facets  codelist  \"name\"  rule ids",
        "// (format: the message table's; xsd-facets: what the item's XSD type says, which decides; see tools/derive-model.py)",
        f'message {message} "{title}" namespace "{namespace}"',
    ]
    return header, rows, {r.path for r in rows}


def derive_context_model(shared: Path, message: str) -> tuple[list[str], list[Row]]:
    """The model of a message from customs, from its XSD alone (see the module doc)."""
    xsd_path = shared / "spec" / "ncts-p5" / "xsd" / f"{message.lower()}.xsd"
    schema, namespace, version, title = load_message_xsd(xsd_path, message)
    root_prefix = f"/{message}"
    rows: list[Row] = []
    for x in schema.walk(message)[1:]:
        name = x.path.rsplit("/", 1)[1]
        status = x.notes.get("optionality") or ("R" if x.min_occurs >= 1 else "O")
        if status not in ("R", "D", "O"):
            raise DeriveError(f"{xsd_path.name}: {x.path}: optionality {status!r} is not R/D/O")
        if status == "R" and x.min_occurs == 0:
            raise DeriveError(f"{xsd_path.name}: {x.path}: optionality R but minOccurs 0")
        mx = 9999 if x.max_occurs is None else x.max_occurs
        codelist = x.notes.get("codeList") or "-"
        if x.simple_base is None:
            typ, fmt = "group", "-"
        else:
            fmt = x.notes.get("format") or schema.facet_format(x.simple_type or "")
            if codelist != "-":
                typ = "code"
            elif x.simple_base == "xs:date":
                typ = "date"
            elif x.simple_base == "xs:dateTime":
                typ = "datetime"
            elif fmt.startswith("n"):
                typ = "number"
            else:
                typ = "text"
        rows.append(
            Row(
                path=x.path[len(root_prefix) + 1 :].replace("/", "."),
                typ=typ,
                status=status,
                max=mx,
                fmt=fmt,
                codelist=codelist,
                xsd=xsd_facets(schema, x.simple_type, f"{xsd_path.name}: {x.path}") if typ != "group" else "",
                name=x.notes.get("description") or name,
                rules=[],
            )
        )
    header = [
        f"// {message} message model, derived by tools/derive-model.py from the NCTS P5 XSD {version} alone",
        "// (no message table): a message from customs, read as context of a movement, never validated",
        "// columns: path  type  status  max  format  xsd-facets  codelist  \"name\"",
        f'message {message} "{title}" namespace "{namespace}" context only',
    ]
    return header, rows


def quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_model(header: list[str], rows: list[Row]) -> str:
    cols = [
        [r.path, r.typ, r.status, str(r.max), r.fmt, r.xsd or "-", r.codelist, quote(r.name)] for r in rows
    ]
    widths = [max(len(c[i]) for c in cols) for i in range(len(cols[0]))]
    # The XSD facets of a pattern can be hundreds of characters: align the
    # column for the usual short ones only, so lines stay readable.
    widths[5] = min(widths[5], 32)
    lines = list(header)
    for r, c in zip(rows, cols):
        parts = [c[i].ljust(widths[i]) for i in range(len(c))]
        line = " ".join(parts)
        if r.rules:
            line += " " + " ".join(r.rules)
        lines.append(line.rstrip())
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------
# Data-element dictionary
# --------------------------------------------------------------------------


def derive_dict(shared: Path, message: str, model_paths: set[str]) -> str:
    path = shared / "spec" / "ncts-p5" / "data-elements.csv"
    if not path.is_file():
        raise DeriveError(f"{path}: data-element table not found")
    prefix = f"/{message}/"
    errors: list[str] = []
    entries: list[tuple[str, str, list[str], bool]] = []
    with path.open(newline="", encoding="utf-8") as f:
        for lineno, r in enumerate(csv.DictReader(f), start=2):
            de = r["de"].strip()
            if not re.fullmatch(r"\d\d \d\d \d\d\d \d\d\d", de):
                errors.append(f"{path.name}:{lineno}: data element number {de!r} is not 'nn nn nnn nnn'")
            unsure = False
            paths: list[str] = []
            for p in r["paths"].split(";"):
                p = p.strip()
                if p.endswith("?"):
                    unsure = True
                    p = p[:-1]
                if not p.startswith(prefix):
                    errors.append(f"{path.name}:{lineno}: {p} is not under {prefix}")
                    continue
                dotted = p[len(prefix) :].replace("/", ".")
                assert dotted in model_paths, f"{path.name}:{lineno}: {dotted} is not in the {message} model"
                paths.append(dotted)
            entries.append((de, r["name"], paths, unsure))
    if errors:
        raise DeriveError("\n".join(errors))
    seen: dict[str, int] = {}
    for de, *_ in entries:
        seen[de] = seen.get(de, 0) + 1
    dups = [de for de, n in seen.items() if n > 1]
    if dups:
        raise DeriveError(f"{path.name}: duplicate data element numbers {dups}")

    lines = [f"// EUCDM data element number -> {message} paths (derived by tools/derive-model.py)"]
    for de, name, paths, unsure in entries:
        line = f"{de} {quote(name)} {' '.join(paths)}"
        if unsure:
            line += " // unsure mapping"
        lines.append(line)
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default="../shared", help="shared reference folder (relative to the repo root unless absolute)")
    ap.add_argument("--message", default="all", help="message type, or all (default): " + " ".join(MESSAGES + CONTEXT_MESSAGES))
    ap.add_argument("--out", default="rules/ncts-p5", help="output folder (relative to the repo root unless absolute)")
    ap.add_argument("--check", action="store_true", help="do not write; exit 1 if the outputs are not up to date")
    args = ap.parse_args(argv)

    shared = Path(args.shared)
    shared = shared if shared.is_absolute() else (REPO_ROOT / shared)
    out = Path(args.out)
    out = out if out.is_absolute() else (REPO_ROOT / out)
    if not shared.is_dir():
        print(f"derive-model: shared folder {shared} not found", file=sys.stderr)
        return 2
    try:
        outputs = {}
        for message in MESSAGES + CONTEXT_MESSAGES if args.message == "all" else [args.message]:
            if message in CONTEXT_MESSAGES:
                header, rows = derive_context_model(shared, message)
                outputs[out / f"{message}.model"] = render_model(header, rows)
                continue
            header, rows, paths = derive_model(shared, message)
            outputs[out / f"{message}.model"] = render_model(header, rows)
            # The data-element table of the shared folder maps numbers to CC015C paths
            # only; rules of the other messages name their elements by path.
            if message == "CC015C":
                outputs[out / "data-elements.dict"] = derive_dict(shared, message, paths)
    except (DeriveError, AssertionError) as e:
        print(f"derive-model: {e}", file=sys.stderr)
        return 1

    stale = []
    for p, text in outputs.items():
        current = p.read_text(encoding="utf-8") if p.exists() else None
        if current != text:
            stale.append(p)
            if not args.check:
                p.parent.mkdir(parents=True, exist_ok=True)
                p.write_text(text, encoding="utf-8", newline="\n")
    for p in outputs:
        rel = p.relative_to(REPO_ROOT) if p.is_relative_to(REPO_ROOT) else p
        state = ("stale" if args.check else "written") if p in stale else "up to date"
        print(f"{rel}: {state}")
    return 1 if (args.check and stale) else 0


if __name__ == "__main__":
    sys.exit(main())
