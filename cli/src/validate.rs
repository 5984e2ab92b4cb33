//! `eucdm validate`: the JSON Lines contract of DESIGN.md.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use eucdm_ncts_p5 as ncts;
use eucdm_runtime::report::json_string;
use eucdm_runtime::{Options, Report};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Json,
}

pub fn run(args: &[String]) -> u8 {
    let mut format = Format::Text;
    let mut date: Option<String> = None;
    let mut inputs: Vec<String> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--format" => match it.next().map(String::as_str) {
                Some("json") => format = Format::Json,
                Some("text") => format = Format::Text,
                Some(other) => {
                    return crate::usage(&format!("unknown format `{other}` (text or json)"))
                }
                None => return crate::usage("--format needs text or json"),
            },
            "--date" => match it.next() {
                Some(d) if eucdm_compiler::codelist::is_iso_date(d) => date = Some(d.clone()),
                Some(d) => return crate::usage(&format!("`{d}` is not a date (YYYY-MM-DD)")),
                None => return crate::usage("--date needs a date"),
            },
            "--rules" => {
                return crate::usage(
                    "--rules (interpreting a rule directory without building) is not available yet",
                )
            }
            "--" => inputs.extend(it.by_ref().cloned()),
            s if s.starts_with('-') && s.len() > 1 => {
                return crate::usage(&format!("unknown option `{s}`"))
            }
            s => inputs.push(s.to_string()),
        }
    }
    if inputs.is_empty() {
        return crate::usage("validate needs at least one FILE or DIR");
    }
    let files = expand(&inputs);
    let opts = Options {
        date,
        ..Options::default()
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let (mut any_invalid, mut any_error) = (false, false);
    for file in &files {
        let name = file.display().to_string();
        let result = match file_error(file) {
            Some(e) => Err(e),
            None => match std::fs::read(file) {
                Err(e) => Err(format!("cannot read file: {e}")),
                Ok(bytes) => ncts::validate_xml(&bytes, &opts).map_err(|e| e.to_string()),
            },
        };
        let line = match (&result, format) {
            (Ok(r), Format::Json) => json_line(&name, r),
            (Ok(r), Format::Text) => text_block(&name, r),
            (Err(e), Format::Json) => {
                let mut s = String::from("{\"file\":");
                json_string(&mut s, &name);
                s.push_str(",\"error\":");
                json_string(&mut s, e);
                s.push('}');
                s
            }
            (Err(e), Format::Text) => format!("{name}: error: {e}"),
        };
        match &result {
            Ok(r) => any_invalid |= !r.is_valid(),
            Err(e) => {
                any_error = true;
                eprintln!("eucdm: {name}: {e}");
            }
        }
        if writeln!(out, "{line}").is_err() {
            return 2;
        }
    }
    let _ = out.flush();
    if any_error {
        2
    } else if any_invalid {
        1
    } else {
        0
    }
}

/// Files in input order; a directory stands for its `*.xml` files, sorted.
fn expand(inputs: &[String]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for i in inputs {
        let p = PathBuf::from(i);
        if p.is_dir() {
            let mut v: Vec<PathBuf> = std::fs::read_dir(&p)
                .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
                .unwrap_or_default();
            v.retain(|f| {
                f.extension().is_some_and(|e| e.eq_ignore_ascii_case("xml")) && f.is_file()
            });
            v.sort();
            files.extend(v);
        } else {
            files.push(p);
        }
    }
    files
}

fn file_error(p: &Path) -> Option<String> {
    match std::fs::metadata(p) {
        Err(e) => Some(format!("cannot read file: {e}")),
        Ok(m) if m.is_dir() => Some("is a directory".into()),
        Ok(_) => None,
    }
}

fn json_line(name: &str, r: &Report) -> String {
    let mut s = String::from("{\"file\":");
    json_string(&mut s, name);
    s.push_str(",\"message\":");
    json_string(&mut s, r.message);
    s.push_str(if r.is_valid() {
        ",\"valid\":true"
    } else {
        ",\"valid\":false"
    });
    s.push_str(",\"errors\":");
    s.push_str(&r.errors_json());
    s.push('}');
    s
}

/// Titles for reasons that are not rule ids: code lists and the message structure.
fn structure_title(reason: &str) -> &'static str {
    if reason.starts_with("CL") {
        "value not in code list"
    } else if reason == "status R" {
        "required data group or item is missing"
    } else if reason.starts_with("max ") {
        "more repetitions than the message structure allows"
    } else if reason.starts_with("format ") {
        "value does not have the format of the data item"
    } else {
        ""
    }
}

fn text_block(name: &str, r: &Report) -> String {
    let mut s = if r.is_valid() {
        format!("{name}: valid {}", r.message)
    } else {
        format!("{name}: {} error(s) in {}", r.violations.len(), r.message)
    };
    for v in &r.violations {
        let title = ncts::RULES
            .iter()
            .find(|x| x.id == v.reason)
            .map(|x| x.title)
            .unwrap_or_else(|| structure_title(v.reason));
        let value = match &v.value {
            Some(x) => format!("{x:?}"),
            None => "-".into(),
        };
        s.push_str(&format!(
            "\n  {}  {}  {}  {}  {}",
            v.pointer,
            v.code.number(),
            v.reason,
            value,
            title
        ));
    }
    for (rule, pointer) in &r.undecided {
        s.push_str(&format!("\n  note: {rule} at {pointer} not decided (needs an external registry or a complete code list)"));
    }
    s
}
