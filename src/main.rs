//! The `newsgraph` command line: argument parsing, messages and exit codes
//! around the library.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};
use serde::Serialize;

use newsgraph::Corpus;
use newsgraph::date::Day;
use newsgraph::export::json::JsonOptions;
use newsgraph::extract::gazetteer::Gazetteer;
use newsgraph::extract::{EntityType, Extractor, Known, Lookup};
use newsgraph::filter::{Filter, FilterReport};
use newsgraph::graph::CorpusGraph;
use newsgraph::load::{Encoding, ReadOptions};
use newsgraph::relate::{RelationKind, Window};
use newsgraph::shard::Part;

/// Build a knowledge graph of officials, companies, towns and events from
/// Chinese local-government news.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read a folder of articles and write the graph as GraphML, GEXF and
    /// JSON, with every mention in a JSON Lines sidecar.
    Build(BuildArgs),
    /// Draw the graph of a corpus, or of a JSON graph written by `build`, as
    /// an SVG diagram or a self-contained interactive HTML page.
    Render(RenderArgs),
    /// Show, sentence by sentence, what every rule matched in articles and
    /// why candidates were let go.
    Explain {
        /// The articles to explain.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The corpus the articles belong to: names seen with a title there,
        /// its registered companies and its manifest are used.
        #[arg(long)]
        corpus: Option<PathBuf>,
        /// Extra places, as for `build`.
        #[arg(long)]
        places: Option<PathBuf>,
    },
    /// For a corpus split across machines, step 1 of 3: what one part of the
    /// corpus establishes for all of it (names seen with a title, registered
    /// companies, event abbreviations), as JSON for `extract --known`.
    Survey(SurveyArgs),
    /// Step 2 of 3: every article's mentions and relations, as JSON Lines
    /// for `merge` (see docs/scaling.md).
    Extract(ExtractArgs),
    /// Step 3 of 3: fold the JSON Lines of `extract` into one graph and write
    /// it as `build` does.
    Merge(MergeArgs),
}

#[derive(Args)]
struct BuildArgs {
    /// Folders (searched recursively for .txt files) or files to read.
    #[arg(default_value = "corpus")]
    corpus: Vec<PathBuf>,
    #[command(flatten)]
    output: OutputArgs,
    #[command(flatten)]
    reading: CorpusArgs,
}

