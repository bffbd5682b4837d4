//! newsgraph reads Chinese local-government news and builds a knowledge graph
//! of who met whom, where and when: officials, companies, towns and events,
//! joined by co-occurrence and visit edges, exported as GraphML, GEXF, JSON,
//! a mentions sidecar, and SVG or HTML diagrams.
//!
//! The pipeline, one module per stage, plain data between them:
//!
//! | stage | module | takes → returns |
//! |---|---|---|
//! | load | [`load`] | paths → [`load::Document`]s (original text) |
//! | normalise | [`normalise`] | text → [`normalise::Normalised`] text with offsets back |
//! | segment | [`segment`] | text → [`segment::Sentence`]s in articles |
//! | extract | [`mod@extract`] | sentences → [`extract::Mention`]s |
//! | resolve | [`resolve`] | mentions → [`resolve::DocEntity`]s |
//! | relate | [`relate`] | entities, dates → [`relate::Relation`]s (co-occurrence, visit) |
//! | graph | [`graph`] | every article's results → [`graph::CorpusGraph`] (petgraph) |
//! | export | [`export`] | graph → GraphML, GEXF, JSON, mentions, SVG, HTML |
//!
//! [`build`] runs them all over a corpus ([`extract()`] and [`merge`] split
//! that across machines, see [`shard`]); [`explain::explain`] shows what
//! each rule made of an article's sentences; [`filter`] and [`layout`] sit
//! between graph and export. Articles are read in batches processed in
//! parallel and dropped once merged (in file order, so output does not depend
//! on the number of threads); the corpus is read twice, since a name seen
//! with a title in one article makes it an official in every other.

pub mod date;
pub mod explain;
pub mod export;
pub mod extract;
pub mod filter;
pub mod graph;
pub mod layout;
pub mod load;
pub mod normalise;
pub mod relate;
pub mod resolve;
pub mod segment;
pub mod shard;

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::PathBuf;

use date::PubDate;
use extract::{Extractor, Known, Lookup};
use graph::{CorpusGraph, DateSource, GraphBuilder};
use load::{LoadError, Manifest};
use rayon::prelude::*;
use resolve::Resolved;

/// How a corpus is turned into a graph.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// How near two mentions must be to co-occur.
    pub window: relate::Window,
    /// How files are decoded.
    pub read: load::ReadOptions,
    /// Worker threads (0: one per core). The output is the same for any number.
    pub jobs: usize,
}

/// A corpus as found on disk: its article files (or one part of them) and
/// the publication dates its manifests give, found once for both passes.
#[derive(Debug, Clone)]
pub struct Corpus {
    pub found: load::Discovery,
    pub manifest: Manifest,
    /// How many files the whole corpus has, before a part of them was taken.
    pub files: usize,
}

impl Corpus {
    /// The corpus under `inputs` (folders or files); a `manifest.json` in an
    /// input folder gives publication dates.
    pub fn open(inputs: &[PathBuf]) -> Result<Corpus, LoadError> {
        let found = load::discover(inputs)?;
        let files = found.sources.len();
        Ok(Corpus { found, manifest: manifest_of(inputs)?, files })
    }

    /// Only `part` of the files; what concerns the corpus as a whole
    /// (folders that cannot be listed, files of other kinds) stays with the
    /// first part.
    pub fn part(mut self, part: Option<shard::Part>) -> Corpus {
        if let Some(part) = part {
            self.found.sources = part.of(&self.found.sources).to_vec();
            if !part.is_first() {
                self.found.skipped.clear();
                self.found.other_files = 0;
            }
        }
        self
    }

    /// The size of its files, in bytes.
    pub fn size(&self) -> u64 {
        self.found.sources.iter().filter_map(|s| std::fs::metadata(&s.path).ok()).map(|m| m.len()).sum()
    }
}

/// Why a build stopped.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("writing per-document output: {0}")]
    Sink(std::io::Error),
}

