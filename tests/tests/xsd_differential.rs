//! The structure layer agrees with the XSD: random structural mutants of the
//! fixtures of every trader message, judged by libxml2 (`xmllint --schema` with
//! the message's XSD from `../shared/spec/ncts-p5/xsd/`) and by the validator.
//!
//! Each case takes a fixture (`tests/fixtures/ncts-p5/<MSG>/**/*.xml`) and makes
//! one or two mutations: an element deleted, duplicated or moved among its
//! siblings, an unknown element inserted, or an item's text replaced by a
//! lexical edge case (white space at either end, a tab, a no-break space, empty,
//! leading zeros, too many digits, too short or too long, impossible dates, ...).
//! An XSD-invalid mutant must get a reading error or a structure fault (`status
//! R`, `max`, `format`) from the validator; an XSD-valid one neither. A
//! disagreement is shrunk to one mutation and printed with its seed.
//!
//! Seeded and reproducible; `EUCDM_XSD_CASES=N` and `EUCDM_XSD_SEED=S` run
//! more or others:
//!
//!     EUCDM_XSD_CASES=50000 cargo test --release -p eucdm-tests --test xsd_differential
//!
//! Needs `xmllint` (Debian/Ubuntu: `apt-get install libxml2-utils`; `.ci/run`
//! installs it).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use eucdm_generator::{Message, Rng};
use eucdm_runtime::Reason;
use eucdm_tests::{env_number, root};

/// An XML element as the fixtures write them: the root keeps its start tag
/// (namespace, `PhaseID`) verbatim; the others have no attributes.
#[derive(Clone, Debug)]
struct El {
    name: String,
    start: Option<String>,
    /// Raw text (entities as written) of a data item.
    text: Option<String>,
    children: Vec<El>,
}

fn parse(xml: &str) -> El {
    let mut stack: Vec<El> = vec![];
    let mut rest = xml;
    let mut text = String::new();
    while let Some(lt) = rest.find('<') {
        text.push_str(&rest[..lt]);
        rest = &rest[lt..];
        let end = if rest.starts_with("<!--") {
            rest.find("-->").unwrap() + 3
        } else {
            rest.find('>').unwrap() + 1
        };
        let tag = &rest[..end];
        rest = &rest[end..];
        if tag.starts_with("<?") || tag.starts_with("<!") {
            continue;
        }
        if let Some(name) = tag.strip_prefix("</") {
            let mut el = stack.pop().unwrap();
            debug_assert_eq!(
                name.trim_end_matches('>').rsplit(':').next(),
                Some(el.name.as_str())
            );
            if el.children.is_empty() {
                el.text = Some(std::mem::take(&mut text));
            }
            text.clear();
            match stack.last_mut() {
                Some(p) => p.children.push(el),
                None => return el,
            }
            continue;
        }
        text.clear();
        let inner = tag.trim_start_matches('<').trim_end_matches('>');
        let empty = inner.ends_with('/');
        let inner = inner.trim_end_matches('/');
        let name = inner.split_whitespace().next().unwrap().to_string();
        let el = El {
            name: name.rsplit(':').next().unwrap().to_string(),
            start: stack.is_empty().then(|| tag.to_string()),
            text: None,
            children: vec![],
        };
        if empty {
            let mut el = el;
            el.text = Some(String::new());
            stack.last_mut().unwrap().children.push(el);
        } else {
            stack.push(el);
        }
    }
    panic!("unclosed root element")
}

fn write(el: &El, out: &mut String) {
    match &el.start {
        Some(start) => {
            let qname = start[1..].split_whitespace().next().unwrap().to_string();
            out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            out.push_str(start);
            for c in &el.children {
                write(c, out);
            }
            let _ = writeln!(out, "</{}>", qname.trim_end_matches('>'));
        }
        None => {
            let _ = write!(out, "<{}>", el.name);
            match &el.text {
                Some(t) if el.children.is_empty() => out.push_str(t),
                _ => el.children.iter().for_each(|c| write(c, out)),
            }
            let _ = write!(out, "</{}>", el.name);
        }
    }
}

/// A path of child indexes from the root.
type At = Vec<usize>;

fn get<'a>(el: &'a El, at: &[usize]) -> &'a El {
    at.iter().fold(el, |e, &i| &e.children[i])
}

