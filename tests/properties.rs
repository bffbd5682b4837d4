//! Properties that hold for any text, checked on generated inputs
//! (proptest): the pipeline never panics, every export is well-formed and
//! parses back, node ids are unique, and the same input gives the same bytes.

mod common;

use std::sync::LazyLock;

use newsgraph::export::json::JsonOptions;
use newsgraph::extract::{Extractor, Known, Lookup};
use newsgraph::graph::{CorpusGraph, GraphBuilder};
use newsgraph::load::Document;
use newsgraph::relate::Window;
use proptest::prelude::*;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::new);

/// Text made of the pieces news is made of, and of hostile characters.
fn article() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "区委书记",
        "陆",
        "方舟",
        "高",
        "香",
        "、",
        "等区领导",
        "来到",
        "走访",
        "调研",
        "南翔镇",
        "南翔",
        "嘉定区",
        "上海",
        "有限公司",
        "集团",
        "(",
        ")",
        "“",
        "”",
        "第七届",
        "博览会",
        "进博会",
        "会议",
        "11月4日",
        "当天",
        "次日",
        "。",
        ",",
        "\n\n",
        " ",
        "撰稿 ",
        "本报讯",
        "<script>",
        "]]>",
        "&",
        "\"",
        "\u{1b}",
        "\u{0}",
        "\u{202e}",
        "\u{feff}",
        "\u{fffd}",
        "Family Citywalk",
        "2024",
        "-",
        "村",
        "展台",
        "品牌",
        "一行",
        "陪同",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat())
}

fn graph_of(texts: &[String]) -> CorpusGraph {
    let x = &*EXTRACTOR;
    let mut known = Known::default();
    for t in texts {
        known.merge(x.survey(&newsgraph::normalise::normalise(t).text, Some(2024)));
    }
    let lookup = Lookup::new(x, known);
    let mut builder = GraphBuilder::new(Window::Sentence);
    for (i, t) in texts.iter().enumerate() {
        let doc = Document { id: format!("{i}.txt"), text: t.clone(), ..Document::default() };
        let result = newsgraph::process(
            x,
            &doc,
            newsgraph::date::PubDate::parse("2024-11"),
            &lookup,
            &newsgraph::Options::default(),
        );
        builder.add(&result);
    }
    builder.finish()
}

fn exports(g: &CorpusGraph) -> [Vec<u8>; 4] {
    let positions = newsgraph::layout::separate(g, &newsgraph::layout::layout(g));
    let mut graphml = Vec::new();
    newsgraph::export::graphml::write(g, &positions, &mut graphml).unwrap();
    let mut gexf = Vec::new();
    newsgraph::export::gexf::write(g, &positions, &mut gexf).unwrap();
    let mut json = Vec::new();
    newsgraph::export::json::write(g, &JsonOptions::default(), &positions, &mut json).unwrap();
    let mut svg = Vec::new();
    newsgraph::export::svg::write(g, &positions, &Default::default(), &mut svg).unwrap();
    [graphml, gexf, json, svg]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn any_text_gives_well_formed_deterministic_exports(texts in prop::collection::vec(article(), 1..4)) {
        let g = graph_of(&texts);
        let ids: std::collections::BTreeSet<&str> = g.nodes().map(|n| n.id.as_str()).collect();
        prop_assert_eq!(ids.len(), g.graph.node_count(), "node ids are unique");
        let first = exports(&g);
        for xml in [&first[0], &first[1], &first[3]] {
            prop_assert!(common::well_formed_xml(std::str::from_utf8(xml).unwrap()));
        }
        let parsed = newsgraph::export::json::read(std::str::from_utf8(&first[2]).unwrap());
        prop_assert!(parsed.is_ok(), "JSON parses back");
        prop_assert_eq!(parsed.unwrap().graph.node_count(), g.graph.node_count());
        let again = exports(&graph_of(&texts));
        prop_assert!(first == again, "byte-identical on a repeat run");
    }

    #[test]
    fn any_text_normalises_with_offsets_into_the_original(text in article()) {
        let n = newsgraph::normalise::normalise(&text);
        for (i, _) in n.text.char_indices() {
            let span = n.original_span(i..i + n.text[i..].chars().next().map_or(0, char::len_utf8));
            prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        }
    }
}
