//! The CLI contract of DESIGN.md: JSON Lines in input order, error lines for
//! unreadable or malformed files, exit statuses 0 / 1 / 2, never a panic.

mod common;

use common::*;
use std::process::Command;

fn tmp(name: &str, bytes: &[u8]) -> String {
    temp_file("cli", name, bytes)
}

#[test]
fn valid_file_exits_0_with_one_json_line() {
    let f = fixture("base.xml");
    let o = eucdm(&["validate", "--format", "json", &f]);
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8(o.stdout).unwrap();
    // The checks this message leaves undecided (registries) follow the errors.
    assert!(
        out.starts_with(&format!(
            "{{\"file\":\"{f}\",\"message\":\"CC015C\",\"valid\":true,\"errors\":[],\"undecided\":[{{\"pointer\":"
        )),
        "{out}"
    );
    assert_eq!(out.lines().count(), 1);
}

#[test]
fn invalid_file_exits_1_with_code_pointer_reason_value() {
    let f = fixture("C0411/fail.xml");
    let o = eucdm(&["validate", "--format", "json", &f]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.contains(r#""valid":false,"errors":[{"code":13,"pointer":"/CC015C/TransitOperation/TIRCarnetNumber","reason":"C0411","value":null}]"#),
        "{out}"
    );
}

#[test]
fn unreadable_and_malformed_files_get_their_own_line_and_exit_2() {
    let good = fixture("base.xml");
    let bad = tmp(
        "truncated.xml",
        b"<ncts:CC015C xmlns:ncts=\"http://ncts.dgtaxud.ec\"><messageSender>x</messageSender>",
    );
    let missing = "/nonexistent/eucdm/file.xml";
    let o = eucdm(&["validate", "--format", "json", &bad, missing, &good]);
    assert_eq!(o.status.code(), Some(2));
    let out = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(
        lines[0].starts_with(&format!("{{\"file\":\"{bad}\",\"error\":\"")),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains("truncated"), "{}", lines[0]);
    assert!(!lines[0].contains("\"valid\""));
    assert!(lines[1].contains("cannot read file"), "{}", lines[1]);
    assert!(lines[2].contains("\"valid\":true"), "{}", lines[2]);
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains("truncated") && err.contains("cannot read file"),
        "{err}"
    );
}

#[test]
fn directories_expand_in_sorted_order_and_output_is_deterministic() {
    let dir = root().join("examples/ncts-p5").display().to_string();
    let a = eucdm(&["validate", "--format", "json", &dir]);
    let b = eucdm(&["validate", "--format", "json", &dir]);
    assert_eq!(a.stdout, b.stdout);
    assert_eq!(a.status.code(), Some(1));
    let out = String::from_utf8(a.stdout).unwrap();
    let files: Vec<&str> = out.lines().map(|l| l.split('"').nth(3).unwrap()).collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted);
    assert_eq!(files.len(), 3);
}

