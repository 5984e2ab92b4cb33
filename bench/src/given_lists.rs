//! Code lists given at run time (`eucdm validate --codelists DIR`,
//! `Options::codelists`): what validating costs with and without them, in one
//! run and interleaved, and what reading them costs once.
//!
//! Two sets of reference data: CL017 (the kinds of packages), read from
//! `codelists/` — the same content as compiled
//! in, so the reports must be equal —, and that plus CL141 (4,136 customs
//! offices of the COL export in `../shared`, or as many made-up codes without
//! it), which the compiled rule set does not check: its reports then differ.

use std::path::Path;
use std::time::{Duration, Instant};

use eucdm_ncts_p5 as ncts;
use eucdm_runtime::{Options, ReferenceData, RuleSet};

use super::{measure, ms, validate, Batch, Config};

/// One set of reference data: its folder (a copy in `tmp`) and the lists read.
struct Given {
    name: &'static str,
    dir: std::path::PathBuf,
    data: ReferenceData,
}

fn opts(data: &ReferenceData) -> Options<'_> {
    Options {
        codelists: Some(data),
        ..Options::default()
    }
}

pub fn run(cfg: &Config, batches: &[Batch], tmp: &Path) {
    println!("## Code lists given at run time (`--codelists DIR`)\n");
    let declared: Vec<&str> = ncts::NCTS_P5
        .codelists()
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    let cl017 = std::fs::read_to_string(cfg.root.join("codelists/CL017.csv")).expect("CL017.csv");
    let shared_cl141 = cfg.root.join("../shared/data/codelists/CL141.csv");
    let (cl141, cl141_from) = match std::fs::read_to_string(&shared_cl141) {
        Ok(t) => (t, "the COL export's offices in ../shared"),
        Err(_) => {
            let rows: String = (0..4136)
                .map(|i| format!("XX{i:06},office {i},2020-01-01\n"))
                .collect();
            (
                format!("code,description,valid_from\n{rows}"),
                "made up, ../shared absent",
            )
        }
    };
    let sets = [
        ("CL017", vec![("CL017.csv", cl017.as_str())]),
        (
            "CL017 + CL141",
            vec![("CL017.csv", cl017.as_str()), ("CL141.csv", cl141.as_str())],
        ),
    ];
    let given: Vec<Given> = (sets.iter().enumerate())
        .map(|(i, (name, files))| {
            let dir = tmp.join(format!("refdata-{i}"));
            std::fs::create_dir_all(&dir).expect("temp dir");
            for (f, text) in files {
                std::fs::write(dir.join(f), text).expect("write list");
            }
            let data = ReferenceData::read_dir(&dir, &declared)
                .expect("lists read")
                .data;
            Given { name, dir, data }
        })
        .collect();

    // The one-off cost: reading the folder, median of the samples.
    println!(
        "Reading the lists (once per run, before any message), median of {} reads:\n",
        cfg.samples
    );
    println!("| lists | codes | read_dir |");
    println!("|---|---:|---:|");
    for g in &given {
        let codes: usize = g
            .data
            .ids()
            .filter_map(|id| g.data.get(id))
            .map(|c| c.len())
            .sum();
        let mut times: Vec<Duration> = (0..cfg.samples)
            .map(|_| {
                let t = Instant::now();
                let l = ReferenceData::read_dir(&g.dir, &declared).expect("lists read");
                std::hint::black_box(l);
                t.elapsed()
            })
            .collect();
        times.sort();
        println!("| {} | {codes} | {} |", g.name, ms(times[times.len() / 2]));
    }
    println!("\nCL141: {cl141_from}.\n");

    println!("Validating (read + rules, messages in memory, one thread), interleaved samples; the ratios are to the compiled-in lists alone:\n");
    println!("| input | compiled-in lists | + CL017 given | ratio | + CL017, CL141 given | ratio | same reports with CL017 | violations with CL141 |");
    println!("|---|---:|---:|---:|---:|---:|---|---:|");
    let chosen = batches.iter().filter(|b| b.items == 0 || b.items == 1999);
    for b in chosen {
        let none = Options::default();
        let (one, two) = (opts(&given[0].data), opts(&given[1].data));
        let pass = |o: &Options<'_>| {
            for x in &b.data {
                std::hint::black_box(validate(x, o).ok());
            }
        };
        let stats = measure(
            cfg.samples,
            &mut [&mut || pass(&none), &mut || pass(&one), &mut || pass(&two)],
        );
        let reports =
            |o: &Options<'_>| -> Vec<_> { b.data.iter().map(|x| validate(x, o).ok()).collect() };
        let same = reports(&none) == reports(&one);
        let violations: usize = (reports(&two).iter().flatten())
            .map(|r| r.violations.len())
            .sum();
        let base: usize = (reports(&none).iter().flatten())
            .map(|r| r.violations.len())
            .sum();
        let ratio = |s: &super::Stat| s.median.as_secs_f64() / stats[0].median.as_secs_f64();
        println!(
            "| {} | {} | {} | {:.3} | {} | {:.3} | {} | {violations} (compiled-in: {base}) |",
            b.name,
            ms(stats[0].median),
            ms(stats[1].median),
            ratio(&stats[1]),
            ms(stats[2].median),
            ratio(&stats[2]),
            if same { "yes" } else { "NO" },
        );
    }
    println!();
}
