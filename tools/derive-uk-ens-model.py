#!/usr/bin/env python3
"""Derive the UK ENS message models (CC315A, CC313A) from HMRC's XSDs.

Reads ``spec/uk-ens/xsd/<MSG>-v11-2-New.xsd`` (the current schemas, rule set
``rules/uk-ens``) and ``<MSG>-v11-2.xsd`` (the earlier ones, overlay
``rules/uk-ens-legacy``) from the shared reference folder, with the schemas
they import (``simple_types``, ``complex_types_ics``, ``tcl``), and writes one
``.model`` per message and generation.  There is no message table: every row
comes from the XSD alone, as the NCTS context models do (``derive-model.py``'s
``derive_context_model``):

* path: the element tree in sequence order, HMRC's element names kept
  (``GOOITEGDS.TRACONCE2.CitCE224``);
* status: R when minOccurs is 1, D when minOccurs is 0 and the annotation
  names a condition (``doc:condition``), otherwise O;
* max: maxOccurs (``unbounded`` is written ``*``);
* format: the EUCDM notation of the simple type, its class from the base the
  schema derives it from (``NumType`` n, ``DecType`` n..T,F, ``AlphaType`` a,
  anything else an) and its length from the length facets;
* xsd-facets: as for NCTS (``derive-model.py``'s ``xsd_facets``), which decide
  the structure check;
* codelist: none.  The schema's own enumerations (``tcl:`` types) are in the
  facets; the business code lists the annotations name (``TransportMode``)
  are not in the schema and the rules name them where they check them;
* name: the annotation's description;
* checks bound: HMRC's checks whose context is the element, from the rule
  files of the generation's profile (``profiles.csv``: ``315New``/``313New``
  for the current rules, ``315``/``313`` for the earlier), each as
  ``FILE#K:NUMBER`` — HMRC's rule file, the check's place among its asserts
  (1-based) and its error number (``p5_p74#1:8120``); the checks of context
  ``/`` follow the ``message`` header.  ``eucdm coverage`` lists each with the
  rule that gives its error there.  The annotations' ``doc:rule`` and
  ``doc:condition`` names (C501, R806) are the EU ICS ids HMRC's error texts
  cite, not checks, and are not bound.

The XSDs are namespaced (``simple:``, ``complex_ics:``, ``tcl:``, ``ie:``);
every QName is rewritten to ``<short>:<local>`` (the last segment of its
namespace URI, ``xs`` for XML Schema) before the shared ``Schema`` walk.

Python 3.11, standard library only.  Re-runnable; output is deterministic.
``--check``: write nothing, exit 1 when a model is not up to date.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("derive_model", REPO_ROOT / "tools" / "derive-model.py")
dm = importlib.util.module_from_spec(_spec)
sys.modules["derive_model"] = dm  # dataclasses look their module up
_spec.loader.exec_module(dm)  # type: ignore[union-attr]

XS_URI = "http://www.w3.org/2001/XMLSchema"
XS = dm.XS
MESSAGES = ["CC315A", "CC313A"]
# rule-set folder -> the suffix of its XSD file names
GENERATIONS = {"rules/uk-ens": "-New", "rules/uk-ens-legacy": ""}
# (XSD suffix, message) -> HMRC's profile
PROFILES = {("-New", "CC315A"): "315New", ("-New", "CC313A"): "313New", ("", "CC315A"): "315", ("", "CC313A"): "313"}
QNAME_ATTRS = ("type", "base", "ref")


def short(uri: str) -> str:
    return "xs" if uri == XS_URI else uri.rstrip("/").rsplit("/", 1)[-1]


class UkSchema(dm.Schema):
    """The shared walker over namespaced schemas joined by ``xs:import``."""

    def load(self, path: Path, seen: set[Path] | None = None) -> None:
        seen = set() if seen is None else seen
        path = path.resolve()
        if path in seen:
            return
        seen.add(path)
        if not path.is_file():
            raise dm.DeriveError(f"{path}: XSD file not found")
        prefixes = {p: uri for _, (p, uri) in ET.iterparse(path, events=("start-ns",))}
        root = ET.parse(path).getroot()
        target = short(root.get("targetNamespace", ""))
        for el in root.iter():
            if not el.tag.startswith(XS):
                continue  # doc:codeList's type="business" is no QName
            for attr in QNAME_ATTRS:
                q = el.get(attr)
                if q is None:
                    continue
                prefix, _, local = q.rpartition(":")
                if prefix not in prefixes:
                    raise dm.DeriveError(f"{path.name}: prefix {prefix!r} of {q!r} not declared")
                el.set(attr, f"{short(prefixes[prefix])}:{local}")
        for imp in root.findall(f"{XS}import") + root.findall(f"{XS}include"):
            self.load(path.parent / imp.get("schemaLocation", ""), seen)
        for ct in root.findall(f"{XS}complexType"):
            self.complex_types[f"{target}:{ct.get('name')}"] = ct
        for st in root.findall(f"{XS}simpleType"):
            self.simple_types[f"{target}:{st.get('name')}"] = st
        for grp in root.findall(f"{XS}group"):
            self.groups[f"{target}:{grp.get('name')}"] = grp
        for el in root.findall(f"{XS}element"):
            self.root_elements[el.get("name")] = el

    def chain(self, type_name: str) -> list[str]:
        """The simple type and the types it restricts, down to the built-in."""
        out = [type_name]
        while not out[-1].startswith("xs:"):
            restr = self.simple_types[out[-1]].find(f"{XS}restriction")
            out.append(restr.get("base", "xs:"))
        return out


def item_format(schema: UkSchema, type_name: str) -> str:
    """EUCDM format of a simple type: class from its base, length from its facets."""
    chain = schema.chain(type_name)
    if "simple:DecType" in chain:
        restr = schema.simple_types[type_name].find(f"{XS}restriction")
        total = restr.find(f"{XS}totalDigits").get("value")
        frac = restr.find(f"{XS}fractionDigits").get("value")
        return f"n..{total},{frac}"
    try:
        fmt = schema.facet_format(type_name)
    except dm.DeriveError:
        # No length facet: a pattern `[...]{M,N}`, else the length the
        # documentation states (`MRN (format: an..21)`); the class is the base's.
        fmt = pattern_format(schema, type_name) or documented_format(schema, type_name)
        if fmt is None:
            raise
        fmt = "an" + fmt.lstrip("an")
    if "simple:NumType" in chain:
        return "n" + fmt[2:]
    if "simple:AlphaType" in chain:
        return "a" + fmt[2:]
    return fmt


def documented_format(schema: UkSchema, type_name: str) -> str | None:
    """The format a type's documentation states (`MRN (format: an..21)`, `[Format: a1]`)."""
    doc = schema.simple_types[type_name].find(f"{XS}annotation/{XS}documentation")
    m = re.search(r"[Ff]ormat:?\s*(an|a|n)(\.\.)?(\d+(?:,\d+)?)", doc.text or "") if doc is not None else None
    return "".join(g or "" for g in m.groups()) if m else None


