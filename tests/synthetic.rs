//! The synthetic yardstick (`tests/synthetic/`): the scorer's figures on a
//! build of six articles in other genres, run without their manifest.

mod common;

use std::process::Command;

use common::{newsgraph, root, scratch};
use serde_json::Value;

#[test]
fn extraction_holds_on_articles_of_other_genres() {
    let dir = scratch("synthetic");
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    for entry in std::fs::read_dir(root().join("tests/synthetic/corpus")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            std::fs::copy(&path, corpus.join(path.file_name().unwrap())).unwrap();
        }
    }
    let out = dir.join("out");
    let o = newsgraph(&["build", corpus.to_str().unwrap(), "--out", out.to_str().unwrap(), "--name", "g", "-q"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = Command::new("python3")
        .arg(root().join("../shared/eval/score.py"))
        .arg(root().join("tests/synthetic/gold.json"))
        .arg(out.join("g.json"))
        .arg("--json")
        .output()
        .expect("run python3");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    let entities = report["entities"]["f1"].as_f64().unwrap();
    let visits = report["visits"]["f1"].as_f64().unwrap();
    assert!(entities >= 0.95, "entity F1 {entities}");
    assert!(visits >= 0.95, "visit F1 {visits}");
    assert!(report["visits"]["date_accuracy"].as_f64().unwrap() >= 0.95);
}
