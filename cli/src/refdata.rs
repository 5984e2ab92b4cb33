//! `eucdm refdata import`: official reference-data exports (the CS/RD2
//! generic XML, HMRC's reference-data JSON) into code-list CSV files. The
//! work is the `eucdm-refdata` crate's; this parses the arguments and prints
//! one line per file.

use std::collections::BTreeSet;
use std::path::PathBuf;

use eucdm_refdata::{plan, read_export, write_lists, IsoDate};

pub const USAGE: &str = "\
usage: eucdm refdata import [--out DIR] [--lists CL141,CL171,...]
                            [--snapshot-date YYYY-MM-DD] [--check] FILE...
  reads CS/RD2 exports (generic XML such as COL-Generic-20241105.xml) and HMRC
  reference-data JSON (csrd2-payloads/*.json gunzipped, code-lists/<List>.json),
  checks every entity in them, and writes one CLxxx.csv per list with a known id
  (the customs-office role lists CL171, CL172, CL173, CL175 from CL141) and
  the rows of SOURCES.csv (each list's export and its date; the rows of other
  lists are kept) into DIR (default: codelists). --lists writes only the lists
  named. --snapshot-date gives the export's date
  when neither the file nor its name says it. --check writes nothing and exits
  1 when a file in DIR differs from what the import would write.
";

struct Args {
    out: PathBuf,
    lists: Option<BTreeSet<String>>,
    date: Option<IsoDate>,
    check: bool,
    files: Vec<PathBuf>,
}

pub fn run(args: &[String]) -> u8 {
    match args.first().map(String::as_str) {
        Some("import") => {}
        Some("-h" | "--help") => {
            print!("{USAGE}");
            return 0;
        }
        Some(other) => {
            return crate::usage(&format!(
                "unknown refdata command `{other}` (expected `import`)"
            ))
        }
        None => return crate::usage("refdata needs a command: import"),
    }
    let args = match parse(&args[1..]) {
        Ok(a) => a,
        Err(code) => return code,
    };
    import(&args)
}

fn parse(args: &[String]) -> Result<Args, u8> {
    let mut parsed = Args {
        out: PathBuf::from("codelists"),
        lists: None,
        date: None,
        check: false,
        files: Vec::new(),
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |what: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| crate::usage(&format!("{a} needs {what}")))
        };
        match a.as_str() {
            "--out" | "-o" => parsed.out = value("a directory")?.into(),
            "--lists" => {
                let v = value("list ids such as CL141,CL171")?;
                parsed.lists = Some(
                    v.split(',')
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty())
                        .collect(),
                );
            }
            "--snapshot-date" => {
                let v = value("a date YYYY-MM-DD")?;
                match IsoDate::parse(&v) {
                    Some(d) => parsed.date = Some(d),
                    None => {
                        return Err(crate::usage(&format!(
                            "--snapshot-date: `{v}` is not a date YYYY-MM-DD"
                        )))
                    }
                }
            }
            "--check" => parsed.check = true,
            s if s.starts_with('-') => return Err(crate::usage(&format!("unknown option `{s}`"))),
            s => parsed.files.push(s.into()),
        }
    }
    if parsed.files.is_empty() {
        return Err(crate::usage("refdata import needs an export file"));
    }
    Ok(parsed)
}

fn import(args: &Args) -> u8 {
    let mut exports = Vec::new();
    for file in &args.files {
        match read_export(file, args.date) {
            Ok(e) => exports.push(e),
            Err(e) => return fail(&e),
        }
    }
    for export in &exports {
        for entity in &export.entities {
            println!(
                "{}: {} {} entries ({})",
                export.file.display(),
                entity.name,
                entity.entries.len(),
                export.date
            );
        }
    }
    let files = match plan(&exports, args.lists.as_ref()) {
        Ok(f) => f,
        Err(e) => return fail(&e),
    };
    let written = match write_lists(&args.out, &files, args.check) {
        Ok(w) => w,
        Err(e) => return fail(&e),
    };
    let verb = if args.check { "stale" } else { "written" };
    let mut changed = 0;
    for w in &written {
        let state = if w.changed { verb } else { "unchanged" };
        changed += usize::from(w.changed);
        match w.codes {
            Some(n) => println!("{}: {state} ({n} codes)", w.path.display()),
            None => println!("{}: {state}", w.path.display()),
        }
    }
    println!("{} code lists, {changed} files {verb}", files.len());
    u8::from(args.check && changed > 0)
}

fn fail(e: &eucdm_refdata::ImportError) -> u8 {
    eprintln!("eucdm: {e}");
    eprintln!("eucdm: nothing written");
    2
}