/// What one article contributes to the graph: a pure function of the
/// article and what the corpus establishes ([`Known`]), so it can be made on
/// any machine and sent as JSON ([`shard`]).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DocumentResult {
    pub id: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub pub_date: Option<PubDate>,
    pub date_source: DateSource,
    pub mentions: Vec<extract::Mention>,
    pub resolved: Resolved,
    pub relations: Vec<relate::Relation>,
    /// The text of every sentence a relation cites, by sentence index.
    pub sentences: BTreeMap<usize, String>,
    /// Where each mention stands in the document's text: (byte range, char range).
    pub original_spans: Vec<(Range<usize>, Range<usize>)>,
    /// The text of each mention as it stands there (`李 红` where the name is `李红`).
    pub original_texts: Vec<String>,
    /// What was mended in reading the document (replaced bytes, a bad JSON line).
    pub warnings: Vec<String>,
    /// Where the document's text starts in its file (bytes, characters).
    pub offset: (usize, usize),
    /// When each mention was made: its sentence's day, else the publication
    /// date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`), if either is known.
    pub mention_dates: Vec<Option<String>>,
    /// Each title given to an official, with the place it names and when.
    pub titles_seen: Vec<TitleSeen>,
    /// When each relation was stated: the dates of its sentences, as for mentions.
    pub relation_dates: Vec<Vec<Option<String>>>,
}

impl DocumentResult {
    /// Whether every index into the result's lists points into them, as in
    /// a result [`process`] made; a shard read back may have been altered.
    pub fn check(&self) -> Result<(), String> {
        let (mentions, entities, relations) = (self.mentions.len(), self.resolved.entities.len(), self.relations.len());
        let lengths = [
            ("original_spans", self.original_spans.len(), mentions),
            ("original_texts", self.original_texts.len(), mentions),
            ("mention_dates", self.mention_dates.len(), mentions),
            ("entity_of_mention", self.resolved.entity_of_mention.len(), mentions),
            ("relation_dates", self.relation_dates.len(), relations),
        ];
        if let Some((what, len, expected)) = lengths.iter().find(|(_, len, expected)| len != expected) {
            return Err(format!("{len} {what} for {expected}"));
        }
        let entity_indices = (self.resolved.entity_of_mention.iter())
            .chain(self.relations.iter().flat_map(|r| [&r.source, &r.target]))
            .chain(self.titles_seen.iter().map(|t| &t.entity));
        if entity_indices.into_iter().any(|&e| e >= entities) {
            return Err(format!("an entity index beyond its {entities} entities"));
        }
        if self.resolved.entities.iter().flat_map(|e| &e.mentions).any(|&m| m >= mentions) {
            return Err(format!("a mention index beyond its {mentions} mentions"));
        }
        let (bytes, chars) = self.offset;
        let beyond = |r: &Range<usize>, offset: usize| r.start > r.end || r.end.checked_add(offset).is_none();
        if self.original_spans.iter().any(|(b, c)| beyond(b, bytes) || beyond(c, chars)) {
            return Err("a span that ends before it starts or past the end of memory".into());
        }
        Ok(())
    }
}

/// A title seen with an official in one sentence.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TitleSeen {
    /// Index into the article's resolved entities.
    pub entity: usize,
    pub title: String,
    /// The place the title names at its start (嘉定区 of 嘉定区委书记).
    pub place: Option<String>,
    pub date: Option<String>,
}

/// Every stage's output for one article, before it is cut down to what the
/// graph keeps ([`DocumentResult`]); `explain` shows it whole.
pub struct Analysis {
    pub normalised: normalise::Normalised,
    pub sentences: Vec<segment::Sentence>,
    pub pub_date: Option<PubDate>,
    pub date_source: DateSource,
    pub mentions: Vec<extract::Mention>,
    pub resolved: Resolved,
    pub dates: Vec<extract::dates::DateMention>,
    pub relations: Vec<relate::Relation>,
    /// The day each sentence speaks of.
    pub days: Vec<Option<date::Day>>,
}