#[test]
fn text_format_names_pointer_code_rule_value_and_title() {
    let o = eucdm(&["validate", &fixture("C0411/fail.xml")]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.contains("/CC015C/TransitOperation/TIRCarnetNumber  13  C0411  -  TIR carnet number"),
        "{out}"
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(eucdm(&[]).status.code(), Some(2));
    assert_eq!(eucdm(&["validate"]).status.code(), Some(2));
    assert_eq!(
        eucdm(&["validate", "--format", "xml", "x"]).status.code(),
        Some(2)
    );
    assert_eq!(eucdm(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn check_accepts_the_shipped_rule_set_and_rejects_a_broken_one() {
    let o = eucdm(&["check", &root().join("rules/ncts-p5").display().to_string()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let dir = temp_dir("check");
    std::fs::copy(
        root().join("rules/ncts-p5/CC015C.model"),
        dir.join("CC015C.model"),
    )
    .unwrap();
    std::fs::write(
        dir.join("bad.rules"),
        "condition C0001 \"x\"\n    Consignment.grosMass mandatory\n",
    )
    .unwrap();
    let o = eucdm(&[
        "check",
        "--codelists",
        &root().join("codelists").display().to_string(),
        &dir.display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("bad.rules:2:5"), "{err}");
    assert!(
        err.contains("did you mean `Consignment.grossMass`?"),
        "{err}"
    );
    assert!(err.contains("^^^^"), "{err}");
}

#[test]
fn coverage_lists_every_bound_rule_once_with_totals() {
    let o = eucdm(&["coverage", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let all = String::from_utf8(o.stdout).unwrap();
    // The object of CC015C, up to the next message's.
    let out = all
        .split("{\"message\":")
        .find(|m| m.starts_with("\"CC015C\""))
        .expect("CC015C in the coverage")
        .to_string();
    // Every id the message table binds to CC015C appears once, whatever its status.
    let model = std::fs::read_to_string(root().join("rules/ncts-p5/CC015C.model")).unwrap();
    let mut bound: Vec<&str> = model
        .lines()
        .filter(|l| !l.starts_with("//") && !l.starts_with("message"))
        .flat_map(|l| l.split_whitespace())
        .filter(|w| {
            w.len() == 5 && "BCEGR".contains(&w[..1]) && w[1..].bytes().all(|b| b.is_ascii_digit())
        })
        .collect();
    bound.sort_unstable();
    bound.dedup();
    for id in &bound {
        assert_eq!(
            out.matches(&format!("{{\"id\":\"{id}\",\"status\":"))
                .count(),
            1,
            "{id} in {out}"
        );
    }
    assert!(out.contains("\"id\":\"C0599\",\"status\":\"implemented\""));
    assert!(out.contains("\"id\":\"C0250\",\"status\":\"external\""));
    assert!(out.contains("\"id\":\"G0002\",\"status\":\"advice\""));
    assert!(out.contains("\"id\":\"CL231\",\"status\":\"checked\",\"bound\":true"));
    assert!(out.contains("\"totals\":{\"implemented\":"));
    // The language expresses every rule the table binds, entirely: none is partial
    // (R0990's IRU check algorithm, not in the shared specification, is an external check).
    assert!(out.contains("\"not expressible\":0,"), "{out}");
    assert!(out.contains("\"partial\":0,"), "{out}");
    assert!(
        out.contains("{\"id\":\"R0990\",\"status\":\"external\"}"),
        "{out}"
    );

    // A rule directory of one's own: a rule recorded as not expressible keeps its reason.
    let dir = temp_dir("coverage");
    std::fs::write(
        dir.join("CC015C.model"),
        "message CC015C \"x\" namespace \"http://ncts.dgtaxud.ec\"\n\
         TransitOperation group R 1 - - \"T\"\n\
         TransitOperation.LRN text R 1 an..22 - \"LRN\" R0001 R0002 R0003 R0004 G0001\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("r.rules"),
        "rule R0001 \"LRN shape\"\n    TransitOperation.LRN must match an..10\n\
         not expressible R0002 \"LRN unique\" because \"needs the office's register of LRNs\"\n\
         rule R0004 \"LRN prefix\" partial \"the office part of the LRN\"\n    TransitOperation.LRN must match an..20\n",
    )
    .unwrap();
    let o = eucdm(&["coverage", "--rules", &dir.display().to_string()]);
    let text = String::from_utf8(o.stdout).unwrap();
    assert_eq!(o.status.code(), Some(0), "{text}");
    assert!(text.contains("implemented        1  R0001"), "{text}");
    assert!(
        text.contains("R0002 — needs the office's register of LRNs"),
        "{text}"
    );
    assert!(text.contains("advice             1  G0001"), "{text}");
    assert!(text.contains("missing            1  R0003"), "{text}");
    // A rule checked in part says what it does not check.
    assert!(
        text.contains("partial            1\n    R0004 — the office part of the LRN"),
        "{text}"
    );
    let o = eucdm(&[
        "coverage",
        "--format",
        "json",
        "--rules",
        &dir.display().to_string(),
    ]);
    let json = String::from_utf8(o.stdout).unwrap();
    assert!(
        json.contains(
            "{\"id\":\"R0004\",\"status\":\"partial\",\"reason\":\"the office part of the LRN\"}"
        ),
        "{json}"
    );
    assert!(json.contains("\"partial\":1,"), "{json}");
}

#[test]
fn jobs_keep_input_order_and_identical_output() {
    // Valid, invalid, unreadable and malformed files, repeated, in a fixed order.
    let bad = tmp(
        "jobs-truncated.xml",
        b"<ncts:CC015C xmlns:ncts=\"http://ncts.dgtaxud.ec\">",
    );
    let mut args: Vec<String> = vec!["validate".into(), "--format".into(), "json".into()];
    for _ in 0..8 {
        args.push(fixture("base.xml"));
        args.push(fixture("C0411/fail.xml"));
        args.push(bad.clone());
        args.push("/nonexistent/eucdm/jobs.xml".into());
        args.push(root().join("examples/ncts-p5").display().to_string());
    }
    let run = |jobs: &str| {
        let mut a: Vec<&str> = args.iter().map(String::as_str).collect();
        a.splice(3..3, ["--jobs", jobs]);
        eucdm(&a)
    };
    let one = run("1");
    assert_eq!(one.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&one.stdout).lines().count(), 8 * 7);
    for jobs in ["2", "3", "16"] {
        let o = run(jobs);
        assert_eq!(o.stdout, one.stdout, "--jobs {jobs}");
        assert_eq!(o.stderr, one.stderr, "--jobs {jobs}");
        assert_eq!(o.status.code(), Some(2));
    }
    let env = Command::new(env!("CARGO_BIN_EXE_eucdm"))
        .args(&args)
        .env("EUCDM_JOBS", "2")
        .output()
        .unwrap();
    assert_eq!(env.stdout, one.stdout);
    for bad_jobs in ["0", "x"] {
        assert_eq!(run(bad_jobs).status.code(), Some(2), "--jobs {bad_jobs}");
    }
}
