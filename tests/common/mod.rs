//! Helpers for the end-to-end tests: run the binary in a fresh folder.
// Each test binary compiles this module and uses only some of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A new empty folder for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsgraph-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// A new folder `corpus` in a scratch folder for one test, holding `files`
/// (name, content); returns (the scratch folder, the corpus).
pub fn corpus_of(name: &str, files: &[(&str, &[u8])]) -> (PathBuf, PathBuf) {
    let dir = scratch(name);
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus).expect("corpus folder");
    for (file, content) in files {
        std::fs::write(corpus.join(file), content).expect("corpus file");
    }
    (dir, corpus)
}

/// Runs `newsgraph` with `args` in the repository root.
pub fn newsgraph(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsgraph")).args(args).current_dir(root()).output().expect("run newsgraph")
}

/// Builds the shipped corpus into `out`; panics with stderr if it fails.
pub fn build_corpus(out: &Path) {
    let o = newsgraph(&["build", "corpus", "--out", out.to_str().expect("utf-8 path"), "--quiet"]);
    assert!(o.status.success(), "build failed: {}", String::from_utf8_lossy(&o.stderr));
}

/// A two-node graph (an official and a company labelled `label`) with a
/// co-occurrence and a visit on two days, for format tests.
pub fn small_graph(label: &str) -> newsgraph::graph::CorpusGraph {
    use std::collections::{BTreeMap, BTreeSet};

    use newsgraph::date::Day;
    use newsgraph::extract::EntityType;
    use newsgraph::graph::{CorpusGraph, Edge, Evidence, Node};
    use newsgraph::relate::{RelationKind, Window};

    let node = |t: EntityType, label: &str| Node {
        id: newsgraph::graph::node_id(&newsgraph::resolve::EntityKey { entity_type: t, name: label.into() }),
        entity_type: t,
        label: label.into(),
        aliases: BTreeSet::from([format!("{label}别名")]),
        titles: BTreeSet::new(),
        mentions: 2,
        documents: BTreeSet::from(["a.txt".to_string()]),
        confidence: 0.9,
        first_seen: Some("2024-11-04".into()),
        last_seen: Some("2024-11-05".into()),
        roles: BTreeMap::new(),
    };
    let mut g = petgraph::Graph::new_undirected();
    let a = g.add_node(node(EntityType::Official, "王建国"));
    let b = g.add_node(node(EntityType::Company, label));
    let evidence = vec![Evidence { doc: "a.txt".into(), sentence: format!("王建国来到{label}。") }];
    let edge = |id: &str, kind, weight, dates: &[&str], first: &str, last: &str| Edge {
        id: id.into(),
        kind,
        weight,
        dates: dates.iter().filter_map(|d| Day::parse(d)).collect(),
        evidence: evidence.clone(),
        confidence: 0.9,
        first_seen: Some(first.into()),
        last_seen: Some(last.into()),
    };
    g.add_edge(a, b, edge("co_0000000000000001", RelationKind::CoOccurrence, 1, &[], "2024-11", "2024-11"));
    g.add_edge(
        a,
        b,
        edge("vis_0000000000000002", RelationKind::Visit, 2, &["2024-11-04", "2024-11-05"], "2024-11-04", "2024-11-05"),
    );
    CorpusGraph { graph: g, documents: vec![], window: Window::Sentence }
}

/// An element's attribute as text, if it has one.
pub fn attribute(element: &quick_xml::events::BytesStart, name: &str) -> Option<String> {
    let attribute = element.try_get_attribute(name).expect("a well-formed attribute")?;
    let value: &str = attribute.value.as_ref();
    Some(value.to_string())
}

/// Whether `xml` parses to its end as well-formed XML.
pub fn well_formed_xml(xml: &str) -> bool {
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => return true,
            Ok(_) => {}
            Err(_) => return false,
        }
    }
}
