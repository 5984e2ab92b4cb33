//! HMRC's own test suite for the UK entry summary declarations as the
//! conformance test of `rules/uk-ens` (issue 19).
//!
//! Rule cases (`../shared/data/uk-ens/cases/ruleTestCases{313,313New,315,315New}`):
//! each `NAME.xml` must give exactly the multiset of (error number, location)
//! of its `NAME.ctl`, HMRC's error response. Locations are HMRC's
//! (`/ie:CC315A[1]/GOOITEGDS[2]/TRACONCE2[1]`): the project's pointer gets the
//! namespace prefix on the root and `[1]` on every step without an index
//! ([`hmrc_location`]). The structure of the message (status, repetitions,
//! formats) is not asked of a rule case, as HMRC's harness does not: the
//! schema cases are for it. A `.ctl` error without a number cannot be read by
//! HMRC's own harness, which then expects no error; so does this one.
//! Folders 313/315 are judged by HMRC's earlier rules (`uk-ens-legacy`, the
//! overlay of `uk-ens`), 313New/315New by the current ones.
//!
//! Schema cases (`schemaTestCases*`): a `.ctl` with an error means invalid;
//! the project's answer is invalid when the message cannot be read with the
//! models or breaks their structure (status, repetitions, formats).
//!
//! Until every rule is written the test does not ask for every case: it asks
//! that each case listed in `tests/conformance/uk-ens.expected` still matches
//! (no regression), and prints `matched N/M` per folder and the cases that
//! match and are not listed yet. `UK_ENS_BLESS=1` rewrites the list.
//!
//! Without `../shared` those tests are ignored; `own_sample_cases` (the
//! project's example CC315A and one change per case) and the tests of the
//! error model run always.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use eucdm_compiler::interpret::Interpreter;
use eucdm_runtime::{Options, Reason, RuleSet};
use eucdm_tests::root;

const RULE_FOLDERS: [&str; 4] = ["313", "313New", "315", "315New"];
const EXPECTED: &str = "tests/conformance/uk-ens.expected";

fn cases_dir() -> PathBuf {
    root().join("../shared/data/uk-ens/cases")
}

/// One error: HMRC's number (or the project's code) and HMRC's location.
type Error = (u16, String);

/// `/CC315A/GOOITEGDS[2]/TRACONCE2` -> `/ie:CC315A[1]/GOOITEGDS[2]/TRACONCE2[1]`.
fn hmrc_location(pointer: &str) -> String {
    let mut out = String::new();
    for (i, step) in pointer.trim_start_matches('/').split('/').enumerate() {
        out.push('/');
        if i == 0 {
            out.push_str("ie:");
        }
        out.push_str(step);
        if !step.ends_with(']') {
            out.push_str("[1]");
        }
    }
    out
}

/// The text of each `<err:TAG>` in `s`.
fn elements<'a>(s: &'a str, tag: &str) -> Vec<&'a str> {
    let (open, close) = (format!("<err:{tag}>"), format!("</err:{tag}>"));
    s.split(open.as_str())
        .skip(1)
        .map(|rest| rest.split(close.as_str()).next().unwrap_or("").trim())
        .collect()
}

/// The errors of a `.ctl`, sorted; `None` for an error without a number.
fn expected_errors(ctl: &str) -> Option<Vec<Error>> {
    let mut out = Vec::new();
    for e in elements(ctl, "Error") {
        let number = elements(e, "Number").first()?.parse().ok()?;
        let location = elements(e, "Location").first().map(|s| s.to_string());
        out.push((number, location.unwrap_or_default()));
    }
    out.sort();
    Some(out)
}

fn got_errors(i: &Interpreter, xml: &[u8]) -> Vec<Error> {
    let mut out: Vec<Error> = match i.validate_xml(xml, &Options::default()) {
        // HMRC judges its rule cases by the rules alone (a few are not valid
        // by the schema: an empty ConRefNumHEA, `+01` as an item number) and
        // its schema cases by the schema (`hmrc_schema_test_cases`).
        Ok(r) => r
            .violations
            .iter()
            .filter(|v| !matches!(v.reason, Reason::Structure(_)))
            .map(|v| (v.code.number(), hmrc_location(&v.pointer)))
            .collect(),
        // Unreadable with the models: no error HMRC's rules would give.
        Err(e) => vec![(0, e.to_string())],
    };
    out.sort();
    out
}

