//! What the pages say, read off the compiled rule set's IR — so they say what
//! the validator checks, not what a rule file seems to say: per message every
//! data group and item with its status, repetitions, format and code list,
//! and the rules the message table binds to it or whose checks are about it
//! ([`eucdm_compiler::explain::reach`]); per rule its kind, period in force,
//! what it governs and reads, and its source.

use std::collections::{BTreeMap, BTreeSet};

use eucdm_compiler::codelist::Content;
use eucdm_compiler::explain::{reach, Reach};
use eucdm_compiler::ir::{MessageIr, RuleIndex, RuleKind, RuleMeta, RuleSet, Unchecked};
use eucdm_compiler::model::{Dictionary, ElementType, MessageModel, ModelNode, NodeId};

use super::page::{code, link, page_link, text, Block, Inline, Page, Row, Table};

/// The pages besides the messages'.
pub const INDEX: &str = "index";
pub const RULES: &str = "rules";
pub const CODELISTS: &str = "codelists";
/// The anchor of a message page's table of the rules applied to it.
const APPLIED: &str = "applied-rules";

/// Every page of rule set `rs`: the index, one per message, the rules and
/// the code lists; the message pages give the EUCDM data-element numbers of
/// `dictionary`, when the rule set has one.
pub fn pages(rs: &RuleSet, dictionary: Option<&Dictionary>) -> Vec<Page> {
    let facts = Facts::of(rs, dictionary);
    let mut pages = vec![index(&facts)];
    pages.extend((0..rs.messages.len()).map(|m| message(&facts, m)));
    pages.push(rules(&facts));
    pages.push(codelists(&facts));
    pages
}

/// The rule set and what the pages share: per message, what each rule's
/// checks do there; the ids the message tables bind that no rule defines.
struct Facts<'a> {
    rs: &'a RuleSet,
    reach: Vec<BTreeMap<RuleIndex, Reach>>,
    /// Per message, per rule applied there: what it reads only ([`read_only`]).
    reads: Vec<BTreeMap<RuleIndex, Vec<NodeId>>>,
    unbound: BTreeSet<&'a str>,
    /// Per message, the EUCDM number of each node the dictionary names;
    /// none without a dictionary (the pages then have no number column).
    numbers: Option<Vec<BTreeMap<NodeId, &'a str>>>,
}

impl<'a> Facts<'a> {
    fn of(rs: &'a RuleSet, dictionary: Option<&'a Dictionary>) -> Facts<'a> {
        let reach = (rs.messages.iter())
            .map(|m| {
                (0..rs.rules.len())
                    .filter_map(|i| reach(m, RuleIndex(i)).map(|r| (RuleIndex(i), r)))
                    .collect()
            })
            .collect::<Vec<BTreeMap<RuleIndex, Reach>>>();
        let reads = (rs.messages.iter().zip(&reach))
            .map(|(m, rules)| (rules.iter()).map(|(&i, r)| (i, read_only(m, r))).collect())
            .collect();
        let unbound = (rs.messages.iter())
            .flat_map(|m| m.model.nodes.iter().flat_map(|n| &n.rules))
            .map(String::as_str)
            .filter(|id| !rs.rules.iter().any(|r| r.id == *id))
            .collect();
        let numbers = dictionary.map(|d| {
            (rs.messages.iter())
                .map(|m| data_elements(&m.model, d))
                .collect()
        });
        Facts {
            rs,
            reach,
            reads,
            unbound,
            numbers,
        }
    }

    /// The EUCDM number of `node` of message `m`, if the dictionary names it.
    fn number(&self, m: usize, node: NodeId) -> Option<&'a str> {
        self.numbers.as_ref()?[m].get(&node).copied()
    }

    fn rule(&self, id: &str) -> Option<(RuleIndex, &'a RuleMeta)> {
        let i = self.rs.rules.iter().position(|r| r.id == id)?;
        Some((RuleIndex(i), &self.rs.rules[i]))
    }

    /// A rule id linked to its entry on the rules page, its title on hover.
    fn rule_link(&self, id: &str) -> Inline {
        link(RULES, id, code(id), Some(self.title(id)))
    }

    fn title(&self, id: &str) -> String {
        match self.rule(id) {
            Some((_, meta)) => meta.title.clone(),
            None => unbound_title(id).to_string(),
        }
    }

    /// The ids of the rules applied to message `m` or bound by its table.
    fn rules_of(&self, m: usize) -> BTreeSet<&'a str> {
        let rs = self.rs;
        let applied = self.reach[m]
            .keys()
            .map(|&i| rs.rules[i.index()].id.as_str());
        let bound = rs.messages[m].model.nodes.iter().flat_map(|n| &n.rules);
        applied.chain(bound.map(String::as_str)).collect()
    }

    /// The rules listed at `node` of message `m`: those its table binds to
    /// it and those whose checks govern it.
    fn rules_at(&self, m: usize, node: NodeId) -> BTreeSet<&'a str> {
        let rs = self.rs;
        let model = &rs.messages[m].model;
        let bound = model.node(node).rules.iter().map(String::as_str);
        let governing = (self.reach[m].iter())
            .filter(|(_, r)| r.governed.contains(&node))
            .map(|(&i, _)| rs.rules[i.index()].id.as_str());
        bound.chain(governing).collect()
    }
}

