//! Stage 1, *load*: find the articles and read them, whatever they are
//! stored as.
//!
//! [`discover`] takes the paths the user named (folders are walked
//! recursively) and returns the article files sorted by id, so every later
//! stage sees the same order on every machine; files of other kinds are
//! counted, not read. [`read`] turns one file into [`Document`]s ([`open`]
//! makes them one at a time):
//! - `.txt`: one document; UTF-8 with or without byte-order mark, UTF-16
//!   with one, GBK/GB18030 recognised when the bytes are not UTF-8, or the
//!   encoding given with [`ReadOptions::encoding`]. Bytes that do not decode
//!   are replaced and each is reported with its offset ([`ReadOptions::strict`]
//!   makes that an error instead).
//! - `.html`/`.htm`: the page's text as a reader sees it, without scripts,
//!   styles and navigation; its title and publication date when the page
//!   gives them.
//! - `.jsonl`: one article object a line (`text`, and optionally `id`,
//!   `title`, `date`, `url`).
//!
//! A file that cannot be an article (empty, binary, unreadable, a broken
//! link, a line of megabytes with no sentence end) is a [`Skip`]: named with
//! the reason, and the run goes on. Nothing is rewritten here.
//!
//! A folder may hold a `manifest.json` giving each article's publication date
//! (`{"documents": [{"doc": "a.txt", "date": "2024-11"}]}`); see [`Manifest`].

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::date::PubDate;

/// Why loading cannot go on; every variant names the path it is about.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: no such file or folder")]
    Missing { path: PathBuf },
    #[error("{path}: manifest does not parse: {message}")]
    Manifest { path: PathBuf, message: String },
}

/// A file that was not read, and why: one line for the analyst.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Skip {
    pub path: PathBuf,
    pub reason: String,
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}: skipped", self.path.display(), self.reason)
    }
}

/// An article file to read, with the id it is known by in the graph.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Source {
    /// The path relative to the folder it was found in (`/` separated), or the
    /// file name for a file named directly.
    pub id: String,
    pub path: PathBuf,
}

/// What a walk over the inputs found.
#[derive(Debug, Clone, Default)]
pub struct Discovery {
    pub sources: Vec<Source>,
    /// Files of other kinds, passed over.
    pub other_files: usize,
    /// Links that lead nowhere, and folders that cannot be listed.
    pub skipped: Vec<Skip>,
}

/// One article as read.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub id: String,
    pub text: String,
    pub title: Option<String>,
    /// A publication date the file itself gives (an HTML page's metadata, a
    /// JSON Lines record's `date`).
    pub date: Option<PubDate>,
    pub url: Option<String>,
    /// What went wrong but was mended (replaced bytes, a bad JSON line).
    pub warnings: Vec<String>,
    /// Where this text starts in its file, in bytes and in characters of the
    /// decoded text: non-zero for the later parts of a large file.
    pub offset: (usize, usize),
    /// For the later parts of a large file, the file's id (`big.txt` of
    /// `big.txt#2`), by which the manifest knows it.
    pub part_of: Option<String>,
}

/// A text encoding to decode with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Encoding {
    /// Byte-order mark, else UTF-8, else GB18030 where that decodes cleanly.
    #[default]
    Auto,
    Utf8,
    Gbk,
    Gb18030,
    Utf16le,
    Utf16be,
}

/// How files are read.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions {
    pub encoding: Encoding,
    /// Bytes that do not decode make the file a [`Skip`] instead of being replaced.
    pub strict: bool,
}

/// Publication dates by document id.
#[derive(Debug, Default, Clone)]
pub struct Manifest {
    dates: BTreeMap<String, PubDate>,
}

#[derive(Deserialize)]
struct ManifestFile {
    documents: Vec<ManifestEntry>,
}

#[derive(Deserialize)]
struct ManifestEntry {
    doc: String,
    date: String,
}

impl Manifest {
    /// The manifest's name inside a corpus folder.
    pub const FILE_NAME: &'static str = "manifest.json";

    /// The same dates under ids prefixed with `folder/` (for a build of
    /// several folders, whose files are known as `folder/file`).
    pub fn prefixed(self, folder: &str) -> Manifest {
        Manifest { dates: self.dates.into_iter().map(|(id, d)| (format!("{folder}/{id}"), d)).collect() }
    }

