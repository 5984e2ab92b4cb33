//! Conformance on the official example messages in
//! `../shared/data/ncts-p5/examples/` (HMRC's NCTS5 trader test pack,
//! "transition-and-final" folder): every example of the six trader messages
//! (CC015C, CC013C, CC014C, CC170C, CC007C, CC044C).
//!
//! Each example is validated twice:
//! - on the last day of the transition period (2025-01-21), the period whose
//!   transitional rules (B/E) the test pack's contents follow;
//! - on its own preparation date (2025-03-03, a placeholder filled in when the
//!   shared data was built, not by the test pack), i.e. by the final-phase rules.
//!
//! # Movements
//!
//! The examples are scenarios (`INDEX.csv`): the files of one scenario share
//! the prefix before `_ie` (`arrivals_gb-xi_simplified_asxi2_ie015.xml`,
//! `..._ie007.xml`, `..._ie044_invalid.xml`). Each example is validated with
//! its movement, as `eucdm validate --movement DIR` would: the messages of its
//! scenario that come before it, ordered by `Movement::new` (preparation date;
//! the shared data gave every file the same one, so the order given decides).
//! The order given is the order NCTS exchanges the messages:
//!
//!   CC015C declaration, CC013C amendment, CC170C presentation notification,
//!   CC014C invalidation, CC007C arrival notification, CC044C unloading remarks,
//!
//! C0824's text places the amendment before the presentation notification (the
//! CC170C reads the CC013C's container indicator). A message is never the
//! context of another of its own type: the test pack's `_valid` and `_invalid`
//! CC044C are two versions of one message, each validated after the CC007C.
//!
//! The test pack holds only the trader's messages; two rules read a message
//! from customs, which this test builds from the scenario (never from the
//! message judged, whose answer would then be decided by itself):
//!
//! - CC028C (MRN allocated; read by C0467): NCTS sends it when it accepts the
//!   declaration: on lodging for a standard declaration (additional declaration
//!   type A: right after the CC015C), on presentation for a pre-lodged one (D:
//!   after the CC170C; a pre-lodged declaration not presented is not accepted,
//!   and gets none). It carries the declaration's LRN, office of departure and
//!   holder, the declaration's preparation date as acceptance date, and the MRN
//!   the scenario's later messages name (the only source of the MRN NCTS
//!   allocated; no rule reads its value). So the standard departures' CC013C and
//!   CC014C are judged after an MRN was allocated, the pre-lodged ones before.
//! - CC043C (unloading permission; read by C0440): NCTS sends it to the
//!   authorised consignee after the arrival notification, when the goods are to
//!   be unloaded, which the unloading remarks answer: it is built after the
//!   CC007C when the scenario has a CC044C. It is the declaration's data sent to
//!   the office of destination: every element of the CC043C model is taken, by
//!   name, from the arrival notification (MRN, office of destination, trader at
//!   destination, incidents), the CC028C (acceptance date) or the declaration
//!   (the last CC013C, else the CC015C: declaration type, security, the
//!   consignment with its transport equipment and seals, houses, items); a data
//!   group that occurs once merges what each of them has. Its seals are thus
//!   the declaration's, which is what the unloading permission carries
//!   (C0440 reads `/CC043C/Consignment/TransportEquipment/numberOfSeals`).
//!
//! Built messages are context only (CC028C and CC043C are `context only`
//! models): never validated, so their completeness beyond what the rules read
//! does not matter.
//!
//! # What is expected
//!
//! - The test pack's `_invalid` CC044C files (asxi2, asgb2) differ from their
//!   `_valid` twins only by the missing `UnloadingRemark/stateOfSeals` (and
//!   the PhaseID attribute and message identification): the test pack means
//!   the rejection NCTS gives for it, code 13 at
//!   `/CC044C/UnloadingRemark/stateOfSeals`, reason C0440 (the CC043C has
//!   seals). That answer, and no other, is pinned here at both dates.
//! - Every other error that remains must be listed in
//!   `conformance/ncts-p5-examples.expected`, where each group is justified by
//!   its rule text; anything else, or a listed error that no longer occurs,
//!   fails the test.
//!
//! With `EUCDM_CONFORMANCE_MOVEMENTS=DIR` set, the test also writes each
//! example's movement to `DIR/<example>/` (numbered in the order above, the
//! built CC028C and CC043C included), so that
//! `eucdm validate --format json --movement DIR/<example>` can be compared: its
//! last line is the example's answer.
//!
//! Reads `../shared` (beside the repository). A user's clone has none: the test
//! is then compiled as ignored (`tests/build.rs` sets `shared_absent`), which
//! the test harness lists with its reason; the project's own fixtures
//! (tests/rules.rs) carry the core tests.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use eucdm_ncts_p5::NCTS_P5;
use eucdm_runtime::movement::{prepared, Movement};
use eucdm_runtime::{Document, MessageSchema, NodeId, Options, RuleSet, SchemaId};

