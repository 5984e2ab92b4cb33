//! EUCDM data-element numbers (`19 03 000 000`) to message paths.

use super::{fields, span_in_line};
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
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let line_start = offset;
            offset += line.len();
            let line = line.trim_end_matches(['\n', '\r']);
            let f = match fields(line) {
                Ok(f) => f,
                Err((at, msg)) => {
                    errors.push(Diagnostic::error(
                        span_in_line(file, line_start, at, 1),
                        msg,
                        "here",
                    ));
                    continue;
                }
            };
            if f.is_empty() {
                continue;
            }
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
