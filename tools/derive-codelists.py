#!/usr/bin/env python3
"""Write the shipped NCTS P5 code lists, codelists/CLxxx.csv.

Every CSV has the header ``code,description,valid_from,valid_to`` (ISO dates or
empty), UTF-8 without BOM, LF line ends, fields quoted only when needed.

Inputs:
* the shared reference folder (``--shared``, default ``../shared`` relative to
  the repository root): ``data/codelists/CLxxx.csv`` (gathered lists, reformatted
  here: the ``source``/``country``/``roles`` columns are dropped),
  ``data/codelists/country-regimes.csv`` (CountryRegimeCode per country from the
  EU CS/RD2 COL export of 2024-11-05) and ``spec/ncts-p5/xsd/tcl.xsd``
  (CL070 enumeration, used as a cross-check of CL009);
* the facts written in this file (FACTS below), each with the public source it
  was read from.  codelists/README.md says, per list, where it comes from and
  whether it is COMPLETE or PARTIAL.

Python 3.11, standard library only.  Deterministic; re-runnable.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import html
import io
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
XS = "{http://www.w3.org/2001/XMLSchema}"

Row = tuple[str, str, str, str]  # code, description, valid_from, valid_to

# Lists taken from shared/data/codelists and reformatted.  The customs-office lists
# (CL141, CL171, CL172, CL173, CL175) are not made here: `eucdm refdata import` writes
# them from the CS/RD2 COL export (--col runs it; codelists/README.md, "Customs offices").
REFORMAT = [
    "CL008", "CL027", "CL042", "CL060", "CL094", "CL116", "CL181", "CL182",
    "CL190", "CL214", "CL217", "CL218", "CL219", "CL231", "CL235", "CL239",
    "CL251", "CL296", "CL326", "CL347", "CL704", "CL750", "CL754",
]

# Codes missing from the shared copy, added from a public source (README.md names it).
# hmrc/customs-reference-data, conf/resources/*.json (HMRC's NCTS reference-data service).
ADDITIONS: dict[str, list[Row]] = {
    # DeclarationType.json (commit 38c39ae): T, T1, T2, T2F, T2SM, TIR
    "CL231": [
        ("T2SM", "Goods placed under the internal Union transit procedure in application of Article 2 "
                 "of Decision 4/92/EC of the EEC-San Marino Cooperation Committee", "", ""),
    ],
    # TypeOfIdentificationofMeansOfTransportActive.json (commit 38c39ae)
    "CL219": [
        ("81", "Name of the inland waterways vessel", "", ""),
        ("99", "Unknown (valid only during the transitional period)", "", ""),
    ],
    # TypeOfIdentificationOfMeansOfTransport.json (commit 38c39ae)
    "CL750": [
        ("81", "Name of the inland waterways vessel", "", ""),
        ("99", "Unknown (valid only during the transitional period)", "", ""),
    ],
    # phase-5/PreviousDocumentType.json (commit 9294af7); N830 stays (valid in CL214 only
    # during the transitional period, then only in CL228 - G-rule of the DDNTA)
    "CL214": [
        ("C552", "T2LSM - Proof establishing the status of goods destined for San Marino "
                 "(Article 2 of Decision 4/92 of the EEC-San Marino Cooperation Committee)", "", ""),
        ("N741", "Master air waybill", "", ""),
    ],
    # GuaranteeType.json (commit a58382b) and phase-6/GuaranteeType.json (9294af7): 12 codes
    "CL251": [
        ("9", "Individual guarantee with multiple usage (for CTC only)", "", ""),
        ("A", "Guarantee waiver by agreement", "", ""),
    ],
    # QualifierOfTheIdentification.json (commit 38c39ae): T U V W X Y Z
    "CL326": [
        ("T", "Postal code", "", ""),
        ("U", "UN/LOCODE", "", ""),
        ("W", "GPS coordinates", "", ""),
        ("Y", "Authorisation number", "", ""),
        ("Z", "Free text", "", ""),
    ],    # CL385 (CS/RD2 extract of 2023-09-06, see CL385 below) refers to CD912C through its data
    # item MessageTypesCode, a reference to MessageTypes (CL060); the XSD enumeration that the
    # shared copy comes from lacks it.
    "CL060": [
        ("CD912C", "Availability Matrix [C_AVL_MTX]", "", ""),
    ],
    # The CS/RD2 snapshot below (2025-02-12) has LU too (CountryAddressPostcodeBased: IE LU NL).
    "CL190": [
        ("LU", "Luxembourg", "", ""),
    ],
    # The CS/RD2 snapshot below (2025-02-12), AdditionalInformation: 8 codes; the shared copy
    # (Swedish guide) has the last 4.  Descriptions as in the snapshot.
    "CL239": [
        ("00200", "Several occurrences of documents and parties", "", ""),
        ("00700", "Discharge of inward processing. IP’ and the relevant authorisation number or INF number", "", ""),
        ("00800", "Discharge of inward processing (specific commercial policy measures)", "", ""),
        ("00900", "Discharge of temporary admission. ‘TA’ and the relevant authorisation number", "", ""),
    ],
}

# Country codes (descriptions come from CL008).
CL112_CODES = ["CH", "GB", "IS", "MK", "NO", "RS", "TR", "UA"]  # hmrc/customs-reference-data phase-6/CountryCodesCTC.json (70ff122)
# CL147 = CL010 + these; phase-6/CountryCustomsSecurityAgreementArea.json (70ff122) had AD CH
# NO SM; the CS/RD2 snapshot of 2025-02-12 (below) has LI too (in the Swiss customs territory).
CL147_EXTRA = ["AD", "CH", "LI", "NO", "SM"]
# Georgia is a contracting party of the CTC from 2025-02-01 (Joint Committee decisions of
# 2024; AEAT notice 2025-01-09; SGS notice 2025-01-31).  Not yet in the 2024-11-05 COL export.
GEORGIA = ("GE", "2025-02-01")
# CL248 = CL008 without the statistical "Q" codes; phase-6/CountryCodesForAddress.json (70ff122)
CL248_EXCLUDE = ["QP", "QQ", "QR", "QS", "QU", "QV", "QW", "QX", "QY", "QZ"]
# CL165 = CL008 without territories and Q codes except QU; phase-6/Nationality.json (9294af7)
CL165_EXCLUDE = ["AX", "EU", "GF", "GG", "GP", "IM", "JE", "MF", "MQ", "RE", "SJ", "YT",
                 "QP", "QQ", "QR", "QS", "QV", "QW", "QX", "QY", "QZ"]
# ---- Facts from the CS/RD2 NCTS-P5 snapshot of 2025-02-12 -------------------------------
# hmrc/customs-reference-data conf/resources/csrd2-payloads/RD_NCTS-P5.json.gz at commit
# 2d36532667004317aaaf8b33cfb9f6c9f1d252b5: the reference data of the CS/RD2 domain NCTS-P5
# as HMRC's EIS receives it from DG TAXUD (CTCUP06 JSON, snapshotDate 2025-02-12; HMRC's
# README calls it a sample payload).  Its lists agree code for code with the earlier
# sources of 28 shipped lists.  With --csrd2 PATH the script has `eucdm refdata import`
# read it (the one reader of CS/RD2 exports): the lists of CSRD2_LISTS are written as the
# import writes them, and every list of CSRD2_CHECKED must hold exactly the snapshot's
# codes.  Without it, the CSRD2_LISTS files are checked for form only.
CSRD2_SNAPSHOT = "2025-02-12"
CSRD2_SHA256 = "d0dd55990335a3233706c32f9928eaeb66e7c7468b7c00064f7c54e414bc2100"  # of the .json.gz
# Lists taken whole from the snapshot (too long to write here): CL id -> entity name.
CSRD2_LISTS = {
    "CL101": "UnDangerousGoodsCode",  # 2336 UN numbers, 4 digits (0004..3550)
    "CL152": "HScode",                # 5717 HS sub-headings, 6 digits; no description in CS/RD2
    "CL349": "Unit",                  # 73 measurement units
    "CL380": "AdditionalReference",   # 71 types
    # Shipped before from HMRC TRD (2023): the snapshot adds 28 package kinds (O1..OZ, P1, P3,
    # P4) and 6 supporting documents (C400 C402 C638 C716 C717 X072), and no longer has
    # N861 N862 N865 N911.
    "CL017": "KindOfPackages",        # 406 kinds
    "CL213": "SupportingDocumentType",  # 37 types
}
# Lists written from facts in this file, checked against the snapshot when it is given.
CSRD2_CHECKED = {
    "CL048": "CurrencyCodes", "CL076": "GuaranteeTypeWithReference", "CL094": "RepresentativeStatusCode",
    "CL190": "CountryAddressPostcodeBased", "CL198": "CountryAddressPostcodeOnly",
    "CL229": "GuaranteeTypeCTC", "CL230": "GuaranteeTypeEUNonTIR", "CL239": "AdditionalInformation",
    "CL251": "GuaranteeType", "CL286": "GuaranteeTypeWithGRN", "CL505": "CountryWithoutZip",
    "CL147": "CountryCustomsSecurityAgreementArea",
}
# Codes added after the snapshot by deduction (see their facts): left out of the comparison.
CSRD2_DEDUCED = {"CL048": {"GEL"}}

# CL505 CountryWithoutZip: the snapshot's 55 countries (descriptions from CL008).  HMRC CRD
# countryWithoutZip.json (827ebe5) had 14 (AE..BZ, with AI and BM, which the snapshot no
# longer lists); its phase-5/phase-6 files (every CL008 code but UM) are the 2023-07-19
# state of the list, replaced since.
CL505_CODES = [
    "AE", "AG", "AO", "AQ", "AW", "BF", "BI", "BJ", "BO", "BQ", "BS", "BV", "BW", "BZ", "CF",
    "CG", "CI", "CK", "CM", "CW", "DM", "ER", "FJ", "GA", "GD", "GM", "GQ", "GY", "HK", "IR",
    "JM", "KM", "KR", "LY", "ML", "MR", "QA", "RW", "SB", "SC", "SL", "SO", "SR", "SS", "ST",
    "SX", "SY", "TD", "TG", "TK", "TO", "TV", "VU", "YE", "ZW",
]
# CL198 CountryAddressPostcodeOnly: the snapshot's IE, LU (descriptions from CL008).
CL198_CODES = ["IE", "LU"]

# CL048 CurrencyCodes: the snapshot's 16 currencies (the CTC contracting parties' own); HMRC
# CRD code-lists/CurrencyCodes.json (2ad931d) and phase-6/CurrencyCodes.json (9294af7) agree.
# No end date for BGN although Bulgaria adopts the euro on 2026-01-01: CS/RD2 kept HRK valid
# after Croatia's changeover (HMRC's CTCUP06 payload of 2023-07-19, commit 989f86c), so the
# day CS/RD2 ends BGN is not known.  Names: ISO 4217.
# GEL from 2025-02-01 is a deduction, like GE in CL009/CL112 (GEORGIA): the list is exactly
# the currencies of the CTC parties, and Georgia is one, connected to NCTS, from that day.  The
# snapshot (2025-02-12) has neither GEL nor GE in any country list: its Georgia update is
# not in it.
CL048_GEORGIA = ("GEL", "Lari", GEORGIA[1])
CL048 = [
    ("BGN", "Bulgarian lev"), ("CHF", "Swiss franc"), ("CZK", "Czech koruna"),
    ("DKK", "Danish krone"), ("EUR", "Euro"), ("GBP", "Pound sterling"), ("HUF", "Forint"),
    ("ISK", "Iceland krona"), ("MKD", "Denar"), ("NOK", "Norwegian krone"), ("PLN", "Zloty"),
    ("RON", "Romanian leu"), ("RSD", "Serbian dinar"), ("SEK", "Swedish krona"),
    ("TRY", "Turkish lira"), ("UAH", "Hryvnia"),
]

# Guarantee-type subsets of CL251 (descriptions come from CL251): the snapshot's lists, the
# same codes as in HMRC's 2023-07-19 payload (989f86c).  B (TIR) and J are in neither
# CL229 nor CL230.
CL286_CODES = ["0", "1", "2", "4", "9"]
CL076_CODES = ["0", "1", "2", "3", "4", "5", "9"]
CL229_CODES = ["0", "1", "2", "3", "4", "5", "8", "9", "A", "R"]
CL230_CODES = ["0", "1", "2", "3", "4", "5", "8", "A", "R"]

# CS/RD2 extracts that HMRC published in hmrc/ctc-traders-phase5-tis source/downloads/ at
# commit 85924b31798ef96f3c5783d7f27346a08e3136a3 (2023-09-06; deleted from the TIS in
# January 2024): CL385.zip (CLEntries_ALL_CL385_2023-09-06 ... _PROD.xml) and CL610.zip
# (CL610_MessageWithCorrelationIdentifier.xml).  Common-domain messages only: no message of
# a trader is in either list (C0511: correlation identifier optional for them).
CL385 = [
    ("CD070C", "Notification of System Unavailability to CD [C_UNA_COM]"),
    ("CD071C", "Notification of System Unavailability to ND [C_UNA_NAT]"),
    ("CD411D", "Sending of Statistics Data [C_STA_SND]"),
    ("CD912C", "Availability Matrix [C_AVL_MTX]"),
    ("CD971C", "Full Unavailability Schedule [C_UNA_DAT]"),
]
CL610 = [
    ("CD003C", "AAR Response [C_AAR_RSP]"),
    ("CD038C", "Response to Movement Query [C_MVT_RSP]"),
    ("CD059C", "Cancel Enquiry Notification [C_CAN_ENQ]"),
    ("CD095C", "Status Response [C_STD_RSP]"),
    ("CD115C", "ATR Response [C_ATR_RSP]"),
    ("CD143C", "Enquiry Response [C_ENQ_NEG]"),
    ("CD151C", "Recovery Acceptance Notification [C_REC_ACC]"),
    ("CD152C", "Recovery Dispatch Notification [C_REC_DIS]"),
    ("CD165C", "Anticipated Exit for Transit Record Response [C_AXR_RSP]"),
    ("CD181C", "Forwarded Incident Notification to CD [C_FWD_INC]"),
    ("CD201C", "Guarantee Check Result [C_GUA_RES]"),
    ("CD205C", "Guarantee Use Result [C_GUA_USR]"),
    ("CD903D", "Warning Message (C_MSG_WRN)"),
    ("CD906C", "Functional NACK [C_FUN_NCK]"),
    ("CD917C", "XML NACK [C_XML_NCK]"),
]

# Other small lists, hmrc/customs-reference-data conf/resources/phase-6/*.json.
CL228 = [("N830", "Goods declaration for exportation")]
CL178 = [
    ("C612", "Internal Community transit declaration (Article 227 of the Code)"),
    ("C620", "Proof of the customs status of Union goods T2LF"),
    ("N822", "Internal Community transit declaration T2"),
    ("N825", "T2L document"),
]
CL234 = [
    ("C651", "AAD - Administrative Accompanying Document (EMCS)"),
    ("C658", "FAD - Fallback e-AD (EMCS)"),
]
CL232_CODES = ["T1", "T2", "T2F", "T2SM"]  # descriptions from CL231


class Fail(Exception):
    pass


def read_shared(shared: Path, cl: str) -> list[Row]:
    path = shared / "data" / "codelists" / f"{cl}.csv"
    if not path.is_file():
        raise Fail(f"{path}: not found")
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        for col in ("code", "description", "valid_from"):
            if col not in (reader.fieldnames or []):
                raise Fail(f"{path}: no column {col!r}")
        rows = []
        for r in reader:
            desc = " ".join(html.unescape(r["description"]).split())
            rows.append((r["code"].strip(), desc, r["valid_from"].strip(), ""))
    return rows


Snapshot = dict[str, list[Row]]  # CL id -> its rows, as `eucdm refdata import` wrote them


def eucdm_command() -> list[str]:
    """How to run `eucdm`: $EUCDM (e.g. target/release/eucdm), else through cargo."""
    return os.environ.get("EUCDM", "").split() or ["cargo", "run", "-q", "-p", "eucdm-cli", "--"]


def read_csrd2(path: Path) -> Snapshot:
    """The lists of CSRD2_LISTS and CSRD2_CHECKED in the CTCUP06 payload `path` (.json, or
    the .json.gz checked against CSRD2_SHA256), read by `eucdm refdata import` into a
    temporary folder: the importer is the one reader of CS/RD2 exports."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise Fail(f"{path}: {e.strerror}")
    with tempfile.TemporaryDirectory(prefix="derive-codelists-") as tmp:
        payload = path.resolve()
        if path.suffix == ".gz":
            digest = hashlib.sha256(raw).hexdigest()
            if digest != CSRD2_SHA256:
                raise Fail(f"{path}: sha256 {digest}, expected the {CSRD2_SNAPSHOT} snapshot {CSRD2_SHA256}")
            payload = Path(tmp) / path.with_suffix("").name
            payload.write_bytes(gzip.decompress(raw))
        ids = sorted({*CSRD2_LISTS, *CSRD2_CHECKED})
        out = Path(tmp) / "lists"
        argv = [*eucdm_command(), "refdata", "import", "--out", str(out), "--lists", ",".join(ids), str(payload)]
        run = subprocess.run(argv, cwd=REPO_ROOT, capture_output=True, text=True)
        if run.returncode != 0:
            raise Fail(f"eucdm refdata import {path}: {run.stderr.strip()}")
        sources = (out / SOURCES_FILE).read_text(encoding="utf-8")
        if f",{CSRD2_SNAPSHOT}\n" not in sources:
            raise Fail(f"{path}: not the snapshot of {CSRD2_SNAPSHOT} ({SOURCES_FILE}: {sources!r})")
        return {cl: read_shipped(out, cl) for cl in ids}


