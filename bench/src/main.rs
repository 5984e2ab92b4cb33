//! `eucdm-bench` — side-by-side timings on the same files in the same run:
//!
//! 1. read + all rules: `eucdm_ncts_p5::validate_xml`;
//! 2. reading only: `eucdm_runtime::xml::read_xml` with the same schemas;
//! 3. the IR interpreter (`eucdm validate --rules`): the same reader, the rules evaluated from the IR;
//! 4. `xmllint --noout` and `xmllint --noout --schema cc015c.xsd`, the whole batch
//!    in one call;
//!
//! over the official CC015C examples (one batch) and generated declarations of
//! 10 … 100 000 consignment items; peak memory per size from a child process
//! (`VmHWM` in `/proc/self/status`); `eucdm validate --jobs 1` vs `--jobs 2`;
//! with and without code lists given at run time (`--codelists DIR`);
//! and, with `--expand`, the time `#[derive(Validator)]`'s work takes.
//!
//! It is a plain binary rather than a `cargo bench` target because it re-runs
//! itself as a child process per size (peak memory must be per process), runs
//! external programs (xmllint, the `eucdm` CLI) and prints one Markdown report;
//! `cargo run --release -p eucdm-bench` (or `bench/run.sh`) is the whole recipe,
//! on stable Rust, with no harness crate.
//!
//! Timings are of messages already in memory for 1 and 2; xmllint and the CLI
//! runs include process start and reading the files. Medians over repeated
//! samples; every sample repeats the batch until it lasts at least 20 ms.

mod given_lists;
mod json_form;
mod json_parsers;
mod ratios;
mod uk_ens;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use eucdm_generator::{generate, Spec};
use eucdm_ncts_p5 as ncts;
use eucdm_runtime::xml::{read_xml, read_xml_with, Limits};
use eucdm_runtime::{Options, ReadError, Report, RuleSet};

const USAGE: &str = "\
usage: eucdm-bench [--samples N] [--quick] [--sizes N,N,...] [--copies N] [--root DIR] [--no-cli]
       eucdm-bench --expand [--root DIR]
       eucdm-bench --json-parsers [--samples N] [--root DIR]
       eucdm-bench --ratios [--samples N] [--sizes N,N,...] [--root DIR]
       eucdm-bench --uk-ens [--samples N] [--root DIR]
       eucdm-bench --child validate|read FILE      (internal: peak memory)
       eucdm-bench --write-json own|hmrc FILE      (the JSON the bench reads, to stdout)
       eucdm-bench --loop MODE N [--codelists DIR] FILE...
                                            (for profilers: N passes over the files,
                                            with the code lists of DIR given)

--loop modes: floor (quick-xml's bare event loop), read, validate, interpret
(read + the IR interpreter), rules and interpret-rules (each file read once,
then the rules applied N times), json-floor (serde_json into IgnoredAny),
json-read, json-validate (the JSON modes write each XML file as the project's
JSON once, before the passes)

--samples N   timing samples per measurement (default 11; large sizes use fewer)
--quick       sizes 10, 100, 1000 only and 5 samples (a smoke run)
--sizes       item counts of the generated declarations
              (default 10,100,1000,1999,100000)
--copies N    copies of the example batch for --jobs 1 vs 2 (default 50)
--root DIR    the repository (default: where this binary was built from)
--no-cli      skip the eucdm validate --jobs 1 / 2 comparison
--json-parsers  the JSON reader against serde_json parsing the same text
--ratios      per message type and size (default sizes 10,200,1999), read and
              validate against the tokenizer floor (XML and JSON), and the
              interpreted against the compiled rules, in one run
--uk-ens      HMRC's CC315A rules (eucdm-uk-ens): compiled against the
              interpreter on the same rules, eucdm validate against
              xmllint --schema on HMRC's cases (bench/src/uk_ens.rs)
--expand      time what #[derive(Validator)] does (compile the rule directory,
              generate the Rust items, print them); build this mode without
              --release: proc macros run unoptimized (cargo's build-override)
";

struct Config {
    samples: usize,
    quick: bool,
    sizes: Vec<usize>,
    copies: usize,
    root: PathBuf,
    cli: bool,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--child") {
        std::process::exit(child(&args[1..]));
    }
    if args.first().map(String::as_str) == Some("--loop") {
        std::process::exit(repeat(&args[1..]));
    }
    if args.first().map(String::as_str) == Some("--write-json") {
        std::process::exit(write_json(&args[1..]));
    }
    let mut cfg = Config {
        samples: 11,
        quick: false,
        sizes: vec![10, 100, 1000, 1999, 100_000],
        copies: 50,
        root: Path::new(env!("CARGO_MANIFEST_DIR")).join(".."),
        cli: true,
    };
    let mut expand = false;
    let mut json_parsers = false;
    let mut ratios = false;
    let mut sizes_given = false;
    let mut uk_ens = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--samples" => {
                cfg.samples = it
                    .next()
                    .and_then(|s| s.parse().ok())
                    .filter(|&n| n > 0)
                    .unwrap_or_else(|| usage("--samples needs a number ≥ 1"))
            }
            "--quick" => cfg.quick = true,
            "--copies" => {
                cfg.copies = it
                    .next()
                    .and_then(|s| s.parse().ok())
                    .filter(|&n| n > 0)
                    .unwrap_or_else(|| usage("--copies needs a number ≥ 1"))
            }
            "--sizes" => {
                sizes_given = true;
                cfg.sizes = it
                    .next()
                    .and_then(|s| s.split(',').map(|n| n.trim().parse().ok()).collect())
                    .filter(|v: &Vec<usize>| v.iter().all(|&n| n > 0))
                    .unwrap_or_else(|| usage("--sizes needs item counts such as 10,100,1000"))
            }
            "--root" => {
                cfg.root = it
                    .next()
                    .map(PathBuf::from)
                    .unwrap_or_else(|| usage("--root needs a directory"))
            }
            "--no-cli" => cfg.cli = false,
            "--expand" => expand = true,
            "--json-parsers" => json_parsers = true,
            "--ratios" => ratios = true,
            "--uk-ens" => uk_ens = true,
            "-h" | "--help" => {
                print!("{USAGE}");
                return;
            }
            other => usage(&format!("unknown argument `{other}`")),
        }
    }
    if cfg.quick {
        cfg.samples = cfg.samples.min(5);
        cfg.sizes.retain(|&n| n <= 1000);
    }
    if ratios {
        let sizes = if sizes_given {
            cfg.sizes
        } else {
            vec![10, 200, 1999]
        };
        ratios::run(cfg.samples, &sizes, &cfg.root);
    } else if uk_ens {
        uk_ens::run(cfg.samples, &cfg.root);
    } else if json_parsers {
        json_parsers::run(cfg.samples, &cfg.root);
    } else if expand {
        expand_macro(&cfg);
    } else {
        run(&cfg);
    }
}

