//! The forms HMRC's import-control rules need (regular expressions, `..`,
//! counts with a condition, distinct counts, `number(X)`, `trim(X)`, `raw(X)`), run on
//! small messages by the compiled validator and by the interpreter: both give
//! the violations each case expects (the rules are in `tests/forms/`).

use eucdm_compiler::interpret::Interpreter;
use eucdm_runtime::{Options, RuleSet};

#[derive(eucdm_macros::Validator)]
#[rules = "forms"]
#[codelists = "ui/codelists"]
struct Forms;

fn interpreter() -> Interpreter {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let c = eucdm_compiler::compile_dir(&dir.join("forms"), &dir.join("ui/codelists"))
        .unwrap_or_else(|f| panic!("{}", f.render()));
    Interpreter::new(&c.ruleset)
}

/// (code, pointer, rule) of each violation, as both give them (they must agree).
fn violations(xml: &str) -> Vec<(u16, String, String)> {
    let body = format!("<f:CC901A xmlns:f=\"urn:eucdm:forms\">{xml}</f:CC901A>");
    let opts = Options::default();
    let run = |rs: &dyn RuleSet| {
        let doc = eucdm_runtime::read_xml(body.as_bytes(), rs.schemas()).expect("readable");
        rs.validate(&doc, &opts)
            .expect("own schemas")
            .violations
            .iter()
            .map(|v| (v.code.number(), v.pointer.clone(), v.reason.to_string()))
            .collect::<Vec<_>>()
    };
    let compiled = run(&Forms);
    assert_eq!(
        compiled,
        run(&interpreter()),
        "compiled and interpreted on {xml}"
    );
    compiled
}

/// The rules that fail on a message.
fn failing(xml: &str) -> Vec<String> {
    violations(xml).into_iter().map(|v| v.2).collect()
}

#[test]
fn regex_is_a_full_match_in_javas_syntax() {
    let h = |inner: &str| format!("<HEAHEA>{inner}</HEAHEA>");
    assert_eq!(failing(&h("<ref> 1234567 </ref>")), Vec::<String>::new());
    assert_eq!(failing(&h("<ref>123456789</ref>")), ["R0001"]);
    // `\s` is Java's ASCII white space: a no-break space is not.
    assert_eq!(failing(&h("<ref>\u{a0}1234567</ref>")), ["R0001"]);
    // The look-ahead: XFER must be followed by its form.
    assert_eq!(
        failing(&h("<mode>1</mode><ref>XFER</ref>")),
        ["R0001", "R0002"]
    );
    assert_eq!(
        failing(&h("<mode>1</mode><ref>XFERAB1:C2</ref>")),
        ["R0001"]
    );
    assert_eq!(failing(&h("<mode>4</mode><ref>XFER</ref>")), ["R0001"]);
}

#[test]
fn relative_paths_go_up_then_down_to_every_instance() {
    let party =
        |tin: &str| format!("<HEAHEA/><ITEM><no>1</no><PARTY>{tin}<name>N</name></PARTY></ITEM>");
    assert_eq!(failing(&party("")), Vec::<String>::new());
    assert_eq!(failing(&party("<tin>SE1</tin>")), Vec::<String>::new());
    assert_eq!(
        violations(&party("<tin>GB1</tin>")),
        [(
            14,
            "/CC901A/ITEM[1]/PARTY/name".to_string(),
            "R0003".to_string()
        )]
    );
    // An uncounted package's marks are found on a counted one of another item.
    let pac = |pieces: &str, marks: &str| {
        format!("<PAC><pieces>{pieces}</pieces><marks>{marks}</marks></PAC>")
    };
    let items = |a: String, b: String| {
        format!("<HEAHEA/><ITEM><no>1</no>{a}</ITEM><ITEM><no>2</no>{b}</ITEM>")
    };
    assert_eq!(
        failing(&items(pac("0", "A"), pac("2", "A"))),
        Vec::<String>::new()
    );
    assert_eq!(
        violations(&items(pac("0", "A"), pac("2", "B"))),
        [(
            14,
            "/CC901A/ITEM[1]/PAC[1]".to_string(),
            "R0004".to_string()
        )]
    );
    // Its own marks do not count: it is not counted itself.
    assert_eq!(
        failing(&items(pac("0", "A"), pac("0", "A"))),
        ["R0004", "R0004"]
    );
}

