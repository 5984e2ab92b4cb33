//! The CSV code-list loader on arbitrary bytes. Every input is read by the
//! loader alone and its diagnostics rendered; then it is compiled in memory as
//! `CL231.csv` of a small rule set (a model item bound to CL231, the shipped
//! CL232 declared a subset of it, a rule and a condition testing membership),
//! so that subset checks, validity dates and code generation see it too.
//! Any outcome is fine but a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

const MODEL: &[u8] = b"message CC015C \"Declaration data\" namespace \"http://ncts.dgtaxud.ec\"
TransitOperation                  group R 1 -     -     \"TRANSIT OPERATION\"
TransitOperation.declarationType  code  R 1 an..5 CL231 \"Declaration type\"
TransitOperation.security         code  O 1 n1    -     \"Security\"
";

const RULES: &[u8] = b"codelist CL231 \"DeclarationType\" = \"CL231.csv\"
codelist CL232 \"DeclarationTypeItemLevel\" subset of CL231 = \"CL232.csv\"

rule R0001 \"Item level type\"
    TransitOperation.declarationType must be in CL232

condition C0001 \"Security\"
    TransitOperation.security mandatory if TransitOperation.declarationType in CL231 else optional
";

const CL232: &[u8] = include_bytes!("../../codelists/CL232.csv");

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut sources = eucdm_compiler::Sources::default();
    let file = sources.add("CL231.csv".into(), text.clone().into_owned());
    if let Err(d) = eucdm_compiler::codelist::read_csv(&text, file) {
        let _ = sources.render_all(&d);
    }
    let rules = [("CC015C.model", MODEL), ("codelists.rules", RULES)];
    let lists = [("CL231.csv", data), ("CL232.csv", CL232)];
    match eucdm_compiler::compile_in_memory(&rules, &lists) {
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