def read_shipped(out: Path, cl: str) -> list[Row]:
    """A list kept as shipped when the snapshot is not given: checked for form only."""
    path = out / f"{cl}.csv"
    if not path.is_file():
        raise Fail(f"{path}: not found (write it with --csrd2)")
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        if next(reader, None) != ["code", "description", "valid_from", "valid_to"]:
            raise Fail(f"{path}: header is not code,description,valid_from,valid_to")
        rows = [tuple(r) for r in reader]
    bad = [r for r in rows if len(r) != 4]
    if bad:
        raise Fail(f"{path}: rows without 4 fields: {bad[:3]}")
    return rows


def read_regimes(shared: Path) -> dict[str, tuple[str, str]]:
    path = shared / "data" / "codelists" / "country-regimes.csv"
    with path.open(newline="", encoding="utf-8") as f:
        out = {}
        for r in csv.DictReader(f):
            d = r["ncts_entry_date"]
            iso = "" if d in ("", "19000101") else f"{d[:4]}-{d[4:6]}-{d[6:]}"
            out[r["code"]] = (r["regime"], iso)
    return out


def cl070_from_xsd(shared: Path) -> list[str]:
    root = ET.parse(shared / "spec" / "ncts-p5" / "xsd" / "tcl.xsd").getroot()
    for st in root.findall(f"{XS}simpleType"):
        if st.get("name") == "CountryCodesCustomsOfficeLists":
            return [e.get("value") for e in st.iter(f"{XS}enumeration")]
    raise Fail("tcl.xsd: CountryCodesCustomsOfficeLists (CL070) not found")


