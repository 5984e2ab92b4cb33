//! Messages validated in the context of their movement, as `eucdm validate
//! --movement DIR` does: the messages are read with the rule set's models and
//! ordered by preparation (`eucdm_runtime::movement::Movement`); each trader
//! message is judged with those prepared before it; messages from customs
//! (CC028C, CC043C) are context only.

use eucdm_runtime::movement::{prepared, Movement};
use eucdm_runtime::{read_message, Document, Options, Refused, Report, RuleSet};

/// Reads every message of a movement; `Err` holds the text of the refusal
/// when one cannot be read: the CLI's line for the movement, then one line
/// per message (its index in `messages` and the CLI's error for it).
pub fn read(messages: &[Vec<u8>], rules: &dyn RuleSet) -> Result<Vec<Document>, String> {
    let mut docs = Vec::with_capacity(messages.len());
    let mut faults = Vec::new();
    for (i, bytes) in messages.iter().enumerate() {
        match read_message(bytes, rules.schemas()) {
            Ok(doc) => docs.push(doc),
            Err(e) => faults.push(format!("message {i}: {e}")),
        }
    }
    if faults.is_empty() {
        return Ok(docs);
    }
    Err(format!(
        "movement not validated: {} of its messages could not be read\n{}",
        faults.len(),
        faults.join("\n")
    ))
}

/// Every trader message of the movement `docs` (given in any order) judged
/// with those prepared before it: `(its index in docs, its report)`, in the
/// order they were prepared (messages prepared at the same time in the
/// order given), as the CLI writes a movement's lines.
pub fn validate_all(
    docs: Vec<Document>,
    rules: &dyn RuleSet,
    opts: &Options<'_>,
) -> Vec<(usize, Report)> {
    // Keep each message's index through the ordering `Movement::new` gives
    // (a stable sort on the same key).
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by(|&a, &b| prepared(&docs[a]).cmp(prepared(&docs[b])));
    let movement = Movement::new(docs);
    let mut out = Vec::new();
    for (i, doc) in movement.messages().iter().enumerate() {
        if doc.schema().context_only {
            continue;
        }
        let with = in_movement(opts, movement.before(i));
        let report = rules
            .validate(doc, &with)
            .expect("read with its own schemas");
        out.push((order[i], report));
    }
    out
}

/// The report of `message` judged with the messages of `context` that were
/// prepared before it (or at the same time: a message given as context is
/// taken as earlier), as it would be in its movement.
pub fn validate_in(
    message: &[u8],
    context: Vec<Document>,
    rules: &dyn RuleSet,
    opts: &Options<'_>,
) -> Result<Report, Refused> {
    let doc = read_message(message, rules.schemas()).map_err(Refused::Unreadable)?;
    if doc.schema().context_only {
        return Err(Refused::FromCustoms(doc.schema().id));
    }
    let movement = Movement::new(context);
    let earlier = (movement.messages().iter())
        .take_while(|m| prepared(m) <= prepared(&doc))
        .count();
    let with = in_movement(opts, movement.before(earlier));
    Ok(rules
        .validate(&doc, &with)
        .expect("read with its own schemas"))
}

/// `opts` with the messages `before` as the movement's context.
fn in_movement<'a>(opts: &Options<'a>, before: &'a [Document]) -> Options<'a> {
    Options {
        date: opts.date.clone(),
        external: opts.external,
        movement: Some(before),
        codelists: opts.codelists,
    }
}
