//! `eucdm refdata import`: official reference-data exports (the CS/RD2
//! generic XML, HMRC's reference-data JSON) into code-list CSV files. The
//! work is the `eucdm-refdata` crate's; this parses the arguments and prints
//! one line per file.

use std::collections::BTreeSet;
use std::path::PathBuf;

use eucdm_refdata::{plan, read_export, write_lists, IsoDate};

/// `eucdm refdata COMMAND`.
#[derive(clap::Args, Debug)]
#[command(subcommand_required = true, arg_required_else_help = true)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Subcommand, Debug)]
enum Command {
    /// Read reference-data exports and write code-list CSV files
    ///
    /// Read CS/RD2 exports (generic XML such as COL-Generic-20241105.xml) and
    /// HMRC reference-data JSON (csrd2-payloads/*.json gunzipped,
    /// code-lists/<List>.json), check every entity in them, and write one
    /// CLxxx.csv per list with a known id (the customs-office role lists
    /// CL171, CL172, CL173, CL175 from CL141) and the rows of SOURCES.csv
    /// (each list's export and its date; the rows of other lists are kept).
    /// Everything is checked before a file is written: a bad export writes
    /// nothing (exit 2).
    Import(ImportArgs),
}

/// `eucdm refdata import`.
#[derive(clap::Args, Debug)]
// An option given twice takes the last value, as the other commands do.
#[command(args_override_self = true)]
pub struct ImportArgs {
    /// The folder the CSV files are written to
    #[arg(long, short = 'o', value_name = "DIR", default_value = "codelists")]
    out: PathBuf,
    /// Write only the lists named (e.g. CL141,CL171)
    #[arg(long, value_name = "IDS", value_parser = parse_lists)]
    lists: Option<BTreeSet<String>>,
    /// The export's date, when neither the file nor its name says it
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    snapshot_date: Option<IsoDate>,
    /// Write nothing; exit 1 when a file in DIR differs from what the import
    /// would write
    #[arg(long)]
    check: bool,
    /// The export files
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,
}

/// `--lists CL141,CL171`: the list ids, blanks and empty items dropped.
fn parse_lists(v: &str) -> Result<BTreeSet<String>, String> {
    let ids: BTreeSet<String> = (v.split(','))
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if ids.is_empty() {
        return Err("list ids such as CL141,CL171".into());
    }
    Ok(ids)
}

/// `--snapshot-date`: a day of the calendar.
fn parse_date(v: &str) -> Result<IsoDate, String> {
    IsoDate::parse(v).ok_or_else(|| format!("`{v}` is not a date YYYY-MM-DD"))
}

pub fn run(args: Args) -> u8 {
    match args.command {
        Command::Import(args) => import(&args),
    }
}

fn import(args: &ImportArgs) -> u8 {
    let mut exports = Vec::new();
    for file in &args.files {
        match read_export(file, args.snapshot_date) {
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
