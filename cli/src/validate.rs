//! `eucdm validate`: the JSON Lines contract of DESIGN.md.
//!
//! Files are spread over `--jobs N` threads (default: every core; also
//! `EUCDM_JOBS`): workers take the next file from an atomic index, and the
//! results are written in input order as each comes next in line, so the
//! output is byte-identical whatever the number of threads.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

use eucdm_runtime::{
    report::{Reason, Violation},
    Answers, ExternalChecks, NoExternalChecks, Options, Refused, Report, RuleSet,
    MAX_FUNCTIONAL_ERRORS,
};

use crate::progress::Progress;
use crate::rejection::sink::{NotWritten, RejectionSink};
use crate::rejection::{Kind, Rejection, RejectionTime, Wanted};
use crate::source::RuleSource;
use eucdm_runtime::report::line::{self, ErrorLine, ReportLine};

/// What `validate` takes besides its rule source.
#[derive(clap::Args, Debug)]
#[command(mut_arg("codelists", |a| a.help(CODELISTS_HELP)))]
// An option given twice takes the last value, as before clap (a script may append one).
#[command(args_override_self = true)]
pub struct Args {
    /// text: a block per file for people; json: one JSON object per file, one
    /// per line, in input order (the contract in README); rejection: the
    /// rejection NCTS sends per invalid message, an IE056 (CC056C) from the
    /// office of departure or an IE057 (CC057C, for CC007C and CC044C) from
    /// the office of destination (on stdout for one FILE, else --out DIR);
    /// ie056, ie057: only that one; junit: one JUnit XML report, a test case
    /// per file
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// With --format rejection|ie056|ie057: write each invalid message's
    /// rejection as DIR/<name>.ie056.xml or DIR/<name>.ie057.xml (and remove
    /// that of a valid one), print each path written
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// With --format rejection|ie056|ie057: the date and time of the
    /// rejection (default: now, UTC)
    #[arg(long, value_name = "YYYY-MM-DDThh:mm:ss", value_parser = RejectionTime::parse)]
    now: Option<RejectionTime>,
    /// Judge messages by the rules in force on this day instead of each
    /// message's preparation date
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: Option<String>,
    /// Validate on N threads (default: every core); the output is the same,
    /// in input order, whatever N
    #[arg(short, long, value_name = "N", env = "EUCDM_JOBS", value_parser = parse_jobs)]
    jobs: Option<usize>,
    /// Answer the rules' registry questions (EOS, TARIC, ...) from FILE, one
    /// `<hook> <valid|invalid> <value>` per line; a value it does not list
    /// stays undecided
    #[arg(long, value_name = "FILE")]
    external: Option<PathBuf>,
    /// Validate the messages of DIR as one movement: each trader message with
    /// those prepared before it as context; messages from customs (CC028C,
    /// CC043C) are context only. May be given several times; their lines
    /// follow the files'
    #[arg(long, value_name = "DIR")]
    movement: Vec<PathBuf>,
    /// No progress bar (it is shown only on a terminal, for 10 files or more)
    #[arg(short, long)]
    quiet: bool,
    #[command(flatten)]
    source: RuleSource,
    /// Messages: NCTS XML, or JSON when the first non-blank byte is `{`. A
    /// directory stands for its *.xml and *.json files, sorted (not
    /// *.expected.json)
    #[arg(value_name = "FILE|DIR", required_unless_present = "movement")]
    inputs: Vec<PathBuf>,
}

/// `--codelists` of `validate`: without `--rules`, the code lists of the day.
const CODELISTS_HELP: &str = "Take the code lists in DIR (one <ID>.csv per list: CL141.csv) in \
place of the compiled-in ones, each as complete (a code it does not hold is error 12); \
with --rules, the folder of the rule directory's lists";

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Text,
    Json,
    Rejection,
    Ie056,
    Ie057,
    Junit,
}

impl Format {
    /// The rejections the format writes, if it writes rejections.
    fn rejections(self) -> Option<Wanted> {
        match self {
            Format::Rejection => Some(Wanted::Either),
            Format::Ie056 => Some(Wanted::Only(Kind::Ie056)),
            Format::Ie057 => Some(Wanted::Only(Kind::Ie057)),
            Format::Text | Format::Json | Format::Junit => None,
        }
    }
}

