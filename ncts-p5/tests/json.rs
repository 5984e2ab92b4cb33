//! JSON messages: every XML fixture and example, converted to the JSON shape of
//! `eucdm_runtime::json`, gives the same report as the XML; malformed or
//! wrongly shaped JSON is one error saying what and where.

use std::path::{Path, PathBuf};

use eucdm_ncts_p5::{validate_json, validate_message, validate_xml, NCTS_P5};
use eucdm_runtime::format::Class;
use eucdm_runtime::json::read_json;
use eucdm_runtime::report::json_string;
use eucdm_runtime::{read_xml, Document, MessageSchema, NodeId, RuleSet, ValueFormat};

/// The NCTS message models, for the readers.
fn schemas() -> &'static [&'static MessageSchema] {
    NCTS_P5.schemas()
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn xml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            xml_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "xml") {
            out.push(p);
        }
    }
}

/// How a test writes a message as JSON.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Form {
    /// The project's own: `{"CC015C": {...}}`, every item a string, members in
    /// the order of the message structure, a single instance bare.
    Own,
    /// The same with members in reverse order and every element an array:
    /// order and bare instances do not matter.
    Reversed,
    /// HMRC's: `{"n1:CC015C": {"@PhaseID": "NCTS5.0", ...}}`, numeric items
    /// as JSON numbers (written as the XML has them), absent groups as `[]`.
    Hmrc,
}

/// The JSON form of a read message.
fn to_json(doc: &Document, node: NodeId, form: Form, out: &mut String) {
    let schema = doc.schema();
    let sid = doc.schema_of(node);
    let n = schema.node(sid);
    if !n.group {
        let text = doc.text(node);
        let numeric = matches!(n.format, ValueFormat::Text(f) if f.class == Class::Numeric);
        if form == Form::Hmrc && numeric && is_json_number(text) {
            out.push_str(text);
        } else {
            json_string(out, text);
        }
        return;
    }
    out.push('{');
    let mut kids: Vec<_> = n.children.to_vec();
    if form == Form::Reversed {
        kids.reverse();
    }
    let mut first = true;
    if form == Form::Hmrc && node == doc.root() {
        out.push_str("\"@PhaseID\": \"NCTS5.0\"");
        first = false;
    }
    for c in kids {
        let instances: Vec<NodeId> = doc.children(node, c).collect();
        let empty_group = form == Form::Hmrc && schema.node(c).group && schema.node(c).max > 1;
        if instances.is_empty() && !empty_group {
            continue;
        }
        if !first {
            out.push_str(", ");
        }
        first = false;
        json_string(out, schema.node(c).name);
        out.push(':');
        if instances.len() == 1 && form == Form::Own {
            to_json(doc, instances[0], form, out);
        } else {
            out.push('[');
            for (i, n) in instances.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                to_json(doc, *n, form, out);
            }
            out.push(']');
        }
    }
    out.push('}');
}

/// Whether `s` is written as JSON writes a number (`-12.5`, not `007` or `.5`).
fn is_json_number(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, "0"));
    let all_digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    all_digits(int) && all_digits(frac) && (int == "0" || !int.starts_with('0'))
}

fn message_json(doc: &Document, form: Form) -> String {
    let mut s = String::new();
    s.push_str("{\n  ");
    let root = match form {
        Form::Hmrc => format!("n1:{}", doc.schema().id),
        _ => doc.schema().id.to_string(),
    };
    json_string(&mut s, &root);
    s.push_str(": ");
    to_json(doc, doc.root(), form, &mut s);
    s.push_str("\n}\n");
    s
}

#[test]
fn every_fixture_gives_the_same_report_as_json() {
    let mut files = Vec::new();
    xml_files(&root().join("tests/fixtures"), &mut files);
    xml_files(&root().join("examples"), &mut files);
    assert!(files.len() > 100, "fixtures found: {}", files.len());
    let opts = Default::default();
    let mut compared = 0;
    // fuzz/seed.sh asks for the JSON forms as seeds of the read_validate fuzzer.
    let seeds = std::env::var_os("EUCDM_JSON_SEEDS").map(PathBuf::from);
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let Ok(doc) = read_xml(&bytes, schemas()) else {
            continue; // a fixture of a read error
        };
        let from_xml = validate_xml(&bytes, &opts).unwrap();
        for form in [Form::Own, Form::Reversed, Form::Hmrc] {
            let json = message_json(&doc, form);
            let from_json = validate_json(json.as_bytes(), &opts)
                .unwrap_or_else(|e| panic!("{}: {e}\n{json}", f.display()));
            assert_eq!(from_xml, from_json, "{} ({form:?})", f.display());
            assert_eq!(validate_message(json.as_bytes(), &opts).unwrap(), from_json);
            if let (Some(dir), Form::Own | Form::Hmrc) = (&seeds, form) {
                std::fs::create_dir_all(dir).unwrap();
                std::fs::write(dir.join(format!("seed-{compared}-{form:?}.json")), &json).unwrap();
            }
        }
        compared += 1;
    }
    assert!(compared > 100, "compared {compared}");
}