impl Facts<'_> {
    /// The rules whose checks read `node` of message `m` without governing
    /// it (nor being listed there for the table).
    fn readers(&self, m: usize, node: NodeId) -> BTreeSet<&str> {
        let listed = self.rules_at(m, node);
        (self.reads[m].iter())
            .filter(|(_, nodes)| nodes.contains(&node))
            .map(|(&i, _)| self.rs.rules[i.index()].id.as_str())
            .filter(|id| !listed.contains(id))
            .collect()
    }
}

/// The nodes of `model` the dictionary names, with their numbers. The
/// dictionary's paths are read in every message as the rule compiler reads
/// them when a rule names a number (`19 03 000 000`): the node at that path
/// from the message root, whichever message it is. A node two entries name
/// keeps the first (the dictionary's order).
fn data_elements<'a>(model: &MessageModel, d: &'a Dictionary) -> BTreeMap<NodeId, &'a str> {
    let mut numbers = BTreeMap::new();
    for e in &d.entries {
        for path in &e.paths {
            if let Some(node) = model.find(&path.split('.').collect::<Vec<_>>()) {
                numbers.entry(node).or_insert(e.number.as_str());
            }
        }
    }
    numbers
}

/// What an id no rule defines is: a guideline, or a gap.
fn unbound_title(id: &str) -> &'static str {
    if RuleKind::of_id(id) == RuleKind::Guideline {
        "guideline: advice, no technical check"
    } else {
        "not defined by this rule set"
    }
}

fn index(f: &Facts) -> Page {
    let rs = f.rs;
    let mut rows = Vec::new();
    for (m, msg) in rs.messages.iter().enumerate() {
        let model = &msg.model;
        let groups = model.nodes.iter().skip(1).filter(|n| is_group(n)).count();
        let items = model.nodes.iter().filter(|n| !is_group(n)).count();
        let validated = if model.context_only {
            "no: read as context of a movement"
        } else {
            "yes"
        };
        rows.push(Row {
            anchor: None,
            cells: vec![
                vec![page_link(&model.id, &model.id)],
                vec![text(&model.title)],
                vec![text(groups.to_string())],
                vec![text(items.to_string())],
                vec![text(f.reach[m].len().to_string())],
                vec![text(validated)],
            ],
        });
    }
    let head = vec![
        "Message",
        "Title",
        "Data groups",
        "Data items",
        "Rules applied",
        "Validated",
    ];
    Page {
        stem: INDEX.to_string(),
        title: format!("Rule set {}", rs.name),
        blocks: vec![
            Block::Paragraph(vec![
                text(
                    "The messages of the rule set, every data group and data item of each \
                     with the rules the validator applies to it. Generated by ",
                ),
                code("eucdm docs"),
                text(" from the compiled rules: each page says what is checked."),
            ]),
            Block::Table(Table { head, rows }),
            Block::Paragraph(vec![
                page_link(
                    RULES,
                    format!("Rules ({})", rs.rules.len() + f.unbound.len()),
                ),
                text(": each rule's kind, period in force, what it checks and its source. "),
                page_link(CODELISTS, format!("Code lists ({})", rs.codelists.len())),
                text(": what the rule set holds of each."),
            ]),
            heading(2, None, vec![text("Reading the tables")]),
            Block::Fields(legend()),
        ],
    }
}

