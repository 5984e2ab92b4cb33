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
    assert_eq!(c.subset_of.as_ref().unwrap().text, "CL017");
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