#[derive(Args)]
struct SurveyArgs {
    /// The whole corpus, as it would be given to `build`.
    #[arg(required = true)]
    corpus: Vec<PathBuf>,
    /// The JSON file to write (`-`: standard output).
    #[arg(long, short)]
    out: PathBuf,
    /// Only part INDEX of COUNT of the corpus's files (`3/16`).
    #[arg(long, value_parser = Part::parse)]
    part: Option<Part>,
    /// Extra places, as for `build`.
    #[arg(long)]
    places: Option<PathBuf>,
    #[command(flatten)]
    files: ReadArgs,
    /// Print nothing but errors.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Args)]
struct ExtractArgs {
    /// The whole corpus, as it would be given to `build`.
    #[arg(required = true)]
    corpus: Vec<PathBuf>,
    /// The JSON Lines file to write (`-`: standard output).
    #[arg(long, short)]
    out: PathBuf,
    /// What `survey` found in every part of the corpus (default: survey the
    /// part being extracted, which misses what only other parts establish).
    #[arg(long, num_args = 1..)]
    known: Vec<PathBuf>,
    /// Only part INDEX of COUNT of the corpus's files (`3/16`).
    #[arg(long, value_parser = Part::parse)]
    part: Option<Part>,
    #[command(flatten)]
    reading: CorpusArgs,
    /// Print nothing but errors.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Args)]
struct MergeArgs {
    /// JSON Lines files written by `extract`, in any order.
    #[arg(required = true)]
    shards: Vec<PathBuf>,
    #[command(flatten)]
    output: OutputArgs,
}

/// Where and how the graph is written, the same for `build` and `merge`.
#[derive(Args)]
struct OutputArgs {
    /// Folder to write the graph files into.
    #[arg(long, default_value = "graphs")]
    out: PathBuf,
    /// Base name of the files written (default: the corpus folder's name).
    #[arg(long)]
    name: Option<String>,
    #[command(flatten)]
    filters: FilterArgs,
    /// Write the JSON edge list under `links` (d3, NetworkX before 3.6).
    #[arg(long)]
    links: bool,
    /// Also write the run report as JSON to this file.
    #[arg(long)]
    report: Option<PathBuf>,
    /// Print nothing but errors.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Args)]
struct RenderArgs {
    /// A corpus (folders or files of articles) or one `.json` graph from `build`.
    #[arg(default_value = "corpus")]
    input: Vec<PathBuf>,
    /// The file to write.
    #[arg(long, short)]
    out: PathBuf,
    /// What to write.
    #[arg(long, value_enum, default_value_t = Format::Svg)]
    format: Format,
    /// The diagram's title (default: the input's name).
    #[arg(long)]
    title: Option<String>,
    #[command(flatten)]
    reading: CorpusArgs,
    #[command(flatten)]
    filters: FilterArgs,
}

/// How articles are read and related, the same for `build` and `render`.
#[derive(Args)]
struct CorpusArgs {
    /// Extra places, one a line: `name` or `name<TAB>parent name`.
    #[arg(long)]
    places: Option<PathBuf>,
    /// How near two mentions must be to co-occur.
    #[arg(long, value_enum, default_value_t = Window::Sentence)]
    window: Window,
    #[command(flatten)]
    files: ReadArgs,
}

impl CorpusArgs {
    fn options(&self) -> newsgraph::Options {
        newsgraph::Options { window: self.window, read: self.files.options(), jobs: self.files.jobs }
    }
}

/// How article files are decoded, and by how many threads.
#[derive(Args)]
struct ReadArgs {
    /// Threads extracting and laying out (default: one per core; with more
    /// than one, the main thread takes in their results alongside). The
    /// output is the same for any number.
    #[arg(long, short, default_value_t = 0)]
    jobs: usize,
    /// The articles' encoding (default: recognise UTF-8, UTF-16 with a byte-order mark, GBK/GB18030).
    #[arg(long, value_enum, default_value_t = Encoding::Auto)]
    encoding: Encoding,
    /// Skip a file with bytes that do not decode, rather than replacing them.
    #[arg(long)]
    strict: bool,
}

impl ReadArgs {
    fn options(&self) -> ReadOptions {
        ReadOptions { encoding: self.encoding, strict: self.strict }
    }
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    /// A standalone SVG diagram.
    Svg,
    /// A self-contained HTML page with pan, zoom, details and toggles.
    Html,
}

/// The filters, the same for `build` and `render`.
#[derive(Args)]
struct FilterArgs {
    /// Keep only co-occurrence edges of at least this weight.
    #[arg(long)]
    min_weight: Option<usize>,
    /// Keep only these entity types (comma-separated).
    #[arg(long, value_enum, value_delimiter = ',')]
    types: Option<Vec<EntityType>>,
    /// Keep only these kinds of edge (comma-separated: co-occurrence, visit).
    #[arg(long, value_enum, value_delimiter = ',')]
    kinds: Option<Vec<RelationKind>>,
    /// Keep only edges stated (visits: dated) on or after this day, YYYY-MM-DD,
    /// and nodes active then.
    #[arg(long, value_parser = parse_day)]
    since: Option<Day>,
    /// Keep only edges stated (visits: dated) on or before this day, YYYY-MM-DD.
    #[arg(long, value_parser = parse_day)]
    until: Option<Day>,
    /// Keep only the N heaviest edges.
    #[arg(long)]
    top_edges: Option<usize>,
    /// Keep only the neighbourhood of the entity with this label or alias.
    #[arg(long)]
    ego: Option<String>,
    /// How many edges away from --ego to go.
    #[arg(long, default_value_t = 1)]
    depth: usize,
    /// Keep nodes that the filters leave without edges.
    #[arg(long)]
    keep_isolated: bool,
}

impl FilterArgs {
    fn filter(&self) -> Filter {
        Filter {
            min_weight: self.min_weight,
            types: self.types.as_ref().map(|t| t.iter().copied().collect()),
            kinds: self.kinds.as_ref().map(|k| k.iter().copied().collect()),
            since: self.since,
            until: self.until,
            top_edges: self.top_edges,
            ego: self.ego.clone(),
            depth: self.depth,
            keep_isolated: self.keep_isolated,
        }
    }

