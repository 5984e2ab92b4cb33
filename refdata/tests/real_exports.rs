//! The shipped office lists against the real data: the COL export they were
//! imported from (`EUCDM_COL_EXPORT`), and the shared folder's copy of the same
//! export's offices. Ignored, with the reason, when those are absent
//! (`build.rs`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

const OFFICE_LISTS: [&str; 5] = ["CL141", "CL171", "CL172", "CL173", "CL175"];

#[test]
#[cfg_attr(
    col_export_absent,
    ignore = "set EUCDM_COL_EXPORT to COL-Generic-20241105.xml (hmrc/ctc-traders-phase5-tis source/downloads/, unzipped)"
)]
fn shipped_office_lists_are_the_import_of_the_col_export() {
    let path = PathBuf::from(std::env::var("EUCDM_COL_EXPORT").unwrap());
    let export = eucdm_refdata::read_export(&path, None).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(export.date.to_string(), "2024-11-05");
    let counts: Vec<(&str, usize)> = export
        .entities
        .iter()
        .map(|e| (e.name.as_str(), e.entries.len()))
        .collect();
    assert_eq!(
        counts,
        [
            ("CountryCodesFullList", 265),
            ("CountryHolidays", 37),
            ("CountryRegion", 296),
            ("CustomsOffices", 4136),
            ("GeoInfoCodes", 103),
            ("LanguageCodes", 189),
            ("Role", 57),
            ("SpecificNotesCode", 34),
            ("TrafficType", 8),
            ("UnLocode", 55382),
        ]
    );
    let only: BTreeSet<String> = OFFICE_LISTS.iter().map(|s| s.to_string()).collect();
    let files = eucdm_refdata::plan(&[export], Some(&only)).unwrap();
    let check = eucdm_refdata::write_lists(&root().join("codelists"), &files, true).unwrap();
    let stale: Vec<_> = check
        .iter()
        .filter(|w| w.changed)
        .map(|w| w.path.display().to_string())
        .collect();
    assert!(
        stale.is_empty(),
        "not the import of {}: {stale:?}",
        path.display()
    );
}

#[test]
#[cfg_attr(shared_absent, ignore = "needs ../shared beside the repository")]
fn shipped_office_lists_agree_with_the_shared_copy() {
    for id in OFFICE_LISTS {
        let codes_roles = |p: PathBuf| -> Vec<(String, String)> {
            let text =
                std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            // Office names hold no line breaks; code is the first field, roles the last.
            text.lines()
                .skip(1)
                .map(|l| {
                    let code = l.split(',').next().unwrap().to_string();
                    let roles = l.rsplit(',').next().unwrap().to_string();
                    (code, roles)
                })
                .collect()
        };
        let shipped = codes_roles(root().join(format!("codelists/{id}.csv")));
        let shared = codes_roles(root().join(format!("../shared/data/codelists/{id}.csv")));
        assert_eq!(shipped.len(), shared.len(), "{id}");
        assert!(
            shipped == shared,
            "{id}: codes or roles differ from the shared copy"
        );
    }
}

#[test]
fn shipped_sources_name_existing_lists() {
    let dir = root().join("codelists");
    let text = std::fs::read_to_string(dir.join(eucdm_refdata::SOURCES_FILE)).unwrap();
    let rows = eucdm_refdata::parse_sources(&text)
        .unwrap_or_else(|(line, e)| panic!("SOURCES.csv:{line}: {e}"));
    for row in &rows {
        assert!(
            dir.join(format!("{}.csv", row.list)).is_file(),
            "{} has no CSV",
            row.list
        );
    }
    let listed: BTreeSet<&str> = rows.iter().map(|r| r.list.as_str()).collect();
    assert!(
        OFFICE_LISTS.iter().all(|l| listed.contains(l)),
        "{listed:?}"
    );
    let office_dates = rows
        .iter()
        .filter(|r| OFFICE_LISTS.contains(&r.list.as_str()));
    assert!(office_dates
        .map(|r| r.snapshot.map(|d| d.to_string()))
        .all(|d| d.as_deref() == Some("2024-11-05")));
    // Every shipped list names its source (tools/derive-codelists.py writes the
    // rows of the lists it makes, the import those of the lists it imports).
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if let Some(list) = name.strip_suffix(".csv").filter(|l| l.starts_with("CL")) {
            assert!(listed.contains(list), "{list} has no row in SOURCES.csv");
        }
    }
}
