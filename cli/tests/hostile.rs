//! The hostile corpus: `eucdm validate` on inputs built at test time (nothing
//! big is committed). Every bad file gets exit 2, exactly one JSON line with
//! `"error"` and no `valid` claim, one line on stderr, no panic, and is refused
//! in bounded time, before memory is spent on it (the reader limits of
//! `eucdm_runtime::xml::Limits`). A batch of all of them with valid files
//! keeps going, in input order, byte-identical on every run and any `--jobs`.
//! JSON messages give byte-identical reports to their XML form.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use eucdm_runtime::report::json_string;
use eucdm_runtime::{read_xml, Document, NodeId, RuleSet};

mod common;
use common::{fixture, root, temp_dir, temp_file};

/// Longest any single refusal may take (debug build, shared machine).
const BOUND: Duration = Duration::from_secs(30);

fn dir() -> PathBuf {
    temp_dir("hostile")
}

fn write(name: &str, bytes: &[u8]) -> String {
    temp_file("hostile", name, bytes)
}

/// Runs `eucdm` and kills it when it takes longer than [`BOUND`].
fn eucdm(args: &[&str]) -> (Output, Duration) {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_eucdm"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Drain the pipes on threads so a chatty child cannot block on them.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut out, &mut v).unwrap();
        v
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut err, &mut v).unwrap();
        v
    });
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > BOUND {
            child.kill().unwrap();
            panic!("eucdm {args:?} ran longer than {BOUND:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let output = Output {
        status,
        stdout: t_out.join().unwrap(),
        stderr: t_err.join().unwrap(),
    };
    (output, start.elapsed())
}

/// The JSON form of a read message (members in structure order, repetitions
/// as arrays), as `eucdm_runtime::json` reads it.
fn to_json(doc: &Document, node: NodeId, out: &mut String) {
    let schema = doc.schema();
    let sid = doc.schema_of(node);
    if !schema.node(sid).group {
        json_string(out, doc.text(node));
        return;
    }
    out.push('{');
    let mut first = true;
    for &c in schema.node(sid).children {
        let instances: Vec<NodeId> = doc.children(node, c).collect();
        if instances.is_empty() {
            continue;
        }
        if !first {
            out.push(',');
        }
        first = false;
        json_string(out, schema.node(c).name);
        out.push(':');
        if let [one] = instances[..] {
            to_json(doc, one, out);
        } else {
            out.push('[');
            for (i, n) in instances.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                to_json(doc, *n, out);
            }
            out.push(']');
        }
    }
    out.push('}');
}

fn json_of(xml: impl AsRef<Path>) -> String {
    let doc = read_xml(
        &std::fs::read(xml).unwrap(),
        eucdm_ncts_p5::NCTS_P5.schemas(),
    )
    .unwrap();
    let mut s = String::from("{\"CC015C\": ");
    to_json(&doc, doc.root(), &mut s);
    s.push_str("}\n");
    s
}

fn lcg_bytes(n: usize, mut x: u32) -> Vec<u8> {
    (0..n)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (x >> 16) as u8
        })
        .collect()
}

const ROOT: &str = "<ncts:CC015C xmlns:ncts=\"http://ncts.dgtaxud.ec\">";

