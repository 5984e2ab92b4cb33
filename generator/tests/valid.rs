//! Generated declarations validate with zero violations through the shipped,
//! compiled NCTS P5 rule set.

use eucdm_generator::{generate, Spec};
use eucdm_runtime::Options;

fn check(spec: &Spec) {
    let xml = generate(spec);
    let report = eucdm_ncts_p5::validate_xml(xml.as_bytes(), &Options::default())
        .unwrap_or_else(|e| panic!("{spec:?}: cannot read: {e}"));
    assert!(
        report.violations.is_empty(),
        "{spec:?}: {} violation(s): {}",
        report.violations.len(),
        report.errors_json()
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
