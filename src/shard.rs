//! Per-document results as JSON Lines, for a corpus too large for one
//! machine: `newsgraph extract` writes a shard's, `newsgraph merge` folds
//! any number of them into one graph ([`crate::merge`]).
//!
//! Making a [`DocumentResult`] depends only on its article and on what the
//! whole corpus establishes ([`crate::extract::Known`], from `newsgraph
//! survey`), and folding results into a graph does not depend on their
//! order, so shards can be processed anywhere and merged in any order.
//!
//! A shard file has a header line, then one record a line:
//!
//! ```text
//! {"header": {"format": 1, "newsgraph": "0.1.0", "window": "sentence", "corpus": "corpus"}}
//! {"document": {"id": "a.txt", "mentions": […], "relations": […], …}}
//! {"skipped": {"path": "bad.txt", "reason": "binary, not text"}}
//! {"other_files": 3}
//! ```

use std::fs;
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::DocumentResult;
use crate::load::Skip;
use crate::relate::Window;

/// The version of the format written; a reader refuses any other.
pub const FORMAT: u32 = 1;

/// The first line of a shard: how it was made, which shards of one run
/// must agree on ([`Consistency`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub format: u32,
    /// The version of newsgraph that wrote it.
    pub newsgraph: String,
    /// The co-occurrence window the relations were found with.
    pub window: Window,
    /// The corpus's name, the default name of the merged graph's files.
    pub corpus: String,
    /// Which part of the corpus (`--part`), if one.
    pub part: Option<Part>,
    /// How many files the whole corpus has.
    pub files: usize,
    /// A fingerprint of the surveys given with `--known`; none when the
    /// shard surveyed its own files.
    pub survey: Option<String>,
    /// How the articles were read: encoding, strictness, extra places.
    pub reading: String,
}

impl Header {
    /// The header of a shard of `corpus` written by this newsgraph.
    pub fn new(window: Window, corpus: &str) -> Header {
        Header {
            format: FORMAT,
            newsgraph: env!("CARGO_PKG_VERSION").to_string(),
            window,
            corpus: corpus.to_string(),
            part: None,
            files: 0,
            survey: None,
            reading: String::new(),
        }
    }
}

/// A short, stable fingerprint of `text` (a survey, a places file).
pub fn fingerprint(text: &str) -> String {
    format!("{:016x}", crate::graph::fnv1a(&[text]))
}

/// What the headers of the shards merged into one graph must agree on:
/// one run's settings, and, for parts, every part of the corpus once.
#[derive(Default)]
pub struct Consistency {
    first: Option<(Header, PathBuf)>,
    parts: std::collections::BTreeMap<usize, PathBuf>,
}

impl Consistency {
    /// Checks the header of a shard at `path` against those seen before.
    pub fn add(&mut self, header: &Header, path: &Path) -> Result<(), Problem> {
        let Some((first, first_path)) = &self.first else {
            self.first = Some((header.clone(), path.to_path_buf()));
            return self.add_part(header, path);
        };
        let differs = |what: &str, theirs: String, ours: String| Problem::Mismatch {
            what: what.to_string(),
            theirs,
            first: first_path.clone(),
            ours,
        };
        if header.window != first.window {
            return Err(differs("--window", header.window.to_string(), first.window.to_string()));
        }
        if header.newsgraph != first.newsgraph {
            return Err(differs("newsgraph version", header.newsgraph.clone(), first.newsgraph.clone()));
        }
        if header.reading != first.reading {
            return Err(differs("reading options", header.reading.clone(), first.reading.clone()));
        }
        if header.survey != first.survey {
            let shown = |s: &Option<String>| s.clone().unwrap_or_else(|| "its own part's".into());
            return Err(differs("survey (--known)", shown(&header.survey), shown(&first.survey)));
        }
        let count = |h: &Header| h.part.map_or("the whole corpus".to_string(), |p| format!("parts of {}", p.count));
        if header.part.map(|p| p.count) != first.part.map(|p| p.count) || header.files != first.files {
            let files = |h: &Header| format!("{} of {} files", count(h), h.files);
            return Err(differs("corpus split", files(header), files(first)));
        }
        self.add_part(header, path)
    }

    fn add_part(&mut self, header: &Header, path: &Path) -> Result<(), Problem> {
        let Some(part) = header.part else { return Ok(()) };
        match self.parts.insert(part.index, path.to_path_buf()) {
            Some(other) => Err(Problem::PartTwice { part, other }),
            None => Ok(()),
        }
    }

