//! Which CSV files an import makes: one per entity with a list id, and the
//! customs-office role lists made from the offices.

use std::collections::BTreeSet;

use crate::catalogue::{self, ROLE_LISTS};
use crate::csv_out::{Row, SourceRow};
use crate::error::ImportError;
use crate::export::{Export, RefEntry};

/// One code list to write.
#[derive(Debug, Clone)]
pub struct ListFile {
    pub list: String,
    pub rows: Vec<Row>,
    /// Customs-office lists also carry `country,roles`.
    pub office: bool,
    pub source: SourceRow,
}

/// The lists the exports give (only those of `only`, when given). Entities
/// without a list id are read and checked, and not written. A list given by
/// two exports, or asked for and given by none, is an error.
pub fn plan(
    exports: &[Export],
    only: Option<&BTreeSet<String>>,
) -> Result<Vec<ListFile>, ImportError> {
    let mut files: Vec<ListFile> = Vec::new();
    for export in exports {
        for entity in &export.entities {
            let Some(list) = list_of(&entity.name) else {
                continue;
            };
            let source = SourceRow {
                list: list.to_string(),
                source: file_name(export),
                snapshot: Some(export.date),
            };
            let rows: Vec<Row> = entity.entries.iter().map(|e| row(e, export)).collect();
            let office = list == catalogue::OFFICES;
            if office {
                for role_list in ROLE_LISTS {
                    let rows = entity
                        .entries
                        .iter()
                        .filter(|e| {
                            e.office
                                .as_ref()
                                .is_some_and(|o| o.roles.contains(role_list.role))
                        })
                        .map(|e| row(e, export))
                        .collect();
                    let source = SourceRow {
                        list: role_list.list.to_string(),
                        ..source.clone()
                    };
                    push(
                        &mut files,
                        ListFile {
                            list: role_list.list.to_string(),
                            rows,
                            office,
                            source,
                        },
                        export,
                    )?;
                }
            }
            push(
                &mut files,
                ListFile {
                    list: list.to_string(),
                    rows,
                    office,
                    source,
                },
                export,
            )?;
        }
    }
    if let Some(only) = only {
        if let Some(missing) = only.iter().find(|id| !files.iter().any(|f| &f.list == *id)) {
            let file = exports.first().map(|e| e.file.clone()).unwrap_or_default();
            return Err(ImportError::file(
                &file,
                format!("no export given holds list {missing}"),
            ));
        }
        files.retain(|f| only.contains(&f.list));
    }
    files.sort_by(|a, b| a.list.cmp(&b.list));
    Ok(files)
}

fn list_of(entity: &str) -> Option<&'static str> {
    match catalogue::col_entity(entity) {
        Some(kind) => kind.list,
        None => catalogue::list_id(entity),
    }
}

fn push(files: &mut Vec<ListFile>, file: ListFile, export: &Export) -> Result<(), ImportError> {
    if let Some(other) = files.iter().find(|f| f.list == file.list) {
        return Err(ImportError::file(
            &export.file,
            format!(
                "list {} is also given by {}",
                file.list, other.source.source
            ),
        ));
    }
    files.push(file);
    Ok(())
}

fn file_name(export: &Export) -> String {
    export.file.file_name().map_or_else(
        || export.file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn row(e: &RefEntry, export: &Export) -> Row {
    let (valid_from, valid_to) = e.validity(export.date);
    Row {
        code: e.code.clone(),
        description: e.description.clone(),
        valid_from,
        valid_to,
        office: e.office.as_ref().map(|o| {
            let roles: Vec<&str> = o.roles.iter().map(String::as_str).collect();
            (o.country.clone(), roles.join(" "))
        }),
    }
}