fn legend() -> Vec<(&'static str, Vec<Inline>)> {
    vec![
        (
            "Status",
            vec![text(
                "R required when its data group is present; D dependent: the conditions listed \
             say when it is required or not allowed; O optional.",
            )],
        ),
        (
            "Max",
            vec![text(
                "how many times it may repeat; pointers to a repeating element carry [n].",
            )],
        ),
        (
            "Format",
            vec![text(
            "as the message table gives it (a alphabetic, n numeric, an alphanumeric; ..35 up to \
             35 characters; n..16,6 up to 16 digits, 6 after the decimal point).",
        )],
        ),
        (
            "Code list",
            vec![text(
            "the list its value must be in; a list held in part or not at all leaves values it \
             does not hold undecided.",
        )],
        ),
        (
            "Rules",
            vec![text(
                "the rules the message table binds to it and those whose checks require, forbid \
             or test it, with their titles; then, by id, the rules that only read it. Each \
             links to its text.",
            )],
        ),
    ]
}

fn is_group(n: &ModelNode) -> bool {
    n.ty == ElementType::Group
}

/// A message's page: a section per data group (the root first), a row per
/// data item and sub-group, then the rules applied to the message.
fn message(f: &Facts, m: usize) -> Page {
    let msg = &f.rs.messages[m];
    let model = &msg.model;
    let mut blocks = vec![Block::Paragraph(vec![
        text("Namespace "),
        code(&model.namespace),
        text(". "),
        link(
            &model.id,
            APPLIED,
            text("Rules bound to the message or applied to it"),
            None,
        ),
        text("."),
    ])];
    if model.context_only {
        blocks.push(Block::Paragraph(vec![text(
            "A message from customs: never validated, read as context of a movement by the \
             rules of the trader's messages that name it.",
        )]));
    }
    for (id, node) in model
        .ids()
        .filter(|&(i, n)| i == NodeId::ROOT || is_group(n))
    {
        blocks.extend(group_section(f, m, id, node));
    }
    blocks.push(heading(
        2,
        Some(APPLIED.to_string()),
        vec![text("Rules bound or applied")],
    ));
    blocks.push(Block::Table(applied_rules(f, m)));
    Page {
        stem: model.id.clone(),
        title: format!("{} — {}", model.id, model.title),
        blocks,
    }
}

/// The anchor of a model node on its message page: its dotted path, the
/// message id for the root.
fn anchor(msg: &MessageIr, node: NodeId) -> String {
    if node == NodeId::ROOT {
        msg.model.id.clone()
    } else {
        msg.model.dotted(node)
    }
}

fn group_section(f: &Facts, m: usize, id: NodeId, node: &ModelNode) -> Vec<Block> {
    let msg = &f.rs.messages[m];
    let title = if id == NodeId::ROOT {
        vec![text("Top level of "), code(&msg.model.id)]
    } else {
        vec![
            code(msg.model.dotted(id)),
            text(format!(" — {}", node.title)),
        ]
    };
    let mut blocks = vec![heading(2, Some(anchor(msg, id)), title)];
    if id != NodeId::ROOT {
        let mut fields = Vec::new();
        if let Some(n) = f.number(m, id) {
            fields.push(("EUCDM number", vec![text(n)]));
        }
        fields.push(("Status", vec![text(node.status.to_string())]));
        fields.push(("Max", vec![text(max(node.max))]));
        if node.parent != NodeId::ROOT {
            let parent = msg.model.node(node.parent);
            let up = link(
                &msg.model.id,
                &anchor(msg, node.parent),
                code(&parent.name),
                None,
            );
            fields.push(("In", vec![up]));
        }
        let rules = f.rules_at(m, id);
        if !rules.is_empty() {
            fields.push(("Rules", rule_list(f, &rules)));
        }
        blocks.push(Block::Fields(fields));
    }
    let rows: Vec<Row> = (node.children.iter())
        .map(|&c| element_row(f, m, c))
        .collect();
    if !rows.is_empty() {
        let mut head = vec!["Data item", "Name"];
        if f.numbers.is_some() {
            head.push("EUCDM number");
        }
        head.extend(["Status", "Max", "Format", "Code list", "Rules"]);
        blocks.push(Block::Table(Table { head, rows }));
    }
    blocks
}

