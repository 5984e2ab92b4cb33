//! `eucdm validate --codelists DIR` for the compiled rule set: the reference
//! data of the day replaces the compiled-in lists it has (`<ID>.csv`), each
//! taken as complete and judged by its validity dates; a list it does not
//! have stays as compiled in. A bad file is a usage error (exit 2) at
//! file:line:column, and nothing is validated.

mod common;

use common::*;

/// The shipped list `id`, as its CSV text.
fn shipped(id: &str) -> String {
    std::fs::read_to_string(root().join(format!("codelists/{id}.csv"))).unwrap()
}

/// A folder of reference data for `test` holding `files` (name, text).
fn reference(test: &str, files: &[(&str, &str)]) -> String {
    let dir = temp_dir(test).join("refdata");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    dir.display().to_string()
}

/// The `errors` and `undecided` of the one JSON line of `out`.
fn report(out: &std::process::Output) -> (serde_json::Value, serde_json::Value) {
    let v: serde_json::Value = serde_json::from_str(stdout(out).trim()).unwrap();
    (v["errors"].clone(), v["undecided"].clone())
}

#[test]
fn a_list_that_removes_a_code_rejects_it_and_the_other_lists_stay() {
    let base = fixture("base.xml");
    // The shipped kinds of packages without PX (pallets), which base.xml uses once.
    let without_px: String = (shipped("CL017").lines())
        .filter(|l| !l.starts_with("PX,"))
        .map(|l| format!("{l}\n"))
        .collect();
    let dir = reference("codelists-remove", &[("CL017.csv", &without_px)]);
    let out = eucdm(&["validate", "--format", "json", "--codelists", &dir, &base]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let (errors, _) = report(&out);
    assert_eq!(
        errors,
        serde_json::json!([{"code": 12, "reason": "CL017", "value": "PX",
            "pointer": "/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem[2]/Packaging[2]/typeOfPackages"}])
    );
    assert_eq!(
        stderr(&out),
        format!("eucdm: --codelists {dir}: taken as complete in place of the compiled-in lists: CL017\n")
    );
    // Without it, the compiled-in CL017 holds PX.
    let own = eucdm(&["validate", "--format", "json", &base]);
    assert_eq!(own.status.code(), Some(0), "{}", stdout(&own));
}

#[test]
fn a_list_not_shipped_is_checked_once_given() {
    // UN/LOCODEs (CL244) are not compiled in (100 000 codes that change with every UN
    // release): without the list the place of loading DEWEI is not checked; given a list
    // that lacks it, it is error 12.
    let file = fixture("C0387/pass.xml");
    let dir = reference(
        "codelists-unshipped",
        &[(
            "CL244.csv",
            "code,description,valid_from,valid_to\nDEHAM,Hamburg,,\nDEWEL,Weil am Rhein,,\n",
        )],
    );
    let out = eucdm(&["validate", "--format", "json", "--codelists", &dir, &file]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let (errors, _) = report(&out);
    assert_eq!(
        errors,
        serde_json::json!([{"code": 12, "pointer": "/CC015C/Consignment/PlaceOfLoading/UNLocode",
            "reason": "CL244", "value": "DEWEI"}])
    );
    assert!(
        stderr(&out).contains(
            "taken as complete in place of the compiled-in lists: CL244 (not compiled in)"
        ),
        "{}",
        stderr(&out)
    );
    // Without it the place of loading is not checked.
    let own = eucdm(&["validate", "--format", "json", &file]);
    assert_eq!(own.status.code(), Some(0), "{}", stdout(&own));
}

#[test]
fn a_given_list_is_read_on_the_date_of_the_message() {
    // The CTC currencies: GEL from Georgia's accession, BGN until the euro.
    let dir = reference(
        "codelists-dates",
        &[(
            "CL048.csv",
            "code,description,valid_from,valid_to\nBGN,Bulgarian lev,,2025-12-31\nEUR,Euro,,\nGEL,Lari,2025-02-01,\n",
        )],
    );
    let base = std::fs::read_to_string(fixture("base.xml")).unwrap();
    let pointer = "/CC015C/Guarantee[1]/GuaranteeReference[1]/currency";
    for (currency, date, valid) in [
        ("GEL", "2025-01-31", false),
        ("GEL", "2025-02-01", true),
        ("BGN", "2025-12-31", true),
        ("BGN", "2026-01-01", false),
    ] {
        let xml = base.replacen(
            "<currency>EUR</currency>",
            &format!("<currency>{currency}</currency>"),
            1,
        );
        let f = temp_file("codelists-dates", &format!("{currency}.xml"), xml);
        let out = eucdm(&[
            "validate",
            "--format",
            "json",
            "--codelists",
            &dir,
            "--date",
            date,
            &f,
        ]);
        let (errors, _) = report(&out);
        let expected = if valid {
            serde_json::json!([])
        } else {
            serde_json::json!([{"code": 12, "pointer": pointer, "reason": "CL048", "value": currency}])
        };
        assert_eq!(errors, expected, "{currency} on {date}");
        assert_eq!(out.status.code(), Some(if valid { 0 } else { 1 }));
    }
    // The message's own preparation date when there is no --date (base.xml: 2025-06-02).
    let f = fixture("codelist-dates/fail-bgn-after-euro.xml");
    let given = fixture("codelist-dates/fail-bgn-after-euro.codelists");
    let out = eucdm(&["validate", "--format", "json", "--codelists", &given, &f]);
    assert_eq!(out.status.code(), Some(1));
    let out = eucdm(&[
        "validate",
        "--format",
        "json",
        "--codelists",
        &given,
        "--date",
        "2025-12-31",
        &f,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn a_bad_list_is_a_usage_error_at_file_line_and_column() {
    let dir = reference(
        "codelists-bad",
        &[
            ("CL048.csv", "code,description,valid_from,valid_to\nEUR,Euro,,\nEUR,Euro again,,\nGEL,Lari,2025-02-30,\n"),
            ("CL017.csv", "description\nDrum\n"),
        ],
    );
    let out = eucdm(&["validate", "--codelists", &dir, &fixture("base.xml")]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "", "nothing validated");
    let sep = std::path::MAIN_SEPARATOR;
    assert_eq!(
        stderr(&out),
        format!(
            "eucdm: {dir}{sep}CL017.csv:1:1: code-list CSV has no `code` column\n\
             eucdm: {dir}{sep}CL048.csv:3:1: duplicate code `EUR` (first listed on line 2)\n\
             eucdm: {dir}{sep}CL048.csv:4:10: `2025-02-30` is not a date (YYYY-MM-DD, a day of the calendar)\n\
             eucdm: --codelists {dir}: not used, nothing validated\n"
        )
    );
    let bad_utf8 = reference("codelists-utf8", &[("CL048.csv", "code\nEU\u{fffd}\n")]);
    std::fs::write(format!("{bad_utf8}/CL048.csv"), b"code\nEUR\nB\xffN\n").unwrap();
    let out = eucdm(&["validate", "--codelists", &bad_utf8, &fixture("base.xml")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("CL048.csv:3:2: invalid UTF-8 in code-list CSV"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn files_that_name_no_list_are_said_and_a_folder_without_any_is_refused() {
    let base = fixture("base.xml");
    // A CS/RD2 export holds lists the rule set does not declare; a misnamed file is among them.
    let dir = reference(
        "codelists-unused",
        &[
            ("CL048.csv", &shipped("CL048")),
            ("CL999.csv", "code\nX\n"),
            ("cl017.csv", "code\nPX\n"),
            ("README", "x"),
        ],
    );
    let out = eucdm(&["validate", "--codelists", &dir, &base]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).ends_with(&format!(
        "eucdm: --codelists {dir}: not read, no code list of the rule set: CL999.csv, cl017.csv\n"
    )));
    let none = reference("codelists-none", &[("CL999.csv", "code\nX\n")]);
    let out = eucdm(&["validate", "--codelists", &none, &base]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no code list of the rule set in it"),
        "{}",
        stderr(&out)
    );
    let missing = format!("{none}/nowhere");
    let out = eucdm(&["validate", "--codelists", &missing, &base]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        format!("eucdm: {missing}: not a directory of code-list CSV files\neucdm: --codelists {missing}: not used, nothing validated\n")
    );
}

#[test]
fn with_rules_the_folder_holds_the_lists_the_rules_name() {
    // With --rules, --codelists is where the rule directory's `codelist ... = "file"`
    // declarations are read (README): a folder with only some lists is an error there.
    let dir = reference("codelists-rules", &[("CL048.csv", &shipped("CL048"))]);
    let rules = root().join("rules/ncts-p5").display().to_string();
    let out = eucdm(&[
        "validate",
        "--rules",
        &rules,
        "--codelists",
        &dir,
        &fixture("base.xml"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot read code list file"),
        "{}",
        stderr(&out)
    );
    let all = root().join("codelists").display().to_string();
    let out = eucdm(&[
        "validate",
        "--rules",
        &rules,
        "--codelists",
        &all,
        &fixture("base.xml"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn movements_and_threads_get_the_same_lists() {
    // Offices of departure without DE004058: the declaration of the movement is
    // rejected for it, its customs messages are context only.
    let dir = reference("codelists-movement", &[("CL171.csv", "code\nDE004059\n")]);
    let movement = path("examples/ncts-p5/movement-de-invalidation");
    let out = eucdm(&[
        "validate",
        "--format",
        "json",
        "--codelists",
        &dir,
        "--movement",
        &movement,
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let first: serde_json::Value =
        serde_json::from_str(stdout(&out).lines().next().unwrap()).unwrap();
    assert_eq!(first["message"], "CC015C");
    assert!(first["errors"].as_array().unwrap().contains(&serde_json::json!(
        {"code": 12, "pointer": "/CC015C/CustomsOfficeOfDeparture/referenceNumber", "reason": "CL171", "value": "DE004058"}
    )), "{first}");
    // The lists are read once and shared by every thread: the output is the same for any --jobs.
    let files = [
        fixture("base.xml"),
        fixture("C0821/fail-ge.xml"),
        fixture("codelist-dates/pass.xml"),
    ];
    let run = |jobs: &str| {
        let mut args = vec![
            "validate",
            "--format",
            "json",
            "--codelists",
            &dir,
            "--jobs",
            jobs,
        ];
        args.extend(files.iter().map(String::as_str));
        stdout(&eucdm(&args))
    };
    let one = run("1");
    // Each names an office of departure (DE004058, GE000100) the list does not hold.
    assert_eq!(one.matches("\"reason\":\"CL171\"").count(), 3, "{one}");
    assert_eq!(one, run("2"));
}

#[test]
fn coverage_and_explain_refuse_lists_without_rules() {
    // Their answers come from the compiled rule set: a folder given alone is not ignored silently.
    let dir = reference("codelists-coverage", &[("CL048.csv", "code\nEUR\n")]);
    for args in [
        vec!["coverage", "--codelists", &dir],
        vec!["explain", "--codelists", &dir, "C0085"],
    ] {
        let out = eucdm(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        // clap's usage error: --codelists needs --rules here.
        let err = stderr(&out);
        assert!(
            err.starts_with(
                "error: the following required arguments were not provided:\n  --rules <DIR>"
            ),
            "{err}"
        );
        assert!(
            err.contains(&format!(
                "Usage: eucdm {} --rules <DIR> --codelists <DIR>",
                args[0]
            )),
            "{err}"
        );
    }
}

#[test]
fn hostile_lists_are_refused_with_a_place_and_no_panic() {
    let base = fixture("base.xml");
    let garbage: Vec<u8> = (0..5000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let cases: [(&str, Option<&[u8]>, &str); 3] = [
        ("garbage", Some(&garbage), "CL048.csv:1:"),
        // A quote left open runs to the end of the file: one field, not two.
        (
            "open-quote",
            Some(b"code,description\nEUR,\"Euro\nzone\"\n\"USD,dollar\n"),
            "CL048.csv:4:1: row has 1 fields, the header has 2",
        ),
        // A directory where the list's file should be.
        ("directory", None, "CL048.csv: cannot read code list:"),
    ];
    for (name, bytes, expected) in cases {
        let dir = reference(&format!("codelists-hostile-{name}"), &[]);
        let list = std::path::Path::new(&dir).join("CL048.csv");
        match bytes {
            Some(b) => std::fs::write(&list, b).unwrap(),
            None => std::fs::create_dir(&list).unwrap(),
        }
        let out = eucdm(&["validate", "--codelists", &dir, &base]);
        assert_eq!(out.status.code(), Some(2), "{name}: {}", stderr(&out));
        assert!(stderr(&out).contains(expected), "{name}: {}", stderr(&out));
        assert_eq!(stdout(&out), "", "{name}: nothing validated");
    }
}

#[test]
fn coverage_shows_each_list_s_snapshot_and_source() {
    // The compiled rule set: SOURCES.csv of the shipped lists, compiled in.
    let out = eucdm(&["coverage"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("\ncode lists checked: "), "{text}");
    assert!(
        text.contains("\n  CL019  2025-02-12  RD_NCTS-P5.json\n"),
        "{text}"
    );
    assert!(
        text.contains("\n  CL141  2024-11-05  COL-Generic-20241105.xml\n"),
        "{text}"
    );
    // A source without a date says so.
    assert!(
        text.contains("\n  CL027  undated     Swedish guide\n"),
        "{text}"
    );
    let json = stdout(&eucdm(&["coverage", "--format", "json"]));
    assert!(json.contains(
        "{\"id\":\"CL236\",\"status\":\"checked\",\"bound\":true,\"tested\":false,\"source\":\"RD_NCTS-P5.json\",\"snapshot\":\"2025-02-12\"}"
    ), "{json}");
    assert!(json.contains("\"source\":\"Swedish guide\",\"snapshot\":null}"));
}

#[test]
fn a_rule_directory_s_lists_are_dated_by_their_sources_file() {
    let rules = root().join("rules/ncts-p5").display().to_string();
    let dir = temp_dir("codelists-sources").join("lists");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(root().join("codelists")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    let lists = dir.display().to_string();
    let sources = dir.join("SOURCES.csv");
    std::fs::write(
        &sources,
        "list,source,snapshot\nCL008,my export.xml,2026-12-01\n",
    )
    .unwrap();
    let out = eucdm(&["coverage", "--rules", &rules, "--codelists", &lists]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("\n  CL008  2026-12-01  my export.xml\n"),
        "{text}"
    );
    // A list the file does not name shows that, and is checked all the same.
    assert!(
        text.contains("\n  CL009  -           no source recorded\n"),
        "{text}"
    );
    // A bad file is an error at file:line:column, and nothing is reported.
    std::fs::write(
        &sources,
        "list,source,snapshot\nCL008,x,2024-11-05\nCL009,x,2024-02-30\n",
    )
    .unwrap();
    let out = eucdm(&["coverage", "--rules", &rules, "--codelists", &lists]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "");
    assert!(
        stderr(&out).contains(&format!("{}:3:9", sources.display())),
        "{}",
        stderr(&out)
    );
    // Without the file the lists are read as before, with no source.
    std::fs::remove_file(&sources).unwrap();
    let out = eucdm(&["coverage", "--rules", &rules, "--codelists", &lists]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("\n  CL008  -           no source recorded\n"));
}

#[test]
fn a_given_folder_s_sources_file_dates_the_lists_taken() {
    // As `eucdm refdata import` leaves a folder: the lists and SOURCES.csv.
    let base = fixture("base.xml");
    let sources = "list,source,snapshot\nCL017,RD_NCTS-P5.json,2025-02-12\nCL999,x,\n";
    let dir = reference(
        "codelists-given-sources",
        &[("CL017.csv", &shipped("CL017")), ("SOURCES.csv", sources)],
    );
    let out = eucdm(&["validate", "--codelists", &dir, &base]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        format!("eucdm: --codelists {dir}: taken as complete in place of the compiled-in lists: CL017 (RD_NCTS-P5.json of 2025-02-12)\n")
    );
    // A bad SOURCES.csv is a bad export: an error at its place, nothing validated.
    let bad = "list,source,snapshot\nCL017,x,2025-02-12\nCL017,y,\n";
    let dir = reference(
        "codelists-given-sources-bad",
        &[("CL017.csv", &shipped("CL017")), ("SOURCES.csv", bad)],
    );
    let out = eucdm(&["validate", "--codelists", &dir, &base]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(&format!(
            "{dir}/SOURCES.csv:3:1: list `CL017` is given twice"
        )),
        "{}",
        stderr(&out)
    );
}
