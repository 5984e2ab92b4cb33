// The macro names every rule file it reads (include_bytes!), so cargo rebuilds
// when one changes; a file *added* to a folder is only seen through the folders.
fn main() {
    println!("cargo:rerun-if-changed=../rules/uk-ens");
    println!("cargo:rerun-if-changed=../rules/uk-ens-legacy");
    println!("cargo:rerun-if-changed=../codelists");
}