def build(shared: Path, out: Path, snapshot: Snapshot | None) -> dict[str, list[Row]]:
    lists: dict[str, list[Row]] = {}
    for cl, entity in CSRD2_LISTS.items():
        lists[cl] = snapshot[cl] if snapshot else read_shipped(out, cl)
    for cl in REFORMAT:
        rows = read_shared(shared, cl)
        have = {r[0] for r in rows}
        for add in ADDITIONS.get(cl, []):
            if add[0] in have:
                raise Fail(f"{cl}: addition {add[0]} is already in the shared list (drop it from ADDITIONS)")
            rows.append(add)
        lists[cl] = rows

    # CL008: the COL export's activeFrom is the date of the entry's current version in
    # CS/RD2 (176 countries show 2024-02-21), not the date the code became valid; a
    # validator would wrongly reject e.g. DE before that date, so it is not shipped.
    lists["CL008"] = [(c, d, "", t) for c, d, _, t in lists["CL008"]]
    countries = {r[0]: r for r in lists["CL008"]}
    name = {c: r[1] for c, r in countries.items()}

    def country_rows(codes, dates=None) -> list[Row]:
        dates = dates or {}
        missing = [c for c in codes if c not in name]
        if missing:
            raise Fail(f"country codes not in CL008: {missing}")
        return [(c, name[c], dates.get(c, ""), "") for c in codes]

    regimes = read_regimes(shared)
    eec = sorted(c for c, (reg, _) in regimes.items() if reg == "EEC")
    toc = sorted(c for c, (reg, _) in regimes.items() if reg == "TOC")
    entry = {c: d for c, (_, d) in regimes.items() if d}

    # CL010 CountryCodesCommunity = regime EEC (36 codes, XI included).
    lists["CL010"] = country_rows(eec)

    # CL009 CountryCodesCommonTransit = regime EEC + TOC, plus Georgia from 2025-02-01.
    cl009 = sorted(eec + toc)
    # Cross-check with tcl.xsd: CL070 "corresponds to CL009 excluding AX GF GG GP IM JE LI MC MF MQ RE SJ XS YT".
    cl070 = set(cl070_from_xsd(shared))
    expected = cl070 | {"AX", "GF", "GG", "GP", "IM", "JE", "LI", "MC", "MF", "MQ", "RE", "SJ", "XS", "YT"}
    if set(cl009) != expected:
        raise Fail(f"CL009 from the COL regimes {sorted(set(cl009) ^ expected)} disagrees with tcl.xsd CL070")
    ge_code, ge_date = GEORGIA
    dates = dict(entry)
    dates[ge_code] = ge_date
    lists["CL009"] = country_rows(sorted(cl009 + [ge_code]), dates)

    # CL112 CountryCodesCTC = the non-EU CTC contracting parties.
    not_toc = [c for c in CL112_CODES if c not in toc]
    if not_toc:
        raise Fail(f"CL112 codes {not_toc} are not TOC in the COL regimes")
    lists["CL112"] = country_rows(sorted(CL112_CODES + [ge_code]), dates)

    # CL147 CountryCustomsSecurityAgreementArea = CL010 + AD CH NO SM.
    lists["CL147"] = country_rows(sorted(eec + CL147_EXTRA))

    lists["CL248"] = country_rows([c for c in sorted(name) if c not in CL248_EXCLUDE])
    lists["CL165"] = country_rows([c for c in sorted(name) if c not in CL165_EXCLUDE])
    lists["CL505"] = country_rows(CL505_CODES)
    lists["CL198"] = country_rows(CL198_CODES)

    lists["CL048"] = [(c, d, "", "") for c, d in CL048] + [CL048_GEORGIA + ("",)]

    gtype = {r[0]: r for r in lists["CL251"]}
    for cl, codes in (("CL286", CL286_CODES), ("CL076", CL076_CODES), ("CL229", CL229_CODES), ("CL230", CL230_CODES)):
        missing = [c for c in codes if c not in gtype]
        if missing:
            raise Fail(f"{cl}: codes {missing} not in CL251")
        lists[cl] = [(c, gtype[c][1], "", "") for c in codes]
    if not set(CL286_CODES) <= set(CL076_CODES):
        raise Fail("CL286 must be a subset of CL076 (C0085/C0086: GRN lives in GUARANTEE REFERENCE)")

    decl = {r[0]: r for r in lists["CL231"]}
    lists["CL232"] = [(c, decl[c][1], "", "") for c in CL232_CODES]
    lists["CL228"] = [(c, d, "", "") for c, d in CL228]
    lists["CL178"] = [(c, d, "", "") for c, d in CL178]
    lists["CL234"] = [(c, d, "", "") for c, d in CL234]
    lists["CL385"] = [(c, d, "", "") for c, d in CL385]
    lists["CL610"] = [(c, d, "", "") for c, d in CL610]

    if snapshot:
        for cl, entity in CSRD2_CHECKED.items():
            ours = {r[0] for r in lists[cl]} - CSRD2_DEDUCED.get(cl, set())
            theirs = {r[0] for r in snapshot[cl]}
            if ours != theirs:
                raise Fail(f"{cl}: differs from CS/RD2 {entity} of {CSRD2_SNAPSHOT}: "
                           f"only here {sorted(ours - theirs)}, only there {sorted(theirs - ours)}")

    # Subsets must hold.
    for sub, sup in (("CL234", "CL380"), ("CL076", "CL251"), ("CL229", "CL251"), ("CL230", "CL251"),
                     ("CL190", "CL008"), ("CL198", "CL190")):
        extra = sorted({r[0] for r in lists[sub]} - {r[0] for r in lists[sup]})
        if extra:
            raise Fail(f"{sub} codes {extra} are not in {sup}")
    kinds = {r[0] for r in lists["CL017"]}
    for sub in ("CL181", "CL182"):
        extra = [r[0] for r in lists[sub] if r[0] not in kinds]
        if extra:
            raise Fail(f"{sub} codes {extra} are not in CL017")
    for cl in lists:
        lists[cl] = sorted(lists[cl], key=lambda r: r[0])
    for cl, rows in lists.items():
        codes = [r[0] for r in rows]
        if len(codes) != len(set(codes)):
            raise Fail(f"{cl}: duplicate codes")
        for r in rows:
            # CS/RD2 gives HS sub-headings without a description.
            if not r[0] or (not r[1] and cl != "CL152"):
                raise Fail(f"{cl}: empty code or description in {r}")
    return lists


