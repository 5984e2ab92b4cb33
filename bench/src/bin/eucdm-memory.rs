//! `eucdm-memory read|validate FILE...` — where the memory of reading and
//! validating an NCTS P5 message (XML, or JSON when it starts with `{`)
//! goes, phase by phase.
//!
//! `eucdm-bench --child` gives the process's peak RSS (`VmHWM`): the figure
//! that matters, but one number. This binary counts every allocation (a
//! global allocator over the system one, which the timing binary must not
//! carry) and prints, per file and phase, the bytes live after the phase and
//! the peak of live bytes during it, each also as a ratio to the message
//! size. Requested bytes, not touched pages: capacity reserved and never
//! written counts here but not in `VmHWM`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use eucdm_ncts_p5 as ncts;
use eucdm_runtime::json::{looks_like_json, read_json_with};
use eucdm_runtime::xml::{read_xml_with, Limits};
use eucdm_runtime::{Options, RuleSet};

/// The system allocator, counting the bytes live and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let now = LIVE.fetch_add(by, Relaxed) + by;
    PEAK.fetch_max(now, Relaxed);
}

// SAFETY: every call is passed on to `System` unchanged; the counters are
// side bookkeeping.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() && new_size > layout.size() {
            // Counted as if old and new were both live for a moment: a
            // moving realloc needs both (an in-place or mremap one does not).
            grew(new_size);
            LIVE.fetch_sub(layout.size(), Relaxed);
        } else if !p.is_null() {
            // Shrinking happens in place.
            LIVE.fetch_sub(layout.size() - new_size, Relaxed);
        }
        p
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// One phase's figures: live bytes after it, peak live bytes during it.
struct Phase {
    name: &'static str,
    live: usize,
    peak: usize,
}

/// Runs `f` as one phase: the peak is reset to what is live at its start.
fn phase<T>(name: &'static str, phases: &mut Vec<Phase>, f: impl FnOnce() -> T) -> T {
    PEAK.store(LIVE.load(Relaxed), Relaxed);
    let out = f();
    phases.push(Phase {
        name,
        live: LIVE.load(Relaxed),
        peak: PEAK.load(Relaxed),
    });
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(mode), files) = (args.first(), args.get(1..).unwrap_or_default()) else {
        eprintln!("usage: eucdm-memory read|validate FILE...");
        std::process::exit(2);
    };
    if !matches!(mode.as_str(), "read" | "validate") || files.is_empty() {
        eprintln!("usage: eucdm-memory read|validate FILE...");
        std::process::exit(2);
    }
    println!("| file | phase | live after | peak during | live / size | peak / size |");
    println!("|---|---|---:|---:|---:|---:|");
    let start = rss();
    for file in files {
        if let Err(e) = measure(mode == "validate", file) {
            eprintln!("{file}: {e}");
            std::process::exit(1);
        }
    }
    // What the process holds now against before the first file: pages of
    // the program (code, tables) its work touched are file-backed (RssFile),
    // the heap is RssAnon; VmHWM is the peak of both together.
    let end = rss();
    for (k, (a, b)) in ["VmHWM", "RssAnon", "RssFile"]
        .iter()
        .zip(start.iter().zip(&end))
    {
        println!("{k} growth: {} bytes", b - a);
    }
}

/// `VmHWM`, `RssAnon` and `RssFile` of this process, in bytes (0 off Linux).
fn rss() -> [i64; 3] {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    ["VmHWM:", "RssAnon:", "RssFile:"].map(|k| {
        let line = status.lines().find(|l| l.starts_with(k));
        let kb = line.and_then(|l| l.split_whitespace().nth(1)?.parse::<i64>().ok());
        kb.unwrap_or(0) * 1024
    })
}

/// Prints the phases of reading (and validating) `file`; bytes are counted
/// from a baseline taken before the file is loaded.
fn measure(validate: bool, file: &str) -> Result<(), String> {
    let base = LIVE.load(Relaxed);
    let mut phases = Vec::new();
    let bytes = phase("load", &mut phases, || std::fs::read(file)).map_err(|e| e.to_string())?;
    let limits = Limits {
        max_bytes: usize::MAX,
        ..Limits::default()
    };
    let schemas = ncts::NCTS_P5.schemas();
    let doc = phase("read", &mut phases, || {
        if looks_like_json(&bytes) {
            read_json_with(&bytes, schemas, limits)
        } else {
            read_xml_with(&bytes, schemas, limits)
        }
    })
    .map_err(|e| e.to_string())?;
    phase("instance index", &mut phases, || doc.index().of(0).len());
    if validate {
        let report = phase("rules + report", &mut phases, || {
            ncts::NCTS_P5.validate(&doc, &Options::default())
        })
        .map_err(|e| e.to_string())?;
        drop(report);
    }
    let size = bytes.len() as f64;
    for p in &phases {
        let (live, peak) = (p.live - base, p.peak - base);
        println!(
            "| {file} | {} | {live} | {peak} | {:.3} | {:.3} |",
            p.name,
            live as f64 / size,
            peak as f64 / size
        );
    }
    Ok(())
}