    /// Reads `manifest.json` from `folder` if there is one.
    pub fn from_folder(folder: &Path) -> Result<Manifest, LoadError> {
        let path = folder.join(Self::FILE_NAME);
        if !path.is_file() {
            return Ok(Manifest::default());
        }
        let text = fs::read_to_string(&path).map_err(|source| LoadError::Io { path: path.clone(), source })?;
        Self::parse(&text).map_err(|message| LoadError::Manifest { path, message })
    }

    /// Parses manifest JSON; the error says what is wrong and where.
    pub fn parse(text: &str) -> Result<Manifest, String> {
        let file: ManifestFile = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let mut dates = BTreeMap::new();
        for entry in file.documents {
            let date = PubDate::parse(&entry.date)
                .ok_or_else(|| format!("document {}: date {:?} is not YYYY-MM or YYYY-MM-DD", entry.doc, entry.date))?;
            dates.insert(entry.doc, date);
        }
        Ok(Manifest { dates })
    }

    /// Adds another manifest's dates.
    pub fn extend(&mut self, other: Manifest) {
        self.dates.extend(other.dates);
    }

    pub fn date_of(&self, doc: &str) -> Option<PubDate> {
        self.dates.get(doc).copied()
    }

    /// The publication date given for `doc`, or for the file it is a part of.
    pub fn date_of_document(&self, doc: &Document) -> Option<PubDate> {
        self.date_of(&doc.id).or_else(|| doc.part_of.as_deref().and_then(|file| self.date_of(file)))
    }
}

/// The extensions read as articles.
const ARTICLE_EXTENSIONS: &[&str] = &["txt", "html", "htm", "jsonl"];

/// Lists the article files under `inputs`, sorted by id. Folders are walked
/// recursively; a file named directly is taken whatever its extension.
pub fn discover(inputs: &[PathBuf]) -> Result<Discovery, LoadError> {
    let mut found = Discovery::default();
    for input in inputs {
        if input.is_dir() {
            let before = found.sources.len();
            walk(input, input, &mut found);
            // Files of several folders are told apart by their folder's name.
            if inputs.len() > 1 {
                let folder =
                    input.file_name().map_or_else(|| input.display().to_string(), |n| n.to_string_lossy().into_owned());
                for source in &mut found.sources[before..] {
                    source.id = format!("{folder}/{}", source.id);
                }
            }
        } else if input.is_file() {
            let id =
                input.file_name().map_or_else(|| input.display().to_string(), |n| n.to_string_lossy().into_owned());
            found.sources.push(Source { id, path: input.clone() });
        } else {
            return Err(LoadError::Missing { path: input.clone() });
        }
    }
    found.sources.sort();
    found.sources.dedup();
    found.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(found)
}

fn walk(root: &Path, dir: &Path, found: &mut Discovery) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            found.skipped.push(Skip { path: dir.to_path_buf(), reason: format!("cannot list the folder ({e})") });
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        // A linked folder is not entered: links can loop (sub/up -> ..).
        let linked_folder = entry.file_type().is_ok_and(|t| t.is_symlink()) && path.is_dir();
        if linked_folder {
            found.skipped.push(Skip { path, reason: "a link to a folder, not followed".into() });
        } else if path.is_dir() {
            walk(root, &path, found);
        } else if !path.exists() {
            found.skipped.push(Skip { path, reason: "a link that leads nowhere".into() });
        } else if path.file_name().is_some_and(|n| n == Manifest::FILE_NAME) {
            // The manifest is read separately.
        } else if path.extension().is_some_and(|e| ARTICLE_EXTENSIONS.iter().any(|a| e.eq_ignore_ascii_case(a))) {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let id = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            found.sources.push(Source { id, path });
        } else {
            found.other_files += 1;
        }
    }
}

/// A line longer than this with no sentence end is no running text.
const MAX_LINE_WITHOUT_SENTENCE_END: usize = 1 << 20;

/// Reads one file as its articles, or says why it is skipped.
pub fn read(source: &Source, options: &ReadOptions) -> Result<Vec<Document>, Skip> {
    open(source, options).map(Iterator::collect)
}