/// Runs normalise → segment → extract → resolve → relate on one article,
/// recording in `trace` what extraction let go.
pub fn analyse(
    extractor: &Extractor,
    doc: &load::Document,
    manifest_date: Option<PubDate>,
    lookup: &Lookup,
    window: relate::Window,
    trace: &mut extract::Trace,
) -> Analysis {
    let normalised = normalise::normalise(&doc.text);
    let text = &normalised.text;
    let sentences = segment::segment(text);
    let dates = extract::dates::find(text);
    let (pub_date, date_source) = publication_date(manifest_date, doc.date, text, Some(&dates));
    let mentions = extractor.extract_traced(text, &sentences, lookup, pub_date.map(|d| d.year), trace);
    let resolved = resolve::document(&mentions);
    let verbs = |s: &str| extractor.visit_verbs(s).collect::<Vec<_>>();
    let article = relate::Article {
        text,
        sentences: &sentences,
        mentions: &mentions,
        resolved: &resolved,
        dates: &dates,
        pub_date,
    };
    let relations = relate::relate(&article, window, &verbs);
    let days = relate::sentence_days(&sentences, &dates, pub_date);
    Analysis { normalised, sentences, pub_date, date_source, mentions, resolved, dates, relations, days }
}

/// Runs normalise → segment → extract → resolve → relate on one article and
/// keeps what the graph needs.
pub fn process(
    extractor: &Extractor,
    doc: &load::Document,
    manifest_date: Option<PubDate>,
    lookup: &Lookup,
    options: &Options,
) -> DocumentResult {
    let trace = &mut extract::Trace::default();
    let Analysis { normalised, sentences, pub_date, date_source, mentions, resolved, relations, days, .. } =
        analyse(extractor, doc, manifest_date, lookup, options.window, trace);
    let text = &normalised.text;
    let sentence_texts = relations
        .iter()
        .flat_map(|r| r.sentences.iter())
        .map(|&i| (i, text[sentences[i].span.clone()].to_string()))
        .collect();
    // Each sentence's date as text, written once for all that cite it.
    let published = pub_date.map(|d| d.to_string());
    let sentence_dates: Vec<Option<String>> =
        days.iter().map(|day| day.map(|d| d.to_string()).or_else(|| published.clone())).collect();
    let mention_dates: Vec<Option<String>> = mentions.iter().map(|m| sentence_dates[m.sentence].clone()).collect();
    let relation_dates =
        relations.iter().map(|r| r.sentences.iter().map(|&i| sentence_dates[i].clone()).collect()).collect();
    let titles_seen = mentions
        .iter()
        .enumerate()
        .flat_map(|(i, m)| {
            let entity = resolved.entity_of_mention[i];
            let date = mention_dates[i].clone();
            m.titles.iter().map(move |t| TitleSeen {
                entity,
                title: t.clone(),
                place: extractor.place_of_title(t),
                date: date.clone(),
            })
        })
        .collect();
    let bytes: Vec<Range<usize>> = mentions.iter().map(|m| normalised.original_span(m.span.clone())).collect();
    let chars = char_ranges(&doc.text, &bytes);
    let original_texts = bytes.iter().map(|b| doc.text.get(b.clone()).unwrap_or("").to_string()).collect();
    DocumentResult {
        original_texts,
        warnings: doc.warnings.clone(),
        original_spans: bytes.into_iter().zip(chars).collect(),
        offset: doc.offset,
        mention_dates,
        titles_seen,
        relation_dates,
        id: doc.id.clone(),
        title: doc.title.clone(),
        url: doc.url.clone(),
        pub_date,
        date_source,
        mentions,
        resolved,
        relations,
        sentences: sentence_texts,
    }
}

/// The publication date from the manifest, else the file's own metadata (an
/// HTML page's, a JSON Lines record's), else as the text gives it; `dates`
/// are the text's date expressions, if they are at hand.
pub(crate) fn publication_date(
    manifest_date: Option<PubDate>,
    document_date: Option<PubDate>,
    text: &str,
    dates: Option<&[extract::dates::DateMention]>,
) -> (Option<PubDate>, DateSource) {
    if manifest_date.is_none()
        && let Some(d) = document_date
    {
        return (Some(d), DateSource::Metadata);
    }
    match manifest_date {
        // The text may say the day the manifest leaves out (a time stamp in
        // the manifest's month): take it, for 昨天 and the like.
        Some(d) if d.day.is_some() => (Some(d), DateSource::Manifest),
        Some(d) => {
            let finer = extract::dates::infer_pub_date_with(text, dates)
                .filter(|t| t.day.is_some() && t.year == d.year && t.month == d.month);
            (Some(finer.unwrap_or(d)), DateSource::Manifest)
        }
        None => match extract::dates::infer_pub_date_with(text, dates) {
            Some(d) => (Some(d), DateSource::Inferred),
            None => (None, DateSource::Unknown),
        },
    }
}

