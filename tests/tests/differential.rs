//! The compiled validator and the interpreter must report exactly the same
//! violations and undecided statements on every message.
//!
//! Messages: the project's fixtures and generated messages of all six trader
//! messages (CC015C, CC013C, CC044C with 1 to 40 items, CC170C with 1 to 40
//! goods references, CC007C with 0 to 9 incidents, CC014C; a fifth of the
//! mutated cases, the six in turn), each mutated 1 to 4 times — an element deleted or repeated, a data
//! group deleted or repeated, a value replaced by a literal the rule set
//! compares against (so conditions flip: the near-misses around each rule), by
//! a code of a code list the rule set uses, by another value of the message,
//! or by an odd value (empty, negative, too long, a date). Each is judged at
//! its own date and at a date during and after the NCTS5 transition, with no
//! external registry, with one that answers valid/invalid/unknown by the value,
//! and — for a fixture that has them — with its `.external` registry answers;
//! with no movement, an empty one, random seed messages, or — for a fixture
//! that has one — its own `<case>.movement/` (always for the unmutated fixture);
//! and with the compiled-in code lists, with reference data given at run time
//! that replaces every declared list (`Options::codelists`: each list's codes
//! with some dropped, values of the fixtures added, validity periods around
//! the dates judged by), or — for a fixture that has it — its own
//! `<case>.codelists/` (always for the unmutated fixture).
//!
//! The case count is bounded with a fixed seed for the normal test run;
//! `EUCDM_DIFF_CASES=N` (and `EUCDM_DIFF_SEED=S`) run more on demand:
//!
//!     EUCDM_DIFF_CASES=100000 cargo test --release -p eucdm-tests --test differential

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use eucdm_compiler::interpret::Interpreter;
use eucdm_compiler::ir::{self, Cond, SetRef, Stmt, Value};
use eucdm_generator::{generate, Message, Rng, Spec};
use eucdm_runtime::codelist::Entry;
use eucdm_runtime::{Answers, ExternalChecks, Options, ReferenceData, RuleSet, Verdict};
use eucdm_tests::{env_number, root};

/// A registry that knows every other value: exercises the Valid and Invalid
/// answers of external checks, deterministically.
struct Alternating;

impl ExternalChecks for Alternating {
    fn check(&self, _hook: &str, value: &str) -> Verdict {
        match value.bytes().map(u32::from).sum::<u32>() % 3 {
            0 => Verdict::Valid,
            1 => Verdict::Invalid,
            _ => Verdict::Unknown,
        }
    }
}

/// The literals the rule set compares values with.
fn literals(rs: &ir::RuleSet) -> Vec<String> {
    fn cond(c: &Cond, out: &mut BTreeSet<String>) {
        match c {
            Cond::And(v) | Cond::Or(v) => v.iter().for_each(|x| cond(x, out)),
            Cond::Not(x) => cond(x, out),
            Cond::Quantified { body, .. } => cond(body, out),
            Cond::Compare { lhs, rhs, .. } => {
                value(lhs, out);
                value(rhs, out);
            }
            Cond::InSet { value: v, set, .. } => {
                value(v, out);
                if let SetRef::Literal(codes) = set {
                    out.extend(codes.iter().cloned());
                }
            }
            _ => {}
        }
    }
    fn value(v: &Value, out: &mut BTreeSet<String>) {
        match v {
            Value::LitText(s) | Value::LitDate(s) | Value::LitNumber(s) => {
                out.insert(s.clone());
            }
            Value::Prefix(_, inner)
            | Value::Char(_, inner)
            | Value::Trim(inner)
            | Value::NumberOf(inner) => value(inner, out),
            Value::Concat(parts) => parts.iter().for_each(|p| value(p, out)),
            Value::CountWhere { body, .. } => cond(body, out),
            _ => {}
        }
    }
    fn stmts(body: &[Stmt], out: &mut BTreeSet<String>) {
        for s in body {
            match s {
                Stmt::If {
                    arms, otherwise, ..
                } => {
                    for arm in arms {
                        cond(&arm.cond, out);
                        stmts(&arm.body, out);
                    }
                    stmts(otherwise, out);
                }
                Stmt::ForEach { body, .. } => stmts(body, out),
                Stmt::Assert { test, .. } => cond(test, out),
                _ => {}
            }
        }
    }
    let mut out = BTreeSet::new();
    for m in &rs.messages {
        for c in &m.checks {
            stmts(&c.body, &mut out);
        }
    }
    out.into_iter().collect()
}

