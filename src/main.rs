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
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
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
            let mut gazetteer = Gazetteer::built_in();
            if let Some(path) = &places {
                let text = fs::read_to_string(path).with_context(|| format!("{}", path.display()))?;
                gazetteer
                    .add_user_entries(&text)
                    .with_context(|| format!("{}", path.display()))?;
            }
            let extractor = Extractor::with_gazetteer(gazetteer);
            let graph = newsgraph::build(&corpus, &extractor)?;
            let name = name.unwrap_or_else(|| default_name(&corpus));
            let written = write_outputs(&graph, &name, &out)?;
            if !quiet {
                summary(&graph, &written, started);
            }
            Ok(())
        }
    }
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
    fs::create_dir_all(out).with_context(|| format!("{}: cannot create the output folder", out.display()))?;
    let graphml = out.join(format!("{name}.graphml"));
    write_atomic(&graphml, |w| newsgraph::export::graphml::write(graph, w))?;
    let json = out.join(format!("{name}.json"));
    write_atomic(&json, |w| newsgraph::export::json::write(graph, name, w))?;
    Ok(vec![graphml, json])
}

fn write_atomic(path: &Path, write: impl FnOnce(&mut BufWriter<fs::File>) -> std::io::Result<()>) -> Result<()> {
    let tmp = path.with_extension("tmp");
    let result = (|| -> std::io::Result<()> {
        let mut w = BufWriter::new(fs::File::create(&tmp)?);
        write(&mut w)?;
        w.flush()?;
        w.get_ref().sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.with_context(|| format!("{}: cannot write", path.display()))
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