/// Every hostile input: (file name, bytes, what the error must say).
fn corpus() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let base = std::fs::read(fixture("base.xml")).unwrap();
    let base_json = json_of(fixture("base.xml")).into_bytes();
    let n = 200_000;
    let laughs = {
        let mut s =
            String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
        for i in 1..10 {
            let prev = if i == 1 {
                "lol".to_string()
            } else {
                format!("lol{}", i - 1)
            };
            s.push_str(&format!(
                " <!ENTITY lol{i} \"{}\">\n",
                format!("&{prev};").repeat(10)
            ));
        }
        s.push_str(&format!(
            "]>\n{ROOT}<messageSender>&lol9;</messageSender></ncts:CC015C>"
        ));
        s.into_bytes()
    };
    let big_text = |json: bool| {
        let text = "A".repeat(50 << 20);
        if json {
            format!("{{\"CC015C\": {{\"messageSender\": \"{text}\"}}}}").into_bytes()
        } else {
            format!("{ROOT}<messageSender>{text}</messageSender></ncts:CC015C>").into_bytes()
        }
    };
    let attributes = |on_root: bool| {
        let attrs: String = (0..100_000).map(|i| format!(" a{i}=\"x\"")).collect();
        if on_root {
            format!("<ncts:CC015C xmlns:ncts=\"http://ncts.dgtaxud.ec\"{attrs}></ncts:CC015C>")
        } else {
            format!("{ROOT}<messageSender{attrs}>A</messageSender></ncts:CC015C>")
        }
        .into_bytes()
    };
    let mut latin1 = format!("{ROOT}\n<messageSender>Stra").into_bytes();
    latin1.extend(b"\xdfe</messageSender></ncts:CC015C>");
    let mut latin1_json = b"{\"CC015C\": {\n  \"messageSender\": \"Stra".to_vec();
    latin1_json.extend(b"\xdfe\"}}");
    vec![
        ("empty.xml", vec![], "empty file"),
        ("empty.json", vec![], "empty file"),
        ("blank.xml", b" \n\t\n".to_vec(), "no root element"),
        ("bom-only.xml", b"\xEF\xBB\xBF".to_vec(), "no root element"),
        ("random.bin", lcg_bytes(4096, 7), "UTF-8"),
        ("random-ascii.xml", lcg_bytes(4096, 9).iter().map(|b| b'!' + b % 90).collect(), "line 1"),
        ("truncated.xml", base[..base.len() / 2].to_vec(), "line "),
        ("truncated-root.xml", format!("{ROOT}<messageSender>A</messageSender>").into_bytes(), "truncated"),
        ("truncated.json", base_json[..base_json.len() / 2].to_vec(), "truncated"),
        ("latin1.xml", latin1, "line 2, column 20: invalid UTF-8"),
        ("latin1.json", latin1_json, "line 2, column 25: invalid UTF-8"),
        ("billion-laughs.xml", laughs, "DOCTYPE"),
        (
            "xxe.xml",
            format!("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>{ROOT}<messageSender>&e;</messageSender></ncts:CC015C>").into_bytes(),
            "DOCTYPE",
        ),
        ("undeclared-entity.xml", format!("{ROOT}<messageSender>&e;</messageSender></ncts:CC015C>").into_bytes(), "entity"),
        ("deep-unknown.xml", format!("{ROOT}{}", "<a>".repeat(n)).into_bytes(), "unexpected element <a> in /CC015C"),
        (
            "deep-known.xml",
            format!("{ROOT}{}", "<Consignment>".repeat(n)).into_bytes(),
            "unexpected element <Consignment> in /CC015C/Consignment",
        ),
        ("deep-arrays.json", "[".repeat(n).into_bytes(), "expected `{`"),
        (
            "deep-objects.json",
            format!("{{\"CC015C\": {}", "{\"Consignment\": ".repeat(n)).into_bytes(),
            r#"unexpected member \"Consignment\" in /CC015C/Consignment"#,
        ),
        (
            "deep-nested-arrays.json",
            format!("{{\"CC015C\": {{\"Consignment\": {}", "[".repeat(n)).into_bytes(),
            "array inside an array",
        ),
        ("big-text.xml", big_text(false), "over the limit of 65536 bytes"),
        ("big-text.json", big_text(true), "over the limit of 65536 bytes"),
        ("attributes-root.xml", attributes(true), "more than 32 attributes on the root element"),
        ("attributes-child.xml", attributes(false), "more than 32 attributes on element <messageSender>"),
        ("wrong-root.xml", b"<html><body/></html>".to_vec(), "not a known message type"),
        (
            "wrong-namespace.xml",
            b"<ncts:CC015C xmlns:ncts=\"http://example.com\"></ncts:CC015C>".to_vec(),
            "expected \\\"http://ncts.dgtaxud.ec\\\"",
        ),
        ("unknown-element.xml", format!("{ROOT}<foo/></ncts:CC015C>").into_bytes(), "unexpected element <foo>"),
        ("trailing-comma.json", b"{\"CC015C\": {\"messageSender\": \"A\",}}".to_vec(), "trailing comma"),
        ("unquoted.json", b"{CC015C: {}}".to_vec(), "expected the message type"),
        ("two-messages.json", b"{\"CC015C\": {}, \"CC015C\": {}}".to_vec(), "one message per file"),
        ("wrong-type.json", b"{\"CC999C\": {}}".to_vec(), "not a known message type"),
        ("group-as-string.json", b"{\"CC015C\": {\"TransitOperation\": \"T1\"}}".to_vec(), "is a data group"),
        ("item-as-object.json", b"{\"CC015C\": {\"messageSender\": {}}}".to_vec(), "is a data item"),
        ("null.json", b"{\"CC015C\": {\"messageSender\": null}}".to_vec(), "not `null`"),
        (
            "duplicate.json",
            b"{\"CC015C\": {\"messageSender\": \"A\", \"messageSender\": \"B\"}}".to_vec(),
            "duplicate member",
        ),
        ("lone-surrogate.json", b"{\"CC015C\": {\"messageSender\": \"\\ud800\"}}".to_vec(), "surrogate"),
    ]
}