fn interpreter(dir: &str) -> Interpreter {
    let c = eucdm_compiler::compile_dir(&root().join(dir), &root().join("codelists"))
        .unwrap_or_else(|f| panic!("{}", f.render()));
    Interpreter::new(&c.ruleset)
}

/// The case names (`NAME` of `NAME.xml`) of a folder, sorted.
fn cases(folder: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".xml").map(str::to_string)
        })
        .collect();
    v.sort();
    v
}

/// `folder case` lines of the expectations file.
fn recorded() -> BTreeMap<String, Vec<String>> {
    let text = std::fs::read_to_string(root().join(EXPECTED)).unwrap_or_default();
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let (folder, case) = line.split_once(' ').expect("`folder case` lines");
        out.entry(folder.to_string())
            .or_default()
            .push(case.to_string());
    }
    out
}

#[test]
#[cfg_attr(shared_absent, ignore = "needs ../shared beside the repository")]
fn hmrc_rule_test_cases() {
    let current = interpreter("rules/uk-ens");
    let legacy = interpreter("rules/uk-ens-legacy");
    let recorded = recorded();
    let mut matched_all: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut regressions = Vec::new();
    for folder in RULE_FOLDERS {
        let rules = if folder.ends_with("New") {
            &current
        } else {
            &legacy
        };
        let dir = cases_dir().join(format!("ruleTestCases{folder}"));
        let names = cases(&dir);
        assert!(
            names.len() > 100,
            "{}: only {} cases",
            dir.display(),
            names.len()
        );
        let mut matched = Vec::new();
        for name in &names {
            let xml = std::fs::read(dir.join(format!("{name}.xml"))).unwrap();
            let ctl = std::fs::read_to_string(dir.join(format!("{name}.ctl"))).unwrap();
            let want = expected_errors(&ctl).unwrap_or_default();
            if got_errors(rules, &xml) == want {
                matched.push(name.clone());
            }
        }
        println!(
            "ruleTestCases{folder}: matched {}/{}",
            matched.len(),
            names.len()
        );
        for case in recorded.get(folder).into_iter().flatten() {
            if !matched.contains(case) {
                regressions.push(format!("{folder} {case}"));
            }
        }
        let new = matched
            .iter()
            .filter(|c| !recorded.get(folder).is_some_and(|r| r.contains(c)))
            .count();
        if new > 0 {
            println!("  {new} matching case(s) not in {EXPECTED} (UK_ENS_BLESS=1 records them)");
        }
        matched_all.insert(folder.to_string(), matched);
    }
    if std::env::var_os("UK_ENS_BLESS").is_some() {
        let mut text = String::from(
            "# HMRC rule test cases that give exactly their .ctl's errors (313New, 315New\n\
             # with rules/uk-ens; 313, 315 with rules/uk-ens-legacy)\n\
             # (tests/tests/uk_ens.rs; UK_ENS_BLESS=1 cargo test -p eucdm-tests --test uk_ens rewrites it)\n",
        );
        for (folder, cases) in &matched_all {
            for c in cases {
                text.push_str(&format!("{folder} {c}\n"));
            }
        }
        std::fs::write(root().join(EXPECTED), text).unwrap();
    }
    assert!(
        !recorded.is_empty() || std::env::var_os("UK_ENS_BLESS").is_some(),
        "{EXPECTED} is missing or empty"
    );
    assert!(
        regressions.is_empty(),
        "cases that matched and no longer do: {regressions:#?}"
    );
}