fn usage(msg: &str) -> ! {
    eprintln!("eucdm-bench: {msg}\n\n{USAGE}");
    std::process::exit(2)
}

// ---------------------------------------------------------------- measuring

/// Median and minimum of one measurement, per batch.
#[derive(Clone, Copy)]
struct Stat {
    median: Duration,
    min: Duration,
    samples: usize,
}

/// Times each of `fs` (one pass over a batch each): `samples` rounds, each
/// round one sample of every function in turn (so that load from other
/// processes hits all of them alike), a sample repeating the function until it
/// has run at least 20 ms. Returns the time of one pass of each.
fn measure(samples: usize, fs: &mut [&mut dyn FnMut()]) -> Vec<Stat> {
    // Warm-up and calibration.
    let mut reps = Vec::new();
    let mut round = Duration::ZERO;
    for f in fs.iter_mut() {
        let t = Instant::now();
        f();
        let once = t.elapsed().max(Duration::from_nanos(100));
        let r = (Duration::from_millis(20).as_nanos() / once.as_nanos()).clamp(1, 100_000) as u32;
        round += once * r;
        reps.push(r);
    }
    // Large inputs: fewer samples, at most ~30 s per measurement.
    let samples = samples
        .min((Duration::from_secs(30).as_nanos() / round.as_nanos().max(1)).max(3) as usize)
        .max(1);
    let mut times = vec![Vec::with_capacity(samples); fs.len()];
    for _ in 0..samples {
        for (i, f) in fs.iter_mut().enumerate() {
            let t = Instant::now();
            for _ in 0..reps[i] {
                f();
            }
            times[i].push(t.elapsed() / reps[i]);
        }
    }
    times
        .into_iter()
        .map(|mut t| {
            t.sort();
            Stat {
                median: t[t.len() / 2],
                min: t[0],
                samples,
            }
        })
        .collect()
}

/// Times external commands the same way, interleaved (no repetition inside
/// a sample). `None` for a command that cannot be started; with each stat, whether
/// the command's last run succeeded.
fn measure_cmds(samples: usize, cmds: &[Vec<&str>]) -> Vec<Option<(Stat, bool)>> {
    let run = |cmd: &[&str]| -> Option<(Duration, bool)> {
        let t = Instant::now();
        let ok = Command::new(cmd[0])
            .args(&cmd[1..])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .ok()?
            .success();
        Some((t.elapsed(), ok))
    };
    let mut round = Duration::ZERO;
    let mut alive = Vec::new();
    for c in cmds {
        let r = run(c);
        round += r.map_or(Duration::ZERO, |x| x.0);
        alive.push(r.is_some());
    }
    // At most ~30 s per measurement, at least 3 samples — but a single one
    // when one round already takes over 20 s (xmllint --schema, 100 000 items).
    let floor = if round > Duration::from_secs(20) {
        1
    } else {
        3
    };
    let samples = samples
        .min((Duration::from_secs(30).as_nanos() / round.as_nanos().max(1)).max(floor) as usize)
        .max(1);
    let mut times = vec![Vec::with_capacity(samples); cmds.len()];
    let mut ok = vec![true; cmds.len()];
    for _ in 0..samples {
        for (i, c) in cmds.iter().enumerate() {
            if !alive[i] {
                continue;
            }
            match run(c) {
                Some((t, o)) => {
                    times[i].push(t);
                    ok[i] = o;
                }
                None => alive[i] = false,
            }
        }
    }
    times
        .into_iter()
        .zip(ok)
        .map(|(mut t, ok)| {
            if t.is_empty() {
                return None;
            }
            t.sort();
            Some((
                Stat {
                    median: t[t.len() / 2],
                    min: t[0],
                    samples: t.len(),
                },
                ok,
            ))
        })
        .collect()
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "n/a".into())
}

