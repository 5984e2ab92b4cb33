//! `eucdm-bench --uk-ens`: HMRC's rules for UK entry summary declarations
//! (`eucdm-uk-ens`) measured the way the NCTS rules are, in one run:
//!
//! - the rules' own cost: the documents read once, then the compiled rule
//!   set's `validate` against the IR interpreter's (`eucdm validate --rules
//!   rules/uk-ens`) on the same rules and documents;
//! - the whole check against HMRC's schema check: `eucdm validate --format
//!   json --jobs 1 FILES` against `xmllint --noout --schema` (HMRC's XSD), each
//!   one process over the same batch, interleaved.
//!
//! Inputs: HMRC's own CC315A rule cases (`ruleTestCases315New`, from
//! `../shared`) as one batch, and that batch's largest message with its goods
//! items repeated to 999 (HMRC's maximum, 8611) as a single large message.
//! There is no generator for CC315A: the repeated items are HMRC's own.

use std::path::{Path, PathBuf};

use eucdm_runtime::xml::read_xml;
use eucdm_runtime::{Document, Options, RuleSet};

use crate::{measure, measure_cmds, ms, Stat};

/// One batch of CC315A messages, in memory.
struct Batch {
    name: String,
    files: Vec<PathBuf>,
    data: Vec<Vec<u8>>,
}

impl Batch {
    fn bytes(&self) -> usize {
        self.data.iter().map(Vec::len).sum()
    }
}

/// The rows of the report: in-memory timings and the two processes.
struct Row {
    read: Stat,
    compiled: Stat,
    interpreted: Stat,
    read_and_compiled: Stat,
    cli: Option<Stat>,
    xmllint: Option<(Stat, bool)>,
    violations: usize,
}

