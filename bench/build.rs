//! Generates the code-list membership variants that `eucdm-codelists` compares
//! (`$OUT_DIR/codelists_gen.rs`): for each list, a `match` on string literals,
//! a sorted slice searched by bisection, a `phf::Set` (perfect hash), an
//! open-addressing table with an FNV-1a hash, and slices bucketed by length and
//! first byte.
//!
//! Lists: CL141 (customs offices) from `../shared/data/codelists/CL141.csv`
//! when present, else 4136 generated codes of the same shape (2 letters +
//! 6 digits); CL017 (kinds of packages), CL060 (91), CL010 (36), CL048 (16) and
//! CL112 (9) from the project's `codelists/`.

use std::fmt::Write as _;
use std::path::Path;

fn codes_of(csv: &str) -> Vec<String> {
    csv.lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
        .collect()
}

/// 4136 codes shaped like customs offices: country letters + 6 digits.
fn generated_offices() -> Vec<String> {
    let countries = [
        "AD", "AT", "BE", "BG", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "GR",
        "HR", "HU", "IE", "IS", "IT", "LT", "LU", "LV", "MK", "MT", "NL", "NO", "PL", "PT", "RO",
        "RS", "SE", "SI", "SK", "SM", "TR", "UA", "XI", "GE", "AL",
    ];
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut out = std::collections::BTreeSet::new();
    while out.len() < 4136 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let c = countries[(x % countries.len() as u64) as usize];
        out.insert(format!("{c}{:06}", (x >> 20) % 1_000_000));
    }
    out.into_iter().collect()
}

pub fn fnv1a(s: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in s {
        h ^= b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

fn gen_list(out: &mut String, name: &str, mut codes: Vec<String>) {
    codes.sort();
    codes.dedup();
    let lit = |c: &String| format!("{c:?}");
    let n = codes.len();
    writeln!(out, "pub mod {name} {{").unwrap();
    // The codes, for the benchmark's hits.
    writeln!(
        out,
        "pub static CODES: [&str; {n}] = [{}];",
        codes.iter().map(lit).collect::<Vec<_>>().join(",")
    )
    .unwrap();
    // 1. match
    writeln!(
        out,
        "#[inline(never)] pub fn by_match(code: &str) -> bool {{ matches!(code, {}) }}",
        codes.iter().map(lit).collect::<Vec<_>>().join("|")
    )
    .unwrap();
    // 2. sorted slice
    writeln!(out, "#[inline(never)] pub fn by_sorted(code: &str) -> bool {{ CODES.binary_search(&code).is_ok() }}").unwrap();
    // 3. phf
    let mut set = phf_codegen::Set::new();
    for c in &codes {
        set.entry(c.as_str());
    }
    writeln!(out, "static PHF: phf::Set<&'static str> = {};", set.build()).unwrap();
    writeln!(
        out,
        "#[inline(never)] pub fn by_phf(code: &str) -> bool {{ PHF.contains(code) }}"
    )
    .unwrap();
    // 4. open addressing, FNV-1a, load ≤ 1/2, u16 indices (u16::MAX = empty)
    let size = (2 * n).next_power_of_two();
    let mut table = vec![u16::MAX; size];
    for (i, c) in codes.iter().enumerate() {
        let mut h = fnv1a(c.as_bytes()) as usize & (size - 1);
        while table[h] != u16::MAX {
            h = (h + 1) & (size - 1);
        }
        table[h] = i as u16;
    }
    writeln!(out, "static TABLE: [u16; {size}] = {table:?};").unwrap();
    writeln!(
        out,
        "#[inline(never)] pub fn by_hash(code: &str) -> bool {{
            let mut h = super::fnv1a(code.as_bytes()) as usize & {mask};
            loop {{
                let i = TABLE[h];
                if i == u16::MAX {{ return false; }}
                if CODES[i as usize] == code {{ return true; }}
                h = (h + 1) & {mask};
            }}
        }}",
        mask = size - 1
    )
    .unwrap();
    // 5. buckets by (length, first byte): ranges into CODES sorted by (len, code)
    let mut by_len = codes.clone();
    by_len.sort_by(|a, b| (a.len(), a.as_str()).cmp(&(b.len(), b.as_str())));
    let mut ranges: std::collections::BTreeMap<(usize, u8), (usize, usize)> = Default::default();
    for (i, c) in by_len.iter().enumerate() {
        let e = ranges.entry((c.len(), c.as_bytes()[0])).or_insert((i, i));
        e.1 = i + 1;
    }
    writeln!(
        out,
        "static BY_LEN: [&str; {n}] = [{}];",
        by_len.iter().map(lit).collect::<Vec<_>>().join(",")
    )
    .unwrap();
    let arms: Vec<String> = ranges
        .iter()
        .map(|(&(l, b), &(s, e))| format!("({l}, {b}) => &BY_LEN[{s}..{e}],"))
        .collect();
    writeln!(
        out,
        "#[inline(never)] pub fn by_bucket(code: &str) -> bool {{
            let Some(&b) = code.as_bytes().first() else {{ return false; }};
            let slice: &[&str] = match (code.len(), b) {{ {} _ => return false }};
            slice.binary_search(&code).is_ok()
        }}",
        arms.join(" ")
    )
    .unwrap();
    writeln!(out, "}}").unwrap();
}

fn main() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = manifest.join("../../shared/data/codelists/CL141.csv");
    let own = manifest.join("../codelists");
    println!("cargo:rerun-if-changed={}", shared.display());
    println!("cargo:rerun-if-changed={}", own.join("CL017.csv").display());
    for f in ["CL112.csv", "CL048.csv", "CL010.csv", "CL060.csv"] {
        println!("cargo:rerun-if-changed={}", own.join(f).display());
    }
    println!("cargo:rerun-if-changed=build.rs");
    let (cl141, source) = match std::fs::read_to_string(&shared) {
        Ok(t) => (codes_of(&t), "../shared/data/codelists/CL141.csv"),
        Err(_) => (
            generated_offices(),
            "generated (../shared absent): 2 letters + 6 digits",
        ),
    };
    let read =
        |f: &str| codes_of(&std::fs::read_to_string(own.join(f)).expect("project code list"));
    let mut out = String::new();
    writeln!(out, "pub const CL141_SOURCE: &str = {source:?};").unwrap();
    writeln!(out, "#[inline] pub fn fnv1a(s: &[u8]) -> u32 {{ let mut h: u32 = 0x811c_9dc5; for &b in s {{ h ^= b as u32; h = h.wrapping_mul(0x0100_0193); }} h }}").unwrap();
    gen_list(&mut out, "cl141", cl141);
    gen_list(&mut out, "cl017", read("CL017.csv"));
    gen_list(&mut out, "cl060", read("CL060.csv"));
    gen_list(&mut out, "cl010", read("CL010.csv"));
    gen_list(&mut out, "cl048", read("CL048.csv"));
    gen_list(&mut out, "cl112", read("CL112.csv"));
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("codelists_gen.rs");
    std::fs::write(dest, out).unwrap();
}