const TRANSITION_END: &str = "2025-01-21";

/// The answer the test pack means for its `_invalid` CC044C files.
const INVALID_CC044C: (u16, &str, &str) = (13, "C0440", "/CC044C/UnloadingRemark/stateOfSeals");

/// One message of a scenario: an example file or a message built from them.
struct Message {
    name: String,
    bytes: Vec<u8>,
    /// Place in the exchange (see the header); equal for versions of one message.
    step: u32,
    /// Built by this test (a message from customs).
    built: bool,
}

/// The step of a trader message type.
fn step(message: &str) -> u32 {
    match message {
        "CC015C" => 10,
        "CC013C" => 30,
        "CC170C" => 40,
        "CC014C" => 50,
        "CC007C" => 60,
        "CC044C" => 80,
        other => panic!("{other} is not a trader message of the test pack"),
    }
}

/// CC028C of a standard declaration (after the CC015C) or of a pre-lodged one
/// (after the CC170C); CC043C (after the CC007C).
const CC028C_LODGED: u32 = 20;
const CC028C_PRESENTED: u32 = 45;
const CC043C_ARRIVED: u32 = 70;

fn read(bytes: &[u8]) -> Document {
    eucdm_runtime::read_message(bytes, NCTS_P5.schemas()).expect("read with the rule set's models")
}

fn schema(id: &str) -> &'static MessageSchema {
    NCTS_P5
        .schemas()
        .iter()
        .find(|s| s.id == id)
        .expect("a model of that message")
}

