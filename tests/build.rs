//! End to end: the binary on the shipped corpus.

mod common;

use std::collections::BTreeSet;
use std::fs;

use common::{attribute, build_corpus, corpus_of, newsgraph, root, scratch};
use serde_json::Value;

#[test]
fn build_writes_graphml_and_json_with_a_summary() {
    let out = scratch("summary");
    let o = newsgraph(&["build", "corpus", "--out", out.to_str().unwrap()]);
    assert!(o.status.success());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("read 5 documents"), "{stderr}");
    assert!(stderr.contains("officials") && stderr.contains("visit edges"), "{stderr}");
    for ext in ["graphml", "gexf", "json", "mentions.jsonl"] {
        assert!(out.join(format!("corpus.{ext}")).is_file(), "{ext}");
    }
}

#[test]
fn json_follows_the_node_link_contract() {
    let out = scratch("contract");
    build_corpus(&out);
    let g: Value = serde_json::from_str(&fs::read_to_string(out.join("corpus.json")).unwrap()).unwrap();
    assert_eq!(g["directed"], false);
    assert_eq!(g["multigraph"], true);
    let nodes = g["nodes"].as_array().unwrap();
    let ids: BTreeSet<&str> = nodes.iter().map(|n| n["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), nodes.len(), "node ids are unique");
    for n in nodes {
        let t = n["entity_type"].as_str().unwrap();
        assert!(["official", "company", "town", "event"].contains(&t));
        let id = n["id"].as_str().unwrap();
        assert!(id.is_ascii() && id.len() == 20, "{id}");
        assert_eq!(n["titles"].is_array(), t == "official", "{n}");
        assert_eq!(n["roles"].is_array(), t == "official", "{n}");
        let confidence = n["confidence"].as_f64().unwrap();
        assert!(confidence > 0.0 && confidence <= 1.0, "{n}");
        let (first, last) = (n["first_seen"].as_str().unwrap(), n["last_seen"].as_str().unwrap());
        assert!(first <= last, "{n}");
        for r in n["roles"].as_array().into_iter().flatten() {
            assert!(r["first_seen"].as_str().unwrap() <= r["last_seen"].as_str().unwrap(), "{r}");
        }
    }
    let docs = g["graph"]["documents"].as_array().unwrap();
    assert!(docs.iter().all(|d| d["date_source"] == "manifest"), "{docs:?}");
    for e in g["edges"].as_array().unwrap() {
        assert!(ids.contains(e["source"].as_str().unwrap()) && ids.contains(e["target"].as_str().unwrap()));
        assert_eq!(e["key"], e["kind"]);
        assert!(e["weight"].as_u64().unwrap() >= 1);
        let confidence = e["confidence"].as_f64().unwrap();
        assert!(confidence > 0.0 && confidence <= 1.0, "{e}");
        assert!(!e["evidence"].as_array().unwrap().is_empty());
        if e["kind"] == "visit" {
            let source = nodes.iter().find(|n| n["id"] == e["source"]).unwrap();
            assert_eq!(source["entity_type"], "official", "a visit's source is the official");
            for d in e["dates"].as_array().unwrap() {
                assert!(newsgraph::date::Day::parse(d.as_str().unwrap()).is_some(), "{d}");
            }
        }
    }
}

#[test]
fn graphml_is_well_formed_with_keys_first() {
    let out = scratch("graphml");
    build_corpus(&out);
    let xml = fs::read_to_string(out.join("corpus.graphml")).unwrap();
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut seen_graph = false;
    // GraphML's schema wants key ids unique across nodes and edges; each
    // <data> must name a key declared for the element it sits in.
    let mut key_ids = BTreeSet::new();
    let mut keys_for = BTreeSet::new();
    let mut element = String::new();
    let mut data = 0;
    let mut edges = 0;
    let mut seen_edges = BTreeSet::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                let qname = e.name();
                let name: &str = qname.as_ref();
                let attr = |n: &str| attribute(&e, n);
                match name {
                    "key" => {
                        assert!(!seen_graph, "every <key> comes before <graph>");
                        let ty = attr("attr.type").unwrap_or_default();
                        assert!(["boolean", "int", "long", "float", "double", "string"].contains(&ty.as_str()), "{ty}");
                        let id = attr("id").unwrap_or_default();
                        assert!(key_ids.insert(id.clone()), "two keys have the id {id}");
                        keys_for.insert((attr("for").unwrap_or_default(), id));
                    }
                    "node" => element = "node".into(),
                    "data" => {
                        let key = (element.clone(), attr("key").unwrap_or_default());
                        assert!(keys_for.contains(&key), "<data> names no key declared for its element: {key:?}");
                        data += 1;
                    }
                    "graph" => {
                        seen_graph = true;
                        assert_eq!(attr("edgedefault").as_deref(), Some("undirected"));
                    }
                    "edge" => {
                        element = "edge".into();
                        let triple = (attr("source"), attr("target"), attr("label"));
                        assert!(seen_edges.insert(triple), "two edges share source, target and kind");
                        let label = attr("label").unwrap_or_default();
                        assert!(label == "visit" || label == "co_occurrence", "{label}");
                        edges += 1;
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    assert!(key_ids.len() >= 10 && edges > 0 && data > edges);
}

#[test]
fn a_second_run_writes_byte_identical_files() {
    let (a, b) = (scratch("run-a"), scratch("run-b"));
    build_corpus(&a);
    build_corpus(&b);
    for f in ["corpus.graphml", "corpus.gexf", "corpus.json", "corpus.mentions.jsonl"] {
        assert!(fs::read(a.join(f)).unwrap() == fs::read(b.join(f)).unwrap(), "{f} differs between runs");
    }
}

#[test]
fn committed_graphs_are_current() {
    let out = scratch("current");
    build_corpus(&out);
    for f in ["corpus.graphml", "corpus.gexf", "corpus.json", "corpus.mentions.jsonl"] {
        let fresh = fs::read(out.join(f)).unwrap();
        let committed = fs::read(root().join("graphs").join(f)).unwrap();
        assert!(fresh == committed, "graphs/{f} is stale: run `cargo run --release -- build` and commit it");
    }
}

#[test]
fn missing_corpus_is_a_clear_error() {
    let out = scratch("missing");
    let o = newsgraph(&["build", "no/such/folder", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("no/such/folder"), "{stderr}");
    assert!(fs::read_dir(&out).unwrap().next().is_none(), "nothing is written");
}

#[test]
fn messy_files_are_read_or_named_and_skipped() {
    let dir = scratch("messy");
    let corpus = dir.join("corpus");
    fs::create_dir_all(&corpus).unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode("11月4日,区委书记王建国来到南翔镇调研。");
    fs::write(corpus.join("gbk.txt"), &gbk).unwrap();
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend("11月5日,区长李红来到安亭镇调研。".encode_utf16().flat_map(u16::to_le_bytes));
    fs::write(corpus.join("utf16.txt"), &utf16).unwrap();
    let broken = ["11月6日,副区长赵立新来到外冈镇调研".as_bytes(), &[0xff, 0xc3], "。".as_bytes()].concat();
    fs::write(corpus.join("broken.txt"), &broken).unwrap();
    fs::write(corpus.join("controls.txt"), "区委书记孙丽\u{1b}\u{7}来到\u{202e}马陆镇调研。]]><script>").unwrap();
    fs::write(corpus.join("blob.txt"), [0u8, 1, 2, 0, 0, 0, 255, 0].repeat(512)).unwrap();
    fs::write(corpus.join("empty.txt"), "").unwrap();
    fs::write(corpus.join("long.txt"), "字".repeat(2_000_000)).unwrap();
    fs::write(corpus.join("notes.md"), "not an article").unwrap();
    let out = dir.join("out");
    let o = newsgraph(&["build", corpus.to_str().unwrap(), "--out", out.to_str().unwrap(), "--name", "g"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(3), "some files skipped: {stderr}");
    for name in ["blob.txt: binary", "empty.txt: empty", "long.txt: a line of", "broken.txt: invalid UTF-8 at byte"] {
        assert!(stderr.contains(name), "{name} named: {stderr}");
    }
    let g: Value = serde_json::from_str(&fs::read_to_string(out.join("g.json")).unwrap()).unwrap();
    let officials: BTreeSet<&str> = g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["entity_type"] == "official")
        .map(|n| n["label"].as_str().unwrap())
        .collect();
    for name in ["王建国", "李红", "赵立新", "孙丽"] {
        assert!(officials.contains(name), "{name} from its file: {officials:?}");
    }
    for ext in ["graphml", "gexf"] {
        let xml = fs::read_to_string(out.join(format!("g.{ext}"))).unwrap();
        assert!(common::well_formed_xml(&xml), "{ext} is well-formed");
    }
}

#[test]
fn other_formats_are_read() {
    let dir = scratch("formats");
    let corpus = dir.join("corpus");
    fs::create_dir_all(&corpus).unwrap();
    fs::write(
        corpus.join("page.html"),
        "<html><head><title>走访</title><meta name=\"PubDate\" content=\"2024-11-05\"></head><body><nav>首页</nav><p>11月4日,区委书记王建国来到南翔镇调研。</p><script>var a='<p>';</script></body></html>",
    )
    .unwrap();
    fs::write(corpus.join("feed.jsonl"), "{\"id\": \"x1\", \"text\": \"11月5日,区长李红来到安亭镇调研。\", \"date\": \"2024-11\", \"url\": \"http://example.invalid/1\"}\n").unwrap();
    let out = dir.join("out");
    let o = newsgraph(&["build", corpus.to_str().unwrap(), "--out", out.to_str().unwrap(), "--name", "g", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let g: Value = serde_json::from_str(&fs::read_to_string(out.join("g.json")).unwrap()).unwrap();
    let docs = g["graph"]["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 2);
    assert!(docs.iter().all(|d| d["date_source"] == "metadata"), "{docs:?}");
    assert!(docs.iter().any(|d| d["url"] == "http://example.invalid/1"));
    let visits: Vec<&Value> = g["edges"].as_array().unwrap().iter().filter(|e| e["kind"] == "visit").collect();
    assert!(visits.iter().any(|e| e["dates"] == serde_json::json!(["2024-11-04"])), "{visits:?}");
}

#[test]
fn an_out_that_is_a_file_is_a_clear_error_and_left_alone() {
    let dir = scratch("out-file");
    let out = dir.join("graphs");
    fs::write(&out, "precious").unwrap();
    let o = newsgraph(&["build", "corpus", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains(out.to_str().unwrap()));
    assert_eq!(fs::read_to_string(&out).unwrap(), "precious");
}

#[test]
fn without_a_manifest_the_year_is_inferred_from_the_text() {
    let dir = scratch("nomanifest");
    fs::copy(root().join("corpus/002_370bea46d29f5d45.txt"), dir.join("a.txt")).unwrap();
    let out = dir.join("out");
    let o = newsgraph(&["build", dir.to_str().unwrap(), "--out", out.to_str().unwrap(), "--name", "g"]);
    assert!(o.status.success());
    let g: Value = serde_json::from_str(&fs::read_to_string(out.join("g.json")).unwrap()).unwrap();
    let doc = &g["graph"]["documents"][0];
    assert_eq!(doc["date_source"], "inferred");
    assert_eq!(doc["date"], "2025");
}

#[test]
fn every_mention_points_at_its_text_in_the_original_file() {
    let out = scratch("mentions");
    build_corpus(&out);
    let g: Value = serde_json::from_str(&fs::read_to_string(out.join("corpus.json")).unwrap()).unwrap();
    let ids: BTreeSet<&str> = g["nodes"].as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap()).collect();
    let jsonl = fs::read_to_string(out.join("corpus.mentions.jsonl")).unwrap();
    let mut lines = 0;
    let mut respaced = 0;
    for line in jsonl.lines() {
        let m: Value = serde_json::from_str(line).unwrap();
        let original = fs::read_to_string(root().join("corpus").join(m["doc"].as_str().unwrap())).unwrap();
        let n = |k: &str| m[k].as_u64().unwrap() as usize;
        let text = m["text"].as_str().unwrap();
        assert_eq!(&original[n("byte_start")..n("byte_end")], text, "{line}");
        let by_chars: String = original.chars().skip(n("start")).take(n("end") - n("start")).collect();
        assert_eq!(by_chars, text, "{line}");
        assert!(ids.contains(m["entity_id"].as_str().unwrap()), "{line}");
        respaced += usize::from(text.chars().any(char::is_whitespace));
        lines += 1;
    }
    assert!(lines > 100, "{lines} mentions");
    // 003 breaks names across lines (区委书\n\n记陆方舟): the sidecar cites them as they stand.
    assert!(respaced > 0);
}

#[test]
fn a_script_can_ask_who_held_a_title_when() {
    let out = scratch("roles");
    build_corpus(&out);
    let g: Value = serde_json::from_str(&fs::read_to_string(out.join("corpus.json")).unwrap()).unwrap();
    let holders: Vec<(&str, &str, &str)> = g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|n| n["roles"].as_array().into_iter().flatten().map(move |r| (n, r)))
        .filter(|(_, r)| r["title"] == "区委书记")
        .map(|(n, r)| {
            (n["label"].as_str().unwrap(), r["first_seen"].as_str().unwrap(), r["last_seen"].as_str().unwrap())
        })
        .collect();
    // 陆方舟 in the 2023-2025 articles, 肖文高 in November 2025.
    assert!(holders.iter().any(|&(name, first, _)| name == "陆方舟" && first.starts_with("2023-11")), "{holders:?}");
    assert!(holders.iter().any(|&(name, _, last)| name == "肖文高" && last.starts_with("2025-11")), "{holders:?}");
}

#[test]
fn min_weight_leaves_no_lighter_co_occurrence() {
    let out = scratch("min-weight");
    let o = newsgraph(&["build", "corpus", "--out", out.to_str().unwrap(), "--min-weight", "2"]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("filter min_weight: removed"));
    let g: Value = serde_json::from_str(&fs::read_to_string(out.join("corpus.json")).unwrap()).unwrap();
    let edges = g["edges"].as_array().unwrap();
    assert!(edges.iter().any(|e| e["kind"] == "co_occurrence"));
    assert!(edges.iter().filter(|e| e["kind"] == "co_occurrence").all(|e| e["weight"].as_u64().unwrap() >= 2));
    assert_eq!(g["graph"]["filters"], serde_json::json!(["--min-weight 2"]));
}

#[test]
fn ego_leaves_one_official_and_its_neighbours() {
    let out = scratch("ego");
    let o = newsgraph(&["build", "corpus", "--out", out.to_str().unwrap(), "--ego", "陆方舟", "--depth", "1", "-q"]);
    assert!(o.status.success());
    let g: Value = serde_json::from_str(&fs::read_to_string(out.join("corpus.json")).unwrap()).unwrap();
    let nodes = g["nodes"].as_array().unwrap();
    let centre = nodes.iter().find(|n| n["label"] == "陆方舟").unwrap()["id"].as_str().unwrap();
    let neighbours: BTreeSet<&str> = g["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["source"] == centre || e["target"] == centre)
        .flat_map(|e| [e["source"].as_str().unwrap(), e["target"].as_str().unwrap()])
        .collect();
    assert!(nodes.len() > 5);
    assert!(nodes.iter().all(|n| neighbours.contains(n["id"].as_str().unwrap())), "every node is one edge away");
}

#[test]
fn types_and_dates_filter_every_format() {
    let out = scratch("types-dates");
    let args =
        ["build", "corpus", "--out", out.to_str().unwrap(), "--types", "official,company", "--since", "2024-11-01"];
    let o = newsgraph(&[&args[..], &["--until", "2024-11-30", "-q"]].concat());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let g: Value = serde_json::from_str(&fs::read_to_string(out.join("corpus.json")).unwrap()).unwrap();
    assert!(
        g["nodes"].as_array().unwrap().iter().all(|n| n["entity_type"] == "official" || n["entity_type"] == "company")
    );
    for e in g["edges"].as_array().unwrap().iter().filter(|e| e["kind"] == "visit") {
        assert!(e["dates"].as_array().unwrap().iter().all(|d| d.as_str().unwrap().starts_with("2024-11")), "{e}");
    }
    let gexf = fs::read_to_string(out.join("corpus.gexf")).unwrap();
    assert!(!gexf.contains("entity_type\" value=\"town\""));
}

#[test]
fn an_unknown_ego_is_a_clear_error() {
    let out = scratch("bad-ego");
    let o = newsgraph(&["build", "corpus", "--out", out.to_str().unwrap(), "--ego", "无此人"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("无此人"));
}

#[test]
fn the_window_and_the_report_are_recorded() {
    let out = scratch("window");
    let report = out.join("report.json");
    let args = ["build", "corpus", "--out", out.to_str().unwrap(), "--window", "paragraph", "--report"];
    let o = newsgraph(&[&args[..], &[report.to_str().unwrap(), "-q"]].concat());
    assert!(o.status.success());
    let g: Value = serde_json::from_str(&fs::read_to_string(out.join("corpus.json")).unwrap()).unwrap();
    assert_eq!(g["graph"]["co_occurrence_window"], "paragraph");
    let r: Value = serde_json::from_str(&fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(r["documents_read"], 5);
    assert!(r["edges"]["co_occurrence"].as_u64().unwrap() > 245, "a paragraph window finds more pairs: {r}");
}

#[test]
fn a_manifest_that_does_not_parse_is_named_with_its_line_and_nothing_is_written() {
    let (dir, corpus) = corpus_of(
        "bad-manifest",
        &[("a.txt", "区委书记王建国来到南翔镇。".as_bytes()), ("manifest.json", b"{\n  \"documents\": [,]\n}\n")],
    );
    let out = dir.join("out");
    let o = newsgraph(&["build", corpus.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("manifest.json") && stderr.contains("line 2 column"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(!out.exists(), "nothing written");
}

#[test]
fn output_is_the_same_for_any_number_of_threads() {
    // The shipped articles, and a file large enough to be read in parts,
    // which go to the threads like articles.
    let corpus = scratch("jobs-corpus").join("corpus");
    fs::create_dir_all(&corpus).unwrap();
    let mut big = String::new();
    for entry in fs::read_dir(root().join("corpus")).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, corpus.join(path.file_name().unwrap())).unwrap();
        if path.extension().is_some_and(|e| e == "txt") {
            big += &fs::read_to_string(&path).unwrap();
        }
    }
    let filler = "Page furniture, not an article.\n".repeat(40_000);
    let big = format!("{filler}{big}\n").repeat(4);
    assert!(big.len() > newsgraph::load::PART_BYTES, "{} bytes", big.len());
    fs::write(corpus.join("big.txt"), &big).unwrap();
    // The manifest's date for the file holds for all its parts.
    let manifest = fs::read_to_string(corpus.join("manifest.json")).unwrap();
    let manifest = manifest.replacen("[", "[{\"doc\": \"big.txt\", \"date\": \"2019-07\"},", 1);
    fs::write(corpus.join("manifest.json"), manifest).unwrap();

    let (a, b) = (scratch("jobs-1"), scratch("jobs-2"));
    for (out, jobs) in [(&a, "1"), (&b, "2")] {
        let o = newsgraph(&["build", corpus.to_str().unwrap(), "--out", out.to_str().unwrap(), "--jobs", jobs, "-q"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    for f in ["corpus.graphml", "corpus.gexf", "corpus.json", "corpus.mentions.jsonl"] {
        assert!(fs::read(a.join(f)).unwrap() == fs::read(b.join(f)).unwrap(), "{f} differs between --jobs 1 and 2");
    }
    let g: Value = serde_json::from_str(&fs::read_to_string(a.join("corpus.json")).unwrap()).unwrap();
    let parts: Vec<&Value> = g["graph"]["documents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["doc"].as_str().unwrap().starts_with("big.txt"))
        .collect();
    assert!(
        parts.len() >= 2 && parts.iter().all(|d| d["date"] == "2019-07" && d["date_source"] == "manifest"),
        "{parts:?}"
    );
    // The later parts' mentions count from the start of the file.
    let mentions = fs::read_to_string(a.join("corpus.mentions.jsonl")).unwrap();
    let in_parts: Vec<Value> = mentions
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|m| m["doc"].as_str().unwrap().starts_with("big.txt#"))
        .collect();
    assert!(!in_parts.is_empty());
    for m in in_parts {
        let n = |k: &str| m[k].as_u64().unwrap() as usize;
        assert_eq!(&big[n("byte_start")..n("byte_end")], m["text"].as_str().unwrap(), "{m}");
    }
}