fn get_mut<'a>(el: &'a mut El, at: &[usize]) -> &'a mut El {
    at.iter().fold(el, |e, &i| &mut e.children[i])
}

fn all_paths(el: &El, at: &mut At, out: &mut Vec<At>) {
    for i in 0..el.children.len() {
        at.push(i);
        out.push(at.clone());
        all_paths(&el.children[i], at, out);
        at.pop();
    }
}

#[derive(Clone, Debug)]
enum Mutation {
    Delete(At),
    Duplicate(At),
    /// Move the element to another place among its siblings.
    Move(At, usize),
    /// Insert an unknown element as child `usize` of the group.
    Unknown(At, usize),
    Text(At, String),
}

/// Texts of the lexical edge cases; `{v}` is the item's own value.
const EDGES: &[&str] = &[
    "",
    " ",
    "&#x9;",
    "{v} ",
    " {v}",
    "&#x9;{v}",
    "{v}&#x9;",
    "{v}&#xA0;",
    "&#xA0;{v}",
    "{v}&#x2028;",
    "{v}&#xA;",
    "{v}&#xD;",
    "{v}&#x3000;",
    " {v} ",
    "0{v}",
    "00{v}",
    "{v}0",
    "{v}1",
    "{v}.0",
    "{v}.",
    "-{v}",
    "+{v}",
    "{v}{v}",
    "{v}  {v}",
    "{v}&#x9;{v}",
    "T1 ",
    " T1",
    "T1",
    "T1&#xA0;",
    "0",
    "00",
    "007",
    "1",
    "01",
    "1.",
    ".5",
    "0.5",
    "0.0",
    "0.000000",
    "1.1234567",
    "1.123456",
    "1.50",
    "123456789012345678",
    "1234567890123456",
    "12345678901234.12",
    "99999",
    "100000",
    "1999",
    "2000",
    "9999",
    "10000",
    "A",
    "AB",
    "ABC",
    "ABCD",
    "ABCDE",
    "ab",
    "A1",
    "a b",
    "DE",
    "XI",
    "DE123456",
    "de123456",
    "25DE0000000001MOJ8",
    // The 17th character is not a procedure category J-M: refused.
    "25DE0000000001MOV2",
    // The example movement's MRN (structure and check digit, R0028).
    "25DE000000MOV001J7",
    "24DE00000000000019",
    "23GB0000010000058",
    "2024-02-29",
    "2025-02-29",
    "2025-06-31",
    "0000-01-01",
    "2025-1-01",
    "2025-06-02T08:00:00",
    "2025-06-02T24:00:00",
    "2025-06-02T24:00:01",
    "2025-06-02T23:59:60",
    "2025-06-02T08:00:00Z",
    "2025-06-02T08:00:00.5",
    "2025-06-02",
    "a@b.de",
    "a@b",
    " a@b.de",
    "äöü",
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    "+52.123456",
    "52.1234",
    "90.000000",
    "180.0000000",
    "1234567",
    "XA25123456",
    "CC015C",
    "CC999C",
];

/// Uniform in `0..n`.
fn below(rng: &mut Rng, n: u64) -> u64 {
    rng.next_u64() % n
}

fn edge(rng: &mut Rng, v: &str) -> String {
    let e = EDGES[below(rng, EDGES.len() as u64) as usize];
    let mut s = e.replace("{v}", v);
    if rng.chance(5) {
        // Lengths at and past the maximum, in characters that are not bytes.
        let n = rng.pick(&[4usize, 5, 17, 18, 35, 36, 70, 71, 512, 513]);
        s = rng.pick(&["x", "ä", "€", "😀"]).repeat(n);
    }
    s
}

fn mutation(rng: &mut Rng, doc: &El) -> Mutation {
    let mut paths = vec![];
    all_paths(doc, &mut vec![], &mut paths);
    let at = paths[below(rng, paths.len() as u64) as usize].clone();
    let el = get(doc, &at);
    let siblings = get(doc, &at[..at.len() - 1]).children.len();
    match below(rng, 10) {
        0 => Mutation::Delete(at),
        1 => Mutation::Duplicate(at),
        2 => {
            let to = below(rng, siblings as u64) as usize;
            Mutation::Move(at, to)
        }
        3 => {
            let group = if el.children.is_empty() {
                at[..at.len() - 1].to_vec()
            } else {
                at
            };
            let n = get(doc, &group).children.len();
            Mutation::Unknown(group, below(rng, n as u64 + 1) as usize)
        }
        _ => {
            // A data item's text.
            let items: Vec<&At> = paths
                .iter()
                .filter(|p| get(doc, p).children.is_empty())
                .collect();
            let at = items[below(rng, items.len() as u64) as usize].clone();
            let v = get(doc, &at).text.clone().unwrap_or_default();
            Mutation::Text(at, edge(rng, &v))
        }
    }
}

