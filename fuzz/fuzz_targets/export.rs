//! The graph of any text exports to GraphML, GEXF and SVG that are
//! well-formed XML and to JSON that reads back with the same nodes.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use newsgraph::export::json::JsonOptions;
use newsgraph::extract::{Extractor, Lookup};
use newsgraph::graph::GraphBuilder;
use newsgraph::load::Document;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::new);

fn well_formed(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else { return false };
    let mut reader = quick_xml::Reader::from_str(text);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => return true,
            Ok(_) => {}
            Err(_) => return false,
        }
    }
}

fuzz_target!(|text: &str| {
    let x = &*EXTRACTOR;
    let known = x.survey(&newsgraph::normalise::normalise(text).text, Some(2024));
    let lookup = Lookup::new(x, known);
    let doc = Document { id: "input".into(), text: text.to_string(), ..Document::default() };
    let result = newsgraph::process(x, &doc, None, &lookup, &newsgraph::Options::default());
    let mut builder = GraphBuilder::new(newsgraph::relate::Window::Sentence);
    builder.add(&result);
    let g = builder.finish();
    let positions = newsgraph::layout::layout(&g);
    let mut out = Vec::new();
    newsgraph::export::graphml::write(&g, &positions, &mut out).unwrap();
    assert!(well_formed(&out), "GraphML");
    out.clear();
    newsgraph::export::gexf::write(&g, &positions, &mut out).unwrap();
    assert!(well_formed(&out), "GEXF");
    out.clear();
    newsgraph::export::svg::write(&g, &positions, &Default::default(), &mut out).unwrap();
    assert!(well_formed(&out), "SVG");
    out.clear();
    newsgraph::export::json::write(&g, &JsonOptions::default(), &positions, &mut out).unwrap();
    let back = newsgraph::export::json::read(std::str::from_utf8(&out).unwrap()).expect("JSON reads back");
    assert_eq!(back.graph.node_count(), g.graph.node_count());
});
