//! The mentions sidecar, `<name>.mentions.jsonl`: one JSON object a line for
//! every mention, so any node or edge can be checked against the source.
//!
//! ```text
//! {"doc", "start", "end", "byte_start", "byte_end", "text", "sentence",
//!  "entity_id", "entity_type", "name", "rule"}
//! ```
//! `start`/`end` count characters and `byte_start`/`byte_end` bytes into the
//! original text as read (UTF-8 after decoding, after a byte-order mark; the
//! whole file even when a large file was read in parts); `text` is the
//! original text there (`李 红` where the graph says `李红`); `sentence` is
//! the sentence's index in the normalised article; `rule` names the
//! extraction rule that found it.

use std::io::{self, Write};

use serde::Serialize;

use crate::DocumentResult;
use crate::graph::node_id;

#[derive(Serialize)]
struct Record<'a> {
    doc: &'a str,
    start: usize,
    end: usize,
    byte_start: usize,
    byte_end: usize,
    text: &'a str,
    sentence: usize,
    entity_id: &'a str,
    entity_type: &'static str,
    name: &'a str,
    rule: &'a str,
}

/// Writes one article's mentions, one line each.
pub fn write(doc: &DocumentResult, out: &mut impl Write) -> io::Result<()> {
    let entity_ids: Vec<String> = doc.resolved.entities.iter().map(|e| node_id(&e.key)).collect();
    for (i, m) in doc.mentions.iter().enumerate() {
        let (bytes, chars) = &doc.original_spans[i];
        let (byte_offset, char_offset) = doc.offset;
        let e = doc.resolved.entity_of_mention[i];
        let entity = &doc.resolved.entities[e];
        let record = Record {
            doc: &doc.id,
            start: char_offset + chars.start,
            end: char_offset + chars.end,
            byte_start: byte_offset + bytes.start,
            byte_end: byte_offset + bytes.end,
            text: doc.original_texts.get(i).map_or("", String::as_str),
            sentence: m.sentence,
            entity_id: &entity_ids[e],
            entity_type: m.entity_type.as_str(),
            name: &entity.key.name,
            rule: &m.rule,
        };
        serde_json::to_writer(&mut *out, &record)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