/// The text of the data item at `path` (names from the root), if present.
fn value<'d>(doc: &'d Document, path: &str) -> Option<&'d str> {
    let mut node = doc.root();
    let mut sid: SchemaId = 0;
    for name in path.split('.') {
        sid = doc.schema().child_named(sid, name.as_bytes())?;
        node = doc.child(node, sid)?;
    }
    Some(doc.text(node))
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Writes, for each element of the `dst` model under `dst_id` (in its order,
/// but those named in `skip`), the elements of the same name under the
/// `sources` nodes: a data group that occurs once merges every source that has
/// it; a repeated group or a data item is taken from the first source that has it.
fn project(
    out: &mut String,
    dst: &MessageSchema,
    dst_id: SchemaId,
    sources: &[(&Document, NodeId)],
    skip: &[&str],
) {
    for &c in dst.node(dst_id).children {
        let node = dst.node(c);
        if skip.contains(&node.name) {
            continue;
        }
        let found: Vec<(&Document, Vec<NodeId>)> = sources
            .iter()
            .filter_map(|&(doc, n)| {
                let sid = doc
                    .schema()
                    .child_named(doc.schema_of(n), node.name.as_bytes())?;
                let v: Vec<NodeId> = doc.children(n, sid).collect();
                (!v.is_empty()).then_some((doc, v))
            })
            .collect();
        if node.group && !node.repeatable() {
            if found.is_empty() {
                continue;
            }
            let merged: Vec<(&Document, NodeId)> = found.iter().map(|(d, v)| (*d, v[0])).collect();
            let _ = write!(out, "<{}>", node.name);
            project(out, dst, c, &merged, &[]);
            let _ = write!(out, "</{}>", node.name);
        } else if let Some((doc, nodes)) = found.first() {
            for &n in nodes {
                let _ = write!(out, "<{}>", node.name);
                if node.group {
                    project(out, dst, c, &[(*doc, n)], &[]);
                } else {
                    out.push_str(&escape(doc.text(n)));
                }
                let _ = write!(out, "</{}>", node.name);
            }
        }
    }
}

const HEADER: [&str; 6] = [
    "messageSender",
    "messageRecipient",
    "preparationDateAndTime",
    "messageIdentification",
    "messageType",
    "correlationIdentifier",
];

/// The opening of a message from customs answering `to` (sender and recipient
/// swapped, prepared at the same time).
fn customs_header(id: &str, to: &Document) -> String {
    format!(
        r#"<ncts:{id} xmlns:ncts="http://ncts.dgtaxud.ec"><messageSender>{}</messageSender><messageRecipient>{}</messageRecipient><preparationDateAndTime>{}</preparationDateAndTime><messageIdentification>CONFORMANCE-{id}</messageIdentification><messageType>{id}</messageType>"#,
        escape(value(to, "messageRecipient").unwrap_or("")),
        escape(value(to, "messageSender").unwrap_or("")),
        escape(prepared(to)),
    )
}

/// The CC028C NCTS sends when it accepts `declaration` (see the header).
fn cc028c(declaration: &Document, mrn: Option<&str>) -> String {
    let model = schema("CC028C");
    let mut x = customs_header("CC028C", declaration);
    x.push_str("<TransitOperation>");
    if let Some(lrn) = value(declaration, "TransitOperation.LRN") {
        let _ = write!(x, "<LRN>{}</LRN>", escape(lrn));
    }
    if let Some(mrn) = mrn {
        let _ = write!(x, "<MRN>{}</MRN>", escape(mrn));
    }
    let accepted = prepared(declaration).get(..10).unwrap_or("");
    let _ = write!(
        x,
        "<declarationAcceptanceDate>{accepted}</declarationAcceptanceDate></TransitOperation>"
    );
    let mut skip = HEADER.to_vec();
    skip.push("TransitOperation");
    project(
        &mut x,
        model,
        0,
        &[(declaration, declaration.root())],
        &skip,
    );
    x.push_str("</ncts:CC028C>");
    x
}

/// The CC043C NCTS sends after `arrival` (see the header).
fn cc043c(arrival: &Document, accepted: Option<&Document>, declaration: &Document) -> String {
    let model = schema("CC043C");
    let mut x = customs_header("CC043C", arrival);
    let mut sources = vec![(arrival, arrival.root())];
    if let Some(d) = accepted {
        sources.push((d, d.root()));
    }
    sources.push((declaration, declaration.root()));
    project(&mut x, model, 0, &sources, &HEADER);
    x.push_str("</ncts:CC043C>");
    x
}

/// The scenario of an example file: its name before `_ie`.
fn scenario(name: &str) -> &str {
    &name[..name.find("_ie").unwrap_or(name.len())]
}

#[test]
#[cfg_attr(shared_absent, ignore = "needs ../shared beside the repository")]
fn official_examples_validate_except_the_listed_real_rejections() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("../../shared/data/ncts-p5/examples");
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e} (../shared is there)", dir.display()));
    let mut files: Vec<_> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    files.sort();
    let dump = std::env::var_os("EUCDM_CONFORMANCE_MOVEMENTS").map(std::path::PathBuf::from);

    // The scenarios, each with its messages.
    let mut scenarios: BTreeMap<String, Vec<Message>> = BTreeMap::new();
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let bytes = std::fs::read(f).unwrap();
        let step = step(read(&bytes).schema().id);
        scenarios
            .entry(scenario(&name).to_owned())
            .or_default()
            .push(Message {
                name,
                bytes,
                step,
                built: false,
            });
    }

    let mut got = BTreeSet::new();
    let mut pinned = BTreeMap::new();
    let mut checked: BTreeMap<&'static str, usize> = BTreeMap::new();
    for (key, messages) in &mut scenarios {
        add_customs_messages(key, messages);
        messages.sort_by(|a, b| (a.step, &a.name).cmp(&(b.step, &b.name)));
        for m in messages.iter().filter(|m| !m.built) {
            let context: Vec<&Message> = messages.iter().filter(|c| c.step < m.step).collect();
            if let Some(dump) = &dump {
                let to = dump.join(m.name.trim_end_matches(".xml"));
                std::fs::create_dir_all(&to).unwrap();
                for (i, c) in context.iter().chain([&m]).enumerate() {
                    std::fs::write(to.join(format!("{}-{}", i + 1, c.name)), &c.bytes).unwrap();
                }
            }
            let doc = read(&m.bytes);
            let (id, mid) = (doc.schema().id, value(&doc, "messageIdentification"));
            let mid = mid.unwrap_or("").to_owned();
            let mut docs: Vec<Document> = context.iter().map(|c| read(&c.bytes)).collect();
            docs.push(doc);
            let movement = Movement::new(docs);
            let i = movement
                .messages()
                .iter()
                .rposition(|d| {
                    d.schema().id == id && value(d, "messageIdentification") == Some(&mid)
                })
                .unwrap();
            for date in [Some(TRANSITION_END), None] {
                let opts = Options {
                    date: date.map(str::to_owned),
                    movement: Some(movement.before(i)),
                    ..Options::default()
                };
                let r = NCTS_P5
                    .validate(&movement.messages()[i], &opts)
                    .unwrap_or_else(|e| panic!("{}: {e:?}", m.name));
                let errors: Vec<(u16, String, String)> = r
                    .violations
                    .iter()
                    .map(|v| (v.code.number(), v.reason.to_string(), v.pointer.clone()))
                    .collect();
                if m.name.ends_with("_invalid.xml") {
                    pinned.insert((m.name.clone(), date), errors);
                    continue;
                }
                for (code, reason, pointer) in errors {
                    got.insert(format!(
                        "{} {} {code} {reason} {pointer}",
                        date.unwrap_or("own-date"),
                        m.name,
                    ));
                }
            }
            *checked.entry(id).or_default() += 1;
        }
    }

    let total: usize = checked.values().sum();
    assert!(
        total >= 120 && checked.len() == 6,
        "expected the 125 examples of the six trader messages, found {checked:?}"
    );
    // The test pack's invalid unloading remarks: exactly the rejection it means.
    let (code, reason, pointer) = INVALID_CC044C;
    let meant = vec![(code, reason.to_owned(), pointer.to_owned())];
    assert_eq!(pinned.len(), 4, "two _invalid CC044C files, two dates each");
    for ((name, date), errors) in &pinned {
        assert!(name.contains("_ie044_"), "{name}");
        assert_eq!(
            errors,
            &meant,
            "{name} at {}: the test pack's invalid unloading remarks lack the state of seals the CC043C's seals require",
            date.unwrap_or("own-date")
        );
    }

    let listed = std::fs::read_to_string(root.join("conformance/ncts-p5-examples.expected"))
        .expect("conformance/ncts-p5-examples.expected");
    let expected: BTreeSet<String> = listed
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect();
    let unexpected: Vec<&String> = got.difference(&expected).collect();
    let gone: Vec<&String> = expected.difference(&got).collect();
    assert!(
        unexpected.is_empty() && gone.is_empty(),
        "examples checked: {checked:?}\nrejections not listed as real ({}):\n{}\nlisted rejections that no longer occur ({}):\n{}",
        unexpected.len(),
        unexpected.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n"),
        gone.len(),
        gone.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n"),
    );
}

