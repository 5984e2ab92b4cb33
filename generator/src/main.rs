//! `eucdm-gen` — writes a valid NCTS P5 trader message (CC015C by default) of a
//! given size.

use std::io::Write as _;
use std::process::ExitCode;

use eucdm_generator::{generate, Message, Spec};

const USAGE: &str = "\
usage: eucdm-gen [--message M] --items N [--seed S] [--per-house K] [--indent N] [-o FILE]

Writes a CC015C declaration with N consignment items spread over house
consignments of about K items each (default 20), indented by N spaces per level
(default 4; 0 = one line). The same options give the same bytes. Up to 1999
items the declaration is valid; more (e.g. --items 100000) are written for
linearity benchmarks and break the XSD limits.

--message M writes another trader message instead (CC015C, CC013C, ...; `013`
will do); N then counts:
  CC015C  consignment items (the default message)
  CC013C  consignment items: the amendment of the same declaration
  CC014C  nothing: the invalidation request has no repeating part
  CC170C  goods references in containers of about K each, one house
          consignment per container
  CC007C  incidents (valid up to 9; --items 0 allowed: no incident)
  CC044C  consignment items over house consignments of about K items
Each is valid at its own date: June 2025, but CC007C November 2024 (from
2025-01-22 the arrival notification has no incidents, B2400). --items is not
needed for CC014C and CC007C.
";

fn main() -> ExitCode {
    let mut spec = Spec::default();
    let mut output: Option<String> = None;
    let mut items_given = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut number = |what: &str| -> Result<u64, String> {
            let v = args
                .next()
                .ok_or_else(|| format!("{what} needs a number"))?;
            v.replace('_', "")
                .parse()
                .map_err(|_| format!("{what}: `{v}` is not a number"))
        };
        let r = match a.as_str() {
            "--items" | "-n" => number("--items").map(|n| {
                spec.items = n as usize;
                items_given = true;
            }),
            "--seed" => number("--seed").map(|n| spec.seed = n),
            "--message" | "-m" => match args.next() {
                Some(m) => m.parse().map(|m| spec.message = m),
                None => Err("--message needs a message type".into()),
            },
            "--per-house" => number("--per-house").and_then(|n| {
                if (1..=999).contains(&n) {
                    spec.items_per_house = n as usize;
                    Ok(())
                } else {
                    Err("--per-house must be 1..=999".into())
                }
            }),
            "--indent" => number("--indent").map(|n| spec.indent = n.min(16) as usize),
            "-o" | "--output" => match args.next() {
                Some(f) => {
                    output = Some(f);
                    Ok(())
                }
                None => Err("-o needs a file".into()),
            },
            "-h" | "--help" => {
                print!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => Err(format!("unknown argument `{other}`")),
        };
        if let Err(e) = r {
            eprintln!("eucdm-gen: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    }
    let sizeless = matches!(spec.message, Message::CC014C | Message::CC007C);
    if !sizeless && (!items_given || spec.items == 0) {
        eprintln!("eucdm-gen: --items N (N ≥ 1) is required\n\n{USAGE}");
        return ExitCode::from(2);
    }
    let xml = generate(&spec);
    let written = match &output {
        Some(f) => std::fs::write(f, xml.as_bytes()),
        None => std::io::stdout().lock().write_all(xml.as_bytes()),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("eucdm-gen: cannot write: {e}");
            ExitCode::from(2)
        }
    }
}