    /// The filters as given, for the graph's metadata and captions.
    fn words(&self) -> Vec<String> {
        let mut words = Vec::new();
        if let Some(n) = self.min_weight {
            words.push(format!("--min-weight {n}"));
        }
        if let Some(types) = &self.types {
            let names: Vec<&str> = types.iter().map(|t| t.as_str()).collect();
            words.push(format!("--types {}", names.join(",")));
        }
        if let Some(kinds) = &self.kinds {
            let names: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
            words.push(format!("--kinds {}", names.join(",")));
        }
        if let Some(d) = self.since {
            words.push(format!("--since {d}"));
        }
        if let Some(d) = self.until {
            words.push(format!("--until {d}"));
        }
        if let Some(n) = self.top_edges {
            words.push(format!("--top-edges {n}"));
        }
        if let Some(ego) = &self.ego {
            words.push(format!("--ego {ego} --depth {}", self.depth));
        }
        if self.keep_isolated {
            words.push("--keep-isolated".to_string());
        }
        words
    }
}

/// Makes `--jobs` the number of threads of all else that runs in parallel
/// (the layout), as it is of reading the articles.
fn limit_threads(jobs: usize) {
    if jobs > 0 {
        // Fails only when the pool is set already, and it is set only here.
        let _ = rayon::ThreadPoolBuilder::new().num_threads(jobs).build_global();
    }
}

fn parse_day(s: &str) -> Result<Day, String> {
    Day::parse(s).ok_or_else(|| format!("{s:?} is not a date YYYY-MM-DD"))
}

/// Exit status when every file was read.
const READ_ALL: u8 = 0;
/// Exit status of a fatal error: nothing was written.
const FATAL: u8 = 2;
/// Exit status when the graph was written but some files were skipped.
const SOME_SKIPPED: u8 = 3;

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(status) => ExitCode::from(status),
        // A closed pipe (newsgraph explain … | head) ends the run quietly.
        Err(e) if e.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) => {
            ExitCode::from(READ_ALL)
        }
        Err(e) => {
            eprintln!("newsgraph: {e:#}");
            ExitCode::from(FATAL)
        }
    }
}

fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Build(args) => build(args),
        Command::Render(args) => render(args),
        Command::Explain { files, corpus, places } => explain(&files, corpus.as_deref(), places.as_deref()),
        Command::Survey(args) => survey(args),
        Command::Extract(args) => extract(args),
        Command::Merge(args) => merge(args),
    }
}

fn build(args: BuildArgs) -> Result<u8> {
    let started = Instant::now();
    limit_threads(args.reading.files.jobs);
    let extractor = extractor(args.reading.places.as_deref())?;
    let name = args.output.name.clone().unwrap_or_else(|| default_name(&args.corpus));
    // Check the corpus and its manifest before creating anything in --out.
    let corpus = Corpus::open(&args.corpus)?;
    let progress = progress_bar(2 * corpus.size(), "of text (two passes)", args.output.quiet);
    let mut mentions = args.output.mentions(&name)?;
    let built = newsgraph::build_with_progress(
        &corpus,
        &extractor,
        &args.reading.options(),
        &mut |result| newsgraph::export::mentions::write(result, &mut mentions.writer),
        &mut |bytes| progress.inc(bytes),
    )?;
    progress.finish_and_clear();
    args.output.write(built, &name, mentions, started)
}

fn survey(args: SurveyArgs) -> Result<u8> {
    let extractor = extractor(args.places.as_deref())?;
    let options = newsgraph::Options { read: args.files.options(), jobs: args.files.jobs, ..Default::default() };
    let corpus = Corpus::open(&args.corpus)?.part(args.part);
    let progress = progress_bar(corpus.size(), "of text", args.quiet);
    let known = newsgraph::survey(&corpus, &extractor, &options, &mut |bytes| progress.inc(bytes));
    progress.finish_and_clear();
    write_to(&args.out, |w| {
        serde_json::to_writer(&mut *w, &known)?;
        w.write_all(b"\n")
    })?;
    if !args.quiet {
        eprintln!(
            "surveyed {} files: {} names seen with a title, {} companies, {} event abbreviations",
            corpus.found.sources.len(),
            known.officials.len(),
            known.companies.len(),
            known.event_abbreviations.len()
        );
    }
    Ok(READ_ALL)
}

