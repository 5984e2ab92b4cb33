//! Text an XML 1.0 document can carry. A message read from JSON may hold
//! characters XML cannot (`"\u0001"` is a valid JSON escape); the IE056 and
//! JUnit writers put U+FFFD in their place rather than write a file no
//! parser reads.

use std::borrow::Cow;

use quick_xml::escape::partial_escape;
use quick_xml::events::BytesText;

/// `text` with every character XML 1.0 does not allow replaced by U+FFFD.
pub fn carried(text: &str) -> Cow<'_, str> {
    if text.chars().all(is_xml_char) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(
            text.chars()
                .map(|c| if is_xml_char(c) { c } else { '\u{FFFD}' })
                .collect(),
        )
    }
}

/// `text` as the content of an element: carried, with `<`, `>` and `&`
/// escaped (quotes need none there, and stay readable).
pub fn content(text: &str) -> BytesText<'static> {
    let escaped = partial_escape(carried(text)).into_owned();
    BytesText::from_escaped(escaped)
}

/// XML 1.0's `Char`: tab, line feed, carriage return, and from U+0020 on
/// but U+FFFE and U+FFFF (a `char` is never a surrogate).
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_xml_cannot_carry_are_replaced() {
        assert!(matches!(carried("Tür\tzu"), Cow::Borrowed("Tür\tzu")));
        assert_eq!(carried("a\u{1}b\u{FFFF}"), "a\u{FFFD}b\u{FFFD}");
    }
}
