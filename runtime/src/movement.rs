//! Movements: the messages of one transit movement, sent by the trader or
//! received from customs, as context of the trader's messages.
//!
//! Some rules of a message read an earlier message of its movement: C0824
//! (the CC170C's container indicator and the lodged CC015C or CC013C), C0467
//! (the MRN of a CC013C and the CC028C that allocated it), C0440 (the CC044C's
//! state of seals and the CC043C). A validation is told the movement with
//! [`crate::Options::movement`]: the messages before the one validated.
//!
//! ```no_run
//! # fn demo(ruleset: &dyn eucdm_runtime::RuleSet, files: &[Vec<u8>]) -> Result<(), eucdm_runtime::ReadError> {
//! use eucdm_runtime::{movement::Movement, Options};
//! let docs = files
//!     .iter()
//!     .map(|bytes| eucdm_runtime::read_message(bytes, ruleset.schemas()))
//!     .collect::<Result<Vec<_>, _>>()?;
//! let movement = Movement::new(docs); // in the order they were prepared
//! for (i, doc) in movement.messages().iter().enumerate() {
//!     if doc.schema().context_only {
//!         continue; // a message from customs: context only
//!     }
//!     let opts = Options {
//!         movement: Some(movement.before(i)),
//!         ..Options::default()
//!     };
//!     let report = ruleset.validate(doc, &opts).expect("read with its schemas");
//! }
//! # Ok(()) }
//! ```
//!
//! A movement is taken as complete: a message type it does not hold was not
//! sent, and a rule reads it as a message with no elements. Without a
//! movement (`Options::movement` is `None`) such rules are undecided.

use std::ops::Deref;

use crate::document::Document;
use crate::schema::MessageSchema;

/// The messages of one movement, in the order they were prepared.
#[derive(Debug)]
pub struct Movement {
    messages: Vec<Document>,
}

impl Movement {
    /// Orders `messages` by their preparation date and time
    /// (`preparationDateAndTime`, compared as written: the NCTS form
    /// `YYYY-MM-DDThh:mm:ss`); messages prepared at the same time keep the
    /// order they were given in.
    pub fn new(mut messages: Vec<Document>) -> Movement {
        messages.sort_by(|a, b| prepared(a).cmp(prepared(b)));
        Movement { messages }
    }

    /// Every message, oldest first.
    pub fn messages(&self) -> &[Document] {
        &self.messages
    }

    /// The context of the `i`-th message: the messages before it.
    pub fn before(&self, i: usize) -> &[Document] {
        &self.messages[..i.min(self.messages.len())]
    }
}

/// The text of a message's `preparationDateAndTime` (empty when it has none).
pub fn prepared(doc: &Document) -> &str {
    doc.schema()
        .child_named(0, b"preparationDateAndTime")
        .and_then(|s| doc.child(doc.root(), s))
        .map_or("", |n| doc.text(n))
}

/// A message of the movement as a rule reads it: the last one of its type,
/// or, when the movement holds none, a message with no elements.
pub enum Sent<'m> {
    /// The last message of that type in the movement.
    Message(&'m Document),
    /// None of that type was sent: an empty message of it.
    NotSent(Document),
}

impl Deref for Sent<'_> {
    type Target = Document;

    fn deref(&self) -> &Document {
        match self {
            Sent::Message(d) => d,
            Sent::NotSent(d) => d,
        }
    }
}

/// The message of type `schema` a rule reads in `movement` (the last one; a
/// document read with another rule set's models is not of this type).
pub fn sent<'m>(movement: &'m [Document], schema: &'static MessageSchema) -> Sent<'m> {
    match movement
        .iter()
        .rev()
        .find(|d| std::ptr::eq(d.schema(), schema))
    {
        Some(d) => Sent::Message(d),
        None => Sent::NotSent(Document::empty(schema)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::tests::SCHEMA;

    #[test]
    fn the_last_message_of_a_type_is_read_and_a_missing_one_is_empty() {
        let a =
            crate::xml::read_xml(br#"<t:M xmlns:t="urn:t"><e>1</e></t:M>"#, &[&SCHEMA]).unwrap();
        let b =
            crate::xml::read_xml(br#"<t:M xmlns:t="urn:t"><e>2</e></t:M>"#, &[&SCHEMA]).unwrap();
        let movement = Movement::new(vec![a, b]);
        let s = sent(movement.messages(), &SCHEMA);
        assert_eq!(s.text(s.child(0, 5).unwrap()), "2");
        let none = sent(movement.before(0), &SCHEMA);
        assert!(matches!(none, Sent::NotSent(_)));
        assert_eq!((none.len(), none.child(0, 5)), (1, None));
    }
}