fn ms(d: Duration) -> String {
    let v = d.as_secs_f64() * 1e3;
    if v >= 100.0 {
        format!("{v:.0} ms")
    } else if v >= 1.0 {
        format!("{v:.2} ms")
    } else {
        format!("{:.1} µs", v * 1e3)
    }
}

fn us(d: f64) -> String {
    format!("{:.2} µs", d * 1e6)
}

fn mib(bytes: u64) -> String {
    format!("{:.2} MiB", bytes as f64 / (1 << 20) as f64)
}

// ---------------------------------------------------------------- validating

fn unlimited() -> Limits {
    Limits {
        max_bytes: usize::MAX,
        ..Limits::default()
    }
}

/// `validate_xml`, or — for a message over the reader's default size limit —
/// the same two steps with that limit lifted (so that time per item can be
/// measured past it).
fn validate(bytes: &[u8], opts: &Options<'_>) -> Result<Report, ReadError> {
    if bytes.len() <= Limits::default().max_bytes {
        return ncts::validate_xml(bytes, opts);
    }
    read_and_validate(&ncts::NCTS_P5, bytes, opts)
}

/// The same message through the IR interpreter (`eucdm validate --rules`):
/// the same reader, the rules evaluated from the IR instead of generated code.
fn interpret(
    interp: &eucdm_compiler::interpret::Interpreter,
    bytes: &[u8],
    opts: &Options<'_>,
) -> Result<Report, ReadError> {
    read_and_validate(interp, bytes, opts)
}

/// Reads an XML message without the size limit and validates it with `rules`.
fn read_and_validate(
    rules: &dyn RuleSet,
    bytes: &[u8],
    opts: &Options<'_>,
) -> Result<Report, ReadError> {
    let doc = read_xml_with(bytes, rules.schemas(), unlimited())?;
    Ok(rules.validate(&doc, opts).expect("read with its schemas"))
}

fn read_only(bytes: &[u8]) -> Result<usize, ReadError> {
    let doc = if bytes.len() <= Limits::default().max_bytes {
        read_xml(bytes, ncts::NCTS_P5.schemas())?
    } else {
        read_xml_with(bytes, ncts::NCTS_P5.schemas(), unlimited())?
    };
    Ok(doc.len())
}

