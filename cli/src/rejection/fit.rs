//! The rejected message's items as a rejection copies them, and values
//! fitted to the rejection's XSD types.

use eucdm_runtime::xsd::{normalize, WhiteSpace};
use eucdm_runtime::Document;

/// The data items of a message by path, as a rejection copies them: a value
/// its own XSD type refuses is not there (NCTS would not have read it).
pub struct Items<'d>(pub &'d Document);

impl<'d> Items<'d> {
    pub fn get(&self, path: &[&str]) -> Option<&'d str> {
        let doc = self.0;
        let schema = doc.schema();
        let (mut node, mut id) = (doc.root(), 0);
        for name in path {
            id = schema.child_named(id, name.as_bytes())?;
            node = doc.child(node, id)?;
        }
        let text = doc.text(node);
        let xsd_ok = schema
            .node(id)
            .xsd
            .is_none_or(|t| t.matches_normalized(text));
        xsd_ok.then_some(text)
    }

    /// `path` as an `an..max` item of the rejection (see [`an`]).
    pub fn an(&self, path: &[&str], max: usize) -> Option<String> {
        self.get(path).and_then(|v| an(v, max))
    }
}

/// `value` as an item of an `an..max` type of the rejection (an
/// `xs:normalizedString` of 1 to `max` characters), when it fits.
pub fn an(value: &str, max: usize) -> Option<String> {
    let v = xml_text(value);
    let n = v.chars().count();
    (n >= 1 && n <= max).then_some(v)
}

/// `value` cut to its first `max` characters, for an `an..max` item that
/// must carry what it can (`originalAttributeValue`); none when empty.
pub fn truncated(value: &str, max: usize) -> Option<String> {
    let v: String = xml_text(value).chars().take(max).collect();
    (!v.is_empty()).then_some(v)
}

/// Text an `xs:normalizedString` of XML 1.0 can carry: tabs and line breaks
/// as spaces (its `whiteSpace="replace"`), other characters XML does not
/// allow as U+FFFD.
fn xml_text(value: &str) -> String {
    crate::xml_text::carried(&normalize(WhiteSpace::Replace, value)).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_fitted_to_the_types_of_the_rejection() {
        assert_eq!(an("Muster GmbH", 70).as_deref(), Some("Muster GmbH"));
        assert_eq!(an("", 70), None);
        assert_eq!(an(&"x".repeat(71), 70), None);
        assert_eq!(an("a\tb\nc", 70).as_deref(), Some("a b c"));
        assert_eq!(an("bell\u{7}", 70).as_deref(), Some("bell\u{FFFD}"));
        // Characters, not bytes: 512 `é` fit, the 513th is cut.
        let long = "é".repeat(513);
        assert_eq!(truncated(&long, 512).unwrap().chars().count(), 512);
        assert_eq!(truncated("", 512), None);
    }
}
