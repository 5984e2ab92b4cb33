//! Grammar unit tests: each construct of the language parses into the expected
//! shape, and malformed text gives a positioned error in the language's words.

use super::*;

fn one_rule(src: &str) -> RuleDecl {
    let decls = parse(src, 0).unwrap_or_else(|e| panic!("{src}\n{e:?}"));
    assert_eq!(decls.len(), 1, "{decls:?}");
    match decls.into_iter().next().unwrap() {
        Declaration::Rule(r) => r,
        d => panic!("not a rule: {d:?}"),
    }
}

#[test]
fn canonical_example_parses_as_written() {
    let r = one_rule("condition C0029 \"Mode of transport at the border\"\n    19 03 mandatory if 11 07 in <1,2,3>");
    assert_eq!(r.id.text, "C0029");
    assert_eq!(r.title.as_deref(), Some("Mode of transport at the border"));
    let Statement::Presence {
        targets,
        outcome,
        condition,
        ..
    } = &r.body[0]
    else {
        panic!()
    };
    assert_eq!(outcome, &Outcome::Mandatory);
    assert!(
        matches!(&targets[0].reference.kind, ReferenceKind::DataElement(n) if n == "19 03 000 000")
    );
    let (cond, otherwise) = condition.as_ref().unwrap();
    assert!(otherwise.is_none());
    let Condition::Predicate {
        subject: Operand::Ref(r),
        test: Test::In {
            negated: false,
            set: SetExpr::Literal(m),
        },
        ..
    } = cond
    else {
        panic!("{cond:?}")
    };
    assert!(matches!(&r.kind, ReferenceKind::DataElement(n) if n == "11 07 000 000"));
    assert_eq!(
        m.iter().map(|n| n.text.as_str()).collect::<Vec<_>>(),
        ["1", "2", "3"]
    );
}

#[test]
fn bare_statement_without_rule_header_is_an_error() {
    let e = parse("mandatory if 11 07 in <1,2,3>", 0).unwrap_err();
    assert!(e.message.contains("expected"), "{e:?}");
    assert_eq!((e.span.unwrap().start, e.span.unwrap().end), (0, 9));
}

#[test]
fn else_outcome_and_several_targets() {
    let r = one_rule("condition C0086 for each Guarantee\n GuaranteeReference.GRN, GuaranteeReference.accessCode mandatory if guaranteeType in CL286 else forbidden");
    assert!(r.scope.is_some());
    let Statement::Presence {
        targets, condition, ..
    } = &r.body[0]
    else {
        panic!()
    };
    assert_eq!(targets.len(), 2);
    assert_eq!(condition.as_ref().unwrap().1, Some(Outcome::Forbidden));
}

#[test]
fn if_chains_with_else_if() {
    let r = one_rule(
        "condition C0130 for each Guarantee\n if guaranteeType = '8' then otherGuaranteeReference mandatory\n else if guaranteeType = '3' then otherGuaranteeReference optional\n else otherGuaranteeReference forbidden end",
    );
    let Statement::If {
        arms, otherwise, ..
    } = &r.body[0]
    else {
        panic!()
    };
    assert_eq!(arms.len(), 2);
    assert_eq!(otherwise.len(), 1);
}

#[test]
fn boolean_operators_precedence_and_parentheses() {
    let c = parse_condition("a = 1 or b = 2 and not (c is present)", 0).unwrap();
    let Condition::Or(parts) = c else {
        panic!("{c:?}")
    };
    assert!(matches!(&parts[1], Condition::And(v) if matches!(v[1], Condition::Not(_))));
}

#[test]
fn quantifiers_functions_and_literals() {
    let c = parse_condition(
        "any Consignment.HouseConsignment.ConsignmentItem.declarationType = 'T2'",
        0,
    )
    .unwrap();
    assert!(matches!(
        c,
        Condition::Quantified {
            quantifier: Quantifier::Any,
            ..
        }
    ));
    let c = parse_condition(
        "at least one of CountryOfRoutingOfConsignment.country in CL112",
        0,
    )
    .unwrap();
    assert!(matches!(
        c,
        Condition::Quantified {
            quantifier: Quantifier::Any,
            ..
        }
    ));
    let c = parse_condition("none of X satisfies (y = 1)", 0).unwrap();
    assert!(matches!(
        c,
        Condition::Quantified {
            quantifier: Quantifier::None,
            body: QuantifiedBody::Satisfies(_),
            ..
        }
    ));
    let c = parse_condition("first 2 characters of CustomsOfficeOfDeparture.referenceNumber = first 2 characters of CustomsOfficeOfDestinationDeclared.referenceNumber", 0).unwrap();
    let Condition::Predicate {
        subject: Operand::FirstChars(2, _, _),
        test: Test::Compare(CompareOp::Eq, Operand::FirstChars(2, _, _)),
        ..
    } = c
    else {
        panic!("{c:?}")
    };
    let c = parse_condition("count(TransportEquipment) > 10", 0).unwrap();
    assert!(matches!(
        c,
        Condition::Predicate {
            subject: Operand::Count(..),
            test: Test::Compare(CompareOp::Gt, Operand::Literal(Literal::Number(_), _)),
            ..
        }
    ));
    let c = parse_condition("limitDate <= 2025-01-21", 0).unwrap();
    assert!(matches!(
        c,
        Condition::Predicate {
            test: Test::Compare(CompareOp::Le, Operand::Literal(Literal::Date(_), _)),
            ..
        }
    ));
    let c = parse_condition("identificationNumber is not valid in eos", 0).unwrap();
    assert!(matches!(
        c,
        Condition::Predicate {
            test: Test::External { negated: true, .. },
            ..
        }
    ));
    let c = parse_condition("x is absent and y is not present", 0).unwrap();
    assert!(matches!(c, Condition::And(_)));
}