/// Peak resident set size so far (`VmHWM`), in bytes; `None` off Linux.
fn vm_hwm() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Child process: `validate|read FILE`; prints `start loaded peak` (VmHWM in
/// bytes before reading the file, after reading it, after validating).
fn child(args: &[String]) -> i32 {
    let (Some(mode), Some(file)) = (args.first(), args.get(1)) else {
        usage("--child needs validate|read FILE");
    };
    let start = vm_hwm();
    let bytes = std::fs::read(file).expect("read file");
    let loaded = vm_hwm();
    let n = match mode.as_str() {
        "validate" => validate(&bytes, &Options::default()).map(|r| r.violations.len()),
        _ => read_only(&bytes),
    };
    let peak = vm_hwm();
    match (start, loaded, peak, n) {
        (Some(a), Some(b), Some(c), Ok(n)) => {
            println!("{a} {b} {c} {n}");
            0
        }
        (_, _, _, Err(e)) => {
            eprintln!("{e}");
            1
        }
        _ => {
            println!("n/a");
            0
        }
    }
}

/// `--write-json own|hmrc FILE`: the XML message FILE as the JSON the bench
/// reads (`json_form`), on stdout; the corpus of the JSON reader's
/// before/after comparisons is written with it.
fn write_json(args: &[String]) -> i32 {
    const USAGE: &str = "--write-json needs own|hmrc FILE";
    let form = match args.first().map(String::as_str) {
        Some("own") => json_form::Form::Own,
        Some("hmrc") => json_form::Form::Hmrc,
        _ => usage(USAGE),
    };
    let Some(file) = args.get(1) else {
        usage(USAGE)
    };
    let xml = std::fs::read(file).unwrap_or_else(|e| usage(&format!("{file}: {e}")));
    let doc = read_xml_with(&xml, ncts::NCTS_P5.schemas(), unlimited())
        .unwrap_or_else(|e| usage(&format!("{e}")));
    println!("{}", json_form::write(&doc, form));
    0
}

/// `--loop MODE N FILE...`: reads the files, then passes over each of them N
/// times in `MODE` (see the usage); prints the number of violations of one
/// pass. For `valgrind --tool=callgrind`, whose instruction counts stay
/// repeatable on a loaded machine. `interpret` and `interpret-rules` compile
/// the rule directory before the loop, so its cost is a fixed offset measured
/// with N = 0.
fn repeat(args: &[String]) -> i32 {
    const USAGE: &str =
        "--loop needs MODE N [--codelists DIR] FILE... (MODE: floor, read, validate, \
         interpret, rules, interpret-rules, json-floor, json-read, json-validate)";
    let (Some(mode), Some(n), mut files) = (
        args.first(),
        args.get(1).and_then(|n| n.parse::<usize>().ok()),
        args.get(2..).unwrap_or_default(),
    ) else {
        usage(USAGE);
    };
    // Code lists given at run time, read once before the passes (as `eucdm validate --codelists DIR`).
    let given = match files {
        [flag, dir, rest @ ..] if flag == "--codelists" => {
            files = rest;
            let declared: Vec<&str> = ncts::NCTS_P5
                .codelists()
                .iter()
                .map(|c| c.id.as_str())
                .collect();
            let loaded = eucdm_runtime::ReferenceData::read_dir(Path::new(dir), &declared)
                .unwrap_or_else(|e| usage(&format!("--codelists {dir}: {e:?}")));
            Some(loaded.data)
        }
        _ => None,
    };
    let mut data: Vec<Vec<u8>> = files
        .iter()
        .map(|f| std::fs::read(f).unwrap_or_else(|e| usage(&format!("{f}: {e}"))))
        .collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let interp = matches!(mode.as_str(), "interpret" | "interpret-rules")
        .then(|| ratios::interpreter(&root));
    let opts = Options {
        codelists: given.as_ref(),
        ..Options::default()
    };
    // Modes that start from a document read once, or from the JSON of the file.
    let schemas = match &interp {
        Some(i) => i.schemas(),
        None => ncts::NCTS_P5.schemas(),
    };
    let read_once = |d: &Vec<u8>| {
        read_xml_with(d, schemas, unlimited()).unwrap_or_else(|e| usage(&format!("{e}")))
    };
    let docs: Vec<eucdm_runtime::Document> = match mode.as_str() {
        "rules" | "interpret-rules" => data.iter().map(read_once).collect(),
        "json-floor" | "json-read" | "json-validate" => {
            data = (data.iter().map(read_once))
                .map(|d| json_form::write(&d, json_form::Form::Own).into_bytes())
                .collect();
            Vec::new()
        }
        _ => Vec::new(),
    };
    let apply =
        |rules: &dyn RuleSet, doc| rules.validate(doc, &opts).map_or(0, |r| r.violations.len());
    let mut total = 0;
    for _ in 0..n {
        total = 0;
        for d in &data {
            total += match (mode.as_str(), &interp) {
                ("validate", _) => validate(d, &opts).map_or(0, |r| r.violations.len()),
                ("read", _) => read_only(d).map_or(0, |_| 0),
                ("floor", _) => usize::from(std::hint::black_box(ratios::xml_floor(d)) == 0),
                ("interpret", Some(i)) => interpret(i, d, &opts).map_or(0, |r| r.violations.len()),
                ("rules" | "interpret-rules", _) => 0,
                ("json-floor", _) => 1 - std::hint::black_box(ratios::json_floor(d)),
                ("json-read", _) => {
                    eucdm_runtime::read_message(d, ncts::NCTS_P5.schemas()).map_or(0, |_| 0)
                }
                ("json-validate", _) => {
                    ncts::validate_json(d, &opts).map_or(0, |r| r.violations.len())
                }
                _ => usage(USAGE),
            };
        }
        for doc in &docs {
            total += match &interp {
                Some(i) => apply(i, doc),
                None => apply(&ncts::NCTS_P5, doc),
            };
        }
    }
    println!("{total}");
    0
}

// ---------------------------------------------------------------- the run

struct Batch {
    name: String,
    files: Vec<PathBuf>,
    data: Vec<Vec<u8>>,
    items: usize,
    /// The XSD of its message type, for `xmllint --schema` (CC015C's when
    /// not set).
    xsd: Option<PathBuf>,
}

impl Batch {
    fn load(name: String, files: Vec<PathBuf>, items: usize) -> Batch {
        let data = files
            .iter()
            .map(|f| std::fs::read(f).unwrap_or_else(|e| panic!("{}: {e}", f.display())))
            .collect();
        Batch {
            name,
            files,
            data,
            items,
            xsd: None,
        }
    }
    fn bytes(&self) -> usize {
        self.data.iter().map(Vec::len).sum()
    }
}

struct Row {
    validate: Stat,
    read: Stat,
    lint: Option<(Stat, bool)>,
    lint_xsd: Option<(Stat, bool)>,
    cli: Option<(Stat, bool)>,
    interpreted: Stat,
    violations: usize,
    note: String,
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .next()
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|k| k.parse::<u64>().ok())
        })
        .map_or_else(String::new, |kb| {
            format!(", {:.0} GiB RAM", kb as f64 / (1 << 20) as f64)
        });
    format!(
        "{cpu}, {cores} core(s) available{mem}, {} {}",
        std::env::consts::OS,
        std::env::consts::ARCH
    )
}

fn xmllint_version() -> Option<String> {
    let o = Command::new("xmllint").arg("--version").output().ok()?;
    let s = String::from_utf8_lossy(&o.stderr).to_string() + &String::from_utf8_lossy(&o.stdout);
    s.lines().next().map(|l| l.trim().to_string())
}