/// `--date`: a day of the calendar, `YYYY-MM-DD`.
fn parse_date(d: &str) -> Result<String, String> {
    if eucdm_runtime::structure::is_date(d.as_bytes()) {
        Ok(d.to_string())
    } else {
        Err(format!(
            "`{d}` is not a date (YYYY-MM-DD, a day of the calendar)"
        ))
    }
}

/// `--jobs`, `EUCDM_JOBS`: a number of threads ≥ 1.
fn parse_jobs(n: &str) -> Result<usize, String> {
    match n.trim().parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err("not a number of threads ≥ 1".into()),
    }
}

pub fn run(args: Args) -> u8 {
    let Args {
        format,
        out,
        now,
        date,
        jobs,
        external,
        movement: movements,
        quiet,
        source,
        inputs,
    } = args;
    if out.is_some() && format.rejections().is_none() {
        return usage_error("--out DIR is where --format rejection, ie056 or ie057 writes its files: give one of them or leave --out out");
    }
    let jobs = jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    // What validates: the shipped rule set as compiled, or a rule directory
    // interpreted (`--rules DIR`), with the same output.
    // Without --ruleset or --rules, each message by the shipped rule set of its type.
    let loaded = match source.load(&crate::shipped::ALL) {
        Ok(r) => r,
        Err(status) => return status,
    };
    let ruleset: &dyn RuleSet = &*loaded;
    // `--codelists DIR` without `--rules`: the reference data of the day,
    // replacing the compiled-in lists it has.
    let reference = match source
        .reference_data()
        .map(|dir| crate::codelists::read(dir, ruleset))
    {
        None => None,
        Some(Ok(data)) => Some(data),
        Some(Err(status)) => return status,
    };
    let answers = match &external {
        None => None,
        Some(file) => {
            // The external checks the rule set declares: answers for any other hook are refused.
            let hooks: Vec<&str> = ruleset.externals().into_iter().map(|(h, _)| h).collect();
            match Answers::read(file).and_then(|a| a.check_hooks(&hooks).map(|()| a)) {
                Ok(a) => Some(a),
                Err(e) => {
                    eprintln!("eucdm: {e}");
                    return 2;
                }
            }
        }
    };
    let files = match expand(&inputs) {
        Ok(files) => files,
        Err(e) => {
            eprintln!("eucdm: {e}");
            return 2;
        }
    };
    // Each movement's messages, listed before anything is validated: a
    // directory that cannot be listed stops the run as a FILE's would.
    let mut movement_files = Vec::new();
    for dir in &movements {
        match movement_messages(dir) {
            Ok(files) => movement_files.push((dir, files)),
            Err(e) => {
                eprintln!("eucdm: {e}");
                return 2;
            }
        }
    }
    let mut sink = match format.rejections() {
        Some(wanted) => {
            let messages = files.len() + movement_files.iter().map(|(_, f)| f.len()).sum::<usize>();
            match RejectionSink::new(wanted, out, messages) {
                Ok(sink) => Some(sink),
                Err(e) => return usage_error(&e),
            }
        }
        None => None,
    };
    let job = Job {
        format,
        opts: Options {
            date,
            external: match &answers {
                Some(a) => a as &dyn ExternalChecks,
                None => &NoExternalChecks,
            },
            movement: None,
            codelists: reference.as_ref(),
        },
        ruleset,
        time: now.unwrap_or_else(RejectionTime::now),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let (mut any_invalid, mut any_error, mut write_failed) = (false, false, false);
    let mut dates = Vec::new();
    let mut suite = crate::junit::Suite::default();
    // A step per FILE, one per movement.
    let progress = Progress::new(files.len() + movement_files.len(), quiet);
    // `o` is the outcome of a FILE (a step of the bar), or one of a movement's.
    let mut emit = |o: Outcome, file: bool| {
        let Outcome {
            name,
            line,
            rejection,
            case,
            note,
            invalid,
            error,
            date,
        } = o;
        // Writing a rejection's file may fail with a line on stderr.
        let to_stderr = error.is_some() || note.is_some() || sink.is_some();
        progress.writing(to_stderr, || {
            match &error {
                None => any_invalid |= invalid,
                Some(e) => {
                    any_error = true;
                    eprintln!("eucdm: {name}: {e}");
                }
            }
            if let Some(note) = &note {
                eprintln!("eucdm: {name}: {note}");
            }
            // The rejection through its sink, any other output as a line on stdout.
            let put = match (&mut sink, line) {
                (Some(sink), _) if error.is_none() => sink.put(&name, rejection.as_ref(), &mut out),
                (_, Some(line)) => writeln!(out, "{line}").map_err(NotWritten::from),
                (_, None) => Ok(()),
            };
            // The line reaches the terminal before the bar is drawn again.
            let put = put.and_then(|()| {
                if progress.shares_stdout() {
                    out.flush().map_err(NotWritten::from)
                } else {
                    Ok(())
                }
            });
            match put {
                Ok(()) => {}
                Err(NotWritten::Io(e)) => {
                    if e.kind() != std::io::ErrorKind::BrokenPipe {
                        eprintln!("eucdm: cannot write the output: {e}");
                    }
                    write_failed = true;
                }
                Err(taken) => {
                    any_error = true;
                    eprintln!("eucdm: {name}: {taken}");
                }
            }
        });
        if let Some(case) = case {
            suite.push(case);
        }
        dates.extend(date);
        if file {
            progress.step();
        }
        !write_failed
    };
    let jobs = jobs.min(files.len()).max(1);
    if files.is_empty() {
        // Only movements.
    } else if jobs == 1 {
        for file in &files {
            if !emit(validate_one(file, &job), true) {
                break;
            }
        }
    } else {
        // Workers (and this thread) take the next file from an atomic index and
        // leave the outcome in its slot; this thread writes every outcome that
        // is next in input order after each file it validates, and the rest
        // once all are done. No channel: no wake-up per file.
        let slots: Vec<Mutex<Option<Outcome>>> = files.iter().map(|_| Mutex::new(None)).collect();
        let next = AtomicUsize::new(0);
        let stop = AtomicBool::new(false);
        let take = |i: usize| slots[i].lock().unwrap_or_else(|e| e.into_inner()).take();
        let work_one = || -> bool {
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= files.len() || stop.load(Ordering::Relaxed) {
                return false;
            }
            let o = validate_one(&files[i], &job);
            *slots[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(o);
            true
        };
        let mut cursor = 0;
        std::thread::scope(|s| {
            for _ in 1..jobs {
                s.spawn(|| while work_one() {});
            }
            while work_one() {
                while cursor < files.len() {
                    let Some(o) = take(cursor) else { break };
                    cursor += 1;
                    if !emit(o, true) {
                        stop.store(true, Ordering::Relaxed);
                        break;
                    }
                }
            }
        });
        while !stop.load(Ordering::Relaxed) && cursor < files.len() {
            let o = take(cursor).expect("every file validated");
            cursor += 1;
            if !emit(o, true) {
                break;
            }
        }
    }
    // The movements, after the files, one after the other: each trader
    // message in the order the messages were prepared.
    let mut writing = true;
    for (dir, files) in &movement_files {
        for o in validate_movement(dir, files, &job) {
            writing = writing && emit(o, false);
        }
        progress.step();
        if !writing {
            break;
        }
    }
    progress.finish();
    if format == Format::Junit && !write_failed {
        write_failed = out.write_all(suite.finish().as_bytes()).is_err();
    }
    if write_failed {
        return 2;
    }
    if format == Format::Text {
        let periods: Vec<(&str, &str)> = ruleset
            .rules()
            .iter()
            .map(|r| (r.from.as_ref(), r.until.as_ref()))
            .collect();
        if let Some(note) = periods_note(&periods, &dates, job.opts.date.is_some()) {
            let _ = writeln!(out, "{note}");
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

/// A usage error in clap's form (`error: ...`, the usage line, the hint),
/// exit status 2.
fn usage_error(message: &str) -> u8 {
    use clap::CommandFactory as _;
    let mut cli = crate::Cli::command();
    cli.build();
    let validate = cli
        .find_subcommand_mut("validate")
        .expect("validate is a subcommand");
    let _ = validate
        .error(clap::error::ErrorKind::ArgumentConflict, message)
        .print();
    2
}

/// What every message is validated and answered with.
struct Job<'a> {
    format: Format,
    opts: Options<'a>,
    ruleset: &'a dyn RuleSet,
    /// The rejection time of `--format rejection|ie056|ie057`.
    time: RejectionTime,
}

/// A message validated, with what its rejection is written from.
struct Validated<'d> {
    report: Report,
    doc: &'d eucdm_runtime::Document,
    /// The messages of its movement before it, when validated in one.
    movement: Option<&'d [eucdm_runtime::Document]>,
}

/// One file's output and what it means for the exit status.
struct Outcome {
    name: String,
    /// Its line (JSON) or block (text) on stdout; none for a file that
    /// could not be validated in text mode, whose error goes to stderr alone.
    line: Option<String>,
    /// Its rejection (IE056 or IE057), for the formats that write them.
    rejection: Option<Rejection>,
    /// Its test case, for `--format junit`.
    case: Option<crate::junit::Case>,
    /// Said on stderr: why an invalid message has no rejection.
    note: Option<String>,
    invalid: bool,
    error: Option<String>,
    /// The date its rules were judged by (empty: the message has none).
    date: Option<String>,
}

fn validate_one(file: &Path, job: &Job<'_>) -> Outcome {
    let name = file.display().to_string();
    let doc = match read_one(file, job.ruleset) {
        Ok(doc) if doc.schema().context_only => {
            return outcome(
                name,
                Err(Refused::FromCustoms(doc.schema().id).to_string()),
                job,
            )
        }
        Ok(doc) => doc,
        Err(e) => return outcome(name, Err(e), job),
    };
    let report = job
        .ruleset
        .validate(&doc, &job.opts)
        .expect("read with its own schemas");
    let validated = Validated {
        report,
        doc: &doc,
        movement: None,
    };
    outcome(name, Ok(validated), job)
}

/// Reads one message file with the rule set's message models.
fn read_one(file: &Path, ruleset: &dyn RuleSet) -> Result<eucdm_runtime::Document, String> {
    if let Some(e) = file_error(file) {
        return Err(e);
    }
    let bytes = read_bounded(file)?;
    eucdm_runtime::read_message(&bytes, ruleset.schemas()).map_err(|e| e.to_string())
}

/// The message files of a movement directory (as a DIR argument stands for:
/// `*.xml` and `*.json`, not `*.expected.json`, sorted).
fn movement_messages(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let name = dir.display();
    if !dir.is_dir() {
        return Err(format!(
            "--movement {name}: not a directory (a movement is a directory of its messages)"
        ));
    }
    let v =
        messages_in(dir).map_err(|e| format!("--movement {name}: cannot read directory: {e}"))?;
    if v.is_empty() {
        return Err(format!(
            "--movement {name}: no message (no *.xml or *.json file in this directory)"
        ));
    }
    Ok(v)
}

/// One movement: every file is read; each trader message is validated with
/// the messages prepared before it as context, in the order they were
/// prepared; messages from customs are context only and get no line. When a
/// file cannot be read, it gets its error line and the movement is not
/// validated (a missing message would change what the others are judged by).
fn validate_movement(dir: &Path, files: &[PathBuf], job: &Job<'_>) -> Vec<Outcome> {
    let mut read = Vec::new();
    let mut failed = Vec::new();
    for f in files {
        match read_one(f, job.ruleset) {
            Ok(doc) => read.push((f, doc)),
            Err(e) => failed.push(outcome(f.display().to_string(), Err(e), job)),
        }
    }
    if !failed.is_empty() {
        let e = format!(
            "movement not validated: {} of its files could not be read",
            failed.len()
        );
        failed.push(outcome(dir.display().to_string(), Err(e), job));
        return failed;
    }
    // The order `Movement::new` gives (stable: files prepared at the same time
    // stay in name order), with the file names alongside.
    read.sort_by(|a, b| {
        eucdm_runtime::movement::prepared(&a.1).cmp(eucdm_runtime::movement::prepared(&b.1))
    });
    let (names, docs): (Vec<&PathBuf>, Vec<eucdm_runtime::Document>) = read.into_iter().unzip();
    let movement = eucdm_runtime::movement::Movement::new(docs);
    let mut out = Vec::new();
    for (i, doc) in movement.messages().iter().enumerate() {
        if doc.schema().context_only {
            continue;
        }
        let with = Options {
            date: job.opts.date.clone(),
            external: job.opts.external,
            movement: Some(movement.before(i)),
            codelists: job.opts.codelists,
        };
        let report = job
            .ruleset
            .validate(doc, &with)
            .expect("read with its own schemas");
        let validated = Validated {
            report,
            doc,
            movement: Some(movement.before(i)),
        };
        out.push(outcome(names[i].display().to_string(), Ok(validated), job));
    }
    out
}

fn outcome(name: String, result: Result<Validated<'_>, String>, job: &Job<'_>) -> Outcome {
    let mut o = Outcome {
        line: None,
        rejection: None,
        case: None,
        note: None,
        invalid: false,
        error: None,
        date: None,
        name,
    };
    match result {
        Ok(v) => {
            o.invalid = !v.report.is_valid();
            answer(&mut o, &v, job);
            o.date = Some(v.report.date);
        }
        Err(e) => {
            o.line = match job.format {
                Format::Json => Some(line::line(&ErrorLine {
                    file: &o.name,
                    error: &e,
                })),
                Format::Text | Format::Rejection | Format::Ie056 | Format::Ie057 => None,
                Format::Junit => {
                    o.case = Some(crate::junit::unreadable(&o.name, &e));
                    None
                }
            };
            o.error = Some(e);
        }
    }
    o
}

/// Fills in what the format writes of a validated message.
fn answer(o: &mut Outcome, v: &Validated<'_>, job: &Job<'_>) {
    let r = &v.report;
    match job.format {
        Format::Json => {
            o.line = Some(line::line(&ReportLine {
                file: &o.name,
                report: r,
            }))
        }
        Format::Text => o.line = Some(text_block(&o.name, r, job.ruleset)),
        Format::Junit => o.case = Some(crate::junit::validated(&o.name, r, job.ruleset)),
        Format::Rejection | Format::Ie056 | Format::Ie057 if r.is_valid() => {}
        Format::Rejection | Format::Ie056 | Format::Ie057 => {
            let wanted = job.format.rejections().expect("a format of rejections");
            match crate::rejection::rejection(v.doc, v.movement, r, &job.time, wanted) {
                Ok(rejection) => o.rejection = Some(rejection),
                Err(why) => o.note = Some(why.to_string()),
            }
        }
    }
}

/// The bytes of `file`, refused without reading it whole when it is larger
/// than a message may be (the readers' `max_bytes`): a 10 GB file, a pipe or
/// `/dev/zero` costs no more memory than the limit.
fn read_bounded(file: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read as _;
    let max = eucdm_runtime::xml::Limits::default().max_bytes;
    let too_big = |n: u64| format!("message is {n} bytes, over the limit of {max} bytes");
    let f = std::fs::File::open(file).map_err(|e| format!("cannot read file: {e}"))?;
    let len = f.metadata().map(|m| m.len()).unwrap_or(0);
    if len > max as u64 {
        return Err(too_big(len));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    f.take(max as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read file: {e}"))?;
    if bytes.len() > max {
        return Err(format!("message is over the limit of {max} bytes"));
    }
    Ok(bytes)
}

/// Files in input order; a directory stands for its `*.xml` and `*.json`
/// files, sorted, but not `*.expected.json` (the reports kept beside the
/// messages they are expected of, as in `tests/fixtures`). A directory that
/// cannot be listed or holds no message is an error: a mistyped path in a
/// pipeline must not pass as "nothing invalid".
fn expand(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for p in inputs {
        let i = p.display();
        if p.is_dir() {
            let v = messages_in(p).map_err(|e| format!("{i}: cannot read directory: {e}"))?;
            if v.is_empty() {
                return Err(format!(
                    "{i}: nothing to validate (no *.xml or *.json message in this directory)"
                ));
            }
            files.extend(v);
        } else {
            files.push(p.clone());
        }
    }
    Ok(files)
}

/// The `*.xml` and `*.json` files of a directory (not `*.expected.json`), sorted.
fn messages_in(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    v.retain(|f| {
        let name = f
            .file_name()
            .map_or(String::new(), |n| n.to_string_lossy().to_ascii_lowercase());
        (name.ends_with(".xml") || name.ends_with(".json") && !name.ends_with(".expected.json"))
            && f.is_file()
    });
    v.sort();
    Ok(v)
}

fn file_error(p: &Path) -> Option<String> {
    match std::fs::metadata(p) {
        Err(e) => Some(format!("cannot read file: {e}")),
        Ok(m) if m.is_dir() => Some("is a directory".into()),
        Ok(_) => None,
    }
}

fn text_block(name: &str, r: &Report, ruleset: &dyn RuleSet) -> String {
    let mut s = if r.is_valid() {
        format!("{name}: valid {}", r.message)
    } else {
        format!("{name}: {} error(s) in {}", r.violations.len(), r.message)
    };
    for v in &r.violations {
        let title = title(v, ruleset);
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
        s.push_str(&format!("\n  note: {rule} at {pointer} not decided (needs a registry answer (--external), the movement's other messages (--movement), a complete code list, or a well-formed value)"));
    }
    if r.truncated {
        s.push_str(&format!(
            "\n  note: more errors were found; only the first {MAX_FUNCTIONAL_ERRORS} are listed, as an IE056 carries at most {MAX_FUNCTIONAL_ERRORS}"
        ));
    }
    s
}

/// What a violation's line says after its reason: the rule's title, also when
/// the reason is an id the rule cites (HMRC's message text for `C584`).
pub fn title<'a>(v: &'a Violation, ruleset: &'a dyn RuleSet) -> &'a str {
    match &v.reason {
        Reason::Rule(id) | Reason::Cited { rule: id, .. } => {
            ruleset.rule(id.as_str()).map_or("", |r| &r.title)
        }
        Reason::CodeList(_) => "value not in code list",
        Reason::Structure(fault) => fault.title(),
    }
}

/// Which end of a rule's period in force a message's date falls outside of.
#[derive(Clone, Copy)]
enum PeriodEnd {
    Until,
    From,
}

/// Said once per run, in text mode, when the date of some message put rules
/// out of force: the transitional rules after the end of the transition, the
/// final ones before it. A user who does not know the periods otherwise sees
/// an official example of the transition rejected with no reason given.
fn periods_note<'a>(
    periods: &[(&'a str, &'a str)],
    dates: &[String],
    given: bool,
) -> Option<String> {
    let mut lines = Vec::new();
    // Each distinct end of a period (messages dated after it), then each
    // distinct start (messages dated before it).
    for end in [PeriodEnd::Until, PeriodEnd::From] {
        let day = |p: &(&'a str, &'a str)| -> &'a str {
            match end {
                PeriodEnd::Until => p.1,
                PeriodEnd::From => p.0,
            }
        };
        let mut days: Vec<&str> = periods.iter().map(&day).filter(|d| !d.is_empty()).collect();
        days.sort_unstable();
        days.dedup();
        for d in days {
            let rules = periods.iter().filter(|p| day(p) == d).count();
            let out = (dates.iter())
                .filter(|m| !m.is_empty())
                .filter(|m| match end {
                    PeriodEnd::Until => m.as_str() > d,
                    PeriodEnd::From => m.as_str() < d,
                })
                .count();
            if out > 0 {
                let (side, period) = match end {
                    PeriodEnd::Until => ("after", "until"),
                    PeriodEnd::From => ("before", "from"),
                };
                lines.push(format!(
                    "  {out} message(s) dated {side} {d}: the {rules} rule(s) in force {period} then were not applied (`--date {d}` applies them)"
                ));
            }
        }
    }
    if lines.is_empty() {
        return None;
    }
    let by = if given {
        "the date given by --date"
    } else {
        "each message's preparation date (`--date YYYY-MM-DD` judges by another)"
    };
    Some(format!(
        "note: rules were applied as in force on {by}:\n{}",
        lines.join("\n")
    ))
}