/// Character ranges of byte ranges of `text`, in one pass over the text.
fn char_ranges(text: &str, bytes: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut points: Vec<usize> = bytes.iter().flat_map(|r| [r.start, r.end]).collect();
    points.sort_unstable();
    points.dedup();
    let mut at: BTreeMap<usize, usize> = BTreeMap::new();
    let mut next = points.iter().peekable();
    for (chars, (byte, _)) in text.char_indices().chain(std::iter::once((text.len(), ' '))).enumerate() {
        while next.peek().is_some_and(|&&p| p <= byte) {
            if let Some(&p) = next.next() {
                at.insert(p, chars);
            }
        }
    }
    bytes.iter().map(|r| at[&r.start]..at[&r.end]).collect()
}

/// The publication dates given by the `manifest.json` of each input folder.
pub fn manifest_of(inputs: &[PathBuf]) -> Result<Manifest, LoadError> {
    let mut manifest = Manifest::default();
    for input in inputs.iter().filter(|p| p.is_dir()) {
        let own = Manifest::from_folder(input)?;
        if inputs.len() > 1 {
            let folder =
                input.file_name().map_or_else(|| input.display().to_string(), |n| n.to_string_lossy().into_owned());
            manifest.extend(own.prefixed(&folder));
        } else {
            manifest.extend(own);
        }
    }
    Ok(manifest)
}

/// Pass 1: what `corpus` establishes for every article, surveyed on
/// `options.jobs` threads, with the bytes read reported to `on_progress`.
/// Files that cannot be read are passed over here; pass 2 reports them.
pub fn survey(corpus: &Corpus, extractor: &Extractor, options: &Options, on_progress: &mut dyn FnMut(u64)) -> Known {
    let pool = thread_pool(options.jobs);
    survey_with(extractor, corpus, &options.read, &pool, on_progress)
}

/// [`survey`] on `pool`.
fn survey_with(
    extractor: &Extractor,
    corpus: &Corpus,
    read: &load::ReadOptions,
    pool: &rayon::ThreadPool,
    on_progress: &mut dyn FnMut(u64),
) -> Known {
    let mut known = Known::default();
    let survey_chunk = &mut |docs: Vec<load::Document>| -> Result<(), BuildError> {
        let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
        let found: Vec<Known> = pool.install(|| {
            docs.into_par_iter()
                .map(|doc| {
                    let normalised = normalise::normalise(&doc.text);
                    let text = &normalised.text;
                    let year = || {
                        publication_date(corpus.manifest.date_of_document(&doc), doc.date, text, None).0.map(|d| d.year)
                    };
                    extractor.survey_dated(text, &year)
                })
                .collect()
        });
        found.into_iter().for_each(|k| known.merge(k));
        on_progress(bytes as u64);
        Ok(())
    };
    // Surveying cannot fail, and unreadable files are reported by pass 2.
    let _ = for_each_chunk(&corpus.found.sources, read, pool, &mut |_| {}, survey_chunk);
    known
}

/// Articles handed to the worker threads at a time, at most; their results
/// are merged in file order, so the output does not depend on the number of
/// threads. Each chunk ends in a wait for its slowest article, so chunks of
/// short articles are made large enough for that wait to be rare: 256
/// articles of typical news (2.5 MB) ran 7% faster than 64 and kept two
/// jobs 171-182% busy, where 64 kept them 161-166% busy.
const BATCH: usize = 256;