fn apply(doc: &mut El, m: &Mutation) {
    match m {
        Mutation::Delete(at) => {
            get_mut(doc, &at[..at.len() - 1])
                .children
                .remove(at[at.len() - 1]);
        }
        Mutation::Duplicate(at) => {
            let p = get_mut(doc, &at[..at.len() - 1]);
            let i = at[at.len() - 1];
            let c = p.children[i].clone();
            p.children.insert(i, c);
        }
        Mutation::Move(at, to) => {
            let p = get_mut(doc, &at[..at.len() - 1]);
            let c = p.children.remove(at[at.len() - 1]);
            let to = (*to).min(p.children.len());
            p.children.insert(to, c);
        }
        Mutation::Unknown(at, i) => {
            let p = get_mut(doc, at);
            let i = (*i).min(p.children.len());
            p.children.insert(
                i,
                El {
                    name: "unknownElement".into(),
                    start: None,
                    text: Some("x".into()),
                    children: vec![],
                },
            );
        }
        Mutation::Text(at, t) => {
            let e = get_mut(doc, at);
            if e.children.is_empty() {
                e.text = Some(t.clone());
            }
        }
    }
}

/// Applies the mutations one after the other; one that no longer fits (its
/// element gone) is skipped.
fn mutant(base: &El, ms: &[Mutation]) -> String {
    let mut doc = base.clone();
    for m in ms {
        let fits = match m {
            Mutation::Delete(at)
            | Mutation::Duplicate(at)
            | Mutation::Move(at, _)
            | Mutation::Text(at, _) => exists(&doc, at),
            Mutation::Unknown(at, _) => at.is_empty() || exists(&doc, at),
        };
        if fits {
            apply(&mut doc, m);
        }
    }
    let mut s = String::new();
    write(&doc, &mut s);
    s
}

fn exists(doc: &El, at: &[usize]) -> bool {
    let mut e = doc;
    for &i in at {
        match e.children.get(i) {
            Some(c) => e = c,
            None => return false,
        }
    }
    true
}

/// The validator's verdict: `Some(what)` when it refuses the structure.
fn validator_refuses(xml: &str) -> Option<String> {
    match eucdm_ncts_p5::validate_xml(xml.as_bytes(), &Default::default()) {
        Err(e) => Some(format!("read error: {e}")),
        Ok(r) => r
            .violations
            .iter()
            .find(|v| matches!(v.reason, Reason::Structure(_)))
            .map(|v| format!("{} {} {}", v.code.number(), v.pointer, v.reason)),
    }
}

/// libxml2's verdicts on the files, one xmllint process per batch.
fn xmllint(xsd: &Path, files: &[PathBuf]) -> Vec<bool> {
    let mut out = Vec::with_capacity(files.len());
    for batch in files.chunks(400) {
        let o = Command::new("xmllint")
            .arg("--noout")
            .arg("--schema")
            .arg(xsd)
            .args(batch)
            .output()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot run xmllint ({e}): install libxml2's tools \
                     (Debian/Ubuntu: `apt-get install libxml2-utils`)"
                )
            });
        let err = String::from_utf8_lossy(&o.stderr);
        for f in batch {
            let name = f.display().to_string();
            let valid = err.lines().any(|l| l == format!("{name} validates"));
            let invalid = err
                .lines()
                .any(|l| l == format!("{name} fails to validate"));
            assert!(
                valid != invalid,
                "xmllint gave no verdict on {name}:\n{err}"
            );
            out.push(valid);
        }
    }
    out
}

fn fixtures(message: &str) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                if !p.to_string_lossy().ends_with(".movement") {
                    walk(&p, out);
                }
            } else if p.extension().is_some_and(|e| e == "xml") {
                out.push(p);
            }
        }
    }
    let mut out = vec![];
    walk(
        &root().join("tests/fixtures/ncts-p5").join(message),
        &mut out,
    );
    out
}

struct Case {
    seed: u64,
    fixture: PathBuf,
    base: El,
    mutations: Vec<Mutation>,
}