#[test]
fn trim_strips_what_java_strips() {
    let mass = |m: &str| format!("<HEAHEA/><ITEM><no>1</no><mass>{m}</mass></ITEM>");
    assert_eq!(failing(&mass("10")), Vec::<String>::new());
    assert_eq!(failing(&mass(" 0 ")), Vec::<String>::new());
    assert_eq!(failing(&mass("012")), ["R0005"]);
    // Tabs and line ends are trimmed (every character up to U+0020), a no-break space is not.
    assert_eq!(failing(&mass("\t012\r\n")), ["R0005"]);
    assert_eq!(failing(&mass("\u{a0}012")), Vec::<String>::new());
}

#[test]
fn dot_is_the_context_itself() {
    let mass = |m: &str| format!("<HEAHEA/><ITEM><no>1</no><mass>{m}</mass></ITEM>");
    assert_eq!(failing(&mass(" 1.250 ")), Vec::<String>::new());
    assert_eq!(failing(&mass("1.2505")), ["R0012"]);
    assert_eq!(failing(&mass("+1.2")), ["R0012"]);
}

#[test]
fn number_is_nan_when_absent_or_not_numeric() {
    let h = |inner: &str| failing(&format!("<HEAHEA><mode>1</mode>{inner}</HEAHEA>"));
    // Absent: NaN != 0 holds, NaN = 0 (the sum of no packages) does not.
    assert_eq!(h(""), Vec::<String>::new());
    assert_eq!(h("<total>abc</total>"), ["R0007"]);
    assert_eq!(h("<total> 0.0 </total>"), ["R0006"]);
    let pac = "<ITEM><no>1</no><PAC><pieces>2</pieces></PAC><PAC><pieces>3</pieces></PAC></ITEM>";
    let with = |total: &str| {
        failing(&format!(
            "<HEAHEA><mode>4</mode><total>{total}</total></HEAHEA>{pac}"
        ))
    };
    assert_eq!(with("5"), Vec::<String>::new());
    // Java reads exponents and type suffixes.
    assert_eq!(with("0.5e1"), Vec::<String>::new());
    assert_eq!(with("5d"), Vec::<String>::new());
    assert_eq!(with("6"), ["R0007"]);
    // `number(mode) = 1 or ... = 4`: a mode that is not a number fails.
    assert_eq!(
        failing("<HEAHEA><mode>01</mode></HEAHEA>"),
        Vec::<String>::new()
    );
    assert_eq!(
        failing("<HEAHEA><mode>4.0</mode></HEAHEA>"),
        Vec::<String>::new()
    );
    assert_eq!(failing("<HEAHEA><mode>X</mode></HEAHEA>"), ["R0008"]);
}

#[test]
fn count_counts_the_instances_that_pass() {
    // A bulk package has no number of pieces.
    let pac = |kind: &str, pieces: &str| match pieces {
        "" => format!("<PAC><kind>{kind}</kind></PAC>"),
        _ => format!("<PAC><kind>{kind}</kind><pieces>{pieces}</pieces></PAC>"),
    };
    let msg = |mass: &str, items: &str| format!("<HEAHEA><mass>{mass}</mass></HEAHEA>{items}");
    let item = |pacs: String| format!("<ITEM><no>1</no>{pacs}</ITEM>");
    // 2 + 3 pieces and one bulk package (" VQ " trimmed) of another item.
    let items = format!(
        "{}{}",
        item(pac("BX", "2") + &pac(" VQ ", "")),
        item(pac("CT", "3"))
    );
    assert_eq!(failing(&msg("6", &items)), Vec::<String>::new());
    assert_eq!(failing(&msg("5", &items)), ["R0009"]);
    // The test form reads the value as it is: " VQ " is not VQ, two VG are two.
    let two = item(pac("VG", "") + &pac("VG", ""));
    assert_eq!(failing(&msg("2", &two)), ["R0010"]);
    let spaced = item(pac(" VG ", "") + &pac("VG", ""));
    assert_eq!(failing(&msg("2", &spaced)), Vec::<String>::new());
}