/// Opens one file as its articles, made as they are taken (see
/// [`Articles`]), or says why it is skipped.
pub fn open(source: &Source, options: &ReadOptions) -> Result<Articles, Skip> {
    let skip = |reason: String| Skip { path: source.path.clone(), reason };
    let bytes = fs::read(&source.path).map_err(|e| skip(format!("cannot be read ({e})")))?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(skip("empty".into()));
    }
    let nul = memchr::memchr_iter(0, &bytes).count();
    let has_bom = bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]);
    let utf16 = has_bom || matches!(options.encoding, Encoding::Utf16le | Encoding::Utf16be);
    if !utf16 && nul * 100 > bytes.len() {
        return Err(skip("binary, not text".into()));
    }
    let (text, mut warnings) = decode(bytes, options.encoding).map_err(skip)?;
    if options.strict && !warnings.is_empty() {
        return Err(skip(format!("{} (--strict)", warnings.join("; "))));
    }
    if let Some(len) = text.split('\n').map(str::len).filter(|&len| len > MAX_LINE_WITHOUT_SENTENCE_END).max() {
        let line = text.split('\n').find(|l| l.len() == len).unwrap_or("");
        if !line.contains(['。', '！', '？', '.', '!', '?']) {
            return Err(skip(format!("a line of {:.1} MB with no sentence end, not running text", len as f64 / 1e6)));
        }
    }
    let extension = source.path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let articles = match extension.as_str() {
        "html" | "htm" => Listed(vec![html_document(&source.id, &text)].into_iter()),
        "jsonl" => Listed(jsonl_documents(&source.id, &text, &mut warnings).into_iter()),
        _ => Parts(TextParts { id: source.id.clone(), text, start: 0, chars: 0, made: 0 }),
    };
    if matches!(&articles, Listed(documents) if documents.as_slice().is_empty()) {
        return Err(skip("no article in it".into()));
    }
    let warnings = warnings.into_iter().map(|w| format!("{}: {w}", source.path.display())).collect();
    Ok(Articles { articles, warnings })
}

/// The articles of one file, in order. A large text's parts are cut as they
/// are taken, so a file is held in memory once, not once more as parts; the
/// file's warnings go with its first article.
pub struct Articles {
    articles: ArticleSource,
    warnings: Vec<String>,
}

enum ArticleSource {
    Listed(std::vec::IntoIter<Document>),
    Parts(TextParts),
}
use ArticleSource::{Listed, Parts};

impl Iterator for Articles {
    type Item = Document;

    fn next(&mut self) -> Option<Document> {
        let mut document = match &mut self.articles {
            Listed(documents) => documents.next(),
            Parts(parts) => parts.next(),
        }?;
        document.warnings.append(&mut self.warnings);
        Some(document)
    }
}

/// Texts larger than this are processed in parts of about this size, cut
/// at paragraph ends, so that memory stays bounded however large a file is.
pub const PART_BYTES: usize = 4 << 20;

/// A text as parts cut at line ends (`big.txt`, `big.txt#2`, …); one part
/// when it is no larger than [`PART_BYTES`].
struct TextParts {
    id: String,
    text: String,
    /// Where the next part starts, in bytes and characters.
    start: usize,
    chars: usize,
    made: usize,
}

impl Iterator for TextParts {
    type Item = Document;

    fn next(&mut self) -> Option<Document> {
        let (text, start) = (&self.text, self.start);
        if start >= text.len() {
            return None;
        }
        if start == 0 && text.len() <= PART_BYTES {
            self.start = text.len();
            self.made = 1;
            let text = std::mem::take(&mut self.text);
            return Some(Document { id: self.id.clone(), text, ..Document::default() });
        }
        let mut end = (start + PART_BYTES).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        if end < text.len()
            && let Some(nl) = text[start..end].rfind('\n')
        {
            end = start + nl + 1;
        }
        let part = &text[start..end];
        self.made += 1;
        let (id, part_of) = match self.made {
            1 => (self.id.clone(), None),
            n => (format!("{}#{n}", self.id), Some(self.id.clone())),
        };
        let document =
            Document { id, text: part.to_string(), offset: (start, self.chars), part_of, ..Document::default() };
        self.chars += part.chars().count();
        self.start = end;
        Some(document)
    }
}