/// Adds to a scenario the messages from customs its trader messages answer
/// (see the header): the CC028C when the declaration is accepted, the CC043C
/// after the arrival notification when unloading remarks follow. A message
/// no trader message of the scenario comes after is context of none: not built.
fn add_customs_messages(key: &str, messages: &mut Vec<Message>) {
    let last = messages.iter().map(|m| m.step).max().unwrap_or(0);
    let find = |step: u32| messages.iter().find(|m| m.step == step);
    let Some(declared) = find(step("CC015C")).map(|m| read(&m.bytes)) else {
        return;
    };
    // The MRN NCTS allocated, as the scenario's messages name it.
    let mrn = messages
        .iter()
        .filter_map(|m| value(&read(&m.bytes), "TransitOperation.MRN").map(str::to_owned))
        .find(|v| !v.is_empty());
    let accepted_at = match value(&declared, "TransitOperation.additionalDeclarationType") {
        Some("A") => Some(CC028C_LODGED),
        Some("D") if find(step("CC170C")).is_some() => Some(CC028C_PRESENTED),
        _ => None,
    };
    let mut built = Vec::new();
    if let Some(at) = accepted_at.filter(|&at| at < last) {
        built.push(Message {
            name: format!("{key}_cc028c_built.xml"),
            bytes: cc028c(&declared, mrn.as_deref()).into_bytes(),
            step: at,
            built: true,
        });
    }
    if let (Some(arrival), Some(_)) = (find(step("CC007C")), find(step("CC044C"))) {
        let accepted = built.first().map(|m| read(&m.bytes));
        // The declaration as last amended before the arrival.
        let declaration = messages
            .iter()
            .rfind(|m| m.step == step("CC013C"))
            .map_or(declared, |m| read(&m.bytes));
        built.push(Message {
            name: format!("{key}_cc043c_built.xml"),
            bytes: cc043c(&read(&arrival.bytes), accepted.as_ref(), &declaration).into_bytes(),
            step: CC043C_ARRIVED,
            built: true,
        });
    }
    messages.extend(built);
}