fn check_error_line(name: &str, out: &str, err: &str, expect: &str) {
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1, "{name}: {out}");
    assert!(lines[0].contains("\"error\":"), "{name}: {out}");
    assert!(!lines[0].contains("\"valid\""), "{name}: {out}");
    assert!(
        lines[0].contains(expect),
        "{name}: expected `{expect}` in {}",
        lines[0]
    );
    assert_eq!(err.lines().count(), 1, "{name}: {err}");
    assert!(!err.contains("panicked"), "{name}: {err}");
}

#[test]
fn every_hostile_file_is_refused_alone_and_in_a_batch() {
    let mut files = Vec::new();
    for (name, bytes, expect) in corpus() {
        let f = write(name, &bytes);
        drop(bytes);
        let (o, took) = eucdm(&["validate", "--format", "json", &f]);
        let out = String::from_utf8_lossy(&o.stdout);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{name}: {out} {err}");
        check_error_line(name, &out, &err, expect);
        assert!(took < BOUND, "{name}: {took:?}");
        files.push(f);
    }

    // A file over the size limit is refused from its size: a sparse file of
    // 65 MiB takes no disk and is never read.
    let huge = dir().join("huge.xml");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(65 << 20)
        .unwrap();
    let huge = huge.display().to_string();
    let (o, _) = eucdm(&["validate", "--format", "json", &huge]);
    assert_eq!(o.status.code(), Some(2));
    check_error_line(
        "huge.xml",
        &String::from_utf8_lossy(&o.stdout),
        &String::from_utf8_lossy(&o.stderr),
        "over the limit of 67108864 bytes",
    );
    files.push(huge);

    // The batch: every bad file between valid ones, XML and JSON.
    let good = fixture("base.xml");
    let good_json = write("good.json", json_of(fixture("base.xml")).as_bytes());
    let invalid = fixture("C0411/fail.xml");
    let mut batch: Vec<&str> = vec!["validate", "--format", "json", &good];
    for f in &files {
        batch.push(f);
        batch.push(&good_json);
    }
    batch.push(&invalid);
    let (a, _) = eucdm(&batch);
    assert_eq!(a.status.code(), Some(2));
    let out = String::from_utf8(a.stdout.clone()).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    let names: Vec<&str> = batch[3..].to_vec();
    assert_eq!(lines.len(), names.len(), "{out}");
    for (line, name) in lines.iter().zip(&names) {
        let mut file = String::from("{\"file\":");
        json_string(&mut file, name);
        assert!(line.starts_with(&file), "{line} is not about {name}");
        let bad = files.iter().any(|f| f == name);
        assert_eq!(line.contains("\"error\":"), bad, "{line}");
        assert_eq!(line.contains("\"valid\":"), !bad, "{line}");
    }
    assert!(lines[names.len() - 1].contains("\"valid\":false"));
    let err = String::from_utf8(a.stderr.clone()).unwrap();
    assert_eq!(err.lines().count(), files.len(), "{err}");
    assert!(!err.contains("panicked"));
    // Byte-identical on every run and whatever the number of threads.
    for jobs in ["1", "3"] {
        let mut again = batch.clone();
        again.insert(1, "--jobs");
        again.insert(2, jobs);
        let (b, _) = eucdm(&again);
        assert_eq!(a.stdout, b.stdout, "--jobs {jobs}");
        assert_eq!(a.stderr, b.stderr, "--jobs {jobs}");
        assert_eq!(b.status.code(), Some(2));
    }
}