pub fn run(samples: usize, root: &Path) {
    let shared = root.join("../shared");
    let cases = shared.join("data/uk-ens/cases/ruleTestCases315New");
    let xsd = shared.join("spec/uk-ens/xsd/CC315A-v11-2-New.xsd");
    if !cases.is_dir() {
        eprintln!(
            "eucdm-bench: {} not found (HMRC's cases are in ../shared)",
            cases.display()
        );
        std::process::exit(2);
    }
    let tmp = std::env::temp_dir().join(format!("eucdm-bench-uk-ens-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).expect("create a scratch folder");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&cases)
        .expect("read HMRC's cases")
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .collect();
    files.sort();
    let hmrc = load("HMRC's CC315A rule cases (315New)", files);
    let big = tmp.join("cc315a-999-items.xml");
    std::fs::write(&big, repeat_items(&hmrc, 999)).expect("write the large message");
    let large = load("the largest case, goods items repeated to 999", vec![big]);

    let compiled_rules: &dyn RuleSet = &eucdm_uk_ens::UK_ENS;
    let ir = eucdm_compiler::compile_dir(&root.join("rules/uk-ens"), &root.join("codelists"))
        .unwrap_or_else(|f| panic!("rules/uk-ens does not compile:\n{}", f.render()));
    let interpreter = eucdm_compiler::interpret::Interpreter::new(&ir.ruleset);
    let eucdm_bin = eucdm_binary();

    let opts = Options::default();
    let mut rows = Vec::new();
    for b in [&hmrc, &large] {
        eprintln!("eucdm-bench: {} …", b.name);
        // Each rule set reads with its own models (the interpreter's are its own).
        let docs = read_all(b, compiled_rules);
        let interp_docs = read_all(b, &interpreter);
        let violations = (docs.iter())
            .map(|d| {
                compiled_rules
                    .validate(d, &opts)
                    .map_or(0, |r| r.violations.len())
            })
            .sum();
        for (d, i) in docs.iter().zip(&interp_docs) {
            assert_eq!(
                compiled_rules.validate(d, &opts).ok(),
                interpreter.validate(i, &opts).ok(),
                "compiled and interpreted differ on {}",
                b.name
            );
        }
        let stats = measure(
            samples,
            &mut [
                &mut || {
                    for d in &b.data {
                        std::hint::black_box(
                            read_xml(std::hint::black_box(d), compiled_rules.schemas()).ok(),
                        );
                    }
                },
                &mut || {
                    for d in &docs {
                        std::hint::black_box(
                            compiled_rules.validate(std::hint::black_box(d), &opts).ok(),
                        );
                    }
                },
                &mut || {
                    for d in &interp_docs {
                        std::hint::black_box(
                            interpreter.validate(std::hint::black_box(d), &opts).ok(),
                        );
                    }
                },
                &mut || {
                    for d in &b.data {
                        std::hint::black_box(
                            compiled_rules
                                .validate_xml(std::hint::black_box(d), &opts)
                                .ok(),
                        );
                    }
                },
            ],
        );
        let paths: Vec<&str> = b.files.iter().map(|p| p.to_str().unwrap()).collect();
        let mut cmds: Vec<Vec<&str>> = vec![[
            &[
                "xmllint",
                "--noout",
                "--huge",
                "--schema",
                xsd.to_str().unwrap(),
            ][..],
            &paths,
        ]
        .concat()];
        if let Some(e) = eucdm_bin.as_deref() {
            cmds.push(
                [
                    &[e, "validate", "--format", "json", "--jobs", "1"][..],
                    &paths,
                ]
                .concat(),
            );
        }
        let mut procs = measure_cmds(samples.min(7), &cmds);
        let cli = procs.get_mut(1).and_then(Option::take).map(|(s, _)| s);
        rows.push(Row {
            read: stats[0],
            compiled: stats[1],
            interpreted: stats[2],
            read_and_compiled: stats[3],
            cli,
            xmllint: procs[0].take(),
            violations,
        });
    }
    let _ = std::fs::remove_dir_all(&tmp);
    report(&[&hmrc, &large], &rows);
}

/// The `eucdm` built beside this binary (the same profile), if it is.
fn eucdm_binary() -> Option<String> {
    let me = std::env::current_exe().ok()?;
    let eucdm = me.with_file_name(format!("eucdm{}", std::env::consts::EXE_SUFFIX));
    eucdm
        .is_file()
        .then(|| eucdm.to_str().map(str::to_string))?
}

fn load(name: &str, files: Vec<PathBuf>) -> Batch {
    let data = files
        .iter()
        .map(|f| std::fs::read(f).unwrap_or_else(|e| panic!("{}: {e}", f.display())))
        .collect();
    Batch {
        name: name.to_string(),
        files,
        data,
    }
}

/// The documents of a batch read with a rule set's models; a message they
/// cannot read (HMRC has a few rule cases that are not well-formed CC315A)
/// is left out of the rules' timings.
fn read_all(b: &Batch, rules: &dyn RuleSet) -> Vec<Document> {
    (b.data.iter())
        .filter_map(|d| read_xml(d, rules.schemas()).ok())
        .collect()
}

/// The batch's largest message with its first goods item written `n` times
/// (item numbers 1 … n, so the rules see a declaration HMRC would number).
fn repeat_items(b: &Batch, n: usize) -> String {
    let text = (b.data.iter())
        .filter_map(|d| std::str::from_utf8(d).ok())
        .filter(|t| t.contains("<GOOITEGDS>") && t.contains("<IteNumGDS7>1</IteNumGDS7>"))
        .max_by_key(|t| t.len())
        .expect("a case with a goods item numbered 1");
    let start = text.find("<GOOITEGDS>").unwrap();
    let end = text.rfind("</GOOITEGDS>").unwrap() + "</GOOITEGDS>".len();
    let first_end = text[start..].find("</GOOITEGDS>").unwrap() + start + "</GOOITEGDS>".len();
    let item = &text[start..first_end];
    let mut out = String::with_capacity(text.len() + n * item.len());
    out.push_str(&text[..start]);
    for i in 1..=n {
        out.push_str(&item.replacen(
            "<IteNumGDS7>1</IteNumGDS7>",
            &format!("<IteNumGDS7>{i}</IteNumGDS7>"),
            1,
        ));
    }
    out.push_str(&text[end..]);
    out
}

fn report(batches: &[&Batch], rows: &[Row]) {
    println!("## UK ENS (CC315A, `eucdm-uk-ens`)\n");
    println!("- machine: {}", crate::machine());
    let build = if cfg!(debug_assertions) {
        "DEBUG (not meaningful: use --release)"
    } else {
        "release"
    };
    println!("- build: {build}");
    println!(
        "- xmllint: {}",
        crate::xmllint_version().unwrap_or_else(|| "not found".into())
    );
    println!(
        "- load average (1, 5, 15 min) at the end: {}\n",
        crate::load_average()
    );
    println!("Per batch, median of the samples, one thread. Rules only: the documents read once, then `UK_ENS.validate` (compiled) or the IR interpreter on the same rules (`rules/uk-ens`). Processes: one call over the whole batch, interleaved samples.\n");
    println!("| input | files | bytes | read | rules compiled | rules interpreted | interpreted / compiled | read + rules | `eucdm validate --jobs 1` | `xmllint --noout --schema` | xmllint / eucdm | violations |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (b, r) in batches.iter().zip(rows) {
        let ratio = |a: Stat, b: Stat| a.median.as_secs_f64() / b.median.as_secs_f64();
        let (cli, lint, vs) = match (r.cli, r.xmllint) {
            (Some(c), Some((l, ok))) => (
                ms(c.median),
                format!("{}{}", ms(l.median), if ok { "" } else { " (invalid)" }),
                format!("{:.2}", ratio(l, c)),
            ),
            (c, l) => (
                c.map_or("n/a".into(), |c| ms(c.median)),
                l.map_or("n/a".into(), |l| ms(l.0.median)),
                "n/a".into(),
            ),
        };
        println!(
            "| {} | {} | {} | {} | {} | {} | {:.2} | {} | {} | {} | {} | {} |",
            b.name,
            b.files.len(),
            b.bytes(),
            ms(r.read.median),
            ms(r.compiled.median),
            ms(r.interpreted.median),
            ratio(r.interpreted, r.compiled),
            ms(r.read_and_compiled.median),
            cli,
            lint,
            vs,
            r.violations
        );
    }
}