fn extract(args: ExtractArgs) -> Result<u8> {
    let extractor = extractor(args.reading.places.as_deref())?;
    let options = args.reading.options();
    refuse_inside(&args.out, &args.corpus)?;
    let corpus = Corpus::open(&args.corpus)?.part(args.part);
    let mut known = None;
    for path in &args.known {
        let text = fs::read_to_string(path).with_context(|| format!("{}", path.display()))?;
        let part: Known = serde_json::from_str(&text)
            .with_context(|| format!("{}: not what `newsgraph survey` writes", path.display()))?;
        known.get_or_insert_with(Known::default).merge(part);
    }
    let mut header = newsgraph::shard::Header::new(options.window, &default_name(&args.corpus));
    header.part = args.part;
    header.files = corpus.files;
    header.survey =
        known.as_ref().map(|k| newsgraph::shard::fingerprint(&serde_json::to_string(k).unwrap_or_default()));
    let places = match &args.reading.places {
        Some(path) => newsgraph::shard::fingerprint(&fs::read_to_string(path).unwrap_or_default()),
        None => "none".into(),
    };
    let read = options.read;
    header.reading = format!("encoding {:?}, strict {}, places {places}", read.encoding, read.strict);
    let passes = if known.is_some() { 1 } else { 2 };
    let progress = progress_bar(passes * corpus.size(), "of text", args.quiet);
    let skipped = write_to(&args.out, |w| {
        let mut shard = newsgraph::shard::Writer::new(w, header)?;
        let report =
            newsgraph::extract(&corpus, &extractor, &options, known, &mut |bytes| progress.inc(bytes), &mut |result| {
                shard.document(result)
            })
            .map_err(|e| match e {
                newsgraph::BuildError::Sink(e) => e,
                other => std::io::Error::other(other),
            })?;
        for skip in &report.skipped {
            shard.skipped(skip.clone())?;
        }
        if report.other_files > 0 {
            shard.other_files(report.other_files)?;
        }
        shard.finish()?;
        Ok(report.skipped)
    })?;
    progress.finish_and_clear();
    for skip in &skipped {
        eprintln!("newsgraph: {skip}");
    }
    Ok(if skipped.is_empty() { READ_ALL } else { SOME_SKIPPED })
}

fn merge(args: MergeArgs) -> Result<u8> {
    let started = Instant::now();
    // The shards' headers are checked before anything is written.
    let mut consistency = newsgraph::shard::Consistency::default();
    let mut corpus = None;
    for path in &args.shards {
        let header = newsgraph::shard::header(path)?;
        consistency.add(&header, path).with_context(|| format!("{}", path.display()))?;
        corpus.get_or_insert(header.corpus);
    }
    let name = args.output.name.clone().or(corpus).unwrap_or_else(|| "newsgraph".into());
    let size = args.shards.iter().filter_map(|p| fs::metadata(p).ok()).map(|m| m.len()).sum();
    let progress = progress_bar(size, "of shards", args.output.quiet);
    let mut mentions = args.output.mentions(&name)?;
    let built = newsgraph::merge(
        &args.shards,
        &mut |result| newsgraph::export::mentions::write(result, &mut mentions.writer),
        &mut |bytes| progress.inc(bytes),
    )?;
    progress.finish_and_clear();
    args.output.write(built, &name, mentions, started)
}

impl OutputArgs {
    /// The mentions sidecar, staged in the output folder (created here).
    fn mentions(&self, name: &str) -> Result<Staged> {
        fs::create_dir_all(&self.out)
            .with_context(|| format!("{}: cannot create the output folder", self.out.display()))?;
        Staged::create(&self.out.join(format!("{name}.mentions.jsonl")))
    }