#[test]
fn bom_is_accepted_in_xml_and_json() {
    let mut xml = b"\xEF\xBB\xBF".to_vec();
    xml.extend(std::fs::read(fixture("base.xml")).unwrap());
    let mut json = b"\xEF\xBB\xBF\n ".to_vec();
    json.extend(json_of(fixture("base.xml")).as_bytes());
    for (name, bytes) in [("bom.xml", xml), ("bom.json", json)] {
        let f = write(name, &bytes);
        let (o, _) = eucdm(&["validate", "--format", "json", &f]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{name}: {}",
            String::from_utf8_lossy(&o.stdout)
        );
    }
}

#[test]
fn json_messages_give_byte_identical_reports() {
    let d = dir().join("as-json");
    std::fs::create_dir_all(&d).unwrap();
    let sources = [
        PathBuf::from(fixture("base.xml")),
        PathBuf::from(fixture("C0411/fail.xml")),
        root().join("examples/ncts-p5/goods-item-numbers-invalid.xml"),
        root().join("examples/ncts-p5/tir-without-carnet-invalid.xml"),
    ];
    for (i, xml) in sources.iter().enumerate() {
        std::fs::copy(xml, d.join(format!("m{i}.xml"))).unwrap();
        std::fs::write(d.join(format!("m{i}.json")), json_of(xml)).unwrap();
    }
    // Expected reports beside the messages are not messages.
    std::fs::write(d.join("m0.expected.json"), "[]").unwrap();
    let dir = d.display().to_string();
    for format in ["json", "text"] {
        // The directory expands to m0.json, m0.xml, m1.json, ... in order
        // (not m0.expected.json).
        let (o, _) = eucdm(&["validate", "--format", format, &dir]);
        assert_eq!(o.status.code(), Some(1));
        let out = String::from_utf8(o.stdout).unwrap();
        let out = out.replace(".json\"", ".xml\"").replace(".json:", ".xml:");
        // The text output ends with one note on the rule period for the whole run.
        let out = match out.split_once("note: rules were applied") {
            Some((blocks, _)) => blocks.to_string(),
            None => out,
        };
        let blocks: Vec<&str> = if format == "json" {
            out.lines().collect()
        } else {
            out.split(&format!("{dir}/")).skip(1).collect()
        };
        assert_eq!(blocks.len(), 2 * sources.len(), "{out}");
        for pair in blocks.chunks(2) {
            assert_eq!(pair[0], pair[1]);
        }
        assert!(out.contains("C0411"), "{out}");
    }
}

/// Messages that read but violate everything, many times over: the report
/// stops at the 9,999 functional errors an IE056 can carry (`cc056c.xsd`),
/// says so, and costs bounded time and memory. Before the cap, 10 MB of
/// empty JSON instances gave 1.3 GB of output (26 s and 4.5 GB in release).
#[test]
fn a_flood_of_errors_stops_at_an_ie056() {
    let n = 2 * 1024 * 1024 / 16;
    let xml = format!(
        r#"<ncts:CC015C xmlns:ncts="http://ncts.dgtaxud.ec">{}</ncts:CC015C>"#,
        "<Authorisation/>".repeat(n)
    );
    let json = format!(
        r#"{{"CC015C":{{"Authorisation":[{}]}}}}"#,
        vec!["{}"; 3 * 1024 * 1024].join(",")
    );
    for (name, bytes) in [("flood.xml", xml), ("flood.json", json)] {
        let f = write(name, bytes.as_bytes());
        let (o, took) = eucdm(&["validate", "--format", "json", &f]);
        let out = String::from_utf8(o.stdout).unwrap();
        assert_eq!(o.status.code(), Some(1), "{name}");
        assert_eq!(out.lines().count(), 1, "{name}");
        assert_eq!(out.matches("\"code\":").count(), 9999, "{name}");
        assert!(out.trim_end().ends_with("],\"truncated\":true}"), "{name}");
        // The first errors in document order are listed.
        assert!(
            out.contains("\"pointer\":\"/CC015C/Authorisation[1]/type\""),
            "{name}"
        );
        assert!(took < BOUND, "{name}: {took:?}");
        let (o, _) = eucdm(&["validate", &f]);
        let text = String::from_utf8(o.stdout).unwrap();
        assert!(
            text.ends_with("only the first 9999 are listed, as an IE056 carries at most 9999\n"),
            "{name}: {}",
            &text[text.len().saturating_sub(300)..]
        );
    }
}
