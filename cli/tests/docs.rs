//! `eucdm docs`: the Markdown of a tiny rule set pinned as snapshots; the
//! HTML of it and of the shipped rule sets parsed back as XML (well formed,
//! every text escaped); every link of both forms resolves to a page and an
//! anchor on it; errors write nothing.
//!
//! Rewrite the snapshots with `EUCDM_BLESS=1 cargo test -p eucdm-cli --test docs`.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::{eucdm, path, stderr, stdout, temp_dir};
use quick_xml::events::Event;

const TINY: &str = "cli/tests/docs/rules/tiny";

/// Runs `eucdm docs RULES -o <scratch>/<name>` and returns the folder.
fn docs(rules: &str, name: &str) -> PathBuf {
    let out = temp_dir("docs").join(name);
    let o = eucdm(&["docs", &path(rules), "-o", &out.display().to_string()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("pages in Markdown and HTML"),
        "{}",
        stdout(&o)
    );
    out
}

/// The files of `dir` ending in `.ext`, by name.
fn files(dir: &Path, ext: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().and_then(|x| x.to_str()) == Some(ext) {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            out.insert(name, std::fs::read_to_string(&p).unwrap());
        }
    }
    out
}

#[test]
fn the_markdown_of_a_tiny_rule_set_is_as_pinned() {
    let out = docs(TINY, "tiny-md");
    let pages = files(&out, "md");
    let names: Vec<&str> = pages.keys().map(String::as_str).collect();
    assert_eq!(names, ["CC015C.md", "codelists.md", "index.md", "rules.md"]);
    let snapshots = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/docs/snapshots");
    for (name, text) in &pages {
        let pinned = snapshots.join(name);
        if std::env::var_os("EUCDM_BLESS").is_some() {
            std::fs::create_dir_all(&snapshots).unwrap();
            std::fs::write(&pinned, text).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&pinned).unwrap_or_default();
        assert!(
            *text == want,
            "{name} differs from {}; if intended, rerun with EUCDM_BLESS=1",
            pinned.display()
        );
    }
}

/// An HTML page read back as XML: its ids, its links, and the text of its
/// first `<h1>` (entities decoded).
#[derive(Default)]
struct Parsed {
    ids: BTreeSet<String>,
    hrefs: Vec<String>,
    h1: String,
}

/// Parses `html` strictly as XML: a tag left open, a wrong end tag, a raw
/// `<` or `&` in a text fails the test.
fn parse(name: &str, html: &str) -> Parsed {
    let mut reader = quick_xml::Reader::from_str(html);
    reader.config_mut().check_end_names = true;
    let mut parsed = Parsed::default();
    let mut depth = 0usize;
    let mut in_h1 = false;
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("{name} at byte {}: {e}", reader.error_position()));
        match &event {
            Event::Start(t) | Event::Empty(t) => {
                if matches!(event, Event::Start(_)) {
                    depth += 1;
                }
                in_h1 |= t.name().as_ref() == b"h1" && parsed.h1.is_empty();
                for a in t.attributes() {
                    let a = a.unwrap_or_else(|e| panic!("{name}: {e}"));
                    let value = a.unescape_value().unwrap().into_owned();
                    match a.key.as_ref() {
                        b"id" => {
                            assert!(parsed.ids.insert(value.clone()), "{name}: id {value} twice")
                        }
                        b"href" => parsed.hrefs.push(value),
                        _ => {}
                    }
                }
            }
            Event::End(t) => {
                depth = depth.checked_sub(1).expect("an end tag without a start");
                in_h1 &= t.name().as_ref() != b"h1";
            }
            Event::Text(t) if in_h1 => parsed.h1.push_str(&t.unescape().unwrap()),
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(depth, 0, "{name}: elements left open");
    parsed
}

/// Every `page#anchor` link of every page names a page of `pages` and an
/// anchor on it; a bare `#anchor` one on the same page. Returns how many.
fn assert_links_resolve(pages: &BTreeMap<String, (BTreeSet<String>, Vec<String>)>) -> usize {
    let mut n = 0;
    for (name, (_, hrefs)) in pages {
        for href in hrefs {
            let (file, anchor) = href.split_once('#').unwrap_or((href, ""));
            let file = if file.is_empty() { name.as_str() } else { file };
            let (ids, _) = pages
                .get(file)
                .unwrap_or_else(|| panic!("{name}: link {href} to a page not written"));
            let anchor = percent_decoded(anchor);
            assert!(
                anchor.is_empty() || ids.contains(&anchor),
                "{name}: link {href} to an anchor {file} does not have"
            );
            n += 1;
        }
    }
    n
}

