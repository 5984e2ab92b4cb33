//! `eucdm-bench --ratios`: what reading and validating cost against the
//! tokenizer underneath, per message type and size, in one run (issue 21).
//!
//! The floors are passes over the same bytes that build nothing:
//! quick-xml's bare event loop for XML (every event read, every name and
//! text touched), serde_json into `IgnoredAny` for JSON (every byte parsed
//! and checked). The rules' own cost is measured on a document read once
//! (`rules`: the generated validator, `interpreted`: the IR interpreter), so
//! no subtraction of two noisy times is needed.

use std::hint::black_box;

use eucdm_generator::{generate, Message, Spec};
use eucdm_ncts_p5 as ncts;
use eucdm_runtime::xml::read_xml_with;
use eucdm_runtime::{Document, Options, RuleSet};
use quick_xml::events::Event;
use quick_xml::Reader;
use serde::de::IgnoredAny;

use crate::json_form::{self, Form};
use crate::{measure, mib, unlimited, Stat};

/// quick-xml's bare event loop over `bytes`: reads every event and touches
/// every element name and text (length and first byte), builds nothing.
/// Returns a checksum so that nothing is optimized away.
pub fn xml_floor(bytes: &[u8]) -> usize {
    let mut reader = Reader::from_reader(bytes);
    let mut sum = 0usize;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                let name = e.name();
                let name = name.as_ref();
                sum = sum.wrapping_add(name.len() + usize::from(name[0]));
            }
            Ok(Event::End(e)) => sum = sum.wrapping_add(e.name().as_ref().len()),
            Ok(Event::Text(t)) => {
                let t = t.as_ref();
                sum = sum.wrapping_add(t.len() + usize::from(t.first().copied().unwrap_or(0)));
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    sum
}

/// serde_json's pass over `bytes` into `IgnoredAny`: every byte parsed and
/// checked, nothing kept.
pub fn json_floor(bytes: &[u8]) -> usize {
    serde_json::from_slice::<IgnoredAny>(bytes).is_ok() as usize
}

/// The interpreter of the shipped rule directory (compiled once).
pub fn interpreter(root: &std::path::Path) -> eucdm_compiler::interpret::Interpreter {
    let compiled =
        eucdm_compiler::compile_dir(&root.join("rules/ncts-p5"), &root.join("codelists"))
            .unwrap_or_else(|f| panic!("the shipped rule set does not compile:\n{}", f.render()));
    // Leaked: the interpreter borrows the IR for the rest of the process.
    let compiled = Box::leak(Box::new(compiled));
    eucdm_compiler::interpret::Interpreter::new(&compiled.ruleset)
}

/// The rules applied to a document already read (with `rules`' own
/// schemas); the number of violations.
pub fn apply(rules: &dyn RuleSet, doc: &Document) -> usize {
    rules
        .validate(doc, &Options::default())
        .expect("a document read with the rule set's schemas")
        .violations
        .len()
}

pub fn run(samples: usize, sizes: &[usize], root: &std::path::Path) {
    let interp = interpreter(root);
    println!("## Against the tokenizer (issue 21)\n");
    println!(
        "One core, messages in memory, medians of interleaved samples (one round = one sample \
         of every column of the row). XML: floor = quick-xml's bare event loop; JSON (the \
         project's own form, written from the read XML): floor = serde_json into IgnoredAny. \
         read = document built; validate = read + every rule; rules = every rule on a document \
         read once (compiled), interpreted = the same by the IR interpreter.\n"
    );
    println!("| message | items | XML bytes | XML floor | read / floor | validate / floor | rules | interpreted / rules | JSON bytes | JSON floor | read / floor | validate / floor | violations |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for message in Message::ALL {
        let sizes: &[usize] = if message == Message::CC014C {
            &[1]
        } else {
            sizes
        };
        for &items in sizes {
            row(message, items, samples, &interp);
        }
    }
    println!(
        "\nCC014C has no repeating part (one size). CC007C is valid up to 9 incidents: larger \
         sizes carry violations (the column says how many).\n"
    );
}

fn row(message: Message, items: usize, samples: usize, interp: &dyn RuleSet) {
    let xml = generate(&Spec::message(message, items)).into_bytes();
    let doc =
        read_xml_with(&xml, ncts::NCTS_P5.schemas(), unlimited()).expect("generated XML reads");
    // The interpreter has its own models (from the rule directory).
    let interp_doc =
        read_xml_with(&xml, interp.schemas(), unlimited()).expect("generated XML reads");
    let json = json_form::write(&doc, Form::Own).into_bytes();
    let violations = apply(&ncts::NCTS_P5, &doc);
    assert_eq!(
        violations,
        apply(interp, &interp_doc),
        "{} {items}: compiled and interpreted disagree",
        message.name()
    );
    let mut f_floor = || {
        black_box(xml_floor(black_box(&xml)));
    };
    let mut f_read = || {
        black_box(
            read_xml_with(black_box(&xml), ncts::NCTS_P5.schemas(), unlimited())
                .map(|d| d.len())
                .ok(),
        );
    };
    let mut f_validate = || {
        black_box(ncts::validate_xml(black_box(&xml), &Options::default()).ok());
    };
    let mut f_rules = || {
        black_box(apply(&ncts::NCTS_P5, black_box(&doc)));
    };
    let mut f_interp = || {
        black_box(apply(interp, black_box(&interp_doc)));
    };
    let mut j_floor = || {
        black_box(json_floor(black_box(&json)));
    };
    let mut j_read = || {
        black_box(
            eucdm_runtime::read_message(black_box(&json), ncts::NCTS_P5.schemas())
                .map(|d| d.len())
                .ok(),
        );
    };
    let mut j_validate = || {
        black_box(ncts::validate_json(black_box(&json), &Options::default()).ok());
    };
    let st = measure(
        samples,
        &mut [
            &mut f_floor,
            &mut f_read,
            &mut f_validate,
            &mut f_rules,
            &mut f_interp,
            &mut j_floor,
            &mut j_read,
            &mut j_validate,
        ],
    );
    let r = |a: &Stat, b: &Stat| format!("{:.2}", a.median.as_secs_f64() / b.median.as_secs_f64());
    println!(
        "| {} | {items} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {violations} |",
        message.name(),
        mib(xml.len() as u64),
        crate::ms(st[0].median),
        r(&st[1], &st[0]),
        r(&st[2], &st[0]),
        crate::ms(st[3].median),
        r(&st[4], &st[3]),
        mib(json.len() as u64),
        crate::ms(st[5].median),
        r(&st[6], &st[5]),
        r(&st[7], &st[5]),
    );
}