/// Decodes `bytes`; the warnings say where bytes had to be replaced.
fn decode(bytes: Vec<u8>, encoding: Encoding) -> Result<(String, Vec<String>), String> {
    // Valid UTF-8, the common case, becomes the text without a copy.
    let bytes = match (encoding, encoding_rs::Encoding::for_bom(&bytes)) {
        (Encoding::Auto | Encoding::Utf8, None) => match String::from_utf8(bytes) {
            Ok(text) => return Ok((text, Vec::new())),
            Err(e) => e.into_bytes(),
        },
        _ => bytes,
    };
    let bytes = bytes.as_slice();
    let forced = match encoding {
        Encoding::Auto => None,
        Encoding::Utf8 => Some(encoding_rs::UTF_8),
        Encoding::Gbk => Some(encoding_rs::GBK),
        Encoding::Gb18030 => Some(encoding_rs::GB18030),
        Encoding::Utf16le => Some(encoding_rs::UTF_16LE),
        Encoding::Utf16be => Some(encoding_rs::UTF_16BE),
    };
    let (chosen, body) = match (forced, encoding_rs::Encoding::for_bom(bytes)) {
        (Some(e), _) => (e, bytes),
        (None, Some((e, bom))) => (e, &bytes[bom..]),
        // A few bad bytes in UTF-8 text (a truncated last character) do not
        // make it GBK, whose every Chinese character is invalid UTF-8.
        (None, None) if few_utf8_errors(bytes) => (encoding_rs::UTF_8, bytes),
        (None, None) => match encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
            // Text that is not UTF-8 but decodes cleanly as GB18030, mostly
            // as Chinese, is GBK/GB18030.
            Some(text) if mostly_chinese(&text) => return Ok((text.into_owned(), Vec::new())),
            _ => (encoding_rs::UTF_8, bytes),
        },
    };
    let mut warnings = Vec::new();
    if chosen == encoding_rs::UTF_8 {
        let mut offset = 0;
        let mut rest = body;
        let mut bad = Vec::new();
        while let Err(e) = std::str::from_utf8(rest) {
            let at = e.valid_up_to();
            bad.push(offset + at);
            let skip = e.error_len().unwrap_or(rest.len() - at).max(1);
            offset += at + skip;
            rest = &rest[at + skip..];
        }
        if !bad.is_empty() {
            let shown: Vec<String> = bad.iter().take(5).map(|b| b.to_string()).collect();
            let more = if bad.len() > 5 { format!(" and {} more", bad.len() - 5) } else { String::new() };
            warnings.push(format!("invalid UTF-8 at byte {}{more}: replaced", shown.join(", ")));
        }
    }
    let (text, had_errors) = chosen.decode_without_bom_handling(body);
    if had_errors && warnings.is_empty() {
        warnings.push(format!("bytes that are not {} were replaced", chosen.name()));
    }
    Ok((text.into_owned(), warnings))
}

/// Whether `bytes` has invalid UTF-8 sequences for at most one in a hundred
/// of its non-ASCII bytes; in GBK text nearly all are in invalid sequences.
fn few_utf8_errors(bytes: &[u8]) -> bool {
    let allowed = bytes.iter().filter(|b| !b.is_ascii()).count() / 100;
    let (mut errors, mut rest) = (0, bytes);
    while let Err(e) = std::str::from_utf8(rest) {
        errors += 1;
        if errors > allowed {
            return false;
        }
        let at = e.valid_up_to() + e.error_len().unwrap_or(rest.len() - e.valid_up_to()).max(1);
        rest = &rest[at..];
    }
    true
}

fn mostly_chinese(text: &str) -> bool {
    let letters = text.chars().filter(|c| !c.is_whitespace() && !c.is_ascii_punctuation()).count();
    let han = text.chars().filter(|&c| crate::normalise::is_han(c)).count();
    letters > 0 && han * 2 >= letters
}