#[test]
fn references_in_all_notations() {
    let c = parse_condition("/*/TransitOperation/security = 1", 0).unwrap();
    let Condition::Predicate {
        subject: Operand::Ref(r),
        ..
    } = c
    else {
        panic!()
    };
    assert!(
        matches!(r.kind, ReferenceKind::Absolute(None, ref p) if p == &["TransitOperation", "security"])
    );
    let c = parse_condition("/CC015C/TransitOperation/security = 1", 0).unwrap();
    let Condition::Predicate {
        subject: Operand::Ref(r),
        ..
    } = c
    else {
        panic!()
    };
    assert!(matches!(r.kind, ReferenceKind::Absolute(Some(ref m), _) if m == "CC015C"));
    let c = parse_condition("19 03 000 000 is present", 0).unwrap();
    let Condition::Predicate {
        subject: Operand::Ref(r),
        ..
    } = c
    else {
        panic!()
    };
    assert!(matches!(r.kind, ReferenceKind::DataElement(ref n) if n == "19 03 000 000"));
}

#[test]
fn must_checks() {
    let src = "rule R0001\n a must = '0'\n b must be in <T2,T2F>\n c must be unique throughout the declaration\n d must be sequential from 1\n e must match an24\n f must match eori\n g must satisfy (h is present)";
    let r = one_rule(src);
    let checks: Vec<_> = r
        .body
        .iter()
        .map(|s| match s {
            Statement::Must { check, .. } => check.clone(),
            _ => panic!(),
        })
        .collect();
    assert!(matches!(checks[0], Check::Compare(CompareOp::Eq, _)));
    assert!(matches!(checks[1], Check::In { negated: false, .. }));
    assert!(matches!(checks[2], Check::Unique { throughout: true }));
    assert!(matches!(
        checks[3],
        Check::Sequential {
            from: 1,
            throughout: false
        }
    ));
    assert!(matches!(&checks[4], Check::Format(n) if n.text == "an24"));
    assert!(matches!(&checks[5], Check::Shape(n) if n.text == "eori"));
    assert!(matches!(checks[6], Check::Satisfy(_)));
}

#[test]
fn declarations_and_metadata() {
    let decls = parse(
        "codelist CL231 \"DeclarationType\" = \"CL231.csv\"\ncodelist CL326 partial = \"CL326.csv\"\ncodelist CL181 subset of CL017 = <VQ,VG>\ncodelist CL141\nexternal eos \"EOS\"\ntransitional B1234 \"x\" applies to CC015C, CC013C in force until 2025-01-21\n a mandatory",
        0,
    )
    .unwrap();
    assert_eq!(decls.len(), 6);
    let Declaration::CodeList(c) = &decls[1] else {
        panic!()
    };
    assert!(c.partial);
    let Declaration::CodeList(c) = &decls[2] else {
        panic!()
    };
    assert_eq!(c.subset_of[0].text, "CL017");
    assert!(matches!(&c.source, Some(CodeListSource::Inline(v)) if v.len() == 2));
    let Declaration::Rule(r) = &decls[5] else {
        panic!()
    };
    assert_eq!(r.kind, RuleKind::Transitional);
    assert_eq!(r.applies_to.len(), 2);
    assert_eq!(r.in_force_until.as_deref(), Some("2025-01-21"));
}

#[test]
fn keywords_are_not_element_names_but_prefixes_are() {
    // `index`, `anyThing`, `notes` start with keywords but are names.
    parse_condition("index = 1 and anyThing = 2 and notes is present", 0).unwrap();
    assert!(parse("condition C0001\n if mandatory", 0).is_err());
}

#[test]
fn syntax_error_names_expected_tokens_in_rule_language() {
    let e = parse("condition C0001\n 19 03 mandatory if 11 07 in", 0).unwrap_err();
    assert!(e.message.contains("a set"), "{}", e.message);
    let e = parse("condition C01\n x mandatory", 0).unwrap_err();
    assert!(e.message.contains("rule id"), "{}", e.message);
}