    /// Checks that every part of a split corpus was merged.
    pub fn finish(&self) -> Result<(), Problem> {
        let Some(count) = self.first.as_ref().and_then(|(h, _)| h.part).map(|p| p.count) else { return Ok(()) };
        let missing: Vec<String> = (1..=count).filter(|i| !self.parts.contains_key(i)).map(|i| i.to_string()).collect();
        if missing.is_empty() { Ok(()) } else { Err(Problem::PartsMissing { missing: missing.join(", "), count }) }
    }
}

/// One line of a shard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Record {
    Header(Header),
    Document(Box<DocumentResult>),
    /// A file of the shard that could not be read.
    Skipped(Skip),
    /// How many files of other kinds the shard's folders held.
    OtherFiles(usize),
}

/// Part `index` of `count` of a corpus's files (`3/16`): the files in the
/// order [`crate::load::discover`] lists them, cut into `count` runs of about
/// equal length. Made only by [`Part::parse`], so 1 ≤ index ≤ count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Part {
    index: usize,
    count: usize,
}

impl TryFrom<String> for Part {
    type Error = String;
    fn try_from(s: String) -> Result<Part, String> {
        Part::parse(&s)
    }
}

impl From<Part> for String {
    fn from(p: Part) -> String {
        p.to_string()
    }
}

impl std::fmt::Display for Part {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl Part {
    /// Parses `INDEX/COUNT`, counting from 1.
    pub fn parse(s: &str) -> Result<Part, String> {
        let (index, count) = s.split_once('/').ok_or_else(|| format!("{s:?} is not INDEX/COUNT, as in 3/16"))?;
        let number = |n: &str| n.trim().parse::<usize>().map_err(|_| format!("{s:?}: {n:?} is not a number"));
        let (index, count) = (number(index)?, number(count)?);
        if index == 0 || index > count {
            return Err(format!("{s:?}: parts are counted from 1 to {count}"));
        }
        Ok(Part { index, count })
    }

    /// This part of `items`.
    pub fn of<'a, T>(&self, items: &'a [T]) -> &'a [T] {
        // In u128: `len × index` may not fit a usize for a huge COUNT.
        let at = |i: usize| (items.len() as u128 * i as u128 / self.count as u128) as usize;
        &items[at(self.index - 1)..at(self.index)]
    }

    /// Whether this is the first part, which reports what belongs to the
    /// corpus as a whole (folders that cannot be read, files of other kinds).
    pub fn is_first(&self) -> bool {
        self.index == 1
    }
}

/// Writes a shard: the header first, then records.
pub struct Writer<W: Write> {
    out: W,
}

impl<W: Write> Writer<W> {
    pub fn new(mut out: W, header: Header) -> io::Result<Writer<W>> {
        write_line(&mut out, &Record::Header(header))?;
        Ok(Writer { out })
    }

    pub fn document(&mut self, result: DocumentResult) -> io::Result<()> {
        write_line(&mut self.out, &Record::Document(Box::new(result)))
    }

    pub fn skipped(&mut self, skip: Skip) -> io::Result<()> {
        write_line(&mut self.out, &Record::Skipped(skip))
    }

    pub fn other_files(&mut self, count: usize) -> io::Result<()> {
        write_line(&mut self.out, &Record::OtherFiles(count))
    }