def pattern_format(schema: UkSchema, type_name: str) -> str | None:
    """The length of a type with no length facet from its pattern `[...]{M,N}`."""
    restr = schema.simple_types[type_name].find(f"{XS}restriction")
    pattern = restr.find(f"{XS}pattern")
    m = re.fullmatch(r"\[[^\]]+\]\{(\d+)(?:,(\d+))?\}", pattern.get("value", "") if pattern is not None else "")
    if not m:
        return None
    return f"an..{m.group(2)}" if m.group(2) else f"an{m.group(1)}"


def bound_checks(spec: Path, profile: str) -> dict[str, list[str]]:
    """HMRC's checks of a profile by context path (``""`` the message,
    ``GOOITEGDS.TRACONCE2``), as ``FILE#K:NUMBER`` in the profile's order."""
    out: dict[str, list[str]] = {}
    with open(spec / "profiles.csv", encoding="utf-8") as f:
        files = [line.split(",")[2].strip() for line in f.read().splitlines()[1:] if line.split(",")[0] == profile]
    if not files:
        raise dm.DeriveError(f"profiles.csv: no rule file for profile {profile}")
    for name in files:
        rule = json.loads((spec / "rules" / name).read_text(encoding="utf-8"))
        path = rule["element"].strip("/").replace("/", ".")
        for k, a in enumerate(rule["asserts"], 1):
            out.setdefault(path, []).append(f"{name.removesuffix('.json')}#{k}:{int(a['errorCode'])}")
    return out