    /// Filters and lays out the graph, writes it in every format beside the
    /// `mentions` written while it was built, and reports.
    fn write(&self, built: newsgraph::Built, name: &str, mentions: Staged, started: Instant) -> Result<u8> {
        let loading = built.report;
        let (graph, filtered) = newsgraph::filter::apply(built.graph, &self.filters.filter())?;
        let positions = newsgraph::layout::layout(&graph);
        let json_options = JsonOptions { corpus: name.to_string(), links: self.links, filters: self.filters.words() };
        let path = |ext: &str| self.out.join(format!("{name}.{ext}"));
        let mut written = vec![path("graphml"), path("gexf"), path("json")];
        // The three formats are written side by side on the threads `--jobs`
        // allows: a large graph's files are hundreds of megabytes each.
        let (graph, positions) = (&graph, &positions);
        let (graphml, (gexf, json)) = rayon::join(
            || write_atomic(&written[0], |w| newsgraph::export::graphml::write(graph, positions, w)),
            || {
                rayon::join(
                    || write_atomic(&written[1], |w| newsgraph::export::gexf::write(graph, positions, w)),
                    || {
                        write_atomic(&written[2], |w| {
                            newsgraph::export::json::write(graph, &json_options, positions, w)
                        })
                    },
                )
            },
        );
        graphml.and(gexf).and(json)?;
        written.push(mentions.path.clone());
        mentions.commit()?;

        let status = if loading.skipped.is_empty() { READ_ALL } else { SOME_SKIPPED };
        let report = RunReport::new(graph, loading, filtered, written, started);
        if let Some(path) = &self.report {
            write_atomic(path, |w| {
                serde_json::to_writer_pretty(&mut *w, &report)?;
                w.write_all(b"\n")
            })?;
        }
        report.print(self.quiet);
        Ok(status)
    }
}

fn render(args: RenderArgs) -> Result<u8> {
    limit_threads(args.reading.files.jobs);
    let from_json = matches!(args.input.as_slice(), [one] if one.extension().is_some_and(|e| e == "json"));
    let graph = if from_json {
        let path = &args.input[0];
        let text = fs::read_to_string(path).with_context(|| format!("{}", path.display()))?;
        newsgraph::export::json::read(&text).with_context(|| format!("{}", path.display()))?
    } else {
        let extractor = extractor(args.reading.places.as_deref())?;
        let options = args.reading.options();
        let built = newsgraph::build(&args.input, &extractor, &options, &mut |_| Ok(()))?;
        for skip in &built.report.skipped {
            eprintln!("newsgraph: {skip}");
        }
        built.graph
    };
    let (graph, _) = newsgraph::filter::apply(graph, &args.filters.filter())?;
    let positions = newsgraph::layout::separate(&graph, &newsgraph::layout::layout(&graph));
    let name = default_name(&args.input);
    let caption = newsgraph::export::svg::Caption {
        title: args.title.clone().unwrap_or_else(|| format!("newsgraph: {name}")),
        caption: caption(&graph, &args.filters.words()),
    };
    if let Some(folder) = args.out.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(folder).with_context(|| format!("{}: cannot create the folder", folder.display()))?;
    }
    write_atomic(&args.out, |w| match args.format {
        Format::Svg => newsgraph::export::svg::write(&graph, &positions, &caption, w),
        Format::Html => newsgraph::export::html::write(&graph, &positions, &caption, w),
    })?;
    eprintln!("wrote {} ({} nodes, {} edges)", args.out.display(), graph.graph.node_count(), graph.graph.edge_count());
    Ok(READ_ALL)
}

/// What a diagram shows: documents, dates, filters, and how to read it.
fn caption(graph: &CorpusGraph, filters: &[String]) -> String {
    let dates: Vec<&str> = graph.documents.iter().filter_map(|d| d.date.as_deref()).collect();
    let range = match (dates.iter().min(), dates.iter().max()) {
        (Some(a), Some(b)) if a == b => format!(", published {a}"),
        (Some(a), Some(b)) => format!(", published {a} to {b}"),
        _ => String::new(),
    };
    let filters = if filters.is_empty() { String::new() } else { format!("; filters: {}", filters.join(" ")) };
    format!(
        "{} documents{range}; {} entities, {} edges{filters}. Colour: entity type; size: mentions; dashed arrows: visits.",
        graph.documents.len(),
        graph.graph.node_count(),
        graph.graph.edge_count()
    )
}