#[test]
fn rules_recorded_without_checks() {
    let decls = parse(
        "advice B1000 \"Export followed by transit: guidance only\"\n\
         not expressible R0165 \"Seals under a simplified procedure\" because \"needs the authorisation's content\"\n",
        0,
    )
    .unwrap();
    let [Declaration::Record(a), Declaration::Record(n)] = &decls[..] else {
        panic!("{decls:?}")
    };
    assert_eq!(
        (a.id.text.as_str(), &a.unchecked),
        ("B1000", &Unchecked::Advice)
    );
    assert_eq!(
        n.unchecked,
        Unchecked::NotExpressible("needs the authorisation's content".into())
    );
    // A rule recorded as not expressible must say why.
    let e = parse("not expressible R0165 \"x\"\n", 0).unwrap_err();
    assert!(e.message.contains("`because"), "{e:?}");
}

#[test]
fn disables_names_rules_with_spans() {
    let text =
        "transitional B1804 \"x\" in force until 2025-01-21 disables C0710, R0601\n a optional";
    let decls = parse(text, 0).unwrap();
    let Declaration::Rule(r) = &decls[0] else {
        panic!()
    };
    let ids: Vec<&str> = r.disables.iter().map(|d| d.text.as_str()).collect();
    assert_eq!(ids, ["C0710", "R0601"]);
    assert_eq!(
        &text[r.disables[1].span.start..r.disables[1].span.end],
        "R0601"
    );
    assert_eq!(r.in_force_until.as_deref(), Some("2025-01-21"));
    // `disables` needs a rule id; it is a keyword, not an element name.
    assert!(parse("transitional B1804 disables\n a optional", 0).is_err());
    assert!(parse("transitional B1804 disables C07\n a optional", 0).is_err());
}

#[test]
fn error_number_and_cited_rule() {
    let rule = |src: &str| match parse(src, 0).map(|d| d.into_iter().next()) {
        Ok(Some(Declaration::Rule(r))) => Ok(r),
        other => Err(format!("{other:?}")),
    };
    let r = rule("rule E8623 \"Consignee\" error 8623 cites C584\n    /*/GOOITEGDS must satisfy (TRACONCE2 is present)\n").unwrap();
    assert_eq!(
        r.error.as_deref().cloned(),
        Some(ErrorNumber {
            number: 8623,
            cites: Some("C584".into())
        })
    );
    assert_eq!(r.body.len(), 1);
    let r = rule(
        "rule E8611 \"Goods items\" error 8611\n    /* must satisfy (count(GOOITEGDS) <= 999)\n",
    )
    .unwrap();
    assert_eq!(
        r.error.as_deref().cloned(),
        Some(ErrorNumber {
            number: 8611,
            cites: None
        })
    );
    // A number of five digits does not fit; `cites` needs a rule id; a path
    // that starts with `error` is still a path.
    assert!(rule("rule E8611 \"x\" error 86110\n    a mandatory\n").is_err());
    assert!(rule("rule E8611 \"x\" error 8611 cites\n    a mandatory\n").is_err());
    let r = rule("rule E8611 \"x\"\n    errorFlag mandatory\n").unwrap();
    assert_eq!(r.error.as_deref().cloned(), None);
}

#[test]
fn partial_rule_says_what_it_does_not_check() {
    let d = parse(
        "rule R0990 \"TIR carnet number\" partial \"the IRU check digit\"\n    TransitOperation.TIRCarnetNumber must match an..11\n",
        0,
    )
    .unwrap();
    let Declaration::Rule(r) = &d[0] else {
        panic!("{d:?}")
    };
    assert_eq!(r.partial.as_deref(), Some("the IRU check digit"));
    assert_eq!(r.body.len(), 1);
    // `partial` needs its text.
    assert!(parse(
        "rule R0990 \"x\" partial\n    TransitOperation.TIRCarnetNumber must match an..11\n",
        0
    )
    .is_err());
}

