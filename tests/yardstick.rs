//! The shared yardstick (`../shared/eval/score.py`) on the exported graph of
//! the shipped corpus: the figures must stay at or above these bars.

mod common;

use std::process::Command;

use common::{build_corpus, root, scratch};
use serde_json::Value;

#[test]
fn extraction_meets_the_bars_on_the_sample_corpus() {
    let eval = root().join("../shared/eval");
    assert!(eval.join("score.py").is_file(), "the yardstick is missing: expected ../shared/eval beside the repository");
    let out = scratch("yardstick");
    build_corpus(&out);
    let o = Command::new("python3")
        .arg(eval.join("score.py"))
        .arg(eval.join("gold/seeds.json"))
        .arg(out.join("corpus.json"))
        .arg("--json")
        .output()
        .expect("run python3");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    let f1 = |t: &str| report["types"][t]["f1"].as_f64().unwrap();
    let bars = [("official", 0.97), ("company", 0.93), ("town", 0.95), ("event", 0.85)];
    for (t, bar) in bars {
        assert!(f1(t) >= bar, "{t} F1 {} is below {bar}", f1(t));
    }
    let visit = &report["visits"];
    assert!(visit["f1"].as_f64().unwrap() >= 0.92, "visit F1 {}", visit["f1"]);
    assert!(visit["date_accuracy"].as_f64().unwrap() >= 0.95, "date accuracy {}", visit["date_accuracy"]);
}
