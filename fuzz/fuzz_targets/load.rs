//! Any bytes, as a .txt, .html or .jsonl file, go through load, normalise,
//! segment and extract without panicking, and mention offsets stay inside
//! the original text.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use newsgraph::extract::{Extractor, Lookup};
use newsgraph::load::{ReadOptions, Source};

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::new);

fuzz_target!(|data: &[u8]| {
    let Some((&kind, bytes)) = data.split_first() else { return };
    let ext = ["txt", "html", "jsonl"][usize::from(kind) % 3];
    let dir = std::env::temp_dir().join(format!("newsgraph-fuzz-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(format!("input.{ext}"));
    if std::fs::write(&path, bytes).is_err() {
        return;
    }
    let Ok(docs) = newsgraph::load::read(&Source { id: "input".into(), path }, &ReadOptions::default()) else { return };
    let x = &*EXTRACTOR;
    for doc in docs {
        let known = x.survey(&newsgraph::normalise::normalise(&doc.text).text, Some(2024));
        let lookup = Lookup::new(x, known);
        let result = newsgraph::process(x, &doc, None, &lookup, &newsgraph::Options::default());
        for (bytes, chars) in &result.original_spans {
            assert!(bytes.end <= doc.text.len() && chars.start <= chars.end);
            assert!(doc.text.is_char_boundary(bytes.start) && doc.text.is_char_boundary(bytes.end));
        }
    }
});