#[test]
fn this_other_character_concat_and_sequences_parse() {
    let r = one_rule(
        "rule R0364 \"x\"\n  for each Consignment.HouseConsignment.ConsignmentItem.Packaging\n  numberOfPackages must satisfy (any other ConsignmentItem satisfies (shippingMarks = this shippingMarks))",
    );
    let Statement::Must {
        check: Check::Satisfy(Condition::Quantified { others, body, .. }),
        ..
    } = &r.body[0]
    else {
        panic!("{:?}", r.body)
    };
    assert!(*others);
    let QuantifiedBody::Satisfies(b) = body else {
        panic!("{body:?}")
    };
    let Condition::Predicate {
        test: Test::Compare(_, Operand::This(t, _)),
        ..
    } = &**b
    else {
        panic!("{b:?}")
    };
    assert_eq!(t.text, "shippingMarks");

    let c = parse_condition("character 17 of referenceNumber in <A,B,E>", 0).unwrap();
    assert!(matches!(
        c,
        Condition::Predicate {
            subject: Operand::Character(17, _, _),
            ..
        }
    ));
    let c = parse_condition(
        "concat(a, ' ', first 2 characters of b) is valid in taric",
        0,
    )
    .unwrap();
    let Condition::Predicate {
        subject: Operand::Concat(parts, _),
        ..
    } = c
    else {
        panic!("{c:?}")
    };
    assert!(matches!(
        &parts[..],
        [Operand::Ref(_), Operand::Literal(Literal::Text(s), _), Operand::FirstChars(2, _, _)] if s == " "
    ));

    let r = one_rule(
        "rule R0315 \"x\"\n  A.b must match an..3 followed by n..4 followed by optional a1",
    );
    let Statement::Must {
        check: Check::Sequence(parts),
        ..
    } = &r.body[0]
    else {
        panic!("{:?}", r.body)
    };
    let parts: Vec<(bool, &str)> = parts.iter().map(|(o, f)| (*o, f.text.as_str())).collect();
    assert_eq!(parts, [(false, "an..3"), (false, "n..4"), (true, "a1")]);
    // `concat` joins at least two parts.
    assert!(parse_condition("concat(a) = 'x'", 0).is_err());
}

/// Parses `src`, expects a syntax error, and returns its message, the
/// 1-based line and column of the caret, and the rendered text.
fn syntax_error_at(src: &str) -> (String, (usize, usize), String) {
    let e = parse(src, 0).unwrap_err();
    let mut s = crate::diagnostics::Sources::default();
    s.add("t.rules".into(), src.to_string());
    let rendered = s.render(&e);
    assert!(
        !rendered.contains("_decl")
            && !rendered.contains("_statement")
            && !rendered.contains("_check")
            && !rendered.contains("EOI"),
        "pest rule name in {rendered}"
    );
    (e.message.clone(), s.line_col(e.span.unwrap()), rendered)
}

#[test]
fn missing_then_is_named_at_the_end_of_the_condition() {
    let (m, at, r) =
        syntax_error_at("condition C0411 \"x\"\n    if A = 'TIR'\n        B mandatory\n    end\n");
    assert!(
        m.starts_with("syntax error: expected `then`, found `B`"),
        "{r}"
    );
    assert_eq!(at, (2, 16), "{r}");
    assert!(r.contains("found `B` at 3:9"), "{r}");
    // On one line, the caret is under the unexpected word.
    let (m, at, _) = syntax_error_at(
        "condition C0411 \"x\"\n    if A = '1' then B mandatory else if A = '2' B forbidden end\n",
    );
    assert!(m.contains("expected `then`, found `B`"), "{m}");
    assert_eq!(at, (2, 49));
}

#[test]
fn missing_end_is_named_before_the_next_declaration() {
    let (m, at, r) = syntax_error_at(
        "condition C0411 \"x\"\n    if A = 'TIR' then\n        B mandatory\n\ncondition C0412 \"y\"\n    B mandatory\n",
    );
    assert!(
        m.contains("expected one of `end`, `else` or a statement, found `condition`"),
        "{r}"
    );
    assert_eq!(at, (3, 19), "{r}");
    let (m, _, _) =
        syntax_error_at("condition C0411 \"x\"\n    if A = 'TIR' then\n        B mandatory\n");
    assert!(
        m.contains("`end`") && m.ends_with("found end of file"),
        "{m}"
    );
}

#[test]
fn missing_closing_angle_bracket() {
    let (m, at, r) = syntax_error_at(
        "rule R0001 \"x\"\n    A must be in <T1,T2\nrule R0002 \"y\"\n    A must be in <T1>\n",
    );
    assert!(m.contains("expected `>`, found `rule`"), "{r}");
    assert_eq!(at, (2, 23));
    assert!(r.contains("`,` could also continue"), "{r}");
}

#[test]
fn missing_if_before_a_condition() {
    let (m, at, r) = syntax_error_at("condition C0411 \"x\"\n    B mandatory A = 'TIR'\n");
    assert_eq!(m, "syntax error: expected `if` before the condition");
    assert_eq!(at, (2, 17), "{r}");
    let (m, at, r) = syntax_error_at("condition C0411 \"x\"\n    B mandatory 11 07 in <1,2>\n");
    assert_eq!(m, "syntax error: expected `if` before the condition");
    assert_eq!(at, (2, 17), "{r}");
    assert!(r.contains("^^^^^^^^"), "the caret covers `11 07 in`: {r}");
}

