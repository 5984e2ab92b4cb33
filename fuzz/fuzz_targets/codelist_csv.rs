//! The CSV code-list loader on arbitrary bytes: the input is `CL231.csv`
//! (DeclarationType, which other lists are declared subsets of) in the shipped
//! rule set's code-list folder, compiled in memory with the shipped model.
//! Any outcome is fine but a panic or a hang; diagnostics are rendered too.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod shipped;

fuzz_target!(|data: &[u8]| {
    let s = shipped::rule_set();
    let mut lists = s.codelists();
    lists.retain(|(n, _)| *n != "CL231.csv");
    lists.push(("CL231.csv", data));
    // The loader alone, on the text as the compiler sees it.
    let text = String::from_utf8_lossy(data);
    let mut sources = eucdm_compiler::Sources::default();
    let file = sources.add("CL231.csv".into(), text.clone().into_owned());
    if let Err(d) = eucdm_compiler::codelist::read_csv(&text, file) {
        let _ = sources.render_all(&d);
    }
    match eucdm_compiler::compile_in_memory(&s.base(), &lists) {
        Ok(c) => {
            let _ = c.sources.render_all(&c.warnings);
        }
        Err(f) => {
            let _ = f.render();
        }
    }
});
