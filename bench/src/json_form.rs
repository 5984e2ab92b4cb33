//! The bench's JSON inputs: a read message written back as JSON in the two
//! forms `eucdm` reads (`eucdm_runtime::json`), so that reading JSON is timed
//! on exactly the content of the XML it is compared with.

use eucdm_runtime::format::Class;
use eucdm_runtime::report::json_string;
use eucdm_runtime::{Document, NodeId, ValueFormat};

/// Which JSON form to write.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// `{"CC015C": {...}}`, every item a string.
    Own,
    /// HMRC's: `{"n1:CC015C": {"@PhaseID": "NCTS5.0", ...}}`, numeric items as
    /// JSON numbers, absent repeating groups as `[]`, repetitions as arrays.
    Hmrc,
}

/// The message `doc` as JSON in `form`.
pub fn write(doc: &Document, form: Form) -> String {
    let id = doc.schema().id;
    let mut s = String::with_capacity(doc.len() * 32);
    s.push('{');
    match form {
        Form::Own => json_string(&mut s, id),
        Form::Hmrc => json_string(&mut s, &format!("n1:{id}")),
    }
    s.push(':');
    node(doc, doc.root(), form, &mut s);
    s.push('}');
    s
}

fn node(doc: &Document, n: NodeId, form: Form, out: &mut String) {
    let schema = doc.schema();
    let sn = schema.node(doc.schema_of(n));
    if !sn.group {
        let text = doc.text(n);
        let numeric = matches!(sn.format, ValueFormat::Text(f) if f.class == Class::Numeric);
        if form == Form::Hmrc && numeric && is_json_number(text) {
            out.push_str(text);
        } else {
            json_string(out, text);
        }
        return;
    }
    out.push('{');
    let mut first = true;
    if form == Form::Hmrc && n == doc.root() {
        out.push_str("\"@PhaseID\":\"NCTS5.0\"");
        first = false;
    }
    for &c in sn.children {
        let instances: Vec<NodeId> = doc.children(n, c).collect();
        let child = schema.node(c);
        let as_array = form == Form::Hmrc && child.max > 1;
        if instances.is_empty() && !(as_array && child.group) {
            continue;
        }
        if !first {
            out.push(',');
        }
        first = false;
        json_string(out, child.name);
        out.push(':');
        if instances.len() == 1 && !as_array {
            node(doc, instances[0], form, out);
        } else {
            out.push('[');
            for (i, &k) in instances.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                node(doc, k, form, out);
            }
            out.push(']');
        }
    }
    out.push('}');
}

/// Whether `s` is written as JSON writes a number (`-12.5`, not `007`).
fn is_json_number(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, "0"));
    let all_digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    all_digits(int) && all_digits(frac) && (int == "0" || !int.starts_with('0'))
}