/// Reads `sources` on `pool` and hands their articles to `each` in file
/// order, in chunks of at most [`BATCH`] articles and a few parts of a
/// large file per thread, so memory stays bounded by the largest file and
/// the chunk, however large the corpus. Files that cannot be read go to
/// `on_skip`.
fn for_each_chunk(
    sources: &[load::Source],
    read: &load::ReadOptions,
    pool: &rayon::ThreadPool,
    on_skip: &mut dyn FnMut(load::Skip),
    each: &mut dyn FnMut(Vec<load::Document>) -> Result<(), BuildError>,
) -> Result<(), BuildError> {
    let chunk_bytes = pool.current_num_threads() * 2 * load::PART_BYTES;
    let mut chunk = Vec::new();
    let mut held = 0;
    let mut rest = sources;
    while !rest.is_empty() {
        // Files opened together: a batch of them, or as many as make up a
        // chunk's worth of bytes (one at least).
        let mut size = 0;
        let take = rest
            .iter()
            .take(BATCH)
            .take_while(|s| {
                let first = size == 0;
                size += std::fs::metadata(&s.path).map_or(0, |m| m.len() as usize).max(1);
                first || size <= chunk_bytes
            })
            .count();
        let (opening, later) = rest.split_at(take);
        rest = later;
        let opened: Vec<Result<load::Articles, load::Skip>> =
            pool.install(|| opening.par_iter().map(|s| load::open(s, read)).collect());
        for articles in opened {
            match articles {
                Err(skip) => on_skip(skip),
                Ok(articles) => {
                    for doc in articles {
                        held += doc.text.len();
                        chunk.push(doc);
                        if chunk.len() >= BATCH || held >= chunk_bytes {
                            each(std::mem::take(&mut chunk))?;
                            held = 0;
                        }
                    }
                }
            }
        }
    }
    if !chunk.is_empty() {
        each(chunk)?;
    }
    Ok(())
}

/// A pool of `jobs` worker threads (0: one per core).
pub fn thread_pool(jobs: usize) -> rayon::ThreadPool {
    let jobs = if jobs == 0 { std::thread::available_parallelism().map_or(1, |n| n.get()) } else { jobs };
    rayon::ThreadPoolBuilder::new().num_threads(jobs).build().unwrap_or_else(|_| {
        rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("a one-thread pool can always be built")
    })
}

/// A corpus's graph and what reading it met.
#[derive(Debug, Clone)]
pub struct Built {
    pub graph: CorpusGraph,
    pub report: LoadReport,
}

/// What reading a corpus met: files skipped and why, mended problems.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct LoadReport {
    pub documents_read: usize,
    pub skipped: Vec<load::Skip>,
    pub warnings: Vec<String>,
    /// Files in the folders that are no article format, passed over.
    pub other_files: usize,
}

impl LoadReport {
    /// Counts an article read, with what was mended in reading it.
    fn read(&mut self, result: &DocumentResult) {
        self.warnings.extend(result.warnings.iter().cloned());
        self.documents_read += 1;
    }

    /// Puts the files skipped and the warnings in a stable order.
    fn sorted(mut self) -> LoadReport {
        self.skipped.sort_by(|a, b| a.path.cmp(&b.path));
        self.warnings.sort();
        self
    }
}

/// Builds the graph of the articles under `inputs` (folders or files).
/// A `manifest.json` in an input folder gives publication dates. A file
/// that cannot be read is skipped and reported; the others are read.
/// `on_document` sees each article's results before they are dropped.
pub fn build(
    inputs: &[PathBuf],
    extractor: &Extractor,
    options: &Options,
    on_document: &mut dyn FnMut(&DocumentResult) -> std::io::Result<()>,
) -> Result<Built, BuildError> {
    build_with_progress(&Corpus::open(inputs)?, extractor, options, on_document, &mut |_| {})
}

/// [`build`], reporting to `on_progress` the bytes of text done in each
/// pass (so the whole run is twice the corpus's size).
pub fn build_with_progress(
    corpus: &Corpus,
    extractor: &Extractor,
    options: &Options,
    on_document: &mut dyn FnMut(&DocumentResult) -> std::io::Result<()>,
    on_progress: &mut dyn FnMut(u64),
) -> Result<Built, BuildError> {
    let mut builder = GraphBuilder::new(options.window);
    let report = extract(corpus, extractor, options, None, on_progress, &mut |result| {
        on_document(&result)?;
        builder.add(&result);
        Ok(())
    })?;
    Ok(Built { graph: builder.finish(), report })
}