#[test]
#[cfg_attr(shared_absent, ignore = "needs ../shared beside the repository")]
fn hmrc_schema_test_cases() {
    let current = interpreter("rules/uk-ens");
    let legacy = interpreter("rules/uk-ens-legacy");
    let mut wrong = Vec::new();
    for folder in RULE_FOLDERS {
        let i = if folder.ends_with("New") {
            &current
        } else {
            &legacy
        };
        let dir = cases_dir().join(format!("schemaTestCases{folder}"));
        let names = cases(&dir);
        assert!(!names.is_empty(), "{}: no cases", dir.display());
        let mut agree = 0;
        for name in &names {
            let xml = std::fs::read(dir.join(format!("{name}.xml"))).unwrap();
            let ctl = std::fs::read_to_string(dir.join(format!("{name}.ctl"))).unwrap();
            let hmrc_valid = elements(&ctl, "Error").is_empty();
            let valid = match i.validate_xml(&xml, &Options::default()) {
                Ok(r) => !r
                    .violations
                    .iter()
                    .any(|v| matches!(v.reason, Reason::Structure(_) | Reason::CodeList(_))),
                Err(_) => false,
            };
            if valid == hmrc_valid {
                agree += 1;
            } else {
                wrong.push(format!("{folder} {name}: HMRC valid={hmrc_valid}"));
            }
        }
        println!("schemaTestCases{folder}: agree {agree}/{}", names.len());
    }
    assert!(wrong.is_empty(), "judged otherwise than HMRC: {wrong:#?}");
}

#[test]
fn locations_are_hmrc_paths() {
    assert_eq!(hmrc_location("/CC315A"), "/ie:CC315A[1]");
    assert_eq!(
        hmrc_location("/CC315A/GOOITEGDS[2]/TRACONCE2"),
        "/ie:CC315A[1]/GOOITEGDS[2]/TRACONCE2[1]"
    );
    let ctl = "<err:Error><err:Number>8623</err:Number><err:Location>/ie:CC315A[1]/GOOITEGDS[1]</err:Location></err:Error>\
               <err:Error><err:Number>8102</err:Number><err:Location>/ie:CC315A[1]</err:Location></err:Error>";
    assert_eq!(
        expected_errors(ctl),
        Some(vec![
            (8102, "/ie:CC315A[1]".into()),
            (8623, "/ie:CC315A[1]/GOOITEGDS[1]".into())
        ])
    );
    // No number: HMRC's harness cannot read it and expects no error.
    assert_eq!(
        expected_errors("<err:Error><err:Text>x</err:Text></err:Error>"),
        None
    );
}

/// The interpreter gives a rule's own numbers as the generated code does
/// (`tests/ui/pass/error_numbers.rs`, the same rules and message).
#[test]
fn own_error_numbers_through_the_interpreter() {
    let c = eucdm_compiler::compile_dir(
        &root().join("tests/ui/rulesets/error_numbers"),
        &root().join("tests/ui/codelists"),
    )
    .unwrap_or_else(|f| panic!("{}", f.render()));
    let i = Interpreter::new(&c.ruleset);
    let xml = r#"<ie:CC315A xmlns:ie="http://ics.dgtaxud.ec/CC315A">
    <HEAHEA><TraModAtBorHEA76>12</TraModAtBorHEA76></HEAHEA>
    <GOOITEGDS><TRACONCE2><TINCE259>GB123</TINCE259></TRACONCE2></GOOITEGDS>
    <GOOITEGDS><TRACONCE2/></GOOITEGDS>
    <GOOITEGDS><TRACONCE2><NamCE27>X</NamCE27><TINCE259>GB1</TINCE259></TRACONCE2></GOOITEGDS>
</ie:CC315A>"#;
    let got: Vec<(u16, String, String)> = i
        .validate_xml(xml.as_bytes(), &Options::default())
        .unwrap()
        .violations
        .iter()
        .map(|v| (v.code.number(), v.pointer.clone(), v.reason.to_string()))
        .collect();
    let s = |s: &str| s.to_string();
    assert_eq!(
        got,
        [
            (8611, s("/CC315A"), s("E8611")),
            (14, s("/CC315A/HEAHEA/TraModAtBorHEA76"), s("R0001")),
            (8142, s("/CC315A/GOOITEGDS[2]/TRACONCE2"), s("C501")),
            (8646, s("/CC315A/GOOITEGDS[3]/TRACONCE2/NamCE27"), s("C501")),
        ]
    );
}

