//! `eucdm generate`: the code the `ruleset!` macro would expand to, as a
//! formatted Rust file — to read what a rule compiles to, to vendor it, or, with
//! `--check FILE`, to fail CI when a committed copy is out of date.

use std::path::PathBuf;

use eucdm_compiler::build::Builder;

pub fn run(args: &[String]) -> u8 {
    let mut codelists: Option<PathBuf> = None;
    let mut runtime: Option<String> = None;
    let mut out: Option<PathBuf> = None;
    let mut check: Option<PathBuf> = None;
    let mut dir: Option<PathBuf> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |what: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| crate::usage(&format!("{a} needs {what}")))
        };
        match a.as_str() {
            "--codelists" => match value("a directory") {
                Ok(d) => codelists = Some(d.into()),
                Err(code) => return code,
            },
            "--runtime" => match value("a path such as ::eucdm_runtime") {
                Ok(p) => runtime = Some(p),
                Err(code) => return code,
            },
            "-o" | "--output" => match value("a file") {
                Ok(f) => out = Some(f.into()),
                Err(code) => return code,
            },
            "--check" => match value("a file") {
                Ok(f) => check = Some(f.into()),
                Err(code) => return code,
            },
            s if s.starts_with('-') => return crate::usage(&format!("unknown option `{s}`")),
            s if dir.is_none() => dir = Some(s.into()),
            s => return crate::usage(&format!("unexpected argument `{s}`")),
        }
    }
    let Some(dir) = dir else {
        return crate::usage("generate needs a rule directory");
    };
    let mut b = Builder::new(&dir);
    if let Some(c) = codelists {
        b = b.codelists(c);
    }
    if let Some(r) = runtime {
        b = b.runtime_path(&r);
    }
    let g = match b.generate() {
        Ok(g) => g,
        Err(e) => {
            eprintln!("{e}");
            eprintln!("eucdm: {} has errors; nothing generated", dir.display());
            return 2;
        }
    };
    for w in &g.warnings {
        eprintln!("{w}");
    }
    if let Some(file) = check {
        return match std::fs::read_to_string(&file) {
            Ok(old) if old == g.source => 0,
            Ok(_) => {
                eprintln!(
                    "eucdm: {} is out of date with {}",
                    file.display(),
                    dir.display()
                );
                1
            }
            Err(e) => {
                eprintln!("eucdm: {}: {e}", file.display());
                2
            }
        };
    }
    match out {
        Some(file) => match std::fs::write(&file, &g.source) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("eucdm: cannot write {}: {e}", file.display());
                2
            }
        },
        None => {
            print!("{}", g.source);
            0
        }
    }
}