/// Some codes of every code list the rule set ships (first, last, a middle one).
fn list_codes(rs: &ir::RuleSet) -> Vec<String> {
    let mut out = Vec::new();
    for c in &rs.codelists {
        let e = c.entries();
        for i in [0, e.len() / 2, e.len().saturating_sub(1)] {
            if let Some(x) = e.get(i) {
                out.push(x.code.clone());
            }
        }
    }
    out
}

/// Reference data replacing every declared list, complete or not: each list's
/// own codes with every third dropped, and of `values` (codes of other lists,
/// the rules' literals, values of the fixtures) those that hash to the list;
/// every fourth code valid only until, every fourth from, 2025-03-01 (between
/// the dates the cases are judged by).
fn reference_data(rs: &ir::RuleSet, values: &[String]) -> ReferenceData {
    let mut data = ReferenceData::new();
    for (li, c) in rs.codelists.iter().enumerate() {
        let own = c.entries().iter().map(|e| e.code.clone()).enumerate();
        let kept = own.filter(|(i, _)| i % 3 != 2).map(|(_, code)| code);
        let added = (values.iter())
            .filter(|v| eucdm_runtime::codelist::fnv1a(v.as_bytes()) as usize % 4 == li % 4)
            .cloned();
        let mut codes: Vec<String> = kept.chain(added).collect();
        codes.sort();
        codes.dedup();
        let entries: Vec<Entry> = (codes.into_iter().enumerate())
            .map(|(i, code)| Entry {
                code,
                description: String::new(),
                valid_from: if i % 4 == 2 {
                    "2025-03-01".into()
                } else {
                    String::new()
                },
                valid_to: if i % 4 == 1 {
                    "2025-03-01".into()
                } else {
                    String::new()
                },
            })
            .collect();
        data.insert(&c.id, &entries);
    }
    data
}

/// The texts of the data items of `xml` (one element per line).
fn item_values(xml: &str, out: &mut BTreeSet<String>) {
    for l in xml.lines().map(str::trim) {
        if let (Some(a), Some(b)) = (l.find('>'), l.rfind("</")) {
            if a < b && b - a <= 24 {
                out.insert(l[a + 1..b].to_string());
            }
        }
    }
}

/// A fixture's own reference data: the lists in `<case>.codelists/`.
fn own_codelists(xml: &Path, rules: &dyn RuleSet) -> Option<ReferenceData> {
    let dir = xml.with_extension("codelists");
    let declared: Vec<&str> = rules.codelists().iter().map(|c| c.id.as_str()).collect();
    dir.is_dir().then(|| {
        ReferenceData::read_dir(&dir, &declared)
            .unwrap_or_else(|e| panic!("{}: {e:?}", dir.display()))
            .data
    })
}

const ODD: &[&str] = &[
    "",
    "0",
    "-1",
    "1.5",
    "99999999999999999",
    "2024-01-01",
    "2025-01-22T00:00:00",
    "zz",
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
];

/// One line per element, as the generator and the fixtures write them.
enum Line<'a> {
    Leaf { name: &'a str },
    Open { name: &'a str },
    Close,
    Other,
}

fn classify(line: &str) -> Line<'_> {
    let t = line.trim();
    if t.starts_with("</") {
        return Line::Close;
    }
    if !t.starts_with('<') || t.starts_with("<?") || t.starts_with("<!") || t.contains(':') {
        return Line::Other;
    }
    let name_end = t[1..].find(['>', ' ', '/']).map_or(t.len(), |i| i + 1);
    let name = &t[1..name_end];
    if t.ends_with("/>") || t.contains("</") {
        Line::Leaf { name }
    } else {
        Line::Open { name }
    }
}