/// The text of an HTML page as a reader sees it: block elements on lines of
/// their own; scripts, styles, navigation and page furniture dropped.
fn html_document(id: &str, html: &str) -> Document {
    use scraper::{Html, Selector};
    let page = Html::parse_document(html);
    let select = |s: &str| Selector::parse(s).ok();
    let title = select("title")
        .and_then(|s| page.select(&s).next().map(|t| t.text().collect::<String>().trim().to_string()))
        .filter(|t| !t.is_empty());
    let date = select("meta").and_then(|s| {
        page.select(&s).find_map(|m| {
            let key = m.value().attr("name").or_else(|| m.value().attr("property"))?.to_ascii_lowercase();
            let wanted = ["pubdate", "publishdate", "publish_date", "date", "article:published_time", "dc.date"];
            if !wanted.contains(&key.as_str()) {
                return None;
            }
            let content = m.value().attr("content")?;
            PubDate::parse(content.get(..10).unwrap_or(content))
                .or_else(|| PubDate::parse(content.get(..7).unwrap_or("")))
        })
    });
    let mut text = String::new();
    if let Some(t) = &title {
        text.push_str(t);
        text.push('\n');
    }
    if let Some(body) = select("body").and_then(|s| page.select(&s).next()) {
        collect_text(*body, &mut text);
    }
    Document { id: id.to_string(), text, title, date, ..Document::default() }
}

