// `#[rules]` is required: the derive has no rule folder to compile.
#[derive(eucdm_macros::Validator)]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
