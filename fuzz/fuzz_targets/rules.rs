//! The rule parser and checker on arbitrary text. Every input is parsed and its
//! syntax errors rendered; an input that parses is compiled as one `.rules`
//! file against the shipped NCTS P5 message model, dictionary and code lists,
//! in memory, its diagnostics rendered and, when it compiles, code generated.
//! Any outcome is fine but a panic, a hang or a stack overflow.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod shipped;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut sources = eucdm_compiler::Sources::default();
    let file = sources.add("fuzz.rules".into(), text.clone().into_owned());
    if let Err(d) = eucdm_compiler::syntax::parse(&text, file) {
        // Parsing is the cheap part; the whole compilation (a few ms) only runs
        // for input that parses, so that the fuzzer spends its time there.
        let _ = sources.render(&d);
        return;
    }
    let s = shipped::rule_set();
    let mut rules = s.base();
    rules.push(("fuzz.rules", data));
    match eucdm_compiler::compile_in_memory(&rules, &s.codelists()) {
        Ok(c) => {
            let _ = c.sources.render_all(&c.warnings);
            let runtime: proc_macro2::TokenStream = "::eucdm_runtime".parse().expect("a path");
            let _ = eucdm_compiler::codegen::generate(&c.ruleset, &runtime);
        }
        Err(f) => {
            let _ = f.render();
        }
    }
});
