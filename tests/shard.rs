//! End to end: a corpus split into parts, surveyed, extracted and merged,
//! gives the graph that `build` gives.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{corpus_of, newsgraph, root, scratch};
use serde_json::Value;

fn run(args: &[&str]) -> std::process::Output {
    let o = newsgraph(args);
    assert!(o.status.code().is_some_and(|c| c == 0 || c == 3), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    o
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// The shipped corpus plus a file that cannot be read and one of another kind.
fn corpus_with_a_bad_file(dir: &Path) -> PathBuf {
    let corpus = dir.join("corpus");
    fs::create_dir_all(&corpus).unwrap();
    for entry in fs::read_dir(root().join("corpus")).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), corpus.join(entry.file_name())).unwrap();
    }
    fs::write(corpus.join("zz_binary.txt"), [0u8; 512]).unwrap();
    fs::write(corpus.join("notes.md"), "not an article").unwrap();
    corpus
}

/// Surveys and extracts `corpus` in `parts` parts; the shard files, in order.
fn extract_in_parts(corpus: &Path, dir: &Path, parts: usize) -> Vec<PathBuf> {
    let known: Vec<PathBuf> = (1..=parts).map(|i| dir.join(format!("known-{i}.json"))).collect();
    for (i, k) in known.iter().enumerate() {
        run(&["survey", path(corpus), "--part", &format!("{}/{parts}", i + 1), "--out", path(k), "-q"]);
    }
    (1..=parts)
        .map(|i| {
            let shard = dir.join(format!("part-{i}.jsonl"));
            let part = format!("{i}/{parts}");
            let mut args = vec!["extract", path(corpus), "--part", &part, "--out", path(&shard), "-q", "--known"];
            args.extend(known.iter().map(|k| path(k)));
            run(&args);
            shard
        })
        .collect()
}

