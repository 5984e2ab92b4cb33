//! Generated messages — declarations and the other five trader messages —
//! validate with zero violations through the shipped, compiled NCTS P5 rule
//! set, at their own date.

use eucdm_generator::{generate, Message, Spec};
use eucdm_runtime::Options;

fn check(spec: &Spec) {
    let xml = generate(spec);
    let report = eucdm_ncts_p5::validate_xml(xml.as_bytes(), &Options::default())
        .unwrap_or_else(|e| panic!("{spec:?}: cannot read: {e}"));
    assert!(
        report.violations.is_empty(),
        "{spec:?}: {} violation(s): {:?}",
        report.violations.len(),
        report
            .violations
            .iter()
            .map(|v| v.to_string())
            .collect::<Vec<_>>()
    );
    assert_eq!(
        xml.matches("<ConsignmentItem>").count(),
        spec.items,
        "{spec:?}"
    );
}

#[test]
fn sizes_1_10_100_1999_are_valid() {
    for n in [1, 10, 100, 1999] {
        check(&Spec::items(n));
    }
}

#[test]
fn other_seeds_group_sizes_and_layouts_are_valid() {
    for seed in [0, 7, 42, u64::MAX] {
        check(&Spec {
            seed,
            ..Spec::items(300)
        });
    }
    check(&Spec {
        items_per_house: 1,
        ..Spec::items(40)
    });
    check(&Spec {
        items_per_house: 999,
        ..Spec::items(1999)
    });
    check(&Spec {
        indent: 0,
        ..Spec::items(100)
    });
}

/// What `items` counts in the message's output.
fn counted(message: Message) -> Option<&'static str> {
    match message {
        Message::CC015C | Message::CC013C | Message::CC044C => Some("<ConsignmentItem>"),
        Message::CC170C => Some("<GoodsReference>"),
        Message::CC007C => Some("<Incident>"),
        Message::CC014C => None,
    }
}

fn check_message(spec: &Spec) {
    let xml = generate(spec);
    let report = eucdm_ncts_p5::validate_xml(xml.as_bytes(), &Options::default())
        .unwrap_or_else(|e| panic!("{spec:?}: cannot read: {e}"));
    assert_eq!(report.message, spec.message.name(), "{spec:?}");
    assert!(
        report.violations.is_empty(),
        "{spec:?}: {} violation(s): {:?}",
        report.violations.len(),
        report
            .violations
            .iter()
            .map(|v| v.to_string())
            .collect::<Vec<_>>()
    );
    if let Some(tag) = counted(spec.message) {
        assert_eq!(xml.matches(tag).count(), spec.items, "{spec:?}");
    }
    assert_eq!(xml, generate(spec), "{spec:?}: not deterministic");
}

#[test]
fn every_message_type_is_valid() {
    for message in Message::ALL {
        // CC007C has at most 9 incidents.
        let sizes: &[usize] = match message {
            Message::CC007C => &[0, 1, 4, 9],
            _ => &[1, 7, 60],
        };
        for &items in sizes {
            for seed in [1, 2, 99, u64::MAX] {
                for items_per_house in [1, 3, 20] {
                    check_message(&Spec {
                        message,
                        items,
                        seed,
                        items_per_house,
                        ..Spec::default()
                    });
                }
            }
        }
        check_message(&Spec {
            indent: 0,
            ..Spec::message(message, 5)
        });
    }
}

#[test]
fn other_messages_at_the_xsd_limits_are_valid() {
    for message in [Message::CC013C, Message::CC170C, Message::CC044C] {
        check_message(&Spec::message(message, 1999));
        check_message(&Spec {
            items_per_house: 999,
            ..Spec::message(message, 1999)
        });
    }
}

#[test]
fn the_amendment_is_the_declaration_with_the_mrn() {
    let spec = Spec::items(30);
    let declaration = generate(&spec);
    let amendment = generate(&Spec {
        message: Message::CC013C,
        ..spec
    });
    let strip = |x: &str| -> Vec<String> {
        x.lines()
            .filter(|l| {
                !l.contains("LRN") && !l.contains("MRN") && !l.contains("amendmentTypeFlag")
            })
            .map(|l| l.replace("CC013C", "CC015C").replace("-A<", "<"))
            .collect()
    };
    assert_eq!(strip(&declaration), strip(&amendment));
}

#[test]
fn message_names_parse() {
    for m in Message::ALL {
        assert_eq!(m.name().parse::<Message>(), Ok(m));
        assert_eq!(m.name()[2..5].parse::<Message>(), Ok(m));
        assert_eq!(m.name().to_lowercase().parse::<Message>(), Ok(m));
    }
    assert!("CC999C".parse::<Message>().is_err());
}
