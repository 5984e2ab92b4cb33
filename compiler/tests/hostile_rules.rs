//! Whatever bytes rule files and code-list CSVs hold, the compiler answers
//! with diagnostics: no panic, no endless loop, no stack overflow.

use std::path::Path;

use eucdm_compiler::syntax::MAX_NESTING;
use eucdm_compiler::{compile_in_memory, syntax, Sources};

fn parse(text: &str) -> Result<(), String> {
    let mut sources = Sources::default();
    let file = sources.add("deep.rules".into(), text.to_string());
    syntax::parse(text, file)
        .map(|_| ())
        .map_err(|d| sources.render(&d))
}

fn shipped(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../rules/ncts-p5")
            .join(name),
    )
    .unwrap()
}

/// Compiles `rules` as one file with the shipped model, dictionary and code
/// lists (`csv` replacing shipped CSVs of the same name) and returns the
/// rendered errors (empty when it compiles; warnings, such as the code lists
/// this partial rule set leaves unused, are not looked at).
fn compile(rules: &[u8], csv: &[(&str, &[u8])]) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let (model, dict, decls) = (
        shipped("CC015C.model"),
        shipped("data-elements.dict"),
        shipped("codelists.rules"),
    );
    let files = [
        ("CC015C.model", &model[..]),
        ("data-elements.dict", &dict[..]),
        ("codelists.rules", &decls[..]),
        ("hostile.rules", rules),
    ];
    let mut lists: Vec<(String, Vec<u8>)> = std::fs::read_dir(root.join("codelists"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .filter(|(n, _)| !csv.iter().any(|(m, _)| m == n))
        .collect();
    lists.extend(csv.iter().map(|(n, b)| (n.to_string(), b.to_vec())));
    let lists: Vec<(&str, &[u8])> = lists.iter().map(|(n, b)| (n.as_str(), &b[..])).collect();
    match compile_in_memory(&files, &lists) {
        Ok(_) => String::new(),
        Err(f) => f.render(),
    }
}

fn condition(body: &str) -> String {
    format!("condition C0001 \"deep\"\n    {body}\n")
}

#[test]
fn deep_parentheses_are_a_diagnostic_not_a_stack_overflow() {
    let n = 100_000;
    let text = condition(&format!(
        "19 03 mandatory if {}11 07 = '1'{}",
        "(".repeat(n),
        ")".repeat(n)
    ));
    let e = parse(&text).unwrap_err();
    assert!(e.contains("nested deeper than 64 levels"), "{e}");
    // At the 65th `(`: line 2, after `    19 03 mandatory if ` and 64 `(`.
    assert!(e.contains("deep.rules:2:88"), "{e}");
    assert!(e.contains('^'), "{e}");
    assert!(compile(text.as_bytes(), &[]).contains("nested deeper"));
    // The limit itself is fine.
    let ok = condition(&format!(
        "19 03 mandatory if {}11 07 = '1'{}",
        "(".repeat(MAX_NESTING),
        ")".repeat(MAX_NESTING)
    ));
    assert_eq!(compile(ok.as_bytes(), &[]), "");
}

#[test]
fn deep_blocks_are_a_diagnostic() {
    let n = 100_000;
    let ifs = condition(&format!(
        "{} 19 03 mandatory {}",
        "if 11 07 = '1' then ".repeat(n),
        "end ".repeat(n)
    ));
    assert!(parse(&ifs).unwrap_err().contains("nested deeper"));
    let fors = format!(
        "rule R0001 \"deep\"\n {} grossMass must be unique {}",
        "for each Consignment ".repeat(n),
        "end ".repeat(n)
    );
    assert!(parse(&fors).unwrap_err().contains("nested deeper"));
    let messages = format!(
        "rule R0001 \"deep\"\n {} grossMass must be unique {}",
        "in message CC015C ".repeat(n),
        "end ".repeat(n)
    );
    assert!(parse(&messages).unwrap_err().contains("nested deeper"));
    let satisfies = condition(&format!(
        "19 03 mandatory if {} 11 07 = '1' {}",
        "any Consignment.HouseConsignment satisfies (".repeat(n),
        ")".repeat(n)
    ));
    assert!(parse(&satisfies).unwrap_err().contains("nested deeper"));
}

#[test]
fn long_chains_compile_without_recursing_per_link() {
    let n = 100_000;
    let nots = condition(&format!(
        "19 03 mandatory if {}11 07 = '1'",
        "not ".repeat(n)
    ));
    assert_eq!(compile(nots.as_bytes(), &[]), "");
    let ands = condition(&format!(
        "19 03 mandatory if 11 07 = '1'{}",
        " and 11 07 = '1'".repeat(n / 10)
    ));
    assert_eq!(compile(ands.as_bytes(), &[]), "");
}

#[test]
fn garbage_rule_files_and_csv_give_diagnostics() {
    // Random bytes, invalid UTF-8, NUL, an unterminated string, a lone keyword.
    let mut x: u32 = 12345;
    let random: Vec<u8> = (0..4096)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (x >> 16) as u8
        })
        .collect();
    for rules in [
        &random[..],
        b"condition C0001 \"x\xff\"",
        b"\0\0\0",
        b"condition C0001 \"unterminated\n 19 03 mandatory",
        b"rule",
        b"codelist CL231 \"twice\" = \"CL231.csv\"",
    ] {
        let e = compile(rules, &[]);
        assert!(e.contains("error"), "{e}");
    }
    for csv in [
        &random[..],
        b"",
        b"\xef\xbb\xbf",
        b"code\n\"unterminated",
        b"code,description\nT1\xff,x\n",
        b"description\nT1\n",
        b"code,valid_from\nT1,2025-13-45\n",
    ] {
        let e = compile(b"", &[("CL231.csv", csv)]);
        assert!(e.contains("error"), "{e}");
        assert!(!e.contains("panicked"), "{e}");
    }
}