/// Index one past the line that closes the group opened at `open`.
fn block_end(lines: &[String], open: usize) -> usize {
    let mut depth = 0usize;
    for (i, l) in lines.iter().enumerate().skip(open) {
        match classify(l) {
            Line::Open { .. } => depth += 1,
            Line::Close => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
    }
    lines.len()
}

fn mutate(lines: &mut Vec<String>, rng: &mut Rng, pool: &[String]) -> String {
    let candidates: Vec<usize> = (0..lines.len())
        .filter(|&i| matches!(classify(&lines[i]), Line::Leaf { .. } | Line::Open { .. }))
        .collect();
    if candidates.is_empty() {
        return "nothing to mutate".into();
    }
    let i = rng.pick(&candidates);
    match (classify(&lines[i]), rng.range(0, 9)) {
        (Line::Leaf { name }, 0..=5) => {
            let value = match rng.range(0, 4) {
                0 => ODD[rng.range(0, ODD.len() as u64 - 1) as usize].to_string(),
                1 => {
                    // Another value of the same message.
                    let j = rng.pick(&candidates);
                    let l = lines[j].trim();
                    match (l.find('>'), l.rfind("</")) {
                        (Some(a), Some(b)) if a < b => l[a + 1..b].to_string(),
                        _ => String::new(),
                    }
                }
                _ => pool[rng.range(0, pool.len() as u64 - 1) as usize].clone(),
            };
            let indent = &lines[i][..lines[i].len() - lines[i].trim_start().len()];
            let escaped = value
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            let new = format!("{indent}<{name}>{escaped}</{name}>");
            let what = format!("set {name} = {value:?}");
            lines[i] = new;
            what
        }
        (Line::Leaf { name }, 6..=7) => {
            let what = format!("delete {name}");
            lines.remove(i);
            what
        }
        (Line::Leaf { name }, _) => {
            let what = format!("repeat {name}");
            let l = lines[i].clone();
            lines.insert(i, l);
            what
        }
        (Line::Open { name }, k) => {
            let end = block_end(lines, i);
            let what;
            if k < 5 {
                what = format!("delete group {name}");
                lines.drain(i..end);
            } else {
                what = format!("repeat group {name}");
                let block: Vec<String> = lines[i..end].to_vec();
                lines.splice(end..end, block);
            }
            what
        }
        _ => unreachable!("candidates are leaves and groups"),
    }
}

fn fixture_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut v: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    v.sort();
    for p in v {
        if p.is_dir() {
            fixture_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "xml") {
            out.push(p);
        }
    }
}

/// Of the mutated cases, every `GENERATED_EVERY`th is a generated message
/// (the six trader messages in turn), the others a fixture.
const GENERATED_EVERY: u64 = 5;