/// A progress bar on stderr for `total` bytes of `what`, for runs long
/// enough to want one (over a few megabytes), shown only where stderr is a
/// terminal and not with --quiet.
fn progress_bar(total: u64, what: &str, quiet: bool) -> indicatif::ProgressBar {
    if quiet || total < 16 << 20 || !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total);
    let style = indicatif::ProgressStyle::with_template(&format!(
        "{{bar:40}} {{bytes}}/{{total_bytes}} {what} {{binary_bytes_per_sec}} ETA {{eta}}"
    ));
    if let Ok(style) = style {
        bar.set_style(style);
    }
    bar
}

/// What a run did, for stderr and `--report`.
#[derive(Serialize)]
struct RunReport {
    documents_read: usize,
    files_skipped: Vec<newsgraph::load::Skip>,
    other_files: usize,
    warnings: Vec<String>,
    nodes: BTreeMap<&'static str, usize>,
    edges: BTreeMap<&'static str, usize>,
    filters: FilterReport,
    characters_sanitised: usize,
    written: Vec<PathBuf>,
    seconds: f64,
}

impl RunReport {
    fn new(
        graph: &CorpusGraph,
        loading: newsgraph::LoadReport,
        filters: FilterReport,
        written: Vec<PathBuf>,
        started: Instant,
    ) -> RunReport {
        let nodes = EntityType::ALL
            .iter()
            .map(|&t| (t.as_str(), graph.nodes().filter(|n| n.entity_type == t).count()))
            .collect();
        let edges = [RelationKind::CoOccurrence, RelationKind::Visit]
            .iter()
            .map(|&k| (k.as_str(), graph.edges().filter(|(_, _, e)| e.kind == k).count()))
            .collect();
        RunReport {
            documents_read: loading.documents_read,
            files_skipped: loading.skipped,
            other_files: loading.other_files,
            warnings: loading.warnings,
            nodes,
            edges,
            filters,
            characters_sanitised: newsgraph::export::unsafe_characters(graph),
            written,
            seconds: (started.elapsed().as_secs_f64() * 100.0).round() / 100.0,
        }
    }

    /// Skipped files and warnings always, the rest unless `quiet`.
    fn print(&self, quiet: bool) {
        for skip in &self.files_skipped {
            eprintln!("newsgraph: {skip}");
        }
        for warning in &self.warnings {
            eprintln!("newsgraph: {warning}");
        }
        if quiet {
            return;
        }
        let n = |k: &str| self.nodes.get(k).copied().unwrap_or(0);
        let e = |k: &str| self.edges.get(k).copied().unwrap_or(0);
        eprintln!(
            "read {} documents: {} officials, {} companies, {} towns, {} events; {} co-occurrence and {} visit edges ({:.2}s)",
            self.documents_read,
            n("official"),
            n("company"),
            n("town"),
            n("event"),
            e("co_occurrence"),
            e("visit"),
            self.seconds
        );
        if !self.files_skipped.is_empty() || self.other_files > 0 {
            eprintln!(
                "skipped {} files that could not be read, passed over {} files of other kinds",
                self.files_skipped.len(),
                self.other_files
            );
        }
        for r in self.filters.removed.iter().filter(|r| r.nodes + r.edges > 0) {
            eprintln!("filter {}: removed {} nodes and {} edges", r.step, r.nodes, r.edges);
        }
        if self.characters_sanitised > 0 {
            eprintln!("dropped {} characters that XML cannot carry", self.characters_sanitised);
        }
        for path in &self.written {
            eprintln!("wrote {}", path.display());
        }
        if self.nodes.values().sum::<usize>() == 0 {
            eprintln!(
                "no entities found: are the articles Chinese news text in UTF-8? `newsgraph explain FILE` shows why"
            );
        }
    }
}