/// A row of a group's table: a data item (its anchor on the row) or a
/// sub-group (linked to its section).
fn element_row(f: &Facts, m: usize, id: NodeId) -> Row {
    let msg = &f.rs.messages[m];
    let node = msg.model.node(id);
    let (anchor_here, name) = if is_group(node) {
        let to = link(&msg.model.id, &anchor(msg, id), code(&node.name), None);
        (None, to)
    } else {
        (Some(anchor(msg, id)), code(&node.name))
    };
    let mut cells = vec![vec![name], vec![text(&node.title)]];
    if f.numbers.is_some() {
        cells.push(f.number(m, id).map(text).into_iter().collect());
    }
    cells.extend([
        vec![text(node.status.to_string())],
        vec![text(max(node.max))],
        format(node),
        codelist(f, node),
        rules_cell(f, m, id),
    ]);
    Row {
        anchor: anchor_here,
        cells,
    }
}

fn max(n: u32) -> String {
    if n == u32::MAX {
        "unbounded".to_string()
    } else {
        n.to_string()
    }
}

fn format(node: &ModelNode) -> Vec<Inline> {
    let what = match node.ty {
        ElementType::Group => return vec![text("data group")],
        ElementType::Date => " (date)",
        ElementType::DateTime => " (date and time)",
        _ => "",
    };
    match &node.format {
        Some(f) => vec![code(f), text(what)],
        None => vec![text(what.trim())],
    }
}

fn codelist(f: &Facts, node: &ModelNode) -> Vec<Inline> {
    let Some(id) = &node.codelist else {
        return Vec::new();
    };
    let Some(list) = f.rs.codelists.iter().find(|l| &l.id == id) else {
        return vec![code(id)];
    };
    let mut out = vec![link(CODELISTS, id, code(id), Some(list.title.clone()))];
    match list.content {
        Content::Complete(_) => {}
        Content::Partial(_) => out.push(text(" (held in part)")),
        Content::NotShipped => out.push(text(" (not held: not checked)")),
    }
    out
}

/// The rules listed at an element, then, by id only, those that read it.
fn rules_cell(f: &Facts, m: usize, id: NodeId) -> Vec<Inline> {
    let mut out = rule_list(f, &f.rules_at(m, id));
    let readers = f.readers(m, id);
    if !readers.is_empty() {
        if !out.is_empty() {
            out.push(Inline::Break);
        }
        out.push(text("read by "));
        out.extend(links(f, &readers));
    }
    out
}

/// Rule ids, each linked, with its title, one a line.
fn rule_list(f: &Facts, ids: &BTreeSet<&str>) -> Vec<Inline> {
    let mut out = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        if i > 0 {
            out.push(Inline::Break);
        }
        out.push(f.rule_link(id));
        out.push(text(format!(" {}", f.title(id))));
        if let Some((_, meta)) = f.rule(id) {
            if meta.in_force_from.is_some() || meta.in_force_until.is_some() {
                out.push(text(format!(" ({})", period(meta))));
            }
        }
    }
    out
}

fn applied_rules(f: &Facts, m: usize) -> Table {
    let rows = (f.rules_of(m).into_iter())
        .map(|id| {
            let (kind, period, checked) = match f.rule(id) {
                Some((i, meta)) => (
                    kind(meta.kind),
                    period(meta),
                    checked(meta, f.reach[m].get(&i)),
                ),
                None => (kind(RuleKind::of_id(id)), "—".to_string(), "no".to_string()),
            };
            Row {
                anchor: None,
                cells: vec![
                    vec![f.rule_link(id)],
                    vec![text(kind)],
                    vec![text(f.title(id))],
                    vec![text(period)],
                    vec![text(checked)],
                ],
            }
        })
        .collect();
    Table {
        head: vec!["Rule", "Kind", "Title", "In force", "Checked"],
        rows,
    }
}

fn kind(k: RuleKind) -> &'static str {
    match k {
        RuleKind::Condition => "condition",
        RuleKind::Rule => "rule",
        RuleKind::Guideline => "guideline",
        RuleKind::Transitional => "transitional constraint",
    }
}

fn period(meta: &RuleMeta) -> String {
    match (&meta.in_force_from, &meta.in_force_until) {
        (None, None) => "always".to_string(),
        (Some(from), None) => format!("from {from}"),
        (None, Some(until)) => format!("until {until}"),
        (Some(from), Some(until)) => format!("{from} to {until}"),
    }
}