#[test]
fn distinct_counts_values_trimmed_values_and_sizes() {
    let parties = |ps: &[&str]| {
        let items: String = ps
            .iter()
            .map(|p| format!("<ITEM><no>1</no><PARTY>{p}</PARTY></ITEM>"))
            .collect();
        failing(&format!("<HEAHEA><mode>P</mode></HEAHEA>{items}"))
    };
    assert_eq!(parties(&[]), Vec::<String>::new());
    assert_eq!(parties(&["<name>A</name>"]), ["R0011"]);
    // The names trimmed are the same; so are the sizes and the (absent) TINs.
    assert_eq!(parties(&["<name>A</name>", "<name> A </name>"]), ["R0011"]);
    assert_eq!(
        parties(&["<name>A</name>", "<name>B</name>"]),
        Vec::<String>::new()
    );
    // Two elements against one.
    assert_eq!(
        parties(&["<tin>X</tin><name>A</name>", "<name>A</name>"]),
        Vec::<String>::new()
    );
    // TINs are told apart as written.
    assert_eq!(
        parties(&["<tin>X</tin><name>A</name>", "<tin> X</tin><name>A</name>"]),
        Vec::<String>::new()
    );
}

#[test]
fn integer_reads_javas_int_or_takes_the_default() {
    let seals = |s: Option<&str>| {
        let seals = s.map_or(String::new(), |s| format!("<seals>{s}</seals>"));
        failing(&format!("<HEAHEA>{seals}</HEAHEA>"))
    };
    assert_eq!(seals(None), Vec::<String>::new());
    // Java's int: trimmed, a sign, Unicode decimal digits.
    for int in ["5", " +5 ", "-0", "007", "٥", "2147483647"] {
        assert_eq!(seals(Some(int)), Vec::<String>::new(), "{int:?}");
    }
    // Not an int (HMRC's intOrElse gives the default, -1): a decimal point, an
    // exponent, out of 32 bits; or an int below 0.
    for not_int in ["5.0", "1e3", "x", "2147483648", "-3"] {
        assert_eq!(seals(Some(not_int)), ["R0015"], "{not_int:?}");
    }
}

#[test]
fn sum_of_numbers_is_nan_when_one_is_not_a_number() {
    let msg = |gross: &str, masses: &[&str]| {
        let items: String = masses
            .iter()
            .map(|m| format!("<ITEM><no>1</no><mass>{m}</mass></ITEM>"))
            .collect();
        failing(&format!("<HEAHEA><gross>{gross}</gross></HEAHEA>{items}"))
    };
    assert_eq!(msg("4", &["1.5", "2.5"]), Vec::<String>::new());
    assert_eq!(msg("3.9999", &["1.5", "2.5"]), Vec::<String>::new());
    assert_eq!(msg("3.9998", &["1.5", "2.5"]), ["R0013"]);
    // Exponents are numbers; a mass that is not one makes the sum NaN.
    assert_eq!(msg("4", &["1.5", "25e-1"]), Vec::<String>::new());
    assert_eq!(msg("400", &["1.5", "x"]), ["R0013"]);
    // No item: the sum is 0.
    assert_eq!(msg("0", &[]), Vec::<String>::new());
}

#[test]
fn sequential_is_a_condition_on_all_instances() {
    let items = |nos: &[&str]| {
        let items: String = nos
            .iter()
            .map(|n| format!("<ITEM><no>{n}</no></ITEM>"))
            .collect();
        violations(&format!("<HEAHEA><mode>S</mode></HEAHEA>{items}"))
    };
    assert_eq!(items(&[]), []);
    assert_eq!(items(&["1", "2", "3"]), []);
    // One violation, at the condition's context, however many are out of place.
    let at_header = [(14, "/CC901A/HEAHEA".to_string(), "R0014".to_string())];
    assert_eq!(items(&["1", "3", "4"]), at_header);
    assert_eq!(items(&["2"]), at_header);
}

