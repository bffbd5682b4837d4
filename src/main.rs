//! The `newsgraph` command line: argument parsing, messages and exit codes
//! around the library.

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

use newsgraph::extract::gazetteer::Gazetteer;
use newsgraph::extract::{EntityType, Extractor};
use newsgraph::graph::CorpusGraph;
use newsgraph::relate::RelationKind;

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
    /// Read a folder of articles and write the graph as GraphML and JSON.
    Build {
        /// Folders (searched recursively for .txt files) or files to read.
        #[arg(default_value = "corpus")]
        corpus: Vec<PathBuf>,
        /// Folder to write the graph files into.
        #[arg(long, default_value = "graphs")]
        out: PathBuf,
        /// Base name of the files written (default: the corpus folder's name).
        #[arg(long)]
        name: Option<String>,
        /// Extra places, one a line: `name` or `name<TAB>parent name`.
        #[arg(long)]
        places: Option<PathBuf>,
        /// Print nothing but errors.
        #[arg(long, short)]
        quiet: bool,
    },
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
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (newsgraph explain … | head) ends the run quietly.
        Err(e)
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("newsgraph: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Build {
            corpus,
            out,
            name,
            places,
            quiet,
        } => {
            let started = Instant::now();
            let extractor = extractor(places.as_deref())?;
            let name = name.unwrap_or_else(|| default_name(&corpus));
            // Check the corpus before creating anything in --out.
            newsgraph::load::discover(&corpus)?;
            fs::create_dir_all(&out).with_context(|| format!("{}: cannot create the output folder", out.display()))?;
            let mentions_path = out.join(format!("{name}.mentions.jsonl"));
            let mut mentions = Staged::create(&mentions_path)?;
            let graph = newsgraph::build(&corpus, &extractor, &mut |doc, result| {
                newsgraph::export::mentions::write(result, &doc.text, &mut mentions.writer)
            })?;
            let mut written = write_outputs(&graph, &name, &out)?;
            mentions.commit()?;
            written.push(mentions_path);
            if !quiet {
                summary(&graph, &written, started);
            }
            Ok(())
        }
        Command::Explain { files, corpus, places } => explain(&files, corpus.as_deref(), places.as_deref()),
    }
}

fn explain(files: &[PathBuf], corpus: Option<&Path>, places: Option<&Path>) -> Result<()> {
    let extractor = extractor(places)?;
    let inputs: Vec<PathBuf> = corpus.map_or_else(|| files.to_vec(), |c| vec![c.to_path_buf()]);
    let sources = newsgraph::load::discover(&inputs)?;
    let mut manifest = newsgraph::manifest_of(&inputs)?;
    let folders: Vec<PathBuf> = files.iter().filter_map(|f| f.parent().map(Path::to_path_buf)).collect();
    manifest.extend(newsgraph::manifest_of(&folders)?);
    let known = newsgraph::survey(&extractor, &sources, &manifest)?;
    let aliases = newsgraph::extract::company::Aliases::new(&extractor, &known.companies);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for source in newsgraph::load::discover(files)? {
        let doc = newsgraph::load::read(&source)?;
        newsgraph::explain::explain(&extractor, &doc, manifest.date_of(&doc.id), &known, &aliases, &mut out)?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(())
}

/// The extractor, with the user's places added to the gazetteer.
fn extractor(places: Option<&Path>) -> Result<Extractor> {
    let mut gazetteer = Gazetteer::built_in();
    if let Some(path) = places {
        let text = fs::read_to_string(path).with_context(|| format!("{}", path.display()))?;
        gazetteer
            .add_user_entries(&text)
            .with_context(|| format!("{}", path.display()))?;
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

/// Writes `<name>.graphml` and `<name>.json` into `out`, each through a
/// temporary file renamed into place, so a failed run leaves the old ones.
fn write_outputs(graph: &CorpusGraph, name: &str, out: &Path) -> Result<Vec<PathBuf>> {
    let graphml = out.join(format!("{name}.graphml"));
    write_atomic(&graphml, |w| newsgraph::export::graphml::write(graph, w))?;
    let json = out.join(format!("{name}.json"));
    write_atomic(&json, |w| newsgraph::export::json::write(graph, name, w))?;
    Ok(vec![graphml, json])
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
        Ok(Staged {
            path: path.to_path_buf(),
            tmp,
            writer: BufWriter::new(file),
            committed: false,
        })
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

fn summary(graph: &CorpusGraph, written: &[PathBuf], started: Instant) {
    let count = |t: EntityType| graph.nodes().filter(|n| n.entity_type == t).count();
    let edges = |k: RelationKind| graph.edges().filter(|(_, _, e)| e.kind == k).count();
    eprintln!(
        "read {} documents: {} officials, {} companies, {} towns, {} events; {} co-occurrence and {} visit edges ({:.2}s)",
        graph.documents.len(),
        count(EntityType::Official),
        count(EntityType::Company),
        count(EntityType::Town),
        count(EntityType::Event),
        edges(RelationKind::CoOccurrence),
        edges(RelationKind::Visit),
        started.elapsed().as_secs_f64()
    );
    for path in written {
        eprintln!("wrote {}", path.display());
    }
    if graph.graph.node_count() == 0 {
        eprintln!("no entities found: are the articles Chinese news text in UTF-8?");
    }
}
