//! The project's table of reference-data lists: which CS/RD2 entity (or HMRC
//! list name) is which code list, how an entry's code and description are
//! found, and the office lists derived from the offices' roles.
//!
//! List ids: the project's `../shared/data/codelists/INDEX.csv` (CL008 and
//! CL141 come from the COL export's entities of those names), the `CLnnn`
//! comments of `tcl.xsd`, and HMRC's table of CS/RD2 list names
//! (hmrc/customs-reference-data `app/models/CodeList.scala`, which also gives
//! Role = CL056). A COL entity whose list id no source gives is read and
//! checked but not written.

/// How an entry's description is found in the CS/RD2 generic XML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Description {
    /// `LsdList/description[@lang]`: English, else the first.
    Lsd,
    /// A data item of the entry.
    Item(&'static str),
    /// Data groups `group` holding `language` and `text` items: English, else the first.
    Group {
        group: &'static str,
        language: &'static str,
        text: &'static str,
    },
    None,
}

/// One entity of a CS/RD2 export.
#[derive(Debug, Clone, Copy)]
pub struct EntityKind {
    pub name: &'static str,
    /// The data items whose values, joined, are the code.
    pub key: &'static [&'static str],
    pub list: Option<&'static str>,
    pub description: Description,
    /// The data item (`YYYYMMDD`) from which the code is in service.
    pub entry_date: Option<&'static str>,
    /// Entries carry an office's country and roles.
    pub office: bool,
}

const fn entity(
    name: &'static str,
    key: &'static [&'static str],
    list: Option<&'static str>,
    description: Description,
) -> EntityKind {
    EntityKind {
        name,
        key,
        list,
        description,
        entry_date: None,
        office: false,
    }
}

/// The entities of the CS/RD2 COL (customs office list) export.
pub const COL_ENTITIES: &[EntityKind] = &[
    // CL008's `activeFrom` is the date of the current version (176 countries show
    // 2024-02-21), so it gives no start of validity; NctsEntryDate is an NCTS fact,
    // not the list's, and is not used for it either.
    entity(
        "CountryCodesFullList",
        &["CountryCode"],
        Some("CL008"),
        Description::Lsd,
    ),
    EntityKind {
        name: "CustomsOffices",
        key: &["ReferenceNumber"],
        list: Some("CL141"),
        description: Description::Group {
            group: "CustomsOfficeLsd",
            language: "LanguageCode",
            text: "CustomsOfficeUsualName",
        },
        entry_date: Some("NctsEntryDate"),
        office: true,
    },
    entity("Role", &["Role"], Some("CL056"), Description::Lsd),
    entity("CountryHolidays", &["CountryCode"], None, Description::None),
    entity(
        "CountryRegion",
        &["CountryCode", "CountryRegionCode"],
        None,
        Description::Group {
            group: "CountryRegionLsd",
            language: "LanguageCode",
            text: "CountryRegionName",
        },
    ),
    entity("GeoInfoCodes", &["GeoInfoCode"], None, Description::Lsd),
    entity("LanguageCodes", &["LanguageCode"], None, Description::Lsd),
    entity(
        "SpecificNotesCode",
        &["SpecificNotesCode"],
        None,
        Description::Lsd,
    ),
    entity("TrafficType", &["TrafficType"], None, Description::Lsd),
    // UN/LOCODE = country + location; not CL244 UnLocodeExtended (a different list).
    entity(
        "UnLocode",
        &["CountryCode", "UnLocodeId"],
        None,
        Description::Item("UnLocodeName"),
    ),
];

pub fn col_entity(name: &str) -> Option<&'static EntityKind> {
    COL_ENTITIES.iter().find(|e| e.name == name)
}