fn run(cfg: &Config) {
    let shared = cfg.root.join("../shared");
    let xsd = shared.join("spec/ncts-p5/xsd/cc015c.xsd");
    let tmp = std::env::temp_dir().join(format!("eucdm-bench-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).expect("temp dir");

    println!("## Run\n");
    println!("- machine: {}", machine());
    println!(
        "- build: {}",
        if cfg!(debug_assertions) {
            "DEBUG (numbers are not meaningful: use --release)"
        } else {
            "release"
        }
    );
    let me = std::env::current_exe().expect("own path");
    let eucdm = me.with_file_name(format!("eucdm{}", std::env::consts::EXE_SUFFIX));
    let eucdm_bin = eucdm.is_file().then(|| eucdm.to_str().unwrap().to_string());
    if eucdm_bin.is_none() {
        println!(
            "- {} not built: the eucdm columns are skipped (cargo build --release -p eucdm-cli)",
            eucdm.display()
        );
    }
    println!(
        "- load average (1, 5, 15 min) at the start: {}",
        load_average()
    );
    let lint = xmllint_version();
    match &lint {
        Some(v) => println!("- xmllint: {v}"),
        None => println!("- xmllint: not found — columns 4 skipped (install libxml2-utils)"),
    }
    let have_xsd = xsd.is_file();
    if !have_xsd {
        println!("- {} absent: xmllint --schema skipped", xsd.display());
    }
    println!(
        "- samples per measurement: {} (fewer for the largest sizes), median reported\n",
        cfg.samples
    );

    // Inputs: the official examples, one batch.
    let examples_dir = shared.join("data/ncts-p5/examples");
    let mut batches = Vec::new();
    let official: Vec<PathBuf> = sorted_xml(&examples_dir)
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with("_ie015.xml"))
        .collect();
    if official.is_empty() {
        println!(
            "{} absent: using the project's examples/ncts-p5 instead\n",
            examples_dir.display()
        );
        let own = sorted_xml(&cfg.root.join("examples/ncts-p5"));
        batches.push(Batch::load(
            format!("{} project examples", own.len()),
            own,
            0,
        ));
    } else {
        batches.push(Batch::load(
            format!("{} official CC015C examples", official.len()),
            official,
            0,
        ));
    }
    // The official examples of the other trader messages, a batch each.
    for (ie, msg) in [
        ("ie013", "cc013c"),
        ("ie014", "cc014c"),
        ("ie170", "cc170c"),
        ("ie007", "cc007c"),
        ("ie044", "cc044c"),
    ] {
        let files: Vec<PathBuf> = sorted_xml(&examples_dir)
            .into_iter()
            .filter(|p| p.to_string_lossy().contains(&format!("_{ie}")))
            .collect();
        if !files.is_empty() {
            let name = format!("{} official {} examples", files.len(), msg.to_uppercase());
            let mut b = Batch::load(name, files, 0);
            b.xsd = Some(shared.join(format!("spec/ncts-p5/xsd/{msg}.xsd")));
            batches.push(b);
        }
    }
    for &n in &cfg.sizes {
        let f = tmp.join(format!("generated-{n}.xml"));
        std::fs::write(&f, generate(&Spec::items(n))).expect("write generated file");
        batches.push(Batch::load(format!("generated, {n} items"), vec![f], n));
    }

    // The shipped rule set compiled to IR, for the interpreter column.
    let compiled =
        eucdm_compiler::compile_dir(&cfg.root.join("rules/ncts-p5"), &cfg.root.join("codelists"))
            .unwrap_or_else(|f| panic!("the shipped rule set does not compile:\n{}", f.render()));
    let interp = eucdm_compiler::interpret::Interpreter::new(&compiled.ruleset);

    let opts = Options::default();
    let mut rows = Vec::new();
    for b in &batches {
        eprintln!("eucdm-bench: {} …", b.name);
        let mut violations = 0;
        let mut note = String::new();
        for (f, d) in b.files.iter().zip(&b.data) {
            match validate(d, &opts) {
                Ok(r) => violations += r.violations.len(),
                Err(e) => note = format!("{}: {e}", f.display()),
            }
            if d.len() > Limits::default().max_bytes {
                let e = ncts::validate_xml(d, &opts).err().map(|e| e.to_string());
                note = format!(
                    "over the reader's default limit; validate_xml says: {}; timed with the limit lifted",
                    e.unwrap_or_default()
                );
            }
        }
        let stats = measure(
            cfg.samples,
            &mut [
                &mut || {
                    for d in &b.data {
                        std::hint::black_box(validate(std::hint::black_box(d), &opts).ok());
                    }
                },
                &mut || {
                    for d in &b.data {
                        std::hint::black_box(read_only(std::hint::black_box(d)).ok());
                    }
                },
                &mut || {
                    for d in &b.data {
                        std::hint::black_box(
                            interpret(&interp, std::hint::black_box(d), &opts).ok(),
                        );
                    }
                },
            ],
        );
        let (validate_stat, read_stat, interp_stat) = (stats[0], stats[1], stats[2]);
        let files: Vec<&str> = b.files.iter().map(|p| p.to_str().unwrap()).collect();
        // Whole processes over the batch in one call, interleaved: xmllint
        // without and with the schema, and eucdm validate on one thread.
        let xsd_s = b.xsd.as_deref().unwrap_or(&xsd).to_str().unwrap();
        let mut cmds: Vec<Vec<&str>> = Vec::new();
        let (mut il, mut ix, mut ie) = (None, None, None);
        if lint.is_some() {
            il = Some(cmds.len());
            cmds.push([&["xmllint", "--noout", "--huge"][..], &files].concat());
            if have_xsd {
                ix = Some(cmds.len());
                cmds.push(
                    [
                        &["xmllint", "--noout", "--huge", "--schema", xsd_s][..],
                        &files,
                    ]
                    .concat(),
                );
            }
        }
        if let Some(e) = eucdm_bin.as_deref() {
            ie = Some(cmds.len());
            cmds.push(
                [
                    &[e, "validate", "--format", "json", "--jobs", "1"][..],
                    &files,
                ]
                .concat(),
            );
        }
        let mut stats = measure_cmds(cfg.samples.min(7), &cmds);
        let mut pick = |i: Option<usize>| i.and_then(|i| stats[i].take());
        let (l, lx, cli) = (pick(il), pick(ix), pick(ie));
        rows.push(Row {
            validate: validate_stat,
            read: read_stat,
            lint: l,
            lint_xsd: lx,
            cli,
            interpreted: interp_stat,
            violations,
            note,
        });
    }

    println!("## Read + rules vs reading only vs xmllint\n");
    println!("Per batch (all files of the row), median of the samples. 1, 2 and 3: messages already in memory, one thread; 3 is the IR interpreter (`eucdm validate --rules`) on the same reader. 1p and 4: one whole process over the batch (start, reading the files, output), interleaved samples; 1p is `eucdm validate --format json --jobs 1 FILES…`, the like-for-like comparison with xmllint.\n");
    println!("| input | bytes | 1 read + rules | 2 read only | 3 interpreter | 3/1 | 1/2 | 1/2 (min) | 1p eucdm validate | 4a xmllint --noout | 4b xmllint --schema | 1p/4a | 1p/4b | 1/4b | violations |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (b, r) in batches.iter().zip(&rows) {
        let lint = |x: &Option<(Stat, bool)>| match x {
            Some((s, ok)) => format!("{}{}", ms(s.median), if *ok { "" } else { " (exit≠0)" }),
            None => "skipped".into(),
        };
        let ratio = |a: Option<Duration>, x: &Option<(Stat, bool)>| match (a, x) {
            (Some(a), Some((s, _))) => format!("{:.3}", a.as_secs_f64() / s.median.as_secs_f64()),
            _ => "–".into(),
        };
        let p = r.cli.as_ref().map(|c| c.0.median);
        println!(
            "| {} | {} | {} | {} | {} | {:.2} | {:.2} | {:.2} | {} | {} | {} | {} | {} | {} | {} |",
            b.name,
            b.bytes(),
            ms(r.validate.median),
            ms(r.read.median),
            ms(r.interpreted.median),
            r.interpreted.median.as_secs_f64() / r.validate.median.as_secs_f64(),
            r.validate.median.as_secs_f64() / r.read.median.as_secs_f64(),
            r.validate.min.as_secs_f64() / r.read.min.as_secs_f64(),
            lint(&r.cli),
            lint(&r.lint),
            lint(&r.lint_xsd),
            ratio(p, &r.lint),
            ratio(p, &r.lint_xsd),
            ratio(Some(r.validate.median), &r.lint_xsd),
            r.violations
        );
    }
    println!();
    for (b, r) in batches.iter().zip(&rows) {
        if !r.note.is_empty() {
            println!("- {}: {}", b.name, r.note);
        }
        println!(
            "- {}: samples 1: {} (min {}), 2: {} (min {})",
            b.name,
            r.validate.samples,
            ms(r.validate.min),
            r.read.samples,
            ms(r.read.min)
        );
    }

    // Throughput on one core.
    let (b0, r0) = (&batches[0], &rows[0]);
    let per_msg = r0.validate.median.as_secs_f64() / b0.files.len() as f64;
    println!("\n## Throughput, one core\n");
    println!(
        "{}: {:.0} messages/s read + rules ({} per message, {:.1} MB/s); reading only {:.0} messages/s.\n",
        b0.name,
        1.0 / per_msg,
        us(per_msg),
        b0.bytes() as f64 / r0.validate.median.as_secs_f64() / 1e6,
        b0.files.len() as f64 / r0.read.median.as_secs_f64()
    );

    json_inputs(cfg, &batches);
    given_lists::run(cfg, &batches, &tmp);

    // Linearity.
    println!("## Time per consignment item\n");
    println!("| items | read + rules | per item | vs 1999 items | per item (min) | vs 1999 items (min) | per item, read only |");
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    let base = batches
        .iter()
        .zip(&rows)
        .find(|(b, _)| b.items == 1999)
        .or_else(|| batches.iter().zip(&rows).rev().find(|(b, _)| b.items > 0))
        .map(|(b, r)| {
            (
                r.validate.median.as_secs_f64() / b.items as f64,
                r.validate.min.as_secs_f64() / b.items as f64,
            )
        });
    for (b, r) in batches.iter().zip(&rows).filter(|(b, _)| b.items > 0) {
        let per = r.validate.median.as_secs_f64() / b.items as f64;
        let per_min = r.validate.min.as_secs_f64() / b.items as f64;
        println!(
            "| {} | {} | {} | {:+.1} % | {} | {:+.1} % | {} |",
            b.items,
            ms(r.validate.median),
            us(per),
            base.map_or(0.0, |x| (per / x.0 - 1.0) * 100.0),
            us(per_min),
            base.map_or(0.0, |x| (per_min / x.1 - 1.0) * 100.0),
            us(r.read.median.as_secs_f64() / b.items as f64),
        );
    }

    // Peak memory, one child process per size.
    println!("\n## Peak memory (VmHWM of a child process that reads the file and validates it)\n");
    println!("| input | message | peak RSS growth | of which the message bytes | growth beyond the bytes | growth / message size |");
    println!("|---|---:|---:|---:|---:|---:|");
    for b in batches.iter().filter(|b| b.items > 0) {
        let f = &b.files[0];
        let o = Command::new(&me)
            .args(["--child", "validate"])
            .arg(f)
            .output()
            .expect("run child");
        let out = String::from_utf8_lossy(&o.stdout);
        let v: Vec<u64> = out
            .split_whitespace()
            .filter_map(|x| x.parse().ok())
            .collect();
        if v.len() < 3 {
            println!("| {} | {} | n/a | | | |", b.name, mib(b.bytes() as u64));
            continue;
        }
        let (start, loaded, peak) = (v[0], v[1], v[2]);
        let size = b.bytes() as u64;
        println!(
            "| {} | {} | {} | {} | {} | {:.2}× |",
            b.name,
            mib(size),
            mib(peak - start),
            mib(loaded - start),
            mib(peak - loaded),
            (peak - start) as f64 / size as f64
        );
    }
    println!("\nPeak RSS growth counts everything from before the file is read to after the report is built: the message bytes themselves, the document arena (nodes and decoded texts) and the report. Pages are counted when touched, so small sizes round to a few pages.\n");

    if cfg.cli {
        println!("## eucdm validate, 1 vs 2 threads\n");
        cli_jobs(cfg, &me, &batches[0], cfg.copies, &tmp);
        if let Some(b) = batches.iter().find(|b| b.items == 1999) {
            cli_jobs(cfg, &me, b, 30, &tmp);
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
}

/// The same messages read as XML, as the project's JSON and as HMRC's JSON
/// (`json_form`): time to read and time to read + validate, as ratios to
/// reading the XML, measured interleaved in one run. The reports must be
/// equal, or the row says so.
fn json_inputs(cfg: &Config, batches: &[Batch]) {
    println!("## Messages as JSON (one core, messages in memory)\n");
    println!("| input | XML bytes | own JSON bytes | HMRC JSON bytes | read: XML | own JSON | HMRC JSON | read + rules: XML | own JSON | HMRC JSON | same reports |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    let chosen = batches.iter().filter(|b| b.items == 0 || b.items == 1999);
    for b in chosen {
        let docs: Vec<_> = (b.data.iter())
            .filter_map(|x| read_xml_with(x, ncts::NCTS_P5.schemas(), unlimited()).ok())
            .collect();
        let own: Vec<String> = docs
            .iter()
            .map(|d| json_form::write(d, json_form::Form::Own))
            .collect();
        let hmrc: Vec<String> = docs
            .iter()
            .map(|d| json_form::write(d, json_form::Form::Hmrc))
            .collect();
        let opts = Options::default();
        let reports = |texts: &[&[u8]]| -> Vec<Option<Report>> {
            texts
                .iter()
                .map(|t| ncts::validate_message(t, &opts).ok())
                .collect()
        };
        let xml: Vec<&[u8]> = b.data.iter().map(Vec::as_slice).collect();
        let own_b: Vec<&[u8]> = own.iter().map(String::as_bytes).collect();
        let hmrc_b: Vec<&[u8]> = hmrc.iter().map(String::as_bytes).collect();
        let same = reports(&xml) == reports(&own_b) && reports(&xml) == reports(&hmrc_b);
        let read = |texts: &[&[u8]]| {
            let n: usize = (texts.iter())
                .map(|t| {
                    eucdm_runtime::read_message(t, ncts::NCTS_P5.schemas()).map_or(0, |d| d.len())
                })
                .sum();
            std::hint::black_box(n);
        };
        let check = |texts: &[&[u8]]| {
            let n: usize = (texts.iter())
                .map(|t| ncts::validate_message(t, &opts).map_or(0, |r| r.violations.len()))
                .sum();
            std::hint::black_box(n);
        };
        let st = measure(
            cfg.samples,
            &mut [
                &mut || read(&xml),
                &mut || read(&own_b),
                &mut || read(&hmrc_b),
                &mut || check(&xml),
                &mut || check(&own_b),
                &mut || check(&hmrc_b),
            ],
        );
        let base = st[0].median.as_secs_f64();
        let ratio = |s: &Stat| format!("{:.2}×", s.median.as_secs_f64() / base);
        let bytes = |v: &[&[u8]]| mib(v.iter().map(|t| t.len() as u64).sum());
        println!(
            "| {} | {} | {} | {} | {} (1.00×) | {} | {} | {} | {} | {} | {} |",
            b.name,
            bytes(&xml),
            bytes(&own_b),
            bytes(&hmrc_b),
            ms(st[0].median),
            ratio(&st[1]),
            ratio(&st[2]),
            ratio(&st[3]),
            ratio(&st[4]),
            ratio(&st[5]),
            if same { "yes" } else { "NO" }
        );
    }
    println!("\nRatios are to reading the XML of the same row (median time); the JSON is written from the read XML, so the three forms hold the same content.\n");
}

fn sorted_xml(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.retain(|p| p.extension().is_some_and(|e| e == "xml"));
    v.sort();
    v
}

/// `eucdm validate --jobs 1` vs `--jobs 2` on copies of the example batch.
fn cli_jobs(cfg: &Config, me: &Path, examples: &Batch, copies: usize, tmp: &Path) {
    let eucdm = me.with_file_name(format!("eucdm{}", std::env::consts::EXE_SUFFIX));
    if !eucdm.is_file() {
        println!(
            "skipped: {} not built (cargo build --release -p eucdm-cli)\n",
            eucdm.display()
        );
        return;
    }
    let dir = tmp.join(format!("copies-{}", examples.items));
    std::fs::create_dir_all(&dir).expect("copies dir");
    for c in 0..copies {
        for (f, d) in examples.files.iter().zip(&examples.data) {
            let name = format!("{c:03}-{}", f.file_name().unwrap().to_string_lossy());
            std::fs::write(dir.join(name), d).expect("copy");
        }
    }
    let n = copies * examples.files.len();
    let d = dir.to_str().unwrap();
    let e = eucdm.to_str().unwrap();
    let out = |jobs: &str| {
        Command::new(e)
            .args(["validate", "--format", "json", "--jobs", jobs, d])
            .output()
            .expect("run eucdm")
            .stdout
    };
    let (one, two, again) = (out("1"), out("2"), out("2"));
    let stats = measure_cmds(
        cfg.samples.max(11),
        &[
            vec![e, "validate", "--format", "json", "--jobs", "1", d],
            vec![e, "validate", "--format", "json", "--jobs", "2", d],
        ],
    );
    let (Some((t1, _)), Some((t2, _))) = (&stats[0], &stats[1]) else {
        println!("skipped: {e} could not be run\n");
        return;
    };
    println!(
        "{n} files ({copies} copies of {}), `eucdm validate --format json --jobs N DIR`, whole process, {} interleaved samples:\n",
        examples.name, t1.samples
    );
    println!("| threads | median | files/s | min | files/s at min |\n|---:|---:|---:|---:|---:|");
    for (j, t) in [(1, t1), (2, t2)] {
        println!(
            "| {j} | {} | {:.0} | {} | {:.0} |",
            ms(t.median),
            n as f64 / t.median.as_secs_f64(),
            ms(t.min),
            n as f64 / t.min.as_secs_f64()
        );
    }
    println!(
        "\nspeedup 2 vs 1 thread: {:.2}× (medians), {:.2}× (minima); output of --jobs 1 and --jobs 2 {}; two --jobs 2 runs {}. Load average at the end: {}.\n",
        t1.median.as_secs_f64() / t2.median.as_secs_f64(),
        t1.min.as_secs_f64() / t2.min.as_secs_f64(),
        if one == two { "byte-identical" } else { "DIFFERENT" },
        if two == again { "byte-identical" } else { "DIFFERENT" },
        load_average()
    );
}

// ---------------------------------------------------------------- macro work

/// What `#[derive(Validator)]` does, timed in this process: compile the rule directory
/// (parse, resolve, check, code lists) and generate the items, then print them
/// as the compiler hands them to rustc.
fn expand_macro(cfg: &Config) {
    let rules = cfg.root.join("rules/ncts-p5");
    let lists = cfg.root.join("codelists");
    let runtime: proc_macro2::TokenStream = "::eucdm_runtime".parse().unwrap();
    let mut compile = Vec::new();
    let mut codegen = Vec::new();
    let mut total = Vec::new();
    let mut size = 0;
    for _ in 0..cfg.samples.max(3) {
        let t = Instant::now();
        let c = match eucdm_compiler::compile_dir(&rules, &lists) {
            Ok(c) => c,
            Err(_) => {
                eprintln!("eucdm-bench: {} does not compile", rules.display());
                std::process::exit(1)
            }
        };
        let t1 = t.elapsed();
        let items = eucdm_compiler::codegen::generate(&c.ruleset, &runtime);
        let text = items.to_string();
        let t2 = t.elapsed();
        size = text.len();
        compile.push(t1);
        codegen.push(t2 - t1);
        total.push(t2);
    }
    for v in [&mut compile, &mut codegen, &mut total] {
        v.sort();
    }
    let m = |v: &Vec<Duration>| ms(v[v.len() / 2]);
    println!(
        "derive(Validator) work for rules/ncts-p5 ({}): compile {} + generate {} = {} (median of {}); {} bytes of generated Rust",
        if cfg!(debug_assertions) {
            "unoptimized build, as cargo builds proc macros"
        } else {
            "optimized build"
        },
        m(&compile),
        m(&codegen),
        m(&total),
        total.len(),
        size
    );
}
