//! EUCDM data-element numbers (`19 03 000 000`) to message paths.

use super::{records, span_in_line};
use crate::diagnostics::{Diagnostic, FileId};

#[derive(Debug, Clone)]
pub struct DataElement {
    /// Normalised number, four groups.
    pub number: String,
    pub name: String,
    /// Dotted paths from the message root.
    pub paths: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Dictionary {
    pub entries: Vec<DataElement>,
}

impl Dictionary {
    pub fn parse(text: &str, file: FileId) -> Result<Dictionary, Vec<Diagnostic>> {
        let mut d = Dictionary::default();
        let mut errors = Vec::new();
        for record in records(text, file) {
            let (line_start, f) = match record {
                Ok(r) => r,
                Err(d) => {
                    errors.push(d);
                    continue;
                }
            };
            let groups = f
                .iter()
                .take_while(|x| x.1.bytes().all(|b| b.is_ascii_digit()))
                .count();
            let name_at = f.get(groups).filter(|x| x.1.starts_with('"'));
            if groups != 4 || name_at.is_none() {
                errors.push(Diagnostic::error(
                    span_in_line(file, line_start, f[0].0, f[0].1.len()),
                    "malformed data element line",
                    "expected `NN NN NNN NNN \"<name>\" <path>...`",
                ));
                continue;
            }
            d.entries.push(DataElement {
                number: f[..4].iter().map(|x| x.1).collect::<Vec<_>>().join(" "),
                name: f[4].1.trim_matches('"').to_string(),
                paths: f[5..].iter().map(|x| x.1.to_string()).collect(),
            });
        }
        if errors.is_empty() {
            Ok(d)
        } else {
            Err(errors)
        }
    }

    pub fn get(&self, number: &str) -> Option<&DataElement> {
        self.entries.iter().find(|e| e.number == number)
    }
}