    /// The writer, flushed.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

fn write_line(out: &mut impl Write, record: &Record) -> io::Result<()> {
    serde_json::to_writer(&mut *out, record)?;
    out.write_all(b"\n")
}

/// Why a shard cannot be merged, with the file and line.
#[derive(Debug, thiserror::Error)]
#[error("{}{}: {problem}", path.display(), line.map(|l| format!(", line {l}")).unwrap_or_default())]
pub struct ShardError {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub problem: Box<Problem>,
}

#[derive(Debug, thiserror::Error)]
pub enum Problem {
    #[error("{0}")]
    Io(io::Error),
    #[error("not a newsgraph shard record ({0})")]
    Parse(serde_json::Error),
    #[error("no header line: not a file written by `newsgraph extract`")]
    NoHeader,
    #[error("written in shard format {found}, this newsgraph reads format {FORMAT}: extract it again")]
    Format { found: u32 },
    #[error("extracted with {what} {theirs}, but {} with {ours}: shards of one run are extracted alike", first.display())]
    Mismatch { what: String, theirs: String, first: PathBuf, ours: String },
    #[error("part {part} is also in {}: each part is merged once", other.display())]
    PartTwice { part: Part, other: PathBuf },
    #[error("parts {missing} of {count} are missing: merge every part of the corpus")]
    PartsMissing { missing: String, count: usize },
    #[error("document {doc} is also in {}: shards must not overlap", other.display())]
    Duplicate { doc: String, other: PathBuf },
    #[error("document {doc} is inconsistent ({why}): not as `newsgraph extract` writes it")]
    Invalid { doc: String, why: String },
    #[error("writing per-document output: {0}")]
    Sink(io::Error),
}

/// The header of the shard at `path`.
pub fn header(path: &Path) -> Result<Header, ShardError> {
    let at = |line: Option<usize>| {
        move |problem: Problem| ShardError { path: path.to_path_buf(), line, problem: Box::new(problem) }
    };
    let file = fs::File::open(path).map_err(|e| at(None)(Problem::Io(e)))?;
    let first = BufReader::new(file).lines().find(|l| l.as_ref().map_or(true, |l| !l.trim().is_empty()));
    match first.transpose().map_err(|e| at(Some(1))(Problem::Io(e)))? {
        Some(line) => match serde_json::from_str(&line) {
            Ok(Record::Header(h)) => Ok(h),
            Ok(_) => Err(at(Some(1))(Problem::NoHeader)),
            Err(e) => Err(at(Some(1))(Problem::Parse(e))),
        },
        None => Err(at(None)(Problem::NoHeader)),
    }
}

/// Reads the shard at `path`, handing each record to `on_record` (the
/// header is checked first) and the bytes read to `on_progress`.
pub fn read(
    path: &Path,
    on_record: &mut dyn FnMut(Record) -> Result<(), Problem>,
    on_progress: &mut dyn FnMut(u64),
) -> Result<(), ShardError> {
    let at = |line: Option<usize>| {
        move |problem: Problem| ShardError { path: path.to_path_buf(), line, problem: Box::new(problem) }
    };
    let file = fs::File::open(path).map_err(|e| at(None)(Problem::Io(e)))?;
    let mut lines = BufReader::new(file).lines();
    let (mut number, mut headed) = (0, false);
    while let Some(line) = lines.next().transpose().map_err(|e| at(Some(number + 1))(Problem::Io(e)))? {
        number += 1;
        on_progress(line.len() as u64 + 1);
        if line.trim().is_empty() {
            continue;
        }
        let record: Record = serde_json::from_str(&line).map_err(|e| at(Some(number))(Problem::Parse(e)))?;
        // Shards joined into one file (`cat`) carry a header each.
        match &record {
            Record::Header(h) if h.format != FORMAT => {
                return Err(at(Some(number))(Problem::Format { found: h.format }));
            }
            Record::Header(_) => headed = true,
            _ if !headed => return Err(at(Some(number))(Problem::NoHeader)),
            _ => {}
        }
        on_record(record).map_err(at(Some(number)))?;
    }
    if !headed {
        return Err(at(None)(Problem::NoHeader));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_cover_every_file_once_in_order() {
        let files: Vec<usize> = (0..10).collect();
        for count in [1, 3, 4, 10, 12] {
            let joined: Vec<usize> = (1..=count).flat_map(|index| Part { index, count }.of(&files).to_vec()).collect();
            assert_eq!(joined, files, "{count} parts");
        }
        assert_eq!(Part::parse("3/16"), Ok(Part { index: 3, count: 16 }));
        for bad in ["0/3", "4/3", "3", "a/3", "1/0"] {
            assert!(Part::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_document_comes_back_as_it_was_written() {
        let x = &*crate::extract::test_support::EXTRACTOR;
        let lookup = crate::extract::Lookup::new(x, crate::extract::Known::default());
        let text = "11月4日,区委书记陆方舟来到上海城投(集团)有限公司和南翔镇调研,嘉定区副区长高 香陪同。".to_string();
        let doc = crate::load::Document { id: "a.txt".into(), text, ..Default::default() };
        let result = crate::process(x, &doc, None, &lookup, &crate::Options::default());
        assert!(result.relations.len() >= 2 && result.mentions.iter().all(|m| m.confidence > 0.0));
        let mut writer = Writer::new(Vec::new(), Header::new(Window::Sentence, "corpus")).unwrap();
        writer.document(result.clone()).unwrap();
        let bytes = writer.finish().unwrap();
        let lines: Vec<Record> = bytes
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .map(|l| serde_json::from_slice(l).unwrap())
            .collect();
        assert!(matches!(&lines[0], Record::Header(h) if h.format == FORMAT && h.corpus == "corpus"));
        assert_eq!(lines[1], Record::Document(Box::new(result)));
    }
}
