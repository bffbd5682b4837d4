//! Criterion benchmarks of the hot stages on the sample corpus:
//! `cargo bench --bench stages`. Throughput is in bytes of article text.
//! The end-to-end rate on a large corpus is `scripts/bench`'s.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsgraph::extract::{Extractor, Known, Lookup, Trace};
use newsgraph::load::Document;

/// The sample articles, normalised once.
fn sample() -> Vec<String> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut paths: Vec<_> = std::fs::read_dir(&corpus)
        .expect("corpus/ beside Cargo.toml")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths.iter().map(|p| std::fs::read_to_string(p).expect("a UTF-8 sample article")).collect()
}

fn stages(c: &mut Criterion) {
    let raw = sample();
    let bytes: usize = raw.iter().map(String::len).sum();
    let x = Extractor::new();
    let texts: Vec<String> = raw.iter().map(|t| newsgraph::normalise::normalise(t).text).collect();
    let mut known = Known::default();
    for t in &texts {
        known.merge(x.survey(t, Some(2024)));
    }
    let lookup = Lookup::new(&x, known);
    let sentences: Vec<_> = texts.iter().map(|t| newsgraph::segment::segment(t)).collect();

    let mut group = c.benchmark_group("stages");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("normalise", |b| {
        b.iter(|| raw.iter().map(|t| newsgraph::normalise::normalise(black_box(t)).text.len()).sum::<usize>())
    });
    group.bench_function("segment", |b| {
        b.iter(|| texts.iter().map(|t| newsgraph::segment::segment(black_box(t)).len()).sum::<usize>())
    });
    group.bench_function("survey", |b| {
        b.iter(|| texts.iter().map(|t| x.survey(black_box(t), Some(2024)).officials.len()).sum::<usize>())
    });
    // One pass for the title words, event nouns, company suffixes and zone
    // words that the rules of every type start from.
    group.bench_function("lexicon_words", |b| {
        b.iter(|| texts.iter().map(|t| x.lexicon_words(black_box(t)).titles().len()).sum::<usize>())
    });
    group.bench_function("extract_official", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| {
                    let words = x.lexicon_words(t);
                    newsgraph::extract::official::find(&x, black_box(&words), &lookup, &mut Trace::default()).len()
                })
                .sum::<usize>()
        })
    });
    // The floor under extract_place: one leftmost-longest scan for the
    // gazetteer's spellings, which every article needs.
    let gazetteer = newsgraph::extract::gazetteer::Gazetteer::built_in();
    group.bench_function("gazetteer_scan", |b| {
        b.iter(|| texts.iter().map(|t| gazetteer.find_all(black_box(t)).count()).sum::<usize>())
    });
    group.bench_function("extract_place", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| {
                    let words = x.lexicon_words(t);
                    newsgraph::extract::place::find(&x, black_box(&words), &mut Trace::default()).len()
                })
                .sum::<usize>()
        })
    });
    // What any design reads every byte for, once: normalise, split into
    // sentences, find the lexicon words and the gazetteer's places. The
    // rate of these scans alone bounds the rate of the whole pipeline.
    group.bench_function("every_byte_scans", |b| {
        b.iter(|| {
            raw.iter()
                .map(|t| {
                    let text = newsgraph::normalise::normalise(black_box(t)).text;
                    let sentences = newsgraph::segment::segment(&text).len();
                    let words = x.lexicon_words(&text).titles().len();
                    sentences + words + gazetteer.find_all(&text).count()
                })
                .sum::<usize>()
        })
    });
    group.bench_function("extract", |b| {
        b.iter(|| {
            texts
                .iter()
                .zip(&sentences)
                .map(|(t, s)| x.extract(black_box(t), s, &lookup, Some(2024)).len())
                .sum::<usize>()
        })
    });
    group.bench_function("process", |b| {
        let docs: Vec<Document> = raw
            .iter()
            .enumerate()
            .map(|(i, t)| Document { id: format!("{i}.txt"), text: t.clone(), ..Document::default() })
            .collect();
        let options = newsgraph::Options::default();
        b.iter(|| {
            docs.iter()
                .map(|d| newsgraph::process(&x, black_box(d), None, &lookup, &options).relations.len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