/// The shipped crate's compiled rule sets answer as the interpreter does on
/// the same rules, for every HMRC rule case (whole reports: errors and their
/// values, structure included).
#[test]
#[cfg_attr(shared_absent, ignore = "needs ../shared beside the repository")]
fn compiled_equals_interpreted_on_hmrc_cases() {
    let pairs: [(&str, &dyn RuleSet, Interpreter); 2] = [
        ("New", &eucdm_uk_ens::UK_ENS, interpreter("rules/uk-ens")),
        (
            "",
            &eucdm_uk_ens::UK_ENS_LEGACY,
            interpreter("rules/uk-ens-legacy"),
        ),
    ];
    let mut compared = 0;
    for (suffix, compiled, interpreted) in &pairs {
        for message in ["313", "315"] {
            let dir = cases_dir().join(format!("ruleTestCases{message}{suffix}"));
            for name in cases(&dir) {
                let xml = std::fs::read(dir.join(format!("{name}.xml"))).unwrap();
                let opts = Options::default();
                let a = compiled
                    .validate_xml(&xml, &opts)
                    .map_err(|e| e.to_string());
                let b = interpreted
                    .validate_xml(&xml, &opts)
                    .map_err(|e| e.to_string());
                assert_eq!(a, b, "{message}{suffix}/{name}");
                compared += 1;
            }
        }
    }
    assert!(compared > 5000, "only {compared} cases compared");
}