/// Reads the articles of `corpus` and hands each one's results to
/// `on_document`, in file order. `known` is what the corpus establishes
/// (pass 1, [`survey`]); without it the corpus is surveyed first, and
/// `on_progress` hears of the bytes done in both passes.
pub fn extract(
    corpus: &Corpus,
    extractor: &Extractor,
    options: &Options,
    known: Option<Known>,
    on_progress: &mut dyn FnMut(u64),
    on_document: &mut dyn FnMut(DocumentResult) -> std::io::Result<()>,
) -> Result<LoadReport, BuildError> {
    let pool = thread_pool(options.jobs);
    let known = match known {
        Some(known) => known,
        None => survey_with(extractor, corpus, &options.read, &pool, on_progress),
    };
    let lookup = Lookup::new(extractor, known);
    let (found, manifest) = (&corpus.found, &corpus.manifest);
    let mut report =
        LoadReport { skipped: found.skipped.clone(), other_files: found.other_files, ..LoadReport::default() };
    let mut skipped = Vec::new();
    // Each chunk's results are handed on while the next chunk is processed
    // (with one job, after: one job is one core).
    let overlap = pool.current_num_threads() > 1;
    let mut pending: (Vec<DocumentResult>, usize) = (Vec::new(), 0);
    let mut hand_on = |(results, bytes): (Vec<DocumentResult>, usize)| -> Result<(), BuildError> {
        for result in results {
            report.read(&result);
            on_document(result).map_err(BuildError::Sink)?;
        }
        on_progress(bytes as u64);
        Ok(())
    };
    for_each_chunk(&found.sources, &options.read, &pool, &mut |skip| skipped.push(skip), &mut |docs| {
        let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
        let processing = || {
            pool.install(|| {
                docs.into_par_iter()
                    .map(|doc| process(extractor, &doc, manifest.date_of_document(&doc), &lookup, options))
                    .collect::<Vec<_>>()
            })
        };
        let results = if overlap {
            let (results, handed_on) = std::thread::scope(|s| {
                let processing = s.spawn(processing);
                let handed_on = hand_on(std::mem::take(&mut pending));
                (processing.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)), handed_on)
            });
            handed_on?;
            results
        } else {
            hand_on(std::mem::take(&mut pending))?;
            processing()
        };
        pending = (results, bytes);
        Ok(())
    })?;
    hand_on(pending)?;
    report.skipped.extend(skipped);
    Ok(report.sorted())
}

/// Folds per-document results made elsewhere (`newsgraph extract`, see
/// [`shard`]) into one graph. The graph is the same whatever the order of
/// the documents, so shards can be merged in any order; they must come from
/// one run ([`shard::Consistency`]).
pub fn merge(
    shards: &[PathBuf],
    on_document: &mut dyn FnMut(&DocumentResult) -> std::io::Result<()>,
    on_progress: &mut dyn FnMut(u64),
) -> Result<Built, shard::ShardError> {
    let mut report = LoadReport::default();
    let mut builder: Option<GraphBuilder> = None;
    let mut consistency = shard::Consistency::default();
    // The shard each document came from: one in two shards means they overlap.
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, path) in shards.iter().enumerate() {
        shard::read(
            path,
            &mut |record| {
                match record {
                    shard::Record::Header(header) => {
                        consistency.add(&header, path)?;
                        builder.get_or_insert_with(|| GraphBuilder::new(header.window));
                    }
                    shard::Record::Document(result) => {
                        let Some(builder) = &mut builder else { return Err(shard::Problem::NoHeader) };
                        result.check().map_err(|why| shard::Problem::Invalid { doc: result.id.clone(), why })?;
                        match seen.insert(result.id.clone(), i) {
                            Some(other) if other != i => {
                                let (doc, other) = (result.id.clone(), shards[other].clone());
                                return Err(shard::Problem::Duplicate { doc, other });
                            }
                            _ => {}
                        }
                        on_document(&result).map_err(shard::Problem::Sink)?;
                        builder.add(&result);
                        report.read(&result);
                    }
                    shard::Record::Skipped(skip) => report.skipped.push(skip),
                    shard::Record::OtherFiles(n) => report.other_files += n,
                }
                Ok(())
            },
            on_progress,
        )?;
    }
    consistency.finish().map_err(|problem| shard::ShardError {
        path: shards[0].clone(),
        line: None,
        problem: Box::new(problem),
    })?;
    let graph = builder.unwrap_or_else(|| GraphBuilder::new(relate::Window::default())).finish();
    Ok(Built { graph, report: report.sorted() })
}