/// Walks the tree without recursion, so no nesting depth can overflow the
/// stack (a page of 20,000 nested `<div>`s).
fn collect_text(root: ego_tree::NodeRef<'_, scraper::Node>, out: &mut String) {
    use ego_tree::iter::Edge;
    const DROPPED: &[&str] = &["script", "style", "nav", "header", "footer", "noscript", "iframe", "template", "svg"];
    const BLOCK: &[&str] =
        &["p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "table", "ul", "ol"];
    let mut dropped_depth = 0usize;
    for edge in root.traverse() {
        let (node, opening) = match edge {
            Edge::Open(node) => (node, true),
            Edge::Close(node) => (node, false),
        };
        match node.value() {
            scraper::Node::Element(e) if DROPPED.contains(&e.name()) => {
                if opening {
                    dropped_depth += 1;
                } else {
                    dropped_depth -= 1;
                }
            }
            _ if dropped_depth > 0 => {}
            scraper::Node::Text(t) if opening => out.push_str(t),
            scraper::Node::Element(e) if BLOCK.contains(&e.name()) => out.push('\n'),
            _ => {}
        }
    }
}

#[derive(Deserialize)]
struct JsonArticle {
    text: String,
    id: Option<serde_json::Value>,
    title: Option<String>,
    date: Option<String>,
    url: Option<String>,
}

/// The articles of a JSON Lines file; lines that are no article are
/// reported and passed over.
fn jsonl_documents(file_id: &str, text: &str, warnings: &mut Vec<String>) -> Vec<Document> {
    let mut documents = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<JsonArticle>(line) {
            Ok(a) => {
                let given = a.id.map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string));
                let id = given.map_or_else(|| format!("{file_id}#{}", i + 1), |g| format!("{file_id}#{g}"));
                let text = a.text;
                let date = a.date.as_deref().and_then(|d| PubDate::parse(d.get(..10).unwrap_or(d)));
                documents.push(Document { id, text, title: a.title, date, url: a.url, ..Document::default() });
            }
            Err(e) => warnings.push(format!("line {}: not an article object ({e}): passed over", i + 1)),
        }
    }
    documents
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("newsgraph-load-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn read_bytes(name: &str, bytes: &[u8], options: ReadOptions) -> Result<Vec<Document>, Skip> {
        let dir = scratch(name);
        let path = dir.join(name);
        fs::write(&path, bytes).unwrap();
        read(&Source { id: name.into(), path }, &options)
    }

    #[test]
    fn manifest_parses_year_month() {
        let m = Manifest::parse(r#"{"documents":[{"doc":"a.txt","date":"2024-11"}]}"#).unwrap();
        assert_eq!(m.date_of("a.txt"), PubDate::parse("2024-11"));
        assert_eq!(m.date_of("b.txt"), None);
    }

    #[test]
    fn manifest_errors_name_the_document_or_the_line() {
        let err = Manifest::parse(r#"{"documents":[{"doc":"a.txt","date":"Nov 2024"}]}"#).unwrap_err();
        assert!(err.contains("a.txt"), "{err}");
        let err = Manifest::parse("{\n  \"documents\": [,]\n}").unwrap_err();
        assert!(err.contains("line 2"), "{err}");
    }

    #[test]
    fn discover_walks_folders_sorts_and_counts_other_files() {
        let dir = scratch("walk");
        fs::create_dir_all(dir.join("sub")).unwrap();
        fs::write(dir.join("b.txt"), "乙").unwrap();
        fs::write(dir.join("sub/a.html"), "甲").unwrap();
        fs::write(dir.join("notes.md"), "x").unwrap();
        fs::write(dir.join("manifest.json"), "{}").unwrap();
        let found = discover(std::slice::from_ref(&dir)).unwrap();
        let ids: Vec<String> = found.sources.into_iter().map(|s| s.id).collect();
        assert_eq!(ids, ["b.txt", "sub/a.html"]);
        assert_eq!(found.other_files, 1);
    }

    #[test]
    fn deeply_nested_html_does_not_overflow_the_stack() {
        let html = format!(
            "<html><body>{}区委书记王建国来到南翔镇。{}</body></html>",
            "<div>".repeat(12_000),
            "</div>".repeat(12_000)
        );
        let doc = &read_bytes("deep.html", html.as_bytes(), ReadOptions::default()).unwrap()[0];
        assert!(doc.text.contains("区委书记王建国来到南翔镇。"));
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_link_is_not_followed() {
        let dir = scratch("loop");
        fs::create_dir_all(dir.join("sub")).unwrap();
        fs::write(dir.join("a.txt"), "甲").unwrap();
        std::os::unix::fs::symlink("..", dir.join("sub/up")).unwrap();
        let found = discover(std::slice::from_ref(&dir)).unwrap();
        assert_eq!(found.sources.len(), 1);
        assert_eq!(found.skipped[0].reason, "a link to a folder, not followed");
    }

    #[cfg(unix)]
    #[test]
    fn a_broken_link_is_named() {
        let dir = scratch("link");
        std::os::unix::fs::symlink(dir.join("nowhere.txt"), dir.join("a.txt")).unwrap();
        let found = discover(std::slice::from_ref(&dir)).unwrap();
        assert!(found.sources.is_empty());
        assert_eq!(found.skipped[0].reason, "a link that leads nowhere");
    }

    #[test]
    fn missing_input_is_an_error() {
        let err = discover(&[PathBuf::from("/no/such/corpus")]).unwrap_err();
        assert!(matches!(err, LoadError::Missing { .. }));
    }

    #[test]
    fn encodings_are_recognised() {
        let text = "区委书记陆方舟来到南翔镇。";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert_eq!(read_bytes("gbk.txt", &gbk, ReadOptions::default()).unwrap()[0].text, text);
        let mut utf16: Vec<u8> = vec![0xff, 0xfe];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(read_bytes("utf16.txt", &utf16, ReadOptions::default()).unwrap()[0].text, text);
        let bom = [&[0xef, 0xbb, 0xbf][..], text.as_bytes()].concat();
        assert_eq!(read_bytes("bom.txt", &bom, ReadOptions::default()).unwrap()[0].text, text);
        let forced = ReadOptions { encoding: Encoding::Gbk, ..ReadOptions::default() };
        assert_eq!(read_bytes("forced.txt", &gbk, forced).unwrap()[0].text, text);
    }

    #[test]
    fn broken_bytes_are_replaced_and_reported_or_refused_when_strict() {
        let bytes = ["区委书记陆方舟".as_bytes(), &[0xff, 0xfe, 0x41], "来到南翔镇。".as_bytes()].concat();
        let docs = read_bytes("broken.txt", &bytes, ReadOptions::default()).unwrap();
        assert!(docs[0].text.contains('\u{fffd}') && docs[0].text.contains("陆方舟"));
        assert!(docs[0].warnings[0].contains("invalid UTF-8 at byte 21"), "{:?}", docs[0].warnings);
        let strict = ReadOptions { strict: true, ..ReadOptions::default() };
        let skip = read_bytes("broken-strict.txt", &bytes, strict).unwrap_err();
        assert!(skip.reason.contains("--strict"), "{skip}");
    }

    #[test]
    fn utf8_text_cut_inside_its_last_character_stays_utf8() {
        // A file cut at a byte count (head -c) once came out as GB18030 mojibake.
        let text = "区委书记陆方舟来到南翔镇。".repeat(200);
        let bytes = [text.as_bytes(), &"区".as_bytes()[..2]].concat();
        let doc = &read_bytes("cut.txt", &bytes, ReadOptions::default()).unwrap()[0];
        assert!(doc.text.starts_with("区委书记陆方舟") && doc.text.ends_with('\u{fffd}'), "{}", &doc.text[..30]);
        assert!(doc.warnings[0].contains("invalid UTF-8"), "{:?}", doc.warnings);
    }

    #[test]
    fn bad_files_are_skipped_with_a_reason() {
        assert_eq!(read_bytes("empty.txt", b"  \n", ReadOptions::default()).unwrap_err().reason, "empty");
        assert_eq!(read_bytes("nul.txt", &[0u8; 4096], ReadOptions::default()).unwrap_err().reason, "binary, not text");
        let long = "字".repeat(MAX_LINE_WITHOUT_SENTENCE_END / 3 + 10);
        let skip = read_bytes("long.txt", long.as_bytes(), ReadOptions::default()).unwrap_err();
        assert!(skip.reason.contains("no sentence end"), "{skip}");
        assert!(skip.to_string().ends_with(": skipped"));
    }

    #[test]
    fn html_pages_give_their_text_title_and_date() {
        let html = r#"<html><head><title>区领导走访企业</title><meta name="PubDate" content="2024-11-05 10:00"><script>var x = "陆方舟";</script></head>
            <body><nav>首页 新闻</nav><p>11月4日,区委书记陆方舟来到南翔镇。</p><p>撰稿 俞超</p><footer>版权所有</footer></body></html>"#;
        let doc = &read_bytes("page.html", html.as_bytes(), ReadOptions::default()).unwrap()[0];
        assert_eq!(doc.title.as_deref(), Some("区领导走访企业"));
        assert_eq!(doc.date, PubDate::parse("2024-11-05"));
        assert!(doc.text.contains("11月4日,区委书记陆方舟来到南翔镇。"));
        assert!(
            !doc.text.contains("var x") && !doc.text.contains("首页") && !doc.text.contains("版权"),
            "{}",
            doc.text
        );
    }

    #[test]
    fn large_texts_are_read_in_parts_cut_at_line_ends() {
        let line = "区委书记王建国来到南翔镇调研。\n";
        let text = line.repeat(PART_BYTES / line.len() * 2 + 3);
        let docs: Vec<Document> =
            TextParts { id: "big.txt".into(), text: text.clone(), start: 0, chars: 0, made: 0 }.collect();
        assert_eq!(docs.len(), 3);
        assert_eq!(docs[1].id, "big.txt#2");
        assert_eq!((docs[0].part_of.as_deref(), docs[2].part_of.as_deref()), (None, Some("big.txt")));
        assert!(docs.iter().all(|d| d.text.ends_with('\n') && d.text.len() <= PART_BYTES));
        assert_eq!(docs.iter().map(|d| d.text.as_str()).collect::<String>(), text);
        let (bytes, chars) = docs[2].offset;
        assert_eq!(&text[bytes..bytes + line.len()], line);
        assert_eq!(text.chars().skip(chars).take(2).collect::<String>(), "区委");
    }

    #[test]
    fn jsonl_lines_are_articles() {
        let jsonl = "{\"id\": \"a1\", \"text\": \"区委书记陆方舟来到南翔镇。\", \"date\": \"2024-11-04\", \"url\": \"u\"}\nnot json\n{\"text\": \"第二篇。\"}\n";
        let docs = read_bytes("feed.jsonl", jsonl.as_bytes(), ReadOptions::default()).unwrap();
        let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["feed.jsonl#a1", "feed.jsonl#3"]);
        assert_eq!(docs[0].date, PubDate::parse("2024-11-04"));
        assert_eq!(docs[0].url.as_deref(), Some("u"));
        assert!(docs[0].warnings[0].contains("line 2: not an article object"), "{:?}", docs[0].warnings);
    }
}
