//! `eucdm docs RULES_DIR -o DIR`: the pages a rule author and a declarant
//! read, generated from what the validator checks — per message every data
//! group and item with its EUCDM number, status, repetitions, format, code
//! list and rules; a page of every rule with its text; one of the code
//! lists; an index — in Markdown and in HTML.
//!
//! The pages are read off the compiled IR (`content`), as a small document
//! tree (`page`) that two writers render (`markdown`, `html`), each
//! escaping every text of the rule files in one place. A template engine
//! would add a crate and a second language for what is a few loops over
//! tables here; the tree keeps the two forms saying the same.
//!
//! A rule directory, not `--ruleset NAME`: a compiled rule set keeps its
//! message models and rule texts but not which code list and which rule ids
//! the message table binds to each item, which the pages list.

mod content;
mod html;
mod markdown;
mod page;

use std::path::{Path, PathBuf};

use crate::source::RuleDir;
use page::{page_link, Inline, Page};

#[derive(clap::Args, Debug)]
// An option given twice takes the last value, as before clap.
#[command(args_override_self = true)]
pub struct Args {
    /// The folder the pages are written to (created when missing; pages of
    /// an earlier run are replaced)
    #[arg(short, long = "output", value_name = "DIR", required = true)]
    out: PathBuf,
    #[command(flatten)]
    rules: RuleDir,
}

pub fn run(args: Args) -> u8 {
    let dir = &args.rules.dir;
    let compiled = match eucdm_compiler::compile_dir(dir, &args.rules.codelists()) {
        Ok(c) => c,
        Err(f) => {
            eprintln!("{}", f.render());
            eprintln!(
                "eucdm: {} has errors; run `eucdm check` on it",
                dir.display()
            );
            return 2;
        }
    };
    let pages = content::pages(&compiled.ruleset, compiled.dictionary.as_ref());
    if let Err(e) = check_names(&pages) {
        eprintln!("eucdm: {e}; nothing written");
        return 2;
    }
    let files = render(&pages);
    match write_all(&args.out, &files) {
        Ok(()) => crate::output::status(&format!(
            "{}: {} pages in Markdown and HTML ({}.html, {}.md)\n",
            args.out.display(),
            pages.len(),
            content::INDEX,
            content::INDEX
        )),
        Err(e) => {
            eprintln!("eucdm: {e}; nothing written");
            2
        }
    }
}

/// The pages as files: `(file name, content)`, each page in both forms.
fn render(pages: &[Page]) -> Vec<(String, String)> {
    let nav = nav();
    let mut files = Vec::new();
    for p in pages {
        let md = markdown::render(p, &nav);
        files.push((format!("{}.{}", p.stem, markdown::EXT), md));
        let html = html::render(p, &nav);
        files.push((format!("{}.{}", p.stem, html::EXT), html));
    }
    files
}

/// The links on top of every page.
fn nav() -> Vec<Inline> {
    vec![
        page_link(content::INDEX, "Messages"),
        page::text(" · "),
        page_link(content::RULES, "Rules"),
        page::text(" · "),
        page_link(content::CODELISTS, "Code lists"),
    ]
}

/// A message id names a file: letters, digits and `_` only, and none of
/// the other pages' names in any case (a case-insensitive file system).
fn check_names(pages: &[Page]) -> Result<(), String> {
    let mut seen: Vec<String> = Vec::new();
    for p in pages {
        let plain = p
            .stem
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_');
        if !plain || p.stem.is_empty() {
            return Err(format!("message type `{}` cannot name a page file", p.stem));
        }
        let lower = p.stem.to_ascii_lowercase();
        if seen.contains(&lower) {
            return Err(format!("two pages would be named `{}`", p.stem));
        }
        seen.push(lower);
    }
    Ok(())
}

/// Writes every file into `out`, all or none: each is written beside its
/// place first, then all are moved into place.
fn write_all(out: &Path, files: &[(String, String)]) -> Result<(), String> {
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let mut written: Vec<(PathBuf, PathBuf)> = Vec::new();
    let result = (|| {
        for (name, text) in files {
            let tmp = out.join(format!(".{name}.part"));
            std::fs::write(&tmp, text)
                .map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
            written.push((tmp, out.join(name)));
        }
        Ok(())
    })();
    if let Err(e) = result {
        for (tmp, _) in &written {
            let _ = std::fs::remove_file(tmp);
        }
        return Err(e);
    }
    for (tmp, path) in &written {
        std::fs::rename(tmp, path).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}
