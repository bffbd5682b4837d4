//! The exports load in the real clients: NetworkX (`node_link_graph`,
//! `read_graphml`) and python-igraph (`Graph.Read_GraphML`), with the same
//! node and edge counts. `scripts/test` installs them into `.venv`.

mod common;

use std::process::Command;

use common::{build_corpus, root, scratch};
use serde_json::Value;

#[test]
fn networkx_and_igraph_read_both_files_alike() {
    let out = scratch("interop");
    build_corpus(&out);
    let o = Command::new(python())
        .arg(root().join("tests/interop.py"))
        .arg(out.join("corpus.graphml"))
        .arg(out.join("corpus.json"))
        .output()
        .expect("run python");
    assert!(
        o.status.success(),
        "the Python clients failed (run scripts/test, which installs them): {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let seen: Value = serde_json::from_slice(&o.stdout).unwrap();
    let g: Value = serde_json::from_str(&std::fs::read_to_string(out.join("corpus.json")).unwrap()).unwrap();
    let expected = serde_json::json!([
        g["nodes"].as_array().unwrap().len(),
        g["edges"].as_array().unwrap().len()
    ]);
    for client in ["networkx_json", "networkx_graphml", "igraph_graphml"] {
        assert_eq!(seen[client], expected, "{client}: {seen}");
    }
    assert_eq!(seen["labels_agree"], true, "{seen}");
    assert_eq!(seen["igraph_labels"], true, "{seen}");
    assert_eq!(seen["edge_kinds"], serde_json::json!(["co_occurrence", "visit"]));
    assert_eq!(seen["weights_are_floats"], true);
}

/// The Python with the clients (`scripts/test` sets NEWSGRAPH_PYTHON).
pub fn python() -> String {
    std::env::var("NEWSGRAPH_PYTHON").unwrap_or_else(|_| {
        let venv = root().join(".venv/bin/python");
        if venv.exists() {
            venv.display().to_string()
        } else {
            "python3".to_string()
        }
    })
}