/// Whether rule `meta` is checked where `reach` says what its checks do
/// (`None`: none applies there).
fn checked(meta: &RuleMeta, reach: Option<&Reach>) -> String {
    match (&meta.unchecked, reach) {
        (Some(Unchecked::Advice), _) => "no: advice, no technical check".to_string(),
        (Some(Unchecked::NotExpressible(why)), _) => format!("no: not expressible yet — {why}"),
        (None, _) if meta.kind == RuleKind::Guideline => "no: advice".to_string(),
        (None, None) => "no check applies here".to_string(),
        (None, Some(r)) => {
            let mut s = match &meta.partial {
                Some(what) => format!("in part; not checked: {what}"),
                None => "yes".to_string(),
            };
            if !r.hooks.is_empty() {
                let hooks: Vec<&str> = r.hooks.iter().map(String::as_str).collect();
                s.push_str(&format!("; asks the application: {}", hooks.join(", ")));
            }
            s
        }
    }
}

fn heading(level: u8, anchor: Option<String>, text: Vec<Inline>) -> Block {
    Block::Heading {
        level,
        anchor,
        text,
    }
}

/// Every rule, by id, then the ids the message tables bind that no rule
/// defines.
fn rules(f: &Facts) -> Page {
    let mut ids: Vec<&str> = f.rs.rules.iter().map(|r| r.id.as_str()).collect();
    ids.extend(f.unbound.iter().copied());
    ids.sort_unstable();
    let mut blocks = vec![Block::Paragraph(vec![text(
        "Every rule of the rule set, by id: what it is, when it is in force, what its checks \
         require, forbid or test and what they read, and its text as written in the rule \
         files (the comments above it say how the specification was read).",
    )])];
    for id in ids {
        let title = vec![code(id), text(format!(" — {}", f.title(id)))];
        blocks.push(heading(2, Some(id.to_string()), title));
        match f.rule(id) {
            Some((i, meta)) => {
                blocks.push(Block::Fields(rule_fields(f, i, meta)));
                blocks.push(Block::Code(meta.source.trim_end().to_string()));
            }
            None => {
                let bound = per_message(f, |m| bound_to(f, m, id));
                if !bound.is_empty() {
                    blocks.push(Block::Fields(vec![("Bound by the table", bound)]));
                }
            }
        }
    }
    Page {
        stem: RULES.to_string(),
        title: format!("Rules of {}", f.rs.name),
        blocks,
    }
}

fn rule_fields(f: &Facts, i: RuleIndex, meta: &RuleMeta) -> Vec<(&'static str, Vec<Inline>)> {
    let rs = f.rs;
    let reaches: Vec<&Reach> = f.reach.iter().filter_map(|r| r.get(&i)).collect();
    let mut all = Reach::default();
    for r in &reaches {
        all.hooks.extend(r.hooks.iter().cloned());
    }
    let checked = if reaches.is_empty() && meta.unchecked.is_none() {
        "no: no check applies to any message".to_string()
    } else {
        checked(meta, Some(&all))
    };
    let mut fields = vec![
        ("Kind", vec![text(kind(meta.kind))]),
        ("In force", vec![text(period(meta))]),
        ("Checked", vec![text(checked)]),
    ];
    if let Some(e) = &meta.error {
        let reason = e.cites.as_deref().unwrap_or(&meta.id);
        fields.push((
            "Reported as",
            vec![text(format!("error {}, reason {reason}", e.number))],
        ));
    }
    if !meta.disables.is_empty() {
        let ids: BTreeSet<&str> = meta.disables.iter().map(String::as_str).collect();
        fields.push(("Disables", links(f, &ids)));
    }
    let by: BTreeSet<&str> = (rs.rules.iter())
        .filter(|r| r.disables.contains(&meta.id))
        .map(|r| r.id.as_str())
        .collect();
    if !by.is_empty() {
        fields.push(("Not applied while in force", links(f, &by)));
    }
    let governs = per_message(f, |m| {
        f.reach[m]
            .get(&i)
            .map_or_else(Vec::new, |r| r.governed.iter().copied().collect())
    });
    if !governs.is_empty() {
        fields.push(("Requires, forbids or tests", governs));
    }
    let reads = per_message(f, |m| {
        f.reach[m]
            .get(&i)
            .map_or_else(Vec::new, |r| read_only(&rs.messages[m], r))
    });
    if !reads.is_empty() {
        fields.push(("Reads", reads));
    }
    let bound = per_message(f, |m| bound_to(f, m, &meta.id));
    if !bound.is_empty() {
        fields.push(("Bound by the table", bound));
    }
    fields.push(("Defined at", vec![code(&meta.location)]));
    fields
}