fn percent_decoded(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// The HTML pages of a rule set: well formed, ids unique, links resolve.
fn check_html(out: &Path) -> BTreeMap<String, Parsed> {
    let parsed: BTreeMap<String, Parsed> = (files(out, "html").into_iter())
        .map(|(name, html)| {
            assert!(
                html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"),
                "{name}"
            );
            let p = parse(&name, &html);
            (name, p)
        })
        .collect();
    let links = parsed
        .iter()
        .map(|(n, p)| (n.clone(), (p.ids.clone(), p.hrefs.clone())))
        .collect();
    assert!(assert_links_resolve(&links) > 0);
    parsed
}

#[test]
fn the_html_is_well_formed_escaped_and_its_links_resolve() {
    let out = docs(TINY, "tiny-html");
    let pages = check_html(&out);
    // The titles hold `<`, `&`, `|`, `*` and a backtick: read back as written.
    assert_eq!(
        pages["CC015C.html"].h1,
        "CC015C — Declaration <data> & more"
    );
    let html = std::fs::read_to_string(out.join("CC015C.html")).unwrap();
    assert!(html.contains("Declaration &lt;data&gt; &amp; more"));
    assert!(html.contains("TIR *carnet* number"));
    assert!(html.contains("title=\"No &lt;TIR&gt; carnet number outside TIR &amp; co\""));
    // Every rule bound or applied has its anchor on the rules page.
    let rules = &pages["rules.html"].ids;
    for id in ["B1234", "C0411", "G0002", "R0001", "R0002", "R0840"] {
        assert!(rules.contains(id), "no anchor {id} on the rules page");
    }
}

/// The Markdown pages' links: `[text](page.md#anchor "title")` against the
/// `<a id="...">` tags of the pages.
fn check_markdown_links(out: &Path) -> usize {
    let pages: BTreeMap<String, (BTreeSet<String>, Vec<String>)> = (files(out, "md").into_iter())
        .map(|(name, text)| {
            let ids = text
                .split("<a id=\"")
                .skip(1)
                .map(|s| s[..s.find('"').unwrap()].to_string())
                .collect();
            let hrefs = text
                .split("](")
                .skip(1)
                .map(|s| s[..s.find([' ', ')']).unwrap()].to_string())
                .collect();
            (name, (ids, hrefs))
        })
        .collect();
    assert_links_resolve(&pages)
}

#[test]
fn the_markdown_links_resolve() {
    let out = docs(TINY, "tiny-links");
    assert!(check_markdown_links(&out) > 20);
}

#[test]
fn the_shipped_rule_sets_have_their_pages() {
    for (rules, message, pages) in [
        ("rules/ncts-p5", "CC015C", 11),
        ("rules/uk-ens", "CC315A", 5),
    ] {
        let out = docs(rules, rules.rsplit('/').next().unwrap());
        let html = check_html(&out);
        assert_eq!(html.len(), pages, "{rules}: {:?}", html.keys());
        assert!(check_markdown_links(&out) > 1000, "{rules}");
        let page = &html[&format!("{message}.html")];
        assert!(page.ids.len() > 100, "{rules}: {} anchors", page.ids.len());
    }
    // Where the table binds C0411 and what it governs, on the CC015C page.
    let cc015c = std::fs::read_to_string(temp_dir("docs").join("ncts-p5/CC015C.md")).unwrap();
    let row = cc015c
        .lines()
        .find(|l| l.contains("<a id=\"TransitOperation.TIRCarnetNumber\">"))
        .unwrap();
    assert!(row.contains("| D | 1 | `an..12` |"), "{row}");
    assert!(row.contains("[`C0411`](rules.md#C0411"), "{row}");
    // The EUCDM numbers of data-elements.dict, beside items and groups, in
    // every message with the dictionary's paths (CC044C as CC015C).
    let row_of = |page: &str, anchor: &str| -> String {
        page.lines()
            .find(|l| l.contains(&format!("<a id=\"{anchor}\">")))
            .unwrap_or_else(|| panic!("no row {anchor}"))
            .to_string()
    };
    let declaration_type = row_of(&cc015c, "TransitOperation.declarationType");
    assert!(
        declaration_type.contains("| Declaration type | 11 01 000 000 | R |"),
        "{declaration_type}"
    );
    assert!(
        cc015c.contains("`Consignment.TransportEquipment` — TRANSPORT EQUIPMENT\n\n- **EUCDM number:** 19 07 000 000\n"),
        "no number on the transport equipment group"
    );
    let cc044c = std::fs::read_to_string(temp_dir("docs").join("ncts-p5/CC044C.md")).unwrap();
    assert!(
        cc044c.contains("`Consignment.TransportEquipment` — TRANSPORT EQUIPMENT\n\n- **EUCDM number:** 19 07 000 000\n"),
        "no number on CC044C's transport equipment group"
    );
    let html = std::fs::read_to_string(temp_dir("docs").join("ncts-p5/CC015C.html")).unwrap();
    assert!(
        html.contains("<th>EUCDM number</th>"),
        "no number column in the HTML"
    );
    assert!(
        html.contains("<td>11 01 000 000</td>"),
        "no number in the HTML"
    );
    // UK ENS binds no rule ids in its tables: the rules listed are those
    // whose checks govern the element.
    let ens = std::fs::read_to_string(temp_dir("docs").join("uk-ens/CC315A.md")).unwrap();
    assert!(
        ens.contains("[`E8107`](rules.md#E8107"),
        "no E8107 on the CC315A page"
    );
    // E8107 tests the header (HMRC's pointer) and reads the identity there.
    let row = ens
        .lines()
        .find(|l| l.contains("<a id=\"HEAHEA.IdeOfMeaOfTraCroHEA85\">"))
        .unwrap();
    assert!(row.contains("read by [`E8107`](rules.md#E8107"), "{row}");
    // No data-element dictionary in UK ENS: no number column.
    assert!(!ens.contains("EUCDM number"));
}

#[test]
fn a_rule_directory_with_errors_writes_nothing() {
    let out = temp_dir("docs").join("broken");
    let o = eucdm(&[
        "docs",
        &path("tests/ui/rulesets/duplicate_rule_id"),
        "-o",
        &out.display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("has errors"), "{}", stderr(&o));
    assert!(!out.exists());
}

#[test]
fn an_output_folder_that_cannot_be_made_is_an_error() {
    let file = common::temp_file("docs", "a-file", "x");
    let out = format!("{file}/pages");
    let o = eucdm(&["docs", &path(TINY), "-o", &out]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot create"), "{}", stderr(&o));
    assert!(stderr(&o).contains("nothing written"), "{}", stderr(&o));
}

#[test]
fn the_output_folder_is_required() {
    let o = eucdm(&["docs", &path(TINY)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--output <DIR>"), "{}", stderr(&o));
}

/// Chromium, when installed (Debian: `apt-get install chromium`); CI does
/// not install it and the test then passes saying so.
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| ["chromium", "chromium-browser"].map(|n| d.join(n)))
        .find(|p| p.is_file())
}

/// Runs headless Chromium on `page` with `args` and its own profile folder.
fn headless(chromium: &Path, page: &Path, args: &[&str]) -> std::process::Output {
    let profile = temp_dir("docs-chromium-profile");
    std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
        ])
        .args(["--no-first-run", "--disable-background-networking"])
        .args(["--disable-component-update", "--disable-sync"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap()
}

#[test]
fn a_browser_reads_the_html_as_written() {
    let Some(chromium) = chromium() else {
        eprintln!("skipped: chromium is not installed");
        return;
    };
    let out = docs(TINY, "tiny-browser");
    for name in ["index.html", "CC015C.html", "rules.html"] {
        let page = std::fs::canonicalize(out.join(name)).unwrap();
        let written = std::fs::read_to_string(&page).unwrap();
        // The browser's HTML parser builds the tree written: no element
        // moved or closed early (a block inside a <p>, a stray </td>).
        let dom = stdout(&headless(&chromium, &page, &["--dump-dom"]));
        for mark in [" id=\"", "<tr", "<td", "<a ", "<h2", "<dt", "<p>", "<code"] {
            assert_eq!(
                dom.matches(mark).count(),
                written.matches(mark).count(),
                "{name}: {mark} in the browser's tree and in the file"
            );
        }
        // A page with text renders to more than a blank screenshot (about
        // 6 kB at this size).
        let png = temp_dir("docs").join(name.replace(".html", ".png"));
        let shot = format!("--screenshot={}", png.display());
        headless(&chromium, &page, &[&shot, "--window-size=1400,1000"]);
        let bytes = std::fs::read(&png).unwrap();
        assert!(bytes.starts_with(b"\x89PNG"), "{name}: no screenshot");
        assert!(
            bytes.len() > 20_000,
            "{name}: {} bytes, blank?",
            bytes.len()
        );
    }
}
