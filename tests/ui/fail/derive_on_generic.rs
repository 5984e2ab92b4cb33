// The rule set is fixed when the crate is built: no type parameter.
#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/presence"]
#[codelists = "ui/codelists"]
struct Rules<T>(std::marker::PhantomData<T>);

fn main() {}
