//! Golden files: each format's output for a small graph, compared whole.
//! After an intended change, regenerate them with
//! `NEWSGRAPH_BLESS=1 cargo test --test golden` and review the diff.

mod common;

use newsgraph::export::json::JsonOptions;

fn check(name: &str, bytes: Vec<u8>) {
    let path = common::root().join("tests/golden").join(name);
    if std::env::var_os("NEWSGRAPH_BLESS").is_some() {
        std::fs::write(&path, &bytes).unwrap();
    }
    let expected = std::fs::read(&path).unwrap_or_default();
    assert!(expected == bytes, "{name} differs from tests/golden/{name}:\n{}", String::from_utf8_lossy(&bytes));
}

#[test]
fn small_graph_in_every_format() {
    let g = common::small_graph("华星贸易(上海)有限公司");
    let positions = newsgraph::layout::layout(&g);
    let mut out = Vec::new();
    newsgraph::export::graphml::write(&g, &positions, &mut out).unwrap();
    check("small.graphml", out);
    let mut out = Vec::new();
    newsgraph::export::gexf::write(&g, &positions, &mut out).unwrap();
    check("small.gexf", out);
    let mut out = Vec::new();
    let options = JsonOptions { corpus: "small".into(), ..JsonOptions::default() };
    newsgraph::export::json::write(&g, &options, &positions, &mut out).unwrap();
    check("small.json", out);
}
