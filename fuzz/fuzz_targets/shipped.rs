//! The shipped NCTS P5 message model, dictionary, code-list declarations and
//! code-list CSVs, read once from the repository.

use std::path::Path;
use std::sync::OnceLock;

pub struct Shipped {
    model: Vec<u8>,
    dict: Vec<u8>,
    declarations: Vec<u8>,
    csv: Vec<(String, Vec<u8>)>,
}

impl Shipped {
    /// Model, dictionary and code-list declarations, as rule-directory files.
    pub fn base(&self) -> Vec<(&str, &[u8])> {
        vec![
            ("CC015C.model", &self.model[..]),
            ("data-elements.dict", &self.dict[..]),
            ("codelists.rules", &self.declarations[..]),
        ]
    }

    /// Every shipped code-list CSV.
    pub fn codelists(&self) -> Vec<(&str, &[u8])> {
        self.csv.iter().map(|(n, b)| (n.as_str(), &b[..])).collect()
    }
}

pub fn rule_set() -> &'static Shipped {
    static SHIPPED: OnceLock<Shipped> = OnceLock::new();
    SHIPPED.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let rules = root.join("rules/ncts-p5");
        let read = |p: &Path| std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        let mut csv: Vec<(String, Vec<u8>)> = std::fs::read_dir(root.join("codelists"))
            .expect("codelists folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "csv"))
            .map(|p| {
                (
                    p.file_name().unwrap().to_string_lossy().into_owned(),
                    read(&p),
                )
            })
            .collect();
        csv.sort();
        Shipped {
            model: read(&rules.join("CC015C.model")),
            dict: read(&rules.join("data-elements.dict")),
            declarations: read(&rules.join("codelists.rules")),
            csv,
        }
    })
}