fn read(p: PathBuf) -> String {
    fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn extract_and_merge_equal_build_in_any_order() {
    let dir = scratch("shard-equal");
    let corpus = corpus_with_a_bad_file(&dir);
    let built = dir.join("built");
    let o = run(&["build", path(&corpus), "--out", path(&built), "-q", "--report", path(&dir.join("built.json"))]);
    assert_eq!(o.status.code(), Some(3), "the binary file is skipped");
    let shards = extract_in_parts(&corpus, &dir, 3);

    let in_order = dir.join("in-order");
    let mut args = vec!["merge", "--out", path(&in_order), "-q", "--report"];
    let report = dir.join("merged.json");
    args.push(path(&report));
    args.extend(shards.iter().map(|s| path(s)));
    assert_eq!(run(&args).status.code(), Some(3), "the skipped file is reported by the merge");
    for file in ["corpus.graphml", "corpus.gexf", "corpus.json", "corpus.mentions.jsonl"] {
        assert!(read(built.join(file)) == read(in_order.join(file)), "{file} differs");
    }
    let (b, m): (Value, Value) =
        (serde_json::from_str(&read(dir.join("built.json"))).unwrap(), serde_json::from_str(&read(report)).unwrap());
    for key in ["documents_read", "files_skipped", "other_files", "nodes", "edges"] {
        assert_eq!(b[key], m[key], "{key}");
    }
    assert_eq!(m["other_files"], 1, "counted once, not once a part");

    let reversed = dir.join("reversed");
    let mut args = vec!["merge", "--out", path(&reversed), "-q"];
    args.extend(shards.iter().rev().map(|s| path(s)));
    run(&args);
    for file in ["corpus.graphml", "corpus.gexf", "corpus.json"] {
        assert!(read(built.join(file)) == read(reversed.join(file)), "{file} differs when merged in reverse");
    }
}

#[test]
fn known_names_travel_between_parts() {
    // A name given a title in one article is an official in every other:
    // extracting a part without the others' survey can miss that.
    let (dir, corpus) = corpus_of(
        "shard-known",
        &[
            ("a.txt", "11月4日,区委书记陆方舟来到南翔镇调研。".as_bytes()),
            ("b.txt", "11月5日,陆方舟来到安亭镇调研。".as_bytes()),
        ],
    );
    let official_in_b = |shard: &Path| {
        read(shard.to_path_buf()).lines().any(|l| {
            let r: Value = serde_json::from_str(l).unwrap();
            r["document"]["id"] == "b.txt"
                && r["document"]["mentions"].as_array().unwrap().iter().any(|m| m["entity_type"] == "official")
        })
    };
    let alone = dir.join("alone.jsonl");
    run(&["extract", path(&corpus), "--part", "2/2", "--out", path(&alone), "-q"]);
    assert!(!official_in_b(&alone), "b.txt alone gives no title");
    let shards = extract_in_parts(&corpus, &dir, 2);
    assert!(official_in_b(&shards[1]), "the survey of a.txt makes 陆方舟 an official in b.txt");
}

#[test]
fn merge_refuses_what_it_cannot_merge_and_says_where() {
    let dir = scratch("shard-refuse");
    let shards = extract_in_parts(&root().join("corpus"), &dir, 2);
    let out = path(&dir.join("out")).to_string();
    let (known, paragraph, unsurveyed) =
        (dir.join("known-1.json"), dir.join("paragraph.jsonl"), dir.join("unsurveyed.jsonl"));
    run(&["extract", "corpus", "--part", "2/2", "--window", "paragraph", "--out", path(&paragraph), "-q"]);
    run(&["extract", "corpus", "--part", "2/2", "--out", path(&unsurveyed), "-q"]);
    // A shard altered after it was written: a relation of an entity that is not there.
    let altered = dir.join("altered.jsonl");
    let lines: Vec<String> = read(shards[1].clone())
        .lines()
        .map(|l| {
            let mut r: Value = serde_json::from_str(l).unwrap();
            if let Some(relation) = r.pointer_mut("/document/relations/0/source") {
                *relation = Value::from(99);
            }
            r.to_string()
        })
        .collect();
    fs::write(&altered, lines.join("\n")).unwrap();
    let cases: [(&[&str], &str); 6] = [
        (&[path(&known)], "known-1.json, line 1: not a newsgraph shard record"),
        (&[path(&shards[0]), path(&shards[0])], "part 1/2 is also in"),
        (&[path(&shards[0]), path(&paragraph)], "extracted with --window paragraph"),
        (&[path(&shards[0])], "parts 2 of 2 are missing"),
        (&[path(&shards[0]), path(&unsurveyed)], "extracted with survey (--known) its own part's"),
        (&[path(&shards[0]), path(&altered)], "is inconsistent (an entity index beyond"),
    ];
    for (shards, message) in cases {
        let mut args = vec!["merge", "--out", &out];
        args.extend(shards);
        let o = newsgraph(&args);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{shards:?}: {stderr}");
        assert!(stderr.contains(message), "{shards:?}: {stderr}");
    }
    assert!(!dir.join("out").join("corpus.json").exists(), "nothing written");
}

#[test]
fn articles_with_the_same_id_in_one_shard_merge_as_they_build() {
    // Scraped JSON Lines repeat ids: both records are articles to build and to merge.
    let jsonl = "{\"id\": 7, \"date\": \"2024-11-04\", \"text\": \"区委书记陆方舟来到南翔镇调研。\"}\n\
                 {\"id\": 7, \"date\": \"2024-11-05\", \"text\": \"区委书记陆方舟来到安亭镇调研。\"}\n";
    let (dir, corpus) = corpus_of("shard-same-id", &[("feed.jsonl", jsonl.as_bytes())]);
    let (built, merged, shard) = (dir.join("built"), dir.join("merged"), dir.join("feed.shard.jsonl"));
    run(&["build", path(&corpus), "--out", path(&built), "-q"]);
    run(&["extract", path(&corpus), "--out", path(&shard), "-q"]);
    run(&["merge", path(&shard), "--out", path(&merged), "-q"]);
    for file in ["corpus.json", "corpus.mentions.jsonl"] {
        assert!(read(built.join(file)) == read(merged.join(file)), "{file} differs");
    }
    assert!(read(merged.join("corpus.json")).contains("安亭镇"));
}

#[test]
fn a_shard_is_not_written_into_the_corpus() {
    let dir = scratch("shard-inside");
    let corpus = corpus_with_a_bad_file(&dir);
    let o = newsgraph(&["extract", path(&corpus), "--out", path(&corpus.join("part.jsonl"))]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("where it would be read as articles"));
    assert!(!corpus.join("part.jsonl").exists());
}

#[test]
fn extract_writes_to_standard_output() {
    let o = run(&["extract", "corpus", "--out", "-", "-q"]);
    let stdout = String::from_utf8(o.stdout).unwrap();
    let first: Value = serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
    assert_eq!(first["header"]["window"], "sentence");
    assert_eq!(stdout.lines().filter(|l| l.starts_with("{\"document\"")).count(), 5);
}
