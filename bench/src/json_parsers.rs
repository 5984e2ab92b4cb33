//! `eucdm-bench --json-parsers`: should the JSON reader be serde_json's?
//!
//! A `serde_json` `DeserializeSeed` that builds the document would parse the
//! whole text with serde_json and then do what the hand reader does with each
//! member (look the name up in the message model, order the members, copy
//! the texts). So serde_json parsing into `IgnoredAny` — every byte checked,
//! nothing kept — is a floor under what such a seed can cost; into a `Value`
//! it is a tree built. Both are timed against the hand reader
//! (`eucdm_runtime::read_message`) building the document, interleaved, on the
//! same JSON (written from the read XML, `json_form`).

use std::path::Path;

use eucdm_generator::{generate, Spec};
use eucdm_ncts_p5 as ncts;
use eucdm_runtime::xml::read_xml_with;
use eucdm_runtime::RuleSet;
use serde::de::IgnoredAny;

use crate::json_form::{self, Form};
use crate::{measure, mib, ms, sorted_xml, unlimited};

pub fn run(samples: usize, root: &Path) {
    println!("## JSON: the hand reader against serde_json (one core, messages in memory)\n");
    println!("| input | form | bytes | hand reader, document built | serde_json → IgnoredAny (floor) | serde_json → Value |");
    println!("|---|---|---:|---:|---:|---:|");
    let examples = root.join("../shared/data/ncts-p5/examples");
    let official: Vec<Vec<u8>> = sorted_xml(&examples)
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with("_ie015.xml"))
        .filter_map(|p| std::fs::read(p).ok())
        .collect();
    let generated = vec![generate(&Spec::items(1999)).into_bytes()];
    for (name, xml) in [
        ("67 official CC015C examples", official),
        ("generated, 1999 items", generated),
    ] {
        if xml.is_empty() {
            println!("| {name} | – | – | ../shared absent | | |");
            continue;
        }
        let docs: Vec<_> = (xml.iter())
            .filter_map(|x| read_xml_with(x, ncts::NCTS_P5.schemas(), unlimited()).ok())
            .collect();
        for (form, label) in [(Form::Own, "own"), (Form::Hmrc, "HMRC")] {
            let texts: Vec<String> = docs.iter().map(|d| json_form::write(d, form)).collect();
            let bytes: Vec<&[u8]> = texts.iter().map(String::as_bytes).collect();
            let hand = || {
                let n: usize = (bytes.iter())
                    .map(|t| {
                        eucdm_runtime::read_message(t, ncts::NCTS_P5.schemas())
                            .map_or(0, |d| d.len())
                    })
                    .sum();
                std::hint::black_box(n);
            };
            let floor = || {
                let ok = (bytes.iter())
                    .filter(|t| serde_json::from_slice::<IgnoredAny>(t).is_ok())
                    .count();
                std::hint::black_box(ok);
            };
            let value = || {
                let ok = (bytes.iter())
                    .filter(|t| serde_json::from_slice::<serde_json::Value>(t).is_ok())
                    .count();
                std::hint::black_box(ok);
            };
            let (mut hand, mut floor, mut value) = (hand, floor, value);
            let st = measure(samples, &mut [&mut hand, &mut floor, &mut value]);
            let base = st[0].median.as_secs_f64();
            let ratio = |i: usize| {
                format!(
                    "{} ({:.2}×)",
                    ms(st[i].median),
                    st[i].median.as_secs_f64() / base
                )
            };
            let size = mib(bytes.iter().map(|t| t.len() as u64).sum());
            println!(
                "| {name} | {label} | {size} | {} | {} | {} |",
                ratio(0),
                ratio(1),
                ratio(2)
            );
        }
    }
    println!("\nMedian of interleaved samples; ratios to the hand reader of the same row.\n");
}
