// The macro names every rule and CSV file it reads (include_bytes!), so cargo
// rebuilds when one changes; a file *added* to a folder is only seen through
// the folders themselves, and a different code-list folder through the variable.
fn main() {
    println!("cargo:rerun-if-changed=../rules/ncts-p5");
    println!("cargo:rerun-if-changed=../codelists");
    println!("cargo:rerun-if-env-changed=EUCDM_CODELISTS");
    if let Some(dir) = std::env::var_os("EUCDM_CODELISTS") {
        println!(
            "cargo:rerun-if-changed={}",
            std::path::Path::new(&dir).display()
        );
    }
}