#[test]
fn compiled_validator_and_interpreter_report_the_same() {
    let root = root();
    let compiled =
        eucdm_compiler::compile_dir(&root.join("rules/ncts-p5"), &root.join("codelists"))
            .unwrap_or_else(|f| panic!("shipped rule set:\n{}", f.render()));
    let interp = Interpreter::new(&compiled.ruleset);
    let compiled_set: &dyn RuleSet = &eucdm_ncts_p5::NCTS_P5;

    let mut pool = literals(&compiled.ruleset);
    pool.extend(list_codes(&compiled.ruleset));
    assert!(
        pool.len() > 100,
        "the rule set's literals and codes: {}",
        pool.len()
    );

    let mut seeds: Vec<(String, String, Option<Answers>)> = Vec::new();
    let mut files = Vec::new();
    fixture_files(&root.join("tests/fixtures"), &mut files);
    for f in &files {
        let text = std::fs::read_to_string(f).expect("fixture is UTF-8");
        let answers = f.with_extension("external");
        let answers = answers
            .exists()
            .then(|| Answers::read(&answers).unwrap_or_else(|e| panic!("{e}")));
        seeds.push((f.display().to_string(), text, answers));
    }
    assert!(seeds.len() > 100, "fixtures found: {}", seeds.len());
    let fixtures = seeds.len();
    let own_lists: Vec<Option<ReferenceData>> = files
        .iter()
        .map(|f| own_codelists(f, compiled_set))
        .collect();
    assert!(
        own_lists.iter().flatten().count() >= 2,
        "fixtures with .codelists/"
    );
    let mut values = BTreeSet::new();
    seeds
        .iter()
        .for_each(|(_, text, _)| item_values(text, &mut values));
    let values: Vec<String> = pool.iter().cloned().chain(values).collect();
    let given = reference_data(&compiled.ruleset, &values);
    // Generated messages of each of the six trader messages, in four sizes
    // (CC007C: 0 to 9 incidents; CC014C has no size): `generated[m]` indexes
    // message m's in `seeds`.
    let mut generated: Vec<Vec<usize>> = Vec::new();
    for message in Message::ALL {
        let sizes: &[(usize, u64)] = match message {
            Message::CC007C => &[(0, 1), (1, 2), (4, 3), (9, 4)],
            Message::CC014C => &[(1, 1), (1, 2)],
            _ => &[(1, 1), (3, 2), (10, 3), (40, 4)],
        };
        let mut mine = Vec::new();
        for &(items, seed) in sizes {
            let spec = Spec {
                message,
                items,
                seed,
                items_per_house: 4,
                ..Spec::default()
            };
            mine.push(seeds.len());
            seeds.push((
                format!("generated {message} of size {items}"),
                generate(&spec),
                None,
            ));
        }
        generated.push(mine);
    }
    // Each fixture's own movement: the seeds in `<case>.movement/` beside it.
    let movements: Vec<Vec<usize>> = (0..seeds.len())
        .map(|i| {
            let dir = files.get(i).map(|f| f.with_extension("movement"));
            (files.iter().enumerate())
                .filter(|(_, f)| {
                    dir.as_ref()
                        .is_some_and(|d| f.parent() == Some(d.as_path()))
                })
                .map(|(j, _)| j)
                .collect()
        })
        .collect();

    let cases = env_number("EUCDM_DIFF_CASES", 1500);
    let mut rng = Rng::new(env_number("EUCDM_DIFF_SEED", 20261121));
    let dates = [None, Some("2025-01-21"), Some("2025-06-01")];
    let (mut compared, mut invalid, mut unreadable, mut answered) = (0u64, 0u64, 0u64, 0u64);
    let (mut with_lists, mut lists_changed) = (0u64, 0u64);
    let mut with_own = 0u64;
    let mut per_message = [0u64; Message::ALL.len()];
    // Every seed message as it is, then mutated ones: every fifth a generated
    // message, the six messages in turn, the others the fixtures in turn.
    for case in 0..seeds.len() as u64 + cases {
        let index = match case.checked_sub(seeds.len() as u64) {
            None => case as usize,
            Some(m) if m % GENERATED_EVERY == GENERATED_EVERY - 1 => {
                let j = (m / GENERATED_EVERY) as usize;
                let mine = &generated[j % generated.len()];
                per_message[j % generated.len()] += 1;
                mine[j / generated.len() % mine.len()]
            }
            Some(m) => (m % fixtures as u64) as usize,
        };
        let (name, text, answers) = &seeds[index];
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        let mut history = Vec::new();
        if case >= seeds.len() as u64 {
            for _ in 0..rng.range(1, 4) {
                history.push(mutate(&mut lines, &mut rng, &pool));
            }
        }
        let xml = lines.join("\n");
        let date = dates[rng.range(0, dates.len() as u64 - 1) as usize];
        let external: &dyn ExternalChecks = match (rng.range(0, 2), answers) {
            (0, Some(a)) => {
                answered += 1;
                a
            }
            (0 | 1, _) => &Alternating,
            _ => &eucdm_runtime::NoExternalChecks,
        };
        // The movement: none (rules reading other messages are undecided), an
        // empty one (every other message not sent), a fixture's own movement
        // (`<case>.movement/`: the tests that compare this message's values
        // with another message's, `this X` in `CC043C: ...`, then meet the
        // values they were written for), or up to three seed messages
        // (fixtures of the movement rules' context messages among them), each
        // read with the rule set's own models.
        let own = &movements[index];
        // (A fixture with its own movement is first judged as it is with it.)
        let pick = if case < seeds.len() as u64 && !own.is_empty() {
            2
        } else {
            rng.range(0, 3)
        };
        let movement: Option<Vec<usize>> = match pick {
            0 => None,
            1 => Some(vec![]),
            2 if !own.is_empty() => {
                with_own += 1;
                Some(own.clone())
            }
            _ => Some(
                (0..rng.range(1, 3))
                    .map(|_| rng.range(0, seeds.len() as u64 - 1) as usize)
                    .collect(),
            ),
        };
        // The code lists: the compiled-in ones, the reference data above, or
        // the fixture's own `<case>.codelists/` (always for the unmutated fixture).
        let own_list = own_lists.get(index).and_then(Option::as_ref);
        let codelists = match (own_list, case < seeds.len() as u64, rng.range(0, 2)) {
            (Some(own), true, _) | (Some(own), _, 0) => Some(own),
            (_, _, 1) => Some(&given),
            _ => None,
        };
        with_lists += u64::from(codelists.is_some());
        let [a, b] = [compiled_set, &interp as &dyn RuleSet].map(|rules| {
            let docs: Option<Vec<eucdm_runtime::Document>> = movement.as_ref().map(|m| {
                m.iter()
                    .filter_map(|&i| {
                        eucdm_runtime::read_message(seeds[i].1.as_bytes(), rules.schemas()).ok()
                    })
                    .collect()
            });
            let opts = Options {
                date: date.map(str::to_string),
                external,
                movement: docs.as_deref(),
                codelists,
            };
            rules.validate_xml(xml.as_bytes(), &opts)
        });
        match (a, b) {
            (Ok(a), Ok(b)) => {
                if codelists.is_some() {
                    // The reference data must change answers, or this compares nothing.
                    let opts = Options {
                        date: date.map(str::to_string),
                        external,
                        ..Options::default()
                    };
                    let own = compiled_set.validate_xml(xml.as_bytes(), &opts).ok();
                    lists_changed += u64::from(own.is_some_and(|own| own != a));
                }
                assert_eq!(
                    a, b,
                    "case {case}: {name} after {history:?} at date {date:?}, movement {movement:?}:\n{xml}"
                );
                compared += 1;
                invalid += u64::from(!a.is_valid());
            }
            (Err(a), Err(b)) => {
                assert_eq!(a.to_string(), b.to_string(), "case {case}: {name}");
                unreadable += 1;
            }
            (a, b) => panic!("case {case}: {name}: compiled {a:?}, interpreted {b:?}"),
        }
    }
    eprintln!(
        "differential: mutated generated messages: {}",
        Message::ALL
            .iter()
            .zip(per_message)
            .map(|(m, n)| format!("{m} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    assert!(
        cases < GENERATED_EVERY * Message::ALL.len() as u64 || per_message.iter().all(|&n| n > 0),
        "every message generated and mutated: {per_message:?}"
    );
    eprintln!(
        "differential: {compared} reports identical ({invalid} with violations, {answered} with a fixture's registry answers, {with_own} with a fixture's own movement), {unreadable} unreadable by both"
    );
    assert!(answered > 0, "no case used a fixture's .external answers");
    assert!(with_own > 0, "no case used a fixture's own movement");
    eprintln!("differential: {with_lists} with reference data, {lists_changed} of them answered otherwise by the compiled-in lists");
    assert!(
        lists_changed * 5 > with_lists,
        "reference data changed {lists_changed} of {with_lists} reports"
    );
    // The mutations must reach the rules, not just break the reader.
    assert!(invalid * 2 > compared, "{invalid} of {compared} invalid");
}