#[test]
fn raw_reads_the_text_as_sent() {
    let cities = |cs: &[&str]| {
        let items: String = cs
            .iter()
            .map(|c| format!("<ITEM><no>1</no><PARTY><city>{c}</city></PARTY></ITEM>"))
            .collect();
        failing(&format!("<HEAHEA><mode>C</mode></HEAHEA>{items}"))
    };
    // Inner white space: one city as read, two as sent.
    assert_eq!(cities(&["A  B", "A B"]), ["R0033"]);
    assert_eq!(cities(&["A\tB", "A B"]), ["R0033"]);
    assert_eq!(cities(&["A\nB", "A B"]), ["R0033"]);
    // Around the text: trimmed as sent, the same; as sent, two.
    assert_eq!(cities(&[" A B ", "A B"]), ["R0031", "R0033"]);
    assert_eq!(cities(&["A B", "A B"]), ["R0031", "R0032", "R0033"]);
    assert_eq!(cities(&["A", "B"]), Vec::<String>::new());
    // Entities are decoded before: `&#32;` is a space as sent.
    assert_eq!(
        cities(&["A&#32;&#32;B", "A  B"]),
        ["R0031", "R0032", "R0033"]
    );

    let pac = |pieces: &str, label: &str| {
        // The same marks throughout: R0004 holds.
        format!("<PAC><pieces>{pieces}</pieces><marks>M</marks><label>{label}</label></PAC>")
    };
    let items = |a: String, b: String| {
        failing(&format!(
            "<HEAHEA/><ITEM><no>1</no>{a}</ITEM><ITEM><no>2</no>{b}</ITEM>"
        ))
    };
    assert_eq!(
        items(pac("0", "A B"), pac("2", " A B ")),
        Vec::<String>::new()
    );
    assert_eq!(
        items(pac("0", "A  B"), pac("2", "A  B")),
        Vec::<String>::new()
    );
    assert_eq!(items(pac("0", "A  B"), pac("2", "A B")), ["R0034"]);

    let note = |n: &str| failing(&format!("<HEAHEA><note>{n}</note></HEAHEA>"));
    assert_eq!(note(" A  B\n"), Vec::<String>::new());
    assert_eq!(note("A\nB"), ["R0035"]);
    assert_eq!(note("A\r\nB"), ["R0035"]);
}

/// The JSON reader keeps the texts as sent as the XML reader does (it
/// applies the facets once the message is read, not at each item).
#[test]
fn raw_reads_json_strings_as_sent() {
    let cities = |a: &str, b: &str| {
        let json = format!(
            r#"{{"CC901A": {{"HEAHEA": {{"mode": "C"}}, "ITEM": [
                {{"no": "1", "PARTY": {{"city": "{a}"}}}},
                {{"no": "2", "PARTY": {{"city": "{b}"}}, "PAC": {{"pieces": "0", "marks": "M", "label": "{a}"}}}}]}}}}"#
        );
        let opts = Options::default();
        let run = |rs: &dyn RuleSet| {
            let doc =
                eucdm_runtime::json::read_json(json.as_bytes(), rs.schemas()).expect("readable");
            rs.validate(&doc, &opts)
                .expect("own schemas")
                .violations
                .iter()
                .map(|v| v.reason.to_string())
                .collect::<Vec<_>>()
        };
        let mut compiled = run(&Forms);
        assert_eq!(compiled, run(&interpreter()), "{json}");
        compiled.sort();
        compiled
    };
    // R0004, R0034: the package numbered 0 has no counted one to share with.
    assert_eq!(cities("A  B", "A B"), ["R0004", "R0033", "R0034"]);
    assert_eq!(cities("A\\tB", " A\\nB"), ["R0004", "R0033", "R0034"]);
    assert_eq!(cities(" A B", "A B"), ["R0004", "R0031", "R0033", "R0034"]);
    assert_eq!(
        cities("A B", "A B"),
        ["R0004", "R0031", "R0032", "R0033", "R0034"]
    );
}

/// The keyed quantifiers (tests/forms/keyed.rules: R0016, R0018, R0020 looked up in an
/// index, R0017, R0019, R0021 the same tests scanned) report the same instances.
fn keyed(items: &str) -> Vec<(String, String)> {
    let all = violations(&format!("<HEAHEA><mode>K</mode></HEAHEA>{items}"));
    let of = |rule: &str| -> Vec<String> {
        all.iter()
            .filter(|v| v.2 == rule)
            .map(|v| v.1.clone())
            .collect()
    };
    let mut reported = Vec::new();
    for (lookup, scan) in [("R0016", "R0017"), ("R0018", "R0019"), ("R0020", "R0021")] {
        assert_eq!(of(lookup), of(scan), "{lookup} and {scan} on {items}");
        reported.extend(of(lookup).into_iter().map(|p| (lookup.to_string(), p)));
    }
    reported
}