def derive(xsd_path: Path, message: str, generation: str, checks: dict[str, list[str]]) -> str:
    schema = UkSchema()
    schema.load(xsd_path)
    root = ET.parse(xsd_path).getroot()
    namespace, version = root.get("targetNamespace", ""), root.get("version", "")
    rows: list[dm.Row] = []
    for x in schema.walk(message)[1:]:
        where = f"{xsd_path.name}: {x.path}"
        notes = x.notes
        if x.min_occurs >= 1:
            status = "R"
        else:
            status = "D" if "condition" in notes else "O"
        if x.simple_base is None:
            typ, fmt, facets = "group", "-", ""
        else:
            fmt = item_format(schema, x.simple_type)
            chain = schema.chain(x.simple_type)
            if any(t.startswith("tcl:") for t in chain):
                typ = "code"
            elif fmt.startswith("n"):
                typ = "number"
            else:
                typ = "text"
            facets = dm.xsd_facets(schema, x.simple_type, where)
        rows.append(
            dm.Row(
                path=x.path[len(message) + 2 :].replace("/", "."),
                typ=typ,
                status=status,
                max="*" if x.max_occurs is None else x.max_occurs,
                fmt=fmt,
                codelist="-",
                xsd=facets,
                name=notes.get("description") or x.path.rsplit("/", 1)[1],
                rules=checks.pop(x.path[len(message) + 2 :].replace("/", "."), []),
            )
        )
    on_message = checks.pop("", [])
    if checks:
        raise dm.DeriveError(f"{message}: checks on elements the schema does not have: {sorted(checks)}")
    header = [
        f"// {message} message model ({generation}), derived by tools/derive-uk-ens-model.py from HMRC's XSD"
        f" {xsd_path.name} (version {version}) alone",
        "// columns: path  type  status  max  format  xsd-facets  codelist  \"name\"  HMRC's checks there",
        "// (status: R minOccurs 1, D minOccurs 0 with a condition, O otherwise; max * is unbounded;",
        "// a check is FILE#K:NUMBER, HMRC's rule file, its K-th assert and error number; the message's own follow its header)",
        " ".join([f'message {message} "{title(schema, message)}" namespace "{namespace}"', *on_message]),
    ]
    return dm.render_model(header, rows)


def title(schema: UkSchema, message: str) -> str:
    return {"CC315A": "Entry summary declaration", "CC313A": "Entry summary declaration amendment"}[message]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default="../shared", help="shared reference folder (relative to the repo root unless absolute)")
    ap.add_argument("--check", action="store_true", help="do not write; exit 1 if the outputs are not up to date")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    shared = shared if shared.is_absolute() else (REPO_ROOT / shared)
    xsd_dir = shared / "spec" / "uk-ens" / "xsd"
    if not xsd_dir.is_dir():
        print(f"derive-uk-ens-model: {xsd_dir} not found", file=sys.stderr)
        return 2
    outputs = {}
    try:
        for folder, suffix in GENERATIONS.items():
            generation = "current rules" if suffix else "earlier rules"
            for message in MESSAGES:
                xsd = xsd_dir / f"{message}-v11-2{suffix}.xsd"
                checks = bound_checks(shared / "spec" / "uk-ens", PROFILES[(suffix, message)])
                outputs[REPO_ROOT / folder / f"{message}.model"] = derive(xsd, message, generation, checks)
    except (dm.DeriveError, KeyError, StopIteration) as e:
        print(f"derive-uk-ens-model: {e!r}", file=sys.stderr)
        return 1
    stale = []
    for p, text in outputs.items():
        if (p.read_text(encoding="utf-8") if p.exists() else None) != text:
            stale.append(p)
            if not args.check:
                p.parent.mkdir(parents=True, exist_ok=True)
                p.write_text(text, encoding="utf-8", newline="\n")
    for p in outputs:
        state = ("stale" if args.check else "written") if p in stale else "up to date"
        print(f"{p.relative_to(REPO_ROOT)}: {state}")
    return 1 if (args.check and stale) else 0


if __name__ == "__main__":
    sys.exit(main())
