//! The message readers and the compiled NCTS P5 validator on arbitrary bytes:
//! the input is read as XML and as JSON (whichever it is, the other reader
//! must refuse it cleanly), and every message read is validated, with and
//! without a `--date`. Any outcome is fine but a panic, a hang or a blow-up;
//! every report must also render as the CLI's JSON line.
#![no_main]

use eucdm_ncts_p5::runtime::{self, RuleSet};
use eucdm_ncts_p5::NCTS_P5;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let docs = [
        runtime::read_xml(data, NCTS_P5.schemas()),
        runtime::json::read_json(data, NCTS_P5.schemas()),
    ];
    for doc in docs {
        let doc = match doc {
            Ok(d) => d,
            Err(e) => {
                let _ = e.to_string();
                continue;
            }
        };
        for date in [None, Some("2024-12-01".to_string())] {
            let opts = runtime::Options {
                date,
                ..Default::default()
            };
            let report = NCTS_P5
                .validate(&doc, &opts)
                .expect("read with its schemas");
            let _ = serde_json::to_string(&report);
        }
    }
});