/// One case of the own sample: what it tests, the text replaced in the base
/// message and by what, the errors expected.
type Change = (&'static str, &'static str, &'static str, Vec<Error>);

/// The project's own sample, run with or without `../shared`: the example
/// CC315A with a goods item consignee (valid), and one change per case, each
/// giving HMRC's (number, location) as the rule text says.
#[test]
fn own_sample_cases() {
    let example =
        std::fs::read_to_string(root().join("examples/uk-ens/ens-consignee-missing.xml")).unwrap();
    let consignee =
        "<TRACONCE2><TINCE259>GB987654321000</TINCE259></TRACONCE2>\n    <IDEMEATRAGI970>";
    let base = example.replacen("<IDEMEATRAGI970>", consignee, 1);
    assert_ne!(base, example);
    let current = interpreter("rules/uk-ens");
    let legacy = interpreter("rules/uk-ens-legacy");
    let goods = "/ie:CC315A[1]/GOOITEGDS[1]";
    let header = "/ie:CC315A[1]/HEAHEA[1]";
    let packages = "/ie:CC315A[1]/GOOITEGDS[1]/PACGS2[1]";
    let consignee_at = "/ie:CC315A[1]/GOOITEGDS[1]/TRACONCE2[1]";
    // (what, replace, by, expected errors with the current rules)
    let cases: Vec<Change> = vec![
        ("valid", "", "", vec![]),
        (
            "C584: no consignee anywhere",
            consignee,
            "<IDEMEATRAGI970>",
            vec![(8623, goods.into())],
        ),
        (
            "C501: a name beside a GB TIN",
            "<TINCE259>GB987654321000</TINCE259>",
            "<NamCE27>Importer Ltd</NamCE27><TINCE259>GB987654321000</TINCE259>",
            vec![(8646, format!("{consignee_at}/NamCE27[1]"))],
        ),
        (
            "C501: a non-GB TIN without name and address",
            "<TINCE259>GB987654321000</TINCE259>",
            "<TINCE259>FR987654321000</TINCE259>",
            (8242..=8246)
                .map(|n| (n, consignee_at.to_string()))
                .collect(),
        ),
        (
            "a leading zero in the transport mode (03 is 3 for 8689)",
            "<TraModAtBorHEA76>3</TraModAtBorHEA76>",
            "<TraModAtBorHEA76>03</TraModAtBorHEA76>",
            vec![(8690, header.into())],
        ),
        (
            "total number of items not the goods items",
            "<TotNumOfIteHEA305>1</TotNumOfIteHEA305>",
            "<TotNumOfIteHEA305>2</TotNumOfIteHEA305>",
            vec![(8206, header.into())],
        ),
        (
            "C062: bulk with a number of packages",
            "<KinOfPacGS23>CT</KinOfPacGS23>",
            "<KinOfPacGS23>VQ</KinOfPacGS23>",
            vec![(8149, packages.into())],
        ),
        (
            "TR0022: zero packages sharing marks with no numbered ones",
            "<NumOfPacGS24>4</NumOfPacGS24>",
            "<NumOfPacGS24>0</NumOfPacGS24>",
            vec![(8153, packages.into())],
        ),
        (
            "E4065: a message sender without its '/' (the whole text must match)",
            "<MesSenMES3>GB0001/1234567890</MesSenMES3>",
            "<MesSenMES3>GB0001-1234567890</MesSenMES3>",
            vec![(4065, "/ie:CC315A[1]/MesSenMES3[1]".into())],
        ),
        (
            "E8673: a sign in the total gross mass (8686 then not checked)",
            "<TotGroMasHEA307>1200</TotGroMasHEA307>",
            "<TotGroMasHEA307>+1200</TotGroMasHEA307>",
            vec![(8673, header.into())],
        ),
        (
            "E8674: a leading zero in the total gross mass",
            "<TotGroMasHEA307>1200</TotGroMasHEA307>",
            "<TotGroMasHEA307>01200</TotGroMasHEA307>",
            vec![(8674, format!("{header}/TotGroMasHEA307[1]"))],
        ),
        (
            "E8676: four decimals in the total gross mass",
            "<TotGroMasHEA307>1200</TotGroMasHEA307>",
            "<TotGroMasHEA307>1200.1234</TotGroMasHEA307>",
            vec![(8676, format!("{header}/TotGroMasHEA307[1]"))],
        ),
        (
            "the person lodging without a GB TIN",
            "<TINPLD1>GB123456789000</TINPLD1>",
            "<TINPLD1>FR123456789000</TINPLD1>",
            vec![(8692, "/ie:CC315A[1]/PERLODSUMDEC[1]/TINPLD1[1]".into())],
        ),
    ];
    for (what, from, to, want) in cases {
        let xml = if from.is_empty() {
            base.clone()
        } else {
            base.replacen(from, to, 1)
        };
        assert!(from.is_empty() || xml != base, "{what}: nothing replaced");
        let mut want = want;
        want.sort();
        assert_eq!(got_errors(&current, xml.as_bytes()), want, "{what}");
    }
    // C511: a consignor for the declaration and one for a goods item, each
    // checked where it is (the same number from both sides); one goods item
    // consignor alone is also 8193 at the message (at least two, p1_p70).
    let both = base
        .replacen(
            "</HEAHEA>",
            "</HEAHEA>\n  <TRACONCO1><TINCO159>GB111111111000</TINCO159></TRACONCO1>",
            1,
        )
        .replacen(
            "<TRACONCE2>",
            "<TRACONCO2><TINCO259>GB222222222000</TINCO259></TRACONCO2><TRACONCE2>",
            1,
        );
    assert_eq!(
        got_errors(&current, both.as_bytes()),
        [
            (8119, "/ie:CC315A[1]/GOOITEGDS[1]/TRACONCO2[1]".to_string()),
            (8119, "/ie:CC315A[1]/TRACONCO1[1]".to_string()),
            (8193, "/ie:CC315A[1]".to_string())
        ]
    );
    // TR0022 (8153) as HMRC's helpers read it: a package numbered 0 (a double
    // 0: `0`, `-0`, `+0`; `0.0` is one too, and a leading zero, 8680) needs another with the same trimmed marks whose
    // number is an `int` above 0 (`intOrElse(..., 0) > 0`: `5`, `+5`, `٥`, not
    // `5.0` or `1e3`). The compiled rules answer as the interpreter.
    let zero_beside = |zero: &str, other: &str| {
        let second = format!(
            "</PACGS2>\n    <PACGS2><KinOfPacGS23>CT</KinOfPacGS23><NumOfPacGS24>{zero}</NumOfPacGS24><MarNumOfPacGSL21>MARKS 1-4</MarNumOfPacGSL21></PACGS2>"
        );
        let xml = base
            .replacen(
                "<NumOfPacGS24>4</NumOfPacGS24>",
                &format!("<NumOfPacGS24>{other}</NumOfPacGS24>"),
                1,
            )
            .replacen("</PACGS2>", &second, 1);
        let compiled = eucdm_uk_ens::UK_ENS.validate_xml(xml.as_bytes(), &Options::default());
        let interpreted = current.validate_xml(xml.as_bytes(), &Options::default());
        assert_eq!(compiled, interpreted, "{zero} beside {other}");
        got_errors(&current, xml.as_bytes())
    };
    let second_package = vec![(8153, "/ie:CC315A[1]/GOOITEGDS[1]/PACGS2[2]".to_string())];
    for (zero, other) in [("0", "4"), ("-0", "+5"), ("+0", "٥"), (" 0 ", "4")] {
        assert_eq!(zero_beside(zero, other), [], "{zero} beside {other}");
    }
    for (zero, other) in [("0", "5.0"), ("-0", "1e3"), ("+0", "-7"), ("0", "x")] {
        assert_eq!(
            zero_beside(zero, other),
            second_package,
            "{zero} beside {other}"
        );
    }
    // A number that is no number is no 0 (NaN != 0): nothing to share.
    assert_eq!(zero_beside("x", "5.0"), []);

    // The marks as HMRC's service reads them: as sent, trimmed only. Inner
    // white space the type's collapse would fold tells two marks apart.
    let marks_beside = |marks: &str| {
        let second = format!(
            "</PACGS2>\n    <PACGS2><KinOfPacGS23>CT</KinOfPacGS23><NumOfPacGS24>0</NumOfPacGS24><MarNumOfPacGSL21>{marks}</MarNumOfPacGSL21></PACGS2>"
        );
        let xml = base.replacen("</PACGS2>", &second, 1);
        let compiled = eucdm_uk_ens::UK_ENS.validate_xml(xml.as_bytes(), &Options::default());
        let interpreted = current.validate_xml(xml.as_bytes(), &Options::default());
        assert_eq!(compiled, interpreted, "marks {marks:?}");
        got_errors(&current, xml.as_bytes())
    };
    for same in ["MARKS 1-4", " MARKS 1-4\n", "MARKS&#32;1-4"] {
        assert_eq!(marks_beside(same), [], "marks {same:?}");
    }
    for other in ["MARKS  1-4", "MARKS\t1-4", "MARKS\n1-4", "MARKS&#9;1-4"] {
        assert_eq!(marks_beside(other), second_package, "marks {other:?}");
    }

    // Goods item consignors (8193) as HMRC's service reads them: two whose
    // names differ only in inner white space are different, not the same.
    let consignors = |a: &str, b: &str| {
        let item = |no: u32, name: &str| {
            format!(
                "<GOOITEGDS><IteNumGDS7>{no}</IteNumGDS7><GooDesGDS23>Parts</GooDesGDS23>\
                 <TRACONCO2><NamCO27>{name}</NamCO27><StrAndNumCO222>1 Rue</StrAndNumCO222>\
                 <PosCodCO223>62100</PosCodCO223><CitCO224>Calais</CitCO224><CouCO225>FR</CouCO225></TRACONCO2>\
                 <TRACONCE2><TINCE259>GB987654321000</TINCE259></TRACONCE2>\
                 <IDEMEATRAGI970><NatIDEMEATRAGI973>FR</NatIDEMEATRAGI973>\
                 <IdeMeaTraGIMEATRA971>AB12CDE</IdeMeaTraGIMEATRA971></IDEMEATRAGI970>\
                 <PACGS2><KinOfPacGS23>CT</KinOfPacGS23><NumOfPacGS24>2</NumOfPacGS24>\
                 <MarNumOfPacGSL21>M</MarNumOfPacGSL21></PACGS2></GOOITEGDS>"
            )
        };
        let start = example.find("<GOOITEGDS>").unwrap();
        let end = example.find("</GOOITEGDS>").unwrap() + "</GOOITEGDS>".len();
        let xml = format!(
            "{}{}{}{}",
            &example[..start],
            item(1, a),
            item(2, b),
            &example[end..]
        )
        .replacen("<TotNumOfIteHEA305>1<", "<TotNumOfIteHEA305>2<", 1);
        let compiled = eucdm_uk_ens::UK_ENS.validate_xml(xml.as_bytes(), &Options::default());
        let interpreted = current.validate_xml(xml.as_bytes(), &Options::default());
        assert_eq!(compiled, interpreted, "consignors {a:?}, {b:?}");
        got_errors(&current, xml.as_bytes())
    };
    let not_different = vec![(8193, "/ie:CC315A[1]".to_string())];
    assert_eq!(consignors("Exporter SA", "Other SA"), []);
    for same in [
        ("Exporter SA", "Exporter SA"),
        ("Exporter SA", " Exporter SA\n"),
    ] {
        assert_eq!(consignors(same.0, same.1), not_different, "{same:?}");
    }
    for differ in [
        "Exporter  SA",
        "Exporter\tSA",
        "Exporter\nSA",
        "Exporter&#10;SA",
    ] {
        assert_eq!(consignors("Exporter SA", differ), [], "{differ:?}");
    }

    // The conveyance reference with mode 1 (a ship, its IMO number) (8685)
    // as HMRC's service matches it: as sent, where Java's `.` matches no line end (collapsed, a line
    // end inside would be a space and pass).
    // The header's identity crossing the border replaces the goods item's.
    let means = "<IDEMEATRAGI970>\n      <NatIDEMEATRAGI973>FR</NatIDEMEATRAGI973>\n      <IdeMeaTraGIMEATRA971>AB12CDE</IdeMeaTraGIMEATRA971>\n    </IDEMEATRAGI970>";
    assert!(base.contains(means));
    let reference = |r: &str| {
        let xml = base
            .replacen(
                "<TraModAtBorHEA76>3</TraModAtBorHEA76>",
                "<TraModAtBorHEA76>1</TraModAtBorHEA76><IdeOfMeaOfTraCroHEA85>1234567</IdeOfMeaOfTraCroHEA85>",
                1,
            )
            .replacen(means, "", 1)
            .replacen(
                "</ComRefNumHEA>",
                &format!("</ComRefNumHEA><ConRefNumHEA>{r}</ConRefNumHEA>"),
                1,
            );
        let compiled = eucdm_uk_ens::UK_ENS.validate_xml(xml.as_bytes(), &Options::default());
        let interpreted = current.validate_xml(xml.as_bytes(), &Options::default());
        assert_eq!(compiled, interpreted, "reference {r:?}");
        got_errors(&current, xml.as_bytes())
    };
    for fine in ["SHIP 42", " SHIP  42\n", "SHIP\t42", "XFERAB1:C2"] {
        assert_eq!(reference(fine), [], "{fine:?}");
    }
    for line_end in ["SHIP\n42", "SHIP\r\n42", "SHIP&#10;42"] {
        assert_eq!(
            reference(line_end),
            [(8685, header.to_string())],
            "{line_end:?}"
        );
    }

    // 8676 counts the decimals as sent: `1200.1  2` has four (collapsed,
    // three). A decimal with white space inside is also schema-invalid.
    let mass = |m: &str| {
        let xml = base.replacen(
            "<TotGroMasHEA307>1200</TotGroMasHEA307>",
            &format!("<TotGroMasHEA307>{m}</TotGroMasHEA307>"),
            1,
        );
        got_errors(&current, xml.as_bytes())
    };
    assert_eq!(mass(" 1200.123\n"), []);
    assert!(mass("1200.1  2").contains(&(8676, format!("{header}/TotGroMasHEA307[1]"))));

    // The earlier rules: an absent total number of items is no number (8206),
    // where the current rules let it pass.
    let no_total = base.replacen("<TotNumOfIteHEA305>1</TotNumOfIteHEA305>", "", 1);
    assert_eq!(got_errors(&current, no_total.as_bytes()), []);
    assert_eq!(
        got_errors(&legacy, no_total.as_bytes()),
        [(8206, header.to_string())]
    );
    assert_eq!(got_errors(&legacy, base.as_bytes()), []);
}

/// HMRC's rule files: `(file name without .json, parsed)`.
fn hmrc_rule_files() -> Vec<(String, serde_json::Value)> {
    let dir = root().join("../shared/spec/uk-ens/rules");
    let mut files: Vec<(String, serde_json::Value)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| {
            let path = e.ok()?.path();
            let name = path
                .file_name()?
                .to_str()?
                .strip_suffix(".json")?
                .to_string();
            let json = serde_json::from_slice(&std::fs::read(&path).ok()?).ok()?;
            Some((name, json))
        })
        .collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

/// The numbered checks of a shipped rule set's coverage: `(id, status, rules)`.
fn covered_checks(rules: &dyn RuleSet) -> Vec<(String, String, Vec<String>)> {
    let json: serde_json::Value =
        serde_json::from_str(&rules.coverage(eucdm_runtime::CoverageFormat::Json)).unwrap();
    let mut out = Vec::new();
    for m in json["messages"].as_array().unwrap() {
        for c in m["checks"].as_array().unwrap() {
            let rules = (c["rules"].as_array().unwrap().iter())
                .map(|r| r.as_str().unwrap().to_string())
                .collect();
            let text = |k: &str| c[k].as_str().unwrap().to_string();
            out.push((text("id"), text("status"), rules));
        }
    }
    out
}

/// Every check the models bind is implemented, by a rule that gives its
/// number (`E8120`, or `L8206` in the earlier rules where it replaces E8206).
#[test]
fn coverage_lists_every_bound_check_as_implemented() {
    for (name, rules) in [
        ("uk-ens", &eucdm_uk_ens::UK_ENS as &dyn RuleSet),
        ("uk-ens-legacy", &eucdm_uk_ens::UK_ENS_LEGACY),
    ] {
        let checks = covered_checks(rules);
        assert!(checks.len() > 300, "{name}: {} checks", checks.len());
        for (id, status, by) in checks {
            let number = id.rsplit_once(':').unwrap().1;
            assert_eq!(status, "implemented", "{name}: {id}");
            assert!(
                by.iter().all(|r| &r[1..] == number),
                "{name}: {id} by {by:?}"
            );
        }
    }
}

/// The two rule sets' models bind, together, each of HMRC's 204 checks (its
/// file, its place among the asserts, its number), and nothing else.
#[test]
#[cfg_attr(shared_absent, ignore = "needs ../shared beside the repository")]
fn coverage_is_of_all_of_hmrcs_checks() {
    let mut hmrc = std::collections::BTreeSet::new();
    for (name, json) in hmrc_rule_files() {
        for (k, a) in json["asserts"].as_array().unwrap().iter().enumerate() {
            let number = a["errorCode"].as_str().unwrap();
            hmrc.insert(format!("{name}#{}:{number}", k + 1));
        }
    }
    assert_eq!(hmrc.len(), 204);
    let sets: [&dyn RuleSet; 2] = [&eucdm_uk_ens::UK_ENS, &eucdm_uk_ens::UK_ENS_LEGACY];
    let ours: std::collections::BTreeSet<String> = (sets.into_iter())
        .flat_map(covered_checks)
        .map(|(id, _, _)| id)
        .collect();
    assert_eq!(ours, hmrc);
}

/// Each rule's title is HMRC's message text for its error number, as HMRC's
/// service returns it (`Text` of the error): the text output shows it.
#[test]
#[cfg_attr(shared_absent, ignore = "needs ../shared beside the repository")]
fn titles_are_hmrcs_message_texts() {
    let mut text: BTreeMap<String, String> = BTreeMap::new();
    for (_, json) in hmrc_rule_files() {
        for a in json["asserts"].as_array().unwrap() {
            let number = a["errorCode"].as_str().unwrap().to_string();
            text.insert(number, a["errorMessage"].as_str().unwrap().to_string());
        }
    }
    let mut checked = 0;
    let sets: [&dyn RuleSet; 2] = [&eucdm_uk_ens::UK_ENS, &eucdm_uk_ens::UK_ENS_LEGACY];
    for rules in sets {
        for r in rules.rules() {
            // Ids are `E` or `L` and HMRC's error number.
            let number = &r.id.as_str()[1..];
            assert_eq!(
                Some(&*r.title),
                text.get(number).map(String::as_str),
                "{}",
                r.id
            );
            checked += 1;
        }
    }
    // 178 current rules; the earlier are those and five of their own.
    assert_eq!(checked, 178 + 183);
}

/// `eucdm explain` names the checks of HMRC's a rule gives, where it gives
/// them: 8114 at the header and at each means of transport.
#[test]
fn explain_names_the_checks_a_rule_implements() {
    let text = eucdm_uk_ens::UK_ENS.explain("E8114").unwrap();
    assert!(
        text.contains(
            "  implements: p3_p72_New#7:8114 at HEAHEA, p42_p111#1:8114 at GOOITEGDS.IDEMEATRAGI970.IdeMeaTraGIMEATRA971\n"
        ),
        "{text}"
    );
    let legacy = eucdm_uk_ens::UK_ENS_LEGACY.explain("L8206").unwrap();
    assert!(
        legacy.contains("implements: p3_p72#12:8206 at HEAHEA"),
        "{legacy}"
    );
    // Replaced in the earlier rules: it gives no check there.
    let replaced = eucdm_uk_ens::UK_ENS_LEGACY.explain("E8206").unwrap();
    assert!(!replaced.contains("implements"), "{replaced}");
}