/// An item with its number, its mass and its packages' (pieces, marks).
fn item(no: &str, mass: &str, pacs: &[(&str, &str)]) -> String {
    let opt = |tag: &str, v: &str| match v {
        "-" => String::new(),
        v => format!("<{tag}>{v}</{tag}>"),
    };
    let pacs: String = pacs
        .iter()
        .map(|(pieces, marks)| {
            format!(
                "<PAC>{}{}</PAC>",
                opt("pieces", pieces),
                opt("marks", marks)
            )
        })
        .collect();
    format!("<ITEM>{}{}{pacs}</ITEM>", opt("no", no), opt("mass", mass))
}

fn reported(rule: &str, pointers: &[&str]) -> Vec<(String, String)> {
    pointers
        .iter()
        .map(|p| (rule.to_string(), format!("/CC901A/{p}")))
        .collect()
}

#[test]
fn keyed_numbers_follow_another_instance() {
    let numbered = |nos: &[&str]| {
        let items: String = nos.iter().map(|no| item(no, "1", &[("1", "M")])).collect();
        keyed(&items)
    };
    assert_eq!(numbered(&["1", "2", "3"]), []);
    assert_eq!(numbered(&["3", "1", "2"]), []);
    assert_eq!(numbered(&["1", "3"]), reported("R0016", &["ITEM[2]"]));
    // Duplicates: each 2 follows the 1; two 2s without a 1 follow nothing, not each other.
    assert_eq!(numbered(&["1", "2", "2"]), []);
    assert_eq!(
        numbered(&["2", "2"]),
        reported("R0016", &["ITEM[1]", "ITEM[2]"])
    );
    // Numbers by value: 2 follows 1.0.
    assert_eq!(numbered(&["1.0", "2"]), []);
    // No number, or not a number: it follows nothing, and nothing follows it.
    assert_eq!(
        numbered(&["-", "2"]),
        reported("R0016", &["ITEM[1]", "ITEM[2]"])
    );
    assert_eq!(
        numbered(&["x", "2"]),
        reported("R0016", &["ITEM[1]", "ITEM[2]"])
    );
}

#[test]
fn keyed_texts_skip_the_instance_holding_the_context() {
    // (Masses of letters: not the numbers of R0020, which these cases do not look at.)
    let keyed = |items: String| -> Vec<_> {
        keyed(&items)
            .into_iter()
            .filter(|(rule, _)| rule == "R0018")
            .collect()
    };
    // The package's own item has the mass A: not another item.
    assert_eq!(
        keyed(item("1", "A", &[("1", "A")]) + &item("2", "B", &[("1", "C")])),
        []
    );
    assert_eq!(
        keyed(item("1", "A", &[("1", "A")]) + &item("2", "A", &[("1", "C")])),
        reported("R0018", &["ITEM[1]/PAC[1]"])
    );
    // Texts as they are: " A" is not "A"; a package without marks has none to share.
    assert_eq!(
        keyed(item("1", "A", &[("1", " A"), ("1", "-")]) + &item("2", "A", &[("1", "C")])),
        []
    );
}

#[test]
fn keyed_numbers_of_no_number_are_nan_and_equal_nothing() {
    let masses = |mass: &str, pieces: &str| keyed(&item("1", mass, &[(pieces, "M")]));
    assert_eq!(masses("2", "2"), []);
    assert_eq!(masses(" 2.0 ", "2"), []);
    assert_eq!(masses("2e0", "2"), []);
    assert_eq!(masses("3", "2"), reported("R0020", &["ITEM[1]"]));
    // NaN = NaN is false, as absent = absent.
    assert_eq!(masses("abc", "abc"), reported("R0020", &["ITEM[1]"]));
    assert_eq!(masses("NaN", "NaN"), reported("R0020", &["ITEM[1]"]));
    assert_eq!(masses("-", "-"), reported("R0020", &["ITEM[1]"]));
}

