//! Import of official reference data into the project's code-list CSV files.
//!
//! Reads the CS/RD2 export in its generic XML form (`COL-Generic-*.xml`) and
//! HMRC's reference-data JSON, checks every entity of it (codes present and
//! unique, dates well formed), and writes one `CLxxx.csv` per list with a
//! known id, the customs-office role lists derived from the offices, and
//! `SOURCES.csv` (each list's export and its date; other lists' rows are
//! kept). Everything is read and checked before anything is written, and
//! files are replaced by renames.

mod catalogue;
mod csrd2_xml;
mod csv_out;
mod date;
mod error;
mod export;
mod hmrc_json;
mod output;
mod plan;

pub use catalogue::{EntityKind, RoleList, COL_ENTITIES, LIST_NAMES, OFFICES, ROLE_LISTS};
pub use csv_out::{parse_sources, render, Row, SourceRow, SOURCES_FILE};
pub use date::IsoDate;
pub use error::ImportError;
pub use export::{Entity, EntryState, Export, OfficeFacts, RefEntry};
pub use output::{write_lists, Written};
pub use plan::{plan, ListFile};

use std::path::Path;

/// Exports larger than this are refused (the COL export of 2024-11-05 is 55 MB).
pub const MAX_EXPORT_BYTES: u64 = 1 << 30;

/// Reads one export file. `date` is the export's day when the file does not
/// say it (HMRC payloads do; the CS/RD2 XML is dated by its `-YYYYMMDD` name).
pub fn read_export(path: &Path, date: Option<IsoDate>) -> Result<Export, ImportError> {
    let size = std::fs::metadata(path)
        .map_err(|e| ImportError::file(path, format!("cannot read: {e}")))?
        .len();
    if size > MAX_EXPORT_BYTES {
        return Err(ImportError::file(
            path,
            format!("{size} bytes: larger than the {MAX_EXPORT_BYTES}-byte limit"),
        ));
    }
    let bytes =
        std::fs::read(path).map_err(|e| ImportError::file(path, format!("cannot read: {e}")))?;
    if bytes.starts_with(&[0x1f, 0x8b]) {
        return Err(ImportError::file(path, "gzip-compressed: gunzip it first"));
    }
    let text = error::utf8(path, &bytes)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (own_date, entities) = match text.trim_start().chars().next() {
        Some('<') => (None, csrd2_xml::read(path, text)?),
        Some('{' | '[') => {
            let lists = hmrc_json::read(path, text)?;
            (lists.date, lists.entities)
        }
        _ => {
            return Err(ImportError::file(
                path,
                "neither XML nor JSON: not a reference-data export",
            ))
        }
    };
    let date = date
        .or(own_date)
        .or_else(|| date_in_name(path))
        .ok_or_else(|| {
            ImportError::file(
                path,
                "the export's date is not known: give it with --snapshot-date YYYY-MM-DD",
            )
        })?;
    Ok(Export {
        file: path.to_path_buf(),
        date,
        entities,
    })
}

/// The `YYYYMMDD` day in a file name such as `COL-Generic-20241105.xml`.
fn date_in_name(path: &Path) -> Option<IsoDate> {
    let name = path.file_name()?.to_str()?;
    let bytes = name.as_bytes();
    (0..bytes.len().saturating_sub(7)).find_map(|i| {
        let digits = &name[i..i + 8];
        let bounded = (i == 0 || !bytes[i - 1].is_ascii_digit())
            && !matches!(bytes.get(i + 8), Some(b) if b.is_ascii_digit());
        (bounded && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| IsoDate::parse(digits))
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_from_the_file_name() {
        let d = |n: &str| date_in_name(Path::new(n)).map(|d| d.to_string());
        assert_eq!(d("COL-Generic-20241105.xml").as_deref(), Some("2024-11-05"));
        assert_eq!(
            d("/a/b/RD_NCTS-P5-20250212.json").as_deref(),
            Some("2025-02-12")
        );
        assert_eq!(d("export.xml"), None);
        assert_eq!(d("x-202411051.xml"), None);
        assert_eq!(d("x-20241305.xml"), None);
    }
}