fn error(json: &str) -> String {
    match read_json(json.as_bytes(), schemas()) {
        Ok(_) => panic!("accepted: {json}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn wrong_shapes_say_what_and_where() {
    let cases = [
        ("", "empty file"),
        ("[1]", "line 1, column 1: expected `{`"),
        ("{\"CC999C\": {}}", "line 1, column 2: \"CC999C\" is not a known message type"),
        ("{\"CC015C\": []}", "the message CC015C must be an object"),
        (
            "{\"CC015C\": {\n  \"foo\": \"x\"}}",
            "line 2, column 3: unexpected member \"foo\" in /CC015C",
        ),
        (
            "{\"CC015C\": {\"messageSender\": \"A\", \"messageSender\": \"B\"}}",
            "column 35: duplicate member \"messageSender\" in /CC015C",
        ),
        // Out of order, then the first name again: the reader checks the
        // members seen only when one does not come after the greatest so far.
        (
            "{\"CC015C\": {\"messageRecipient\": \"A\", \"messageSender\": \"B\", \"messageRecipient\": \"C\"}}",
            "column 60: duplicate member \"messageRecipient\" in /CC015C",
        ),
        // A name with an escape is the name it decodes to.
        (
            "{\"CC015C\": {\"messageSender\": \"A\", \"message\\u0053ender\": \"B\"}}",
            "column 35: duplicate member \"messageSender\" in /CC015C",
        ),
        (
            "{\"CC015C\": {\"messageSender\": null}}",
            "column 30: /CC015C/messageSender is a data item: give its value as a string, not `null`",
        ),
        (
            "{\"CC015C\": {\"TransitOperation\": {\"security\": true}}}",
            "/CC015C/TransitOperation/security is a data item: give its value as a string, not `true`",
        ),
        (
            "{\"CC015C\": {\"messageSender\": {}}}",
            "/CC015C/messageSender is a data item: give its value as a string, not an object",
        ),
        (
            "{\"CC015C\": {\"TransitOperation\": \"T1\"}}",
            "/CC015C/TransitOperation is a data group: give it as an object {...}, not a string",
        ),
        (
            "{\"CC015C\": {\"Authorisation\": [[{}]]}}",
            "array inside an array in /CC015C/Authorisation",
        ),
        ("{\"CC015C\": {\"messageSender\": \"A\",}}", "trailing comma"),
        ("{\"CC015C\": {\"messageSender\": \"A\" \"x\"}}", "expected `,` or `}`, found `\"`"),
        ("{\"CC015C\": {messageSender: 1}}", "expected a member name (a string) in /CC015C"),
        ("{\"CC015C\": {}, \"CC015C\": {}}", "one message per file"),
        // Nothing (`[]`) may be given for a name that is no element; nothing else.
        (
            "{\"n1:CC015C\": {\"Foo\": [], \"Bar\": [{}]}}",
            "column 27: unexpected member \"Bar\" in /CC015C",
        ),
        // HMRC's form: attributes only on the root, only those the root has.
        (
            "{\"n1:CC015C\": {\"TransitOperation\": {\"@PhaseID\": \"NCTS5.0\"}}}",
            "column 37: unexpected attribute \"@PhaseID\" in /CC015C/TransitOperation: only the message itself has attributes",
        ),
        (
            "{\"n1:CC015C\": {\"@Phase\": \"NCTS5.0\"}}",
            "column 16: unexpected attribute \"@Phase\" of CC015C",
        ),
        (
            "{\"n1:CC015C\": {\"@PhaseID\": \"NCTS5.0\", \"@PhaseID\": \"NCTS5.1\"}}",
            "duplicate member \"@PhaseID\" in /CC015C",
        ),
        ("{\"n1:CC015C\": {\"@PhaseID\": 5}}", "attribute @PhaseID must be a string"),
        (
            "{\"n1:CC015C\": {\"@xmlns:n1\": \"urn:other\"}}",
            "root element is in namespace \"urn:other\", expected \"http://ncts.dgtaxud.ec\"",
        ),
        ("{\"n1:CC999C\": {}}", "\"n1:CC999C\" is not a known message type"),
        ("{\":CC015C\": {}}", "\":CC015C\" is not a known message type"),
        ("{\"n1:CC015C\": {}, \"n2:CC015C\": {}}", "one message per file"),
        ("{\"CC015C\": {}} x", "column 16: content after the message"),
        ("{\"CC015C\": {\"messageSender\": \"A", "truncated message: a string is not closed"),
        ("{\"CC015C\": {\"TransitOperation\": {", "line 1, column 34: truncated message"),
        ("{\"CC015C\": {\"messageSender\": 01}}", "malformed number"),
        ("{\"CC015C\": {\"messageSender\": 1.}}", "malformed number"),
        ("{\"CC015C\": {\"messageSender\": \"a\tb\"}}", "control character in a string"),
        ("{\"CC015C\": {\"messageSender\": \"\\x\"}}", "bad escape"),
        ("{\"CC015C\": {\"messageSender\": \"\\ud800\"}}", "high surrogate"),
        ("{\"CC015C\": {\"messageSender\": \"\\udc00\"}}", "lone low surrogate"),
        ("{\"CC015C\": {\"messageSender\": \"\\u12\"}}", "four hex digits"),
        ("{\"CC015C\": {\"messageSender\": nope}}", "found `nope`"),
    ];
    for (json, expected) in cases {
        let e = error(json);
        assert!(
            e.contains(expected),
            "{json}\n  gave: {e}\n  expected: {expected}"
        );
    }
}

#[test]
fn invalid_utf8_is_an_error_that_says_where() {
    let bytes = b"{\"CC015C\": {\n \"messageSender\": \"ab\xff\"}}";
    let e = read_json(bytes, schemas()).unwrap_err();
    assert_eq!((e.line, e.column), (2, 22), "{e}");
    assert!(e.message.contains("invalid UTF-8"), "{e}");
}

#[test]
fn escapes_numbers_bom_and_order_are_read() {
    let json = "\u{feff} {\"CC015C\": {\"TransitOperation\": {\"LRN\": \"A\\u00e9\\ud83d\\ude00\\n\\\"\\/\"}, \
        \"messageSender\": 12.5e3, \"Authorisation\": [], \"messageRecipient\": \"\"}}";
    let doc = read_json(json.as_bytes(), schemas()).unwrap();
    let s = doc.schema();
    let sender = s.child_named(0, b"messageSender").unwrap();
    let recipient = s.child_named(0, b"messageRecipient").unwrap();
    let op = s.child_named(0, b"TransitOperation").unwrap();
    let lrn = s.child_named(op, b"LRN").unwrap();
    let auth = s.child_named(0, b"Authorisation").unwrap();
    assert_eq!(doc.text(doc.child(0, sender).unwrap()), "12.5e3");
    assert_eq!(doc.text(doc.child(0, recipient).unwrap()), "");
    let op_node = doc.child(0, op).unwrap();
    // Every escape decoded; the LRN's XSD type (whiteSpace `replace`) then
    // makes the line feed a space, as for XML.
    assert_eq!(doc.text(doc.child(op_node, lrn).unwrap()), "Aé😀 \"/");
    assert_eq!(doc.children(0, auth).count(), 0);
    // Document order follows the message structure, not the input.
    let order: Vec<_> = (0..doc.len() as NodeId)
        .map(|n| s.node(doc.schema_of(n)).name)
        .collect();
    assert_eq!(
        order,
        [
            "CC015C",
            "messageSender",
            "messageRecipient",
            "TransitOperation",
            "LRN"
        ]
    );
}

#[test]
fn limits_apply_to_json_as_to_xml() {
    use eucdm_runtime::json::read_json_with;
    use eucdm_runtime::xml::Limits;
    let limits = Limits {
        max_text: 8,
        max_depth: 2,
        ..Limits::default()
    };
    let long = "{\"CC015C\": {\"messageSender\": \"123456789\"}}";
    let e = read_json_with(long.as_bytes(), schemas(), limits).unwrap_err();
    assert!(e.message.contains("over the limit of 8 bytes"), "{e}");
    let esc = "{\"CC015C\": {\"messageSender\": \"1234567\\n\\n\"}}";
    assert!(read_json_with(esc.as_bytes(), schemas(), limits).is_err());
    let deep = "{\"CC015C\": {\"TransitOperation\": {\"LRN\": \"1\"}}}";
    let e = read_json_with(deep.as_bytes(), schemas(), limits).unwrap_err();
    assert!(e.message.contains("nesting deeper than 2"), "{e}");
    let big = format!(
        "{{\"CC015C\": {{\"messageSender\": \"{}\"}}}}",
        "x".repeat(100)
    );
    let limits = Limits {
        max_bytes: 64,
        ..Limits::default()
    };
    let e = read_json_with(big.as_bytes(), schemas(), limits).unwrap_err();
    assert!(e.message.contains("over the limit of 64 bytes"), "{e}");
}

/// A message whose root and `messageType` disagree gets, in HMRC's JSON form,
/// the answer its XML gets: the root decides the message type in both.
#[test]
fn root_and_message_type_that_disagree_answer_as_the_xml() {
    let base = root().join("tests/fixtures/ncts-p5/CC015C/base.xml");
    let xml = std::fs::read_to_string(&base).unwrap();
    assert!(xml.contains("<messageType>CC015C</messageType>"));
    let xml = xml.replace(
        "<messageType>CC015C</messageType>",
        "<messageType>CC013C</messageType>",
    );
    let doc = read_xml(xml.as_bytes(), schemas()).unwrap();
    let json = message_json(&doc, Form::Hmrc);
    assert!(json.contains("\"messageType\":[\"CC013C\"]"), "{json}");
    let opts = Default::default();
    let from_xml = validate_xml(xml.as_bytes(), &opts).unwrap();
    let from_json = validate_json(json.as_bytes(), &opts).unwrap();
    assert_eq!(from_xml.message, "CC015C");
    assert_eq!(from_json, from_xml);
}

/// The XSD's whiteSpace facet is applied to the text before anything reads it,
/// in XML and JSON alike: `" CT "` of an `xs:token` item (typeOfPackages) is
/// `CT` for the code list and the rules, as NCTS, which validates the XSD
/// first, sees it; `" T1 "` of an LRN (whitespace preserved) keeps its spaces
/// and breaks the XSD pattern `\P{Z}(.*\P{Z})?` (a format error).
#[test]
fn the_whitespace_facet_is_applied_before_the_rules_read_a_value() {
    let base = root().join("tests/fixtures/ncts-p5/CC015C/base.xml");
    let xml = std::fs::read_to_string(&base).unwrap();
    let token = xml.replacen(
        "<typeOfPackages>CT</typeOfPackages>",
        "<typeOfPackages>\n CT </typeOfPackages>",
        1,
    );
    assert_ne!(token, xml);
    let opts = Default::default();
    let r = validate_xml(token.as_bytes(), &opts).unwrap();
    assert!(r.violations.is_empty(), "{:?}", r.violations);
    let doc = read_xml(token.as_bytes(), schemas()).unwrap();
    let json = message_json(&doc, Form::Own);
    assert_eq!(validate_json(json.as_bytes(), &opts).unwrap(), r);
    let raw_json = json.replacen("\"CT\"", "\"\\n CT \"", 1);
    assert_ne!(raw_json, json);
    assert_eq!(validate_json(raw_json.as_bytes(), &opts).unwrap(), r);

    let lrn = xml.replacen(
        "<LRN>RBS25T1WEIL000417</LRN>",
        "<LRN>RBS25T1WEIL000417 </LRN>",
        1,
    );
    assert_ne!(lrn, xml);
    let r = validate_xml(lrn.as_bytes(), &opts).unwrap();
    let got: Vec<(u16, String, String)> = r
        .violations
        .iter()
        .map(|v| (v.code.number(), v.pointer.clone(), v.reason.to_string()))
        .collect();
    assert_eq!(
        got,
        [(
            14,
            "/CC015C/TransitOperation/LRN".to_string(),
            "format an..22".to_string()
        )]
    );
}