#[test]
#[cfg_attr(shared_absent, ignore = "needs ../shared beside the repository")]
fn the_structure_layer_agrees_with_libxml2() {
    if Command::new("xmllint").arg("--version").output().is_err() {
        panic!(
            "xmllint is not installed: this test compares the validator with libxml2's \
             XSD validation. Install it (Debian/Ubuntu: `apt-get install libxml2-utils`, \
             as .ci/run does)."
        );
    }
    let cases_wanted = env_number("EUCDM_XSD_CASES", 3_000);
    let seed = env_number("EUCDM_XSD_SEED", 23);
    let tmp = std::env::temp_dir().join(format!("eucdm-xsd-diff-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).unwrap();
    let xsd_dir = root().join("../shared/spec/ncts-p5/xsd");
    let mut failures = vec![];
    let (mut total, mut xsd_invalid) = (0, 0);
    for (mi, message) in Message::ALL.into_iter().map(Message::name).enumerate() {
        let bases: Vec<(PathBuf, El)> = fixtures(message)
            .into_iter()
            .map(|p| {
                let xml = std::fs::read_to_string(&p).unwrap();
                let el = parse(&xml);
                (p, el)
            })
            .filter(|(_, el)| el.name == *message)
            .collect();
        assert!(!bases.is_empty(), "no fixtures of {message}");
        let n = cases_wanted / Message::ALL.len() as u64;
        let mut cases = vec![];
        let mut files = vec![];
        for k in 0..n {
            let case_seed = seed
                .wrapping_mul(1_000_003)
                .wrapping_add(mi as u64 * 1_000_000_007 + k);
            let mut rng = Rng::new(case_seed);
            let (fixture, base) = &bases[below(&mut rng, bases.len() as u64) as usize];
            let count = 1 + below(&mut rng, 2) as usize;
            let mut mutations = vec![];
            let mut doc = base.clone();
            for _ in 0..count {
                let m = mutation(&mut rng, &doc);
                apply(&mut doc, &m);
                mutations.push(m);
            }
            let file = tmp.join(format!("{message}-{k}.xml"));
            std::fs::write(&file, mutant(base, &mutations)).unwrap();
            files.push(file);
            cases.push(Case {
                seed: case_seed,
                fixture: fixture.clone(),
                base: base.clone(),
                mutations,
            });
        }
        let xsd = xsd_dir.join(format!("{}.xsd", message.to_lowercase()));
        let verdicts = xmllint(&xsd, &files);
        for ((case, file), valid) in cases.iter().zip(&files).zip(verdicts) {
            total += 1;
            xsd_invalid += usize::from(!valid);
            let xml = std::fs::read_to_string(file).unwrap();
            let ours = validator_refuses(&xml);
            if valid == ours.is_none() {
                continue;
            }
            // Shrink: the smallest set of the case's mutations that still disagrees.
            let mut shrunk = case.mutations.clone();
            for m in &case.mutations {
                let one = vec![m.clone()];
                let xml = mutant(&case.base, &one);
                let f = tmp.join("shrink.xml");
                std::fs::write(&f, &xml).unwrap();
                let v = xmllint(&xsd, &[f])[0];
                if v == validator_refuses(&xml).is_none() {
                    continue;
                }
                shrunk = one;
                break;
            }
            let xml = mutant(&case.base, &shrunk);
            let f = tmp.join("shrink.xml");
            std::fs::write(&f, &xml).unwrap();
            let lint = Command::new("xmllint")
                .arg("--noout")
                .arg("--schema")
                .arg(&xsd)
                .arg(&f)
                .output()
                .unwrap();
            failures.push(format!(
                "{message} case seed {} (EUCDM_XSD_SEED={seed}), fixture {}:\n  mutations {:?}\n  libxml2: {}\n  validator: {}",
                case.seed,
                case.fixture.strip_prefix(root()).unwrap_or(&case.fixture).display(),
                shrunk,
                String::from_utf8_lossy(&lint.stderr).trim(),
                validator_refuses(&xml).unwrap_or_else(|| "no structure fault".into()),
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
    eprintln!(
        "{total} mutants, {xsd_invalid} XSD-invalid, {} disagreements",
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {total} mutants judged otherwise than libxml2:\n{}",
        failures.len(),
        failures[..failures.len().min(15)].join("\n")
    );
}