#[test]
fn misspelt_keywords_get_a_suggestion() {
    let (m, at, r) = syntax_error_at("condition C0411 \"x\"\n    B mandtory if A = 'TIR'\n");
    assert!(
        m.contains(
            "expected one of `mandatory`, `optional`, `forbidden` or `must`, found `mandtory`"
        ),
        "{m}"
    );
    assert_eq!(at, (2, 7));
    assert!(r.contains("help: did you mean `mandatory`?"), "{r}");
    let (m, _, r) = syntax_error_at("condition C0411 \"x\"\n    B must matches an..5\n");
    assert!(
        m.contains("`match`") && m.contains("found `matches`"),
        "{m}"
    );
    assert!(r.contains("did you mean `match`?"), "{r}");
    let (m, at, r) = syntax_error_at("conditon C0411 \"x\"\n    B mandatory\n");
    assert!(
        m.contains("expected a declaration (`condition`, `rule`"),
        "{m}"
    );
    assert_eq!(at, (1, 1));
    assert!(r.contains("did you mean `condition`?"), "{r}");
    let (_, _, r) = syntax_error_at("condition C0411 \"x\"\n    B mandatory if A is presnt\n");
    assert!(r.contains("did you mean `present`?"), "{r}");
}

#[test]
fn malformed_words_are_described() {
    let (m, at, _) = syntax_error_at("codelist CL23 \"x\"\n");
    assert_eq!(
        m,
        "syntax error: expected a code list id such as `CL231`, found `CL23`"
    );
    assert_eq!(at, (1, 10));
    let (m, _, _) = syntax_error_at("rule R1 \"x\"\n    B mandatory\n");
    assert!(m.contains("a rule id such as `C0599`, found `R1`"), "{m}");
    let (m, at, _) = syntax_error_at("condition C0411 \"x\"\n    B mandatory if A = \n");
    assert!(
        m.contains("expected a value") && m.ends_with("found end of file"),
        "{m}"
    );
    assert_eq!(at, (2, 22));
    let (m, _, _) =
        syntax_error_at("condition C0411 \"x\"\n    B mandatory if (A = '1' or A = '2'\n");
    assert!(m.contains("expected `)`"), "{m}");
    let (m, _, _) = syntax_error_at("condition C0411 \"x\"\n    B mandatory if A in <1,2> else\n");
    assert!(
        m.contains("expected one of `mandatory`, `optional` or `forbidden`"),
        "{m}"
    );
    let (m, _, _) = syntax_error_at("condition C0411 \"x\"\n    B must be uniqe\n");
    assert!(m.contains("a comparison (`=`"), "{m}");
}

#[test]
fn a_body_starting_with_for_each_end_is_a_statement() {
    let r = one_rule(
        "condition C0003 \"Seals\"\n    for each A\n        B mandatory\n    end\n    C forbidden\n",
    );
    assert!(r.scope.is_none());
    assert!(
        matches!(r.body[0], Statement::ForEach { .. }),
        "{:?}",
        r.body
    );
    assert_eq!(r.body.len(), 2);
    // Without `end`, `for each` is the scope of the rule.
    let r =
        one_rule("condition C0003 \"Seals\"\n    for each A\n    B mandatory\n    C forbidden\n");
    assert!(r.scope.is_some());
    assert_eq!(r.body.len(), 2);
}

#[test]
fn a_stray_end_is_reported() {
    let (m, _, r) = syntax_error_at("condition C0001 \"x\"\n    A mandatory\n    end\n");
    assert!(
        m.ends_with("expected a statement or a declaration (`condition`, `rule`, `transitional`, `codelist`, `advice`, ...), found `end`"),
        "{r}"
    );
}