/// The bounded quantifiers (tests/forms/bounded.rules: R0036, R0038, R0040 answered from
/// the bounds of their instances, R0037, R0039, R0041 the same tests scanned) report the
/// same instances.
fn bounded(items: &[String]) -> Vec<(String, String)> {
    let items = items.concat();
    let all = violations(&format!("<HEAHEA><mode>B</mode></HEAHEA>{items}"));
    let of = |rule: &str| -> Vec<String> {
        all.iter()
            .filter(|v| v.2 == rule)
            .map(|v| v.1.clone())
            .collect()
    };
    let mut reported = Vec::new();
    for (bounds, scan) in [("R0036", "R0037"), ("R0038", "R0039"), ("R0040", "R0041")] {
        assert_eq!(of(bounds), of(scan), "{bounds} and {scan} on {items}");
        reported.extend(of(bounds).into_iter().map(|p| (bounds.to_string(), p)));
    }
    reported
}

#[test]
fn bounded_all_and_none_compare_with_the_greatest_and_least() {
    let only = |rule: &str, items: &[String]| -> Vec<_> {
        bounded(items)
            .into_iter()
            .filter(|(r, _)| r == rule)
            .collect()
    };
    // R0036: every package's pieces below the item's mass; duplicates of the greatest.
    let one = |mass: &str, pieces: &[&str]| {
        let pacs: Vec<_> = pieces.iter().map(|p| (*p, "M")).collect();
        only("R0036", &[item("1", mass, &pacs)])
    };
    assert_eq!(one("4", &["3", "1", "3"]), []);
    assert_eq!(one("3", &["3", "1", "3"]), reported("R0036", &["ITEM[1]"]));
    // A package without pieces, a mass of no number (NaN): the comparison is false.
    assert_eq!(one("4", &["1", "-"]), reported("R0036", &["ITEM[1]"]));
    for mass in ["x", "NaN", "-"] {
        assert_eq!(one(mass, &["1"]), reported("R0036", &["ITEM[1]"]), "{mass}");
    }
    // No package at all: `all` holds, even against no number.
    assert_eq!(one("x", &[]), []);
    assert_eq!(one("-", &[]), []);
    // Packages of every item: the item with the lower mass fails.
    assert_eq!(
        only(
            "R0036",
            &[item("1", "5", &[("4", "M")]), item("2", "2", &[("1", "M")])]
        ),
        reported("R0036", &["ITEM[2]"])
    );
    // R0038: no package with as many pieces as the item's number; absent pieces never do.
    let items = |nos: &[&str], pieces: &[&str]| -> Vec<String> {
        let pacs: Vec<_> = pieces.iter().map(|p| (*p, "M")).collect();
        nos.iter().map(|no| item(no, "9", &pacs)).collect()
    };
    assert_eq!(only("R0038", &items(&["3"], &["2", "-"])), []);
    assert_eq!(
        only("R0038", &items(&["3", "2"], &["2", "1"])),
        reported("R0038", &["ITEM[2]"])
    );
    assert_eq!(only("R0038", &items(&["3"], &["-"])), []);
}

#[test]
fn bounded_any_of_the_same_group_finds_a_lower_number() {
    let numbered = |nos: &[&str]| {
        let items: Vec<String> = nos.iter().map(|no| item(no, "9", &[])).collect();
        bounded(&items)
            .into_iter()
            .filter(|(r, _)| r == "R0040")
            .collect::<Vec<_>>()
    };
    assert_eq!(numbered(&["3", "1", "2"]), []);
    // One item: only itself, not lower.
    assert_eq!(numbered(&["2"]), reported("R0040", &["ITEM[1]"]));
    // Duplicates: equal is not lower.
    assert_eq!(
        numbered(&["2", "2"]),
        reported("R0040", &["ITEM[1]", "ITEM[2]"])
    );
    // Numbers by value: 1.5 is below 2, and nothing is below it.
    assert_eq!(
        numbered(&["2", "2", "1.5"]),
        reported("R0040", &["ITEM[3]"])
    );
    // No number, or not a number: lower than nothing, nothing lower than it.
    assert_eq!(
        numbered(&["-", "2"]),
        reported("R0040", &["ITEM[1]", "ITEM[2]"])
    );
    assert_eq!(numbered(&["x", "2", "1"]), reported("R0040", &["ITEM[1]"]));
}