/// The nodes a rule's checks read besides those they govern and the groups
/// holding those (which every check of an element passes through).
fn read_only(msg: &MessageIr, r: &Reach) -> Vec<NodeId> {
    let mut holding = BTreeSet::new();
    for &n in &r.governed {
        let mut up = n;
        while up != NodeId::ROOT {
            up = msg.model.node(up).parent;
            holding.insert(up);
        }
    }
    (r.touched.iter())
        .filter(|n| !r.governed.contains(n) && !holding.contains(n))
        .copied()
        .collect()
}

/// The nodes of message `m` whose table binds rule `id`.
fn bound_to(f: &Facts, m: usize, id: &str) -> Vec<NodeId> {
    (f.rs.messages[m].model.ids())
        .filter(|(_, n)| n.rules.iter().any(|r| r == id))
        .map(|(i, _)| i)
        .collect()
}

/// Per message, the nodes `nodes` gives, linked: one line per message that
/// has some (`CC015C: A, B`).
fn per_message(f: &Facts, nodes: impl Fn(usize) -> Vec<NodeId>) -> Vec<Inline> {
    let mut out = Vec::new();
    for (m, msg) in f.rs.messages.iter().enumerate() {
        let nodes = nodes(m);
        if nodes.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(Inline::Break);
        }
        out.push(page_link(&msg.model.id, &msg.model.id));
        out.push(text(": "));
        for (k, n) in nodes.into_iter().enumerate() {
            if k > 0 {
                out.push(text(", "));
            }
            let a = anchor(msg, n);
            out.push(link(&msg.model.id, &a, code(&a), None));
        }
    }
    out
}

fn links(f: &Facts, ids: &BTreeSet<&str>) -> Vec<Inline> {
    let mut out = Vec::new();
    for (k, id) in ids.iter().enumerate() {
        if k > 0 {
            out.push(text(", "));
        }
        out.push(f.rule_link(id));
    }
    out
}

/// Every code list declared: what the rule set holds of it, its source, and
/// the messages that bind it.
fn codelists(f: &Facts) -> Page {
    let rs = f.rs;
    let rows = (rs.codelists.iter())
        .map(|l| {
            let held = match &l.content {
                Content::Complete(e) => format!("complete, {} codes", e.len()),
                Content::Partial(e) => format!("in part, {} codes: others undecided", e.len()),
                Content::NotShipped => "not held: not checked".to_string(),
            };
            let (source, snapshot) = match &l.provenance {
                Some(p) => (p.source.to_string(), p.snapshot.to_string()),
                None => (String::new(), String::new()),
            };
            let mut used = Vec::new();
            for msg in rs.messages.iter().filter(|m| binds(m, &l.id)) {
                if !used.is_empty() {
                    used.push(text(", "));
                }
                used.push(page_link(&msg.model.id, &msg.model.id));
            }
            Row {
                anchor: Some(l.id.clone()),
                cells: vec![
                    vec![code(&l.id)],
                    vec![text(&l.title)],
                    vec![text(held)],
                    vec![text(source)],
                    vec![text(snapshot)],
                    used,
                ],
            }
        })
        .collect();
    Page {
        stem: CODELISTS.to_string(),
        title: format!("Code lists of {}", rs.name),
        blocks: vec![
            Block::Paragraph(vec![
                text(
                    "Every code list the rule set declares. A value not in a complete list is \
                     an error; a list held in part or not at all leaves such a value undecided \
                     unless the list is given at run time (",
                ),
                code("eucdm validate --codelists DIR"),
                text(")."),
            ]),
            Block::Table(Table {
                head: vec!["List", "Title", "Held", "Source", "Snapshot", "Bound in"],
                rows,
            }),
        ],
    }
}

fn binds(m: &MessageIr, list: &str) -> bool {
    m.model
        .nodes
        .iter()
        .any(|n| n.codelist.as_deref() == Some(list))
}