def render(rows: list[Row]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(["code", "description", "valid_from", "valid_to"])
    for r in rows:
        w.writerow(r)
    return buf.getvalue()


# SOURCES.csv (`list,source,snapshot`): for every list written here, the source it was made
# from (codelists/README.md gives the details) and the date of that source's data, empty when
# the source has none (the Swedish guide, tcl.xsd, HMRC TRD files without a date).  An HMRC
# CRD file's date is its commit's.  A list checked equal to the CS/RD2 snapshot (--csrd2)
# carries the snapshot's date.  Rows of other lists (`eucdm refdata import`'s) are kept.
SOURCES_FILE = "SOURCES.csv"
CSRD2 = ("CS/RD2 NCTS-P5 snapshot (hmrc/customs-reference-data RD_NCTS-P5.json.gz 2d36532)", "2025-02-12")
COL = ("COL-Generic-20241105.xml", "2024-11-05")
SWEDISH = ("Swedish guide", "")


def crd(what: str, commit: str, date: str) -> tuple[str, str]:
    return (f"HMRC CRD {what} ({commit})", date)


def plus(base: tuple[str, str], added: str) -> tuple[str, str]:
    return (f"{base[0]} + {added}", base[1])


LIST_SOURCES: dict[str, tuple[str, str]] = {
    "CL008": COL,
    "CL009": plus(("COL-Generic-20241105.xml regimes EEC and TOC", COL[1]), "GE from 2025-02-01 (deduction)"),
    "CL010": ("COL-Generic-20241105.xml regime EEC", COL[1]),
    "CL017": CSRD2,
    "CL027": SWEDISH,
    "CL042": SWEDISH,
    "CL048": plus(CSRD2, "GEL from 2025-02-01 (deduction)"),
    "CL060": ("tcl.xsd 51.8.6 MessageTypes + CD912C", ""),
    "CL076": CSRD2,
    "CL094": CSRD2,
    "CL101": CSRD2,
    "CL112": plus(crd("phase-6/CountryCodesCTC.json", "70ff122", "2025-06-18"), "GE from 2025-02-01 (deduction)"),
    "CL116": SWEDISH,
    "CL147": CSRD2,
    "CL152": CSRD2,
    "CL165": crd("phase-6/Nationality.json", "9294af7", "2025-06-19"),
    "CL178": crd("PreviousDocumentUnionGoods.json", "3346767", "2024-08-15"),
    "CL181": ("HMRC TRD kindsOfPackageP5.json (dc23113) Bulk", ""),
    "CL182": ("HMRC TRD kindsOfPackageP5.json (dc23113) Unpacked", ""),
    "CL190": CSRD2,
    "CL198": CSRD2,
    "CL213": CSRD2,
    "CL214": ("HMRC TRD previousDocumentTypesP5.json (4744ba4) + C552 N741 from HMRC CRD (9294af7)", ""),
    "CL217": SWEDISH,
    "CL218": SWEDISH,
    "CL219": ("Swedish guide + 81 99 from HMRC CRD (38c39ae)", ""),
    "CL228": crd("code-lists/PreviousDocumentExportType.json", "2ad931d", "2025-08-15"),
    "CL229": CSRD2,
    "CL230": CSRD2,
    "CL231": ("Swedish guide + T2SM from HMRC CRD (38c39ae)", ""),
    "CL232": crd("DeclarationTypeItemLevel.json", "a58382b", "2023-07-21"),
    "CL234": crd("DocumentTypeExcise.json", "2c8a6f2", "2024-05-21"),
    "CL235": SWEDISH,
    "CL239": CSRD2,
    "CL248": crd("phase-6/CountryCodesForAddress.json", "70ff122", "2025-06-18"),
    "CL251": CSRD2,
    "CL286": CSRD2,
    "CL296": SWEDISH,
    "CL326": ("Swedish guide + T U W Y Z from HMRC CRD (38c39ae)", ""),
    "CL347": ("Swedish guide + C D from HMRC TRD locationTypes.json", ""),
    "CL349": CSRD2,
    "CL380": CSRD2,
    "CL385": ("CS/RD2 extract CL385.zip (hmrc/ctc-traders-phase5-tis 85924b3)", "2023-09-06"),
    "CL505": CSRD2,
    "CL610": ("CS/RD2 extract CL610.zip (hmrc/ctc-traders-phase5-tis 85924b3)", "2023-09-06"),
    "CL704": SWEDISH,
    "CL750": ("Swedish guide + 81 99 from HMRC CRD (38c39ae)", ""),
    "CL754": ("HMRC TRD transportDocumentTypesP5.json (e972e5b)", ""),
}


def render_sources(path: Path, lists: dict[str, list[Row]]) -> str:
    """SOURCES.csv with this script's rows replaced and every other row kept."""
    missing = sorted(set(lists) - set(LIST_SOURCES))
    if missing:
        raise Fail(f"no source recorded in LIST_SOURCES for {', '.join(missing)}")
    rows: dict[str, list[str]] = {}
    if path.exists():
        reader = csv.reader(io.StringIO(path.read_text(encoding="utf-8")))
        header = next(reader, None)
        if header != ["list", "source", "snapshot"]:
            raise Fail(f"{path}: the header must be `list,source,snapshot`")
        for row in reader:
            if row:
                rows[row[0]] = row
    for cl in lists:
        rows[cl] = [cl, *LIST_SOURCES[cl]]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(["list", "source", "snapshot"])
    for cl in sorted(rows):
        w.writerow(rows[cl])
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default="../shared", help="shared reference folder (relative to the repo root unless absolute)")
    ap.add_argument("--out", default="codelists", help="output folder (relative to the repo root unless absolute)")
    ap.add_argument("--check", action="store_true", help="do not write; exit 1 if a CSV is not up to date")
    ap.add_argument("--csrd2", help=f"the CS/RD2 NCTS-P5 snapshot of {CSRD2_SNAPSHOT} (RD_NCTS-P5.json.gz, see CSRD2_SHA256); "
                    "without it the lists taken whole from it are checked for form only")
    ap.add_argument("--col", help="COL-Generic-*.xml: also import the customs-office lists from it (eucdm refdata import)")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    shared = shared if shared.is_absolute() else REPO_ROOT / shared
    out = Path(args.out)
    out = out if out.is_absolute() else REPO_ROOT / out
    if not shared.is_dir():
        print(f"derive-codelists: shared folder {shared} not found", file=sys.stderr)
        return 2
    try:
        snapshot = read_csrd2(Path(args.csrd2)) if args.csrd2 else None
        lists = build(shared, out, snapshot)
    except Fail as e:
        print(f"derive-codelists: {e}", file=sys.stderr)
        return 1
    stale = 0
    for cl in sorted(lists):
        p = out / f"{cl}.csv"
        text = render(lists[cl])
        if p.exists() and p.read_text(encoding="utf-8") == text:
            continue
        stale += 1
        print(f"{p.relative_to(REPO_ROOT) if p.is_relative_to(REPO_ROOT) else p}: {'stale' if args.check else 'written'} ({len(lists[cl])} codes)")
        if not args.check:
            out.mkdir(parents=True, exist_ok=True)
            p.write_text(text, encoding="utf-8", newline="\n")
    sources = out / SOURCES_FILE
    try:
        text = render_sources(sources, lists)
    except Fail as e:
        print(f"derive-codelists: {e}", file=sys.stderr)
        return 1
    if not (sources.exists() and sources.read_text(encoding="utf-8") == text):
        stale += 1
        print(f"{sources}: {'stale' if args.check else 'written'}")
        if not args.check:
            sources.write_text(text, encoding="utf-8", newline="\n")
    print(f"{len(lists)} code lists, {stale} {'stale' if args.check else 'written'}")
    offices = import_offices(Path(args.col), out, args.check) if args.col else 0
    if offices:
        return offices
    return 1 if args.check and stale else 0


# The customs-office lists: `eucdm refdata import` (crate refdata/) makes them; this only runs it.
OFFICE_LISTS = "CL141,CL171,CL172,CL173,CL175"


def import_offices(col: Path, out: Path, check: bool) -> int:
    argv = [*eucdm_command(), "refdata", "import", "--out", str(out), "--lists", OFFICE_LISTS]
    argv += ["--check"] if check else []
    return subprocess.run([*argv, str(col.resolve())], cwd=REPO_ROOT).returncode


if __name__ == "__main__":
    sys.exit(main())