#[test]
fn every_syntax_error_of_a_file_is_reported() {
    let src = "condition C0001 \"x\"\n    if A = 'T' then\n        B mandatory\n\n\
               codelist CL23 \"y\"\n\
               rule R0002 \"fine\"\n    B must = 'x'\n\
               rule R0003 \"z\"\n    B mandtory\n";
    let errors = parse_all(src, 0).unwrap_err();
    let mut s = crate::diagnostics::Sources::default();
    s.add("t.rules".into(), src.to_string());
    let at: Vec<(usize, usize)> = errors.iter().map(|e| s.line_col(e.span.unwrap())).collect();
    assert_eq!(at, [(3, 19), (5, 10), (9, 7)], "{}", s.render_all(&errors));
    assert!(errors[0].message.contains("`end`"), "{}", errors[0].message);
    assert!(
        errors[1].message.contains("code list id"),
        "{}",
        errors[1].message
    );
    assert!(
        errors[2].message.contains("found `mandtory`"),
        "{}",
        errors[2].message
    );
    // Without errors, the declarations.
    assert_eq!(
        parse_all("rule R0002 \"fine\"\n    B must = 'x'\n", 0)
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn a_misspelt_keyword_read_as_a_name_is_pointed_at() {
    let (m, at, r) = syntax_error_at(
        "condition C0411 \"x\"\n    TransitOperation.x mandatory iff TransitOperation.declarationType = \"T1\"\n",
    );
    assert_eq!(m, "syntax error: unexpected `iff`");
    assert_eq!(at, (2, 34));
    assert!(r.contains("^^^ not a word of the rule language"), "{r}");
    assert!(r.contains("= help: did you mean `if`?"), "{r}");
    // A name that only looks like a keyword is not "corrected" when writing the
    // keyword would not help: here a `then` is missing.
    let (m, _, r) = syntax_error_at("condition C0411 \"x\"\n    if A = B\n    C mandatory end\n");
    assert!(m.contains("expected `then`"), "{m}");
    assert!(!r.contains("did you mean"), "{r}");
}

#[test]
fn an_unterminated_string_is_pointed_at_where_it_opens() {
    let (m, at, r) = syntax_error_at(
        "condition C0411 \"x\"\n    A mandatory if B = \"T1\n\ncondition C0412 \"y\"\n    A optional\n",
    );
    assert_eq!(m, "syntax error: unterminated string");
    assert_eq!(at, (2, 24));
    assert!(r.contains("the string opened at 2:24"), "{r}");
    let (m, at, _) = syntax_error_at("condition C0411 \"x\n    A mandatory\n");
    assert_eq!(
        (m.as_str(), at),
        ("syntax error: unterminated string", (1, 17))
    );
    // Quotes in comments and the other kind of quote inside a string open nothing.
    assert_eq!(
        unterminated_string("// it's\nrule R0001 \"the carrier's\" 'a\"b'"),
        None
    );
    assert_eq!(unterminated_string("rule R0001 \"open"), Some(11));
}

#[test]
fn in_message_is_a_statement_with_its_message_types() {
    let r = one_rule(
        "condition C0569 \"Seals\"\n    in message CC015C, CC013C\n        B mandatory\n    end\n    in message CC007C\n        C forbidden\n    end\n",
    );
    assert_eq!(r.body.len(), 2);
    let Statement::InMessage { messages, body, .. } = &r.body[0] else {
        panic!("{:?}", r.body)
    };
    let names: Vec<&str> = messages.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(names, ["CC015C", "CC013C"]);
    assert_eq!(body.len(), 1);
}

#[test]
fn regex_check_and_test_keep_the_pattern_as_written() {
    let src = "rule R0001 \"x\"\n    A.b must match regex '\\s*[0-9]{7,8}\\s*'\n";
    let r = one_rule(src);
    let Statement::Must {
        check: Check::Regex(p),
        ..
    } = &r.body[0]
    else {
        panic!("{:?}", r.body)
    };
    assert_eq!(p.text, r"\s*[0-9]{7,8}\s*");
    // The span is the inside of the quotes, so a fault is pointed at its character.
    assert_eq!(&src[p.span.start..p.span.end], p.text);
    let r = one_rule("rule R0001 \"x\"\n    A.c mandatory if A.b matches regex \"X'[0-9]\"\n");
    let Statement::Presence {
        condition:
            Some((
                Condition::Predicate {
                    test: Test::Regex(p),
                    ..
                },
                _,
            )),
        ..
    } = &r.body[0]
    else {
        panic!("{:?}", r.body)
    };
    assert_eq!(p.text, "X'[0-9]");
    // `regex` needs its pattern; `matches` alone is no test.
    assert!(parse("rule R0001 \"x\"\n    A.b must match regex\n", 0).is_err());
    assert!(parse(
        "rule R0001 \"x\"\n    A.c mandatory if A.b matches 'X'\n",
        0
    )
    .is_err());
}

#[test]
fn relative_paths_count_their_levels() {
    let r = one_rule(
        "rule R0001 \"x\"\n    A.b must satisfy (../../H/c is present and .. is present)\n",
    );
    let Statement::Must {
        check: Check::Satisfy(Condition::And(parts)),
        ..
    } = &r.body[0]
    else {
        panic!("{:?}", r.body)
    };
    let kinds: Vec<&ReferenceKind> = parts
        .iter()
        .map(|p| match p {
            Condition::Predicate {
                subject: Operand::Ref(r),
                ..
            } => &r.kind,
            p => panic!("{p:?}"),
        })
        .collect();
    assert!(
        matches!(kinds[0], ReferenceKind::Relative { levels: 2, parts } if parts == &["H", "c"])
    );
    assert!(matches!(kinds[1], ReferenceKind::Relative { levels: 1, parts } if parts.is_empty()));
    let r = one_rule("rule R0001 \"x\"\n    A.b must satisfy (. = 'x')\n");
    let Statement::Must {
        check:
            Check::Satisfy(Condition::Predicate {
                subject: Operand::Ref(dot),
                ..
            }),
        ..
    } = &r.body[0]
    else {
        panic!("{:?}", r.body)
    };
    assert!(matches!(&dot.kind, ReferenceKind::Relative { levels: 0, parts } if parts.is_empty()));
    // `..` comes first: a name cannot go up.
    assert!(parse(
        "rule R0001 \"x\"\n    A.b must satisfy (H/../c is present)\n",
        0
    )
    .is_err());
}

#[test]
fn trim_wraps_a_text_and_text_functions_take_it() {
    let r = one_rule(
        "rule R0001 \"x\"\n    A.b must satisfy (trim(A.b) = 'E' and first 1 characters of trim(this A.b) != '0')\n",
    );
    let Statement::Must {
        check: Check::Satisfy(Condition::And(parts)),
        ..
    } = &r.body[0]
    else {
        panic!("{:?}", r.body)
    };
    assert!(matches!(
        &parts[0],
        Condition::Predicate { subject: Operand::Trim(inner, _), .. } if matches!(**inner, Operand::Ref(_))
    ));
    assert!(matches!(
        &parts[1],
        Condition::Predicate { subject: Operand::FirstChars(1, inner, _), .. }
            if matches!(&**inner, Operand::Trim(t, _) if matches!(**t, Operand::This(..)))
    ));
    // A data element may be called `trim`: without `(` it is a name.
    let r = one_rule("rule R0001 \"x\"\n    A.c mandatory if trim = 'E'\n");
    assert!(matches!(
        &r.body[0],
        Statement::Presence {
            condition: Some((
                Condition::Predicate {
                    subject: Operand::Ref(_),
                    ..
                },
                _
            )),
            ..
        }
    ));
}

#[test]
fn raw_takes_a_data_item_or_this_one_and_text_functions_take_it() {
    let r = one_rule(
        "rule R0001 \"x\"\n    A.b must satisfy (trim(raw(A.b)) = trim(raw(this A.b)) and raw(.) matches regex 'x')\n",
    );
    let Statement::Must {
        check: Check::Satisfy(Condition::And(parts)),
        ..
    } = &r.body[0]
    else {
        panic!("{:?}", r.body)
    };
    let Condition::Predicate {
        subject: lhs,
        test: Test::Compare(_, rhs),
        ..
    } = &parts[0]
    else {
        panic!("{:?}", parts[0])
    };
    let raw_of = |o: &Operand, this: bool| {
        matches!(o, Operand::Trim(t, _)
            if matches!(&**t, Operand::Raw(r, _)
                if matches!(**r, Operand::This(..)) == this && matches!(**r, Operand::This(..) | Operand::Ref(_))))
    };
    assert!(raw_of(lhs, false), "{lhs:?}");
    assert!(raw_of(rhs, true), "{rhs:?}");
    assert!(matches!(
        &parts[1],
        Condition::Predicate {
            subject: Operand::Raw(..),
            ..
        }
    ));
    // `raw` reads a data item as sent: not a value computed from one.
    for bad in [
        "raw(trim(A.b)) = 'x'",
        "raw('x') = 'x'",
        "raw(A.b, A.c) = 'x'",
    ] {
        assert!(parse_condition(bad, 0).is_err(), "{bad}");
    }
    // `count(distinct ...)` takes it, trimmed or not.
    assert!(parse_condition(
        "count(distinct trim(raw(G.a))) > count(distinct raw(G.a))",
        0
    )
    .is_ok());
    // A data element may be called `raw`: without `(` it is a name.
    let r = one_rule("rule R0001 \"x\"\n    A.c mandatory if raw = 'E'\n");
    assert!(matches!(
        &r.body[0],
        Statement::Presence {
            condition: Some((
                Condition::Predicate {
                    subject: Operand::Ref(_),
                    ..
                },
                _
            )),
            ..
        }
    ));
}

#[test]
fn count_with_a_condition_or_a_test() {
    let r = one_rule(
        "rule R0001 \"x\"\n    H must satisfy (count(G satisfies (a is present)) = count(G.k in <VQ>) + count(G, K))\n",
    );
    let Statement::Must {
        check:
            Check::Satisfy(Condition::Predicate {
                subject,
                test: Test::Compare(_, rhs),
                ..
            }),
        ..
    } = &r.body[0]
    else {
        panic!("{:?}", r.body)
    };
    assert!(matches!(subject, Operand::CountWhere(g, b, _)
        if g.text == "G" && matches!(**b, QuantifiedBody::Satisfies(_))));
    let Operand::Arith(a, _, b, _) = rhs else {
        panic!("{rhs:?}")
    };
    assert!(matches!(&**a, Operand::CountWhere(k, b, _)
        if k.text == "G.k" && matches!(**b, QuantifiedBody::Test(Test::In { .. }))));
    assert!(matches!(&**b, Operand::Count(refs, _) if refs.len() == 2));
}

#[test]
fn count_distinct_of_values_trimmed_values_and_children() {
    let r = one_rule(
        "rule R0001 \"x\"\n    H must satisfy (count(distinct G.a) = count(distinct trim(G.a)) + count(distinct children of G))\n",
    );
    let Statement::Must {
        check:
            Check::Satisfy(Condition::Predicate {
                subject,
                test: Test::Compare(_, rhs),
                ..
            }),
        ..
    } = &r.body[0]
    else {
        panic!("{:?}", r.body)
    };
    assert!(
        matches!(subject, Operand::CountDistinct(Distinct::Values(v), _)
        if matches!(&**v, Operand::Ref(r) if r.text == "G.a"))
    );
    let Operand::Arith(a, _, b, _) = rhs else {
        panic!("{rhs:?}")
    };
    assert!(
        matches!(&**a, Operand::CountDistinct(Distinct::Values(v), _)
        if matches!(&**v, Operand::Trim(..)))
    );
    assert!(matches!(&**b, Operand::CountDistinct(Distinct::Children(g), _) if g.text == "G"));
    // An element called `distinct` is still counted as one.
    let r = one_rule("rule R0001 \"x\"\n    H must satisfy (count(distinct) = 1)\n");
    let Statement::Must {
        check: Check::Satisfy(Condition::Predicate { subject, .. }),
        ..
    } = &r.body[0]
    else {
        panic!()
    };
    assert!(matches!(subject, Operand::Count(refs, _) if refs[0].text == "distinct"));
}

#[test]
fn sum_of_numbers_beside_sum() {
    let r = one_rule("rule R0001 \"x\"\n    H must satisfy (sum(number(G.a)) <= sum(G.a))\n");
    let Statement::Must {
        check:
            Check::Satisfy(Condition::Predicate {
                subject,
                test: Test::Compare(_, rhs),
                ..
            }),
        ..
    } = &r.body[0]
    else {
        panic!("{:?}", r.body)
    };
    assert!(matches!(subject, Operand::SumNumbers(r, _) if r.text == "G.a"));
    assert!(matches!(rhs, Operand::Sum(r, _) if r.text == "G.a"));
}

#[test]
fn sequential_as_a_test() {
    let r = one_rule(
        "rule R0001 \"x\"\n    H must satisfy (G.n is sequential from 1 and G.n is present)\n",
    );
    let Statement::Must {
        check: Check::Satisfy(Condition::And(parts)),
        ..
    } = &r.body[0]
    else {
        panic!("{:?}", r.body)
    };
    assert!(matches!(
        &parts[0],
        Condition::Predicate {
            test: Test::Sequential(1),
            ..
        }
    ));
    assert!(matches!(
        &parts[1],
        Condition::Predicate {
            test: Test::Present(true),
            ..
        }
    ));
}

#[test]
fn products_before_sums() {
    let r = one_rule("rule R0001 \"x\"\n    H must satisfy (a + b * c * 2 - d = 1)\n");
    let Statement::Must {
        check: Check::Satisfy(Condition::Predicate { subject, .. }),
        ..
    } = &r.body[0]
    else {
        panic!("{:?}", r.body)
    };
    // (a + ((b * c) * 2)) - d
    let Operand::Arith(sum, ArithOp::Minus, d, _) = subject else {
        panic!("{subject:?}")
    };
    assert!(matches!(&**d, Operand::Ref(r) if r.text == "d"));
    let Operand::Arith(a, ArithOp::Plus, product, _) = &**sum else {
        panic!("{sum:?}")
    };
    assert!(matches!(&**a, Operand::Ref(r) if r.text == "a"));
    let Operand::Arith(bc, ArithOp::Times, two, _) = &**product else {
        panic!("{product:?}")
    };
    assert!(matches!(&**two, Operand::Literal(Literal::Number(n), _) if n == "2"));
    assert!(matches!(&**bc, Operand::Arith(_, ArithOp::Times, _, _)));
}

#[test]
fn a_doubled_opening_quote_is_one_quote() {
    let title = |src: &str| match parse(src, 0).map(|d| d.into_iter().next()) {
        Ok(Some(Declaration::Rule(r))) => r.title,
        other => panic!("{other:?}"),
    };
    // HMRC's message text of 8685 has both kinds of quote.
    assert_eq!(
        title("rule E8685 'mode = ''1'' begins with \"XFER\"'\n    a mandatory\n").as_deref(),
        Some("mode = '1' begins with \"XFER\"")
    );
    assert_eq!(
        title("rule E8601 \"say \"\"hi\"\" it's\"\n    a mandatory\n").as_deref(),
        Some("say \"hi\" it's")
    );
    // The empty string stays empty; the other quote is not doubled.
    assert_eq!(
        title("rule E8601 ''\n    a mandatory\n").as_deref(),
        Some("")
    );
    assert_eq!(
        title("rule E8601 \"a''b\"\n    a mandatory\n").as_deref(),
        Some("a''b")
    );
    assert_eq!(unterminated_string("rule E8601 'it''s' \"a\"\"b\""), None);
}