fn explain(files: &[PathBuf], corpus: Option<&Path>, places: Option<&Path>) -> Result<u8> {
    let extractor = extractor(places)?;
    let inputs: Vec<PathBuf> = corpus.map_or_else(|| files.to_vec(), |c| vec![c.to_path_buf()]);
    let mut corpus = Corpus::open(&inputs)?;
    let folders: Vec<PathBuf> = files.iter().filter_map(|f| f.parent().map(Path::to_path_buf)).collect();
    corpus.manifest.extend(newsgraph::manifest_of(&folders)?);
    let one_thread = newsgraph::Options { jobs: 1, ..Default::default() };
    let lookup = Lookup::new(&extractor, newsgraph::survey(&corpus, &extractor, &one_thread, &mut |_| {}));
    let (read, manifest) = (one_thread.read, &corpus.manifest);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut status = READ_ALL;
    for source in newsgraph::load::discover(files)?.sources {
        match newsgraph::load::read(&source, &read) {
            Ok(docs) => {
                for doc in docs {
                    newsgraph::explain::explain(&extractor, &doc, manifest.date_of_document(&doc), &lookup, &mut out)?;
                    writeln!(out)?;
                }
            }
            Err(skip) => {
                eprintln!("newsgraph: {skip}");
                status = SOME_SKIPPED;
            }
        }
    }
    out.flush()?;
    Ok(status)
}

/// The extractor, with the user's places added to the gazetteer.
fn extractor(places: Option<&Path>) -> Result<Extractor> {
    let mut gazetteer = Gazetteer::built_in();
    if let Some(path) = places {
        let text = fs::read_to_string(path).with_context(|| format!("{}", path.display()))?;
        gazetteer.add_user_entries(&text).with_context(|| format!("{}", path.display()))?;
    }
    Ok(Extractor::with_gazetteer(gazetteer))
}

/// The corpus folder's name, or `newsgraph` when there is none to take.
fn default_name(corpus: &[PathBuf]) -> String {
    corpus
        .first()
        .and_then(|p| p.canonicalize().ok())
        .and_then(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "newsgraph".to_string())
}

/// Refuses to write `out` inside a folder of `corpus`: a shard there would
/// be read as articles by the jobs that start after it is written.
fn refuse_inside(out: &Path, corpus: &[PathBuf]) -> Result<()> {
    let folder = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let (Ok(folder), false) = (folder.canonicalize(), out.as_os_str() == "-") else { return Ok(()) };
    for input in corpus.iter().filter(|p| p.is_dir()) {
        if input.canonicalize().is_ok_and(|c| folder.starts_with(&c)) {
            anyhow::bail!(
                "{}: inside the corpus {}, where it would be read as articles",
                out.display(),
                input.display()
            );
        }
    }
    Ok(())
}

/// Writes to `path` through a staged file, or to standard output for `-`.
fn write_to<T>(path: &Path, write: impl FnOnce(&mut dyn Write) -> std::io::Result<T>) -> Result<T> {
    if path.as_os_str() == "-" {
        let mut out = BufWriter::new(std::io::stdout().lock());
        let done = write(&mut out)?;
        out.flush()?;
        return Ok(done);
    }
    let mut staged = Staged::create(path)?;
    let done = write(&mut staged.writer).with_context(|| format!("{}: cannot write", path.display()))?;
    staged.commit()?;
    Ok(done)
}

fn write_atomic(path: &Path, write: impl FnOnce(&mut BufWriter<fs::File>) -> std::io::Result<()>) -> Result<()> {
    let mut staged = Staged::create(path)?;
    write(&mut staged.writer).with_context(|| format!("{}: cannot write", path.display()))?;
    staged.commit()
}

/// A file being written under a temporary name beside its final one; it
/// replaces the final file on [`Staged::commit`] and is removed if dropped
/// before, so an interrupted run leaves the previous output intact.
struct Staged {
    path: PathBuf,
    tmp: PathBuf,
    writer: BufWriter<fs::File>,
    committed: bool,
}

impl Staged {
    fn create(path: &Path) -> Result<Staged> {
        let mut tmp = path.as_os_str().to_owned();
        tmp.push(".tmp");
        let tmp = PathBuf::from(tmp);
        let file = fs::File::create(&tmp).with_context(|| format!("{}: cannot write", tmp.display()))?;
        Ok(Staged { path: path.to_path_buf(), tmp, writer: BufWriter::new(file), committed: false })
    }

    fn commit(mut self) -> Result<()> {
        let done = (|| -> std::io::Result<()> {
            self.writer.flush()?;
            self.writer.get_ref().sync_all()?;
            fs::rename(&self.tmp, &self.path)
        })();
        self.committed = done.is_ok();
        done.with_context(|| format!("{}: cannot write", self.path.display()))
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_file(&self.tmp);
        }
    }
}