/// CS/RD2 list names (as HMRC's JSON names them) and their ids.
pub const LIST_NAMES: &[(&str, &str)] = &[
    ("AdditionalInformation", "CL239"),
    ("AdditionalInformationCodeSubset", "CL752"),
    ("AdditionalReference", "CL380"),
    ("AdditionalSupplyChainActorRoleCode", "CL704"),
    ("AuthorisationTypeDeparture", "CL235"),
    ("AuthorisationTypeDestination", "CL236"),
    ("BusinessRejectionTypeDepExp", "CL560"),
    ("BusinessRejectionTypeTED2Dep", "CL561"),
    ("BusinessRejectionTypeTra", "CL580"),
    ("CUSCode", "CL016"),
    ("ControlType", "CL716"),
    ("CountryAddressPostcodeBased", "CL190"),
    ("CountryAddressPostcodeOnly", "CL198"),
    ("CountryCodesCTC", "CL112"),
    ("CountryCodesCommonTransit", "CL009"),
    ("CountryCodesCommunity", "CL010"),
    ("CountryCodesForAddress", "CL248"),
    ("CountryCodesFullList", "CL008"),
    ("CountryCodesOptOut", "CL167"),
    ("CountryCodesWithAddress", "CL199"),
    ("CountryCustomsSecurityAgreementArea", "CL147"),
    ("CountryPlaceOfLoadingNotRequired", "CL289"),
    ("CountryWithoutZip", "CL505"),
    ("CurrencyCodes", "CL048"),
    ("CustomsOffices", "CL141"),
    ("DeclarationType", "CL231"),
    ("DeclarationTypeAdditional", "CL042"),
    ("DeclarationTypeItemLevel", "CL232"),
    ("DeclarationTypeSecurity", "CL217"),
    ("DocumentTypeExcise", "CL234"),
    ("FunctionErrorCodesTED", "CL437"),
    ("FunctionalErrorCodesIeCA", "CL180"),
    ("GuaranteeType", "CL251"),
    ("GuaranteeTypeCTC", "CL229"),
    ("GuaranteeTypeEUNonTIR", "CL230"),
    ("GuaranteeTypeWithGRN", "CL286"),
    ("GuaranteeTypeWithReference", "CL076"),
    ("HScode", "CL152"),
    ("IncidentCode", "CL019"),
    ("InvalidGuaranteeReason", "CL252"),
    ("KindOfPackages", "CL017"),
    ("KindOfPackagesBulk", "CL181"),
    ("KindOfPackagesUnpacked", "CL182"),
    ("MessageTypes", "CL060"),
    ("Nationality", "CL165"),
    ("PreviousDocumentExportType", "CL228"),
    ("PreviousDocumentType", "CL214"),
    ("PreviousDocumentUnionGoods", "CL178"),
    ("QualifierOfIdentificationIncident", "CL038"),
    ("QualifierOfTheIdentification", "CL326"),
    ("RejectionCodeDepartureExport", "CL226"),
    ("RejectionCodeTransit", "CL581"),
    ("RepresentativeStatusCode", "CL094"),
    ("RequestedDocumentType", "CL215"),
    ("Role", "CL056"),
    ("SpecificCircumstanceIndicatorCode", "CL296"),
    ("SupportingDocumentType", "CL213"),
    ("TransportChargesMethodOfPayment", "CL116"),
    ("TransportDocumentType", "CL754"),
    ("TransportModeCode", "CL218"),
    ("TypeOfIdentificationOfMeansOfTransport", "CL750"),
    ("TypeOfIdentificationofMeansOfTransportActive", "CL219"),
    ("TypeOfLocation", "CL347"),
    ("UnDangerousGoodsCode", "CL101"),
    ("UnLocodeExtended", "CL244"),
    ("Unit", "CL349"),
    ("XmlErrorCodes", "CL030"),
];

pub fn list_id(name: &str) -> Option<&'static str> {
    LIST_NAMES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|&(_, id)| id)
}

/// The fields of an HMRC JSON entry that may hold its code, in order of preference.
pub const JSON_CODE_FIELDS: &[&str] = &[
    "code",
    "currency",
    "documentType",
    "role",
    "qualifier",
    "method",
    "type",
    "unLocodeExtendedCode",
    "id",
];

/// A customs-office list made of the offices (CL141) that have a role, as
/// CS/RD2 derives it. The role codes are those of the COL entity `Role`
/// (CL056): DEP "Office of Departure", DES "Office of Destination", TRA
/// "Office of Transit", TXT "Office of Exit for Transit" (EXT is the export
/// system's "Office of Exit"). See codelists/README.md for the evidence.
#[derive(Debug, Clone, Copy)]
pub struct RoleList {
    pub list: &'static str,
    pub title: &'static str,
    pub role: &'static str,
}

pub const ROLE_LISTS: &[RoleList] = &[
    RoleList {
        list: "CL171",
        title: "CustomsOfficeDeparture",
        role: "DEP",
    },
    RoleList {
        list: "CL172",
        title: "CustomsOfficeDestination",
        role: "DES",
    },
    RoleList {
        list: "CL173",
        title: "CustomsOfficeTransit",
        role: "TRA",
    },
    RoleList {
        list: "CL175",
        title: "CustomsOfficeTransitExit",
        role: "TXT",
    },
];

/// The list of all customs offices, which the role lists are made from.
pub const OFFICES: &str = "CL141";

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn one_id_per_name_and_one_name_per_id() {
        let names: HashSet<_> = LIST_NAMES.iter().map(|(n, _)| n).collect();
        let ids: HashSet<_> = LIST_NAMES.iter().map(|(_, id)| id).collect();
        assert_eq!(
            (names.len(), ids.len()),
            (LIST_NAMES.len(), LIST_NAMES.len())
        );
    }

    #[test]
    fn col_entities_agree_with_the_list_names() {
        for kind in COL_ENTITIES {
            if let Some(id) = kind.list {
                assert_eq!(list_id(kind.name), Some(id), "{}", kind.name);
            }
        }
        for role_list in ROLE_LISTS {
            assert_eq!(
                list_id(role_list.title),
                None,
                "{} is derived, not imported",
                role_list.title
            );
        }
    }
}
