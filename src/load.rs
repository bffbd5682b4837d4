//! Stage 1, *load*: find the articles and read them.
//!
//! Takes the paths the user named (folders are walked recursively for `.txt`
//! files, single files are taken as they are) and returns them as
//! [`Source`]s sorted by document id, so every later stage sees the same
//! order on every machine. [`read`] turns one source into a [`Document`]
//! holding the original text; nothing is rewritten here.
//!
//! A folder may hold a `manifest.json` giving each article's publication date
//! (`{"documents": [{"doc": "a.txt", "date": "2024-11"}]}`); see [`Manifest`].

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::date::PubDate;

/// Why loading failed; every variant names the path it is about.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: not UTF-8 text (invalid byte at offset {offset})")]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{path}: no such file or folder")]
    Missing { path: PathBuf },
    #[error("{path}: manifest does not parse: {message}")]
    Manifest { path: PathBuf, message: String },
}

/// An article file to read, with the id it is known by in the graph.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Source {
    /// The path relative to the folder it was found in (`/` separated), or the
    /// file name for a file named directly.
    pub id: String,
    pub path: PathBuf,
}

/// One article as read from disk.
#[derive(Debug, Clone)]
pub struct Document {
    pub id: String,
    pub text: String,
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
}

/// Lists the articles under `inputs`, sorted by id. Folders are walked
/// recursively for `.txt` files; a file named directly is taken whatever its
/// extension.
pub fn discover(inputs: &[PathBuf]) -> Result<Vec<Source>, LoadError> {
    let mut sources = Vec::new();
    for input in inputs {
        if input.is_dir() {
            walk(input, input, &mut sources)?;
        } else if input.is_file() {
            let id = input
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| input.display().to_string());
            sources.push(Source { id, path: input.clone() });
        } else {
            return Err(LoadError::Missing { path: input.clone() });
        }
    }
    sources.sort();
    sources.dedup();
    Ok(sources)
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<Source>) -> Result<(), LoadError> {
    let entries = fs::read_dir(dir).map_err(|source| LoadError::Io { path: dir.to_path_buf(), source })?;
    for entry in entries {
        let entry = entry.map_err(|source| LoadError::Io { path: dir.to_path_buf(), source })?;
        let path = entry.path();
        if path.is_dir() {
            walk(root, &path, out)?;
        } else if path.extension().is_some_and(|e| e == "txt") {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let id = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            out.push(Source { id, path });
        }
    }
    Ok(())
}

/// Reads one article as UTF-8 (a leading byte-order mark is dropped).
pub fn read(source: &Source) -> Result<Document, LoadError> {
    let bytes = fs::read(&source.path).map_err(|e| LoadError::Io { path: source.path.clone(), source: e })?;
    let text = String::from_utf8(bytes)
        .map_err(|e| LoadError::NotUtf8 { path: source.path.clone(), offset: e.utf8_error().valid_up_to() })?;
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    Ok(Document { id: source.id.clone(), text })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_parses_year_month() {
        let m = Manifest::parse(r#"{"documents":[{"doc":"a.txt","date":"2024-11"}]}"#).unwrap();
        assert_eq!(m.date_of("a.txt"), PubDate::parse("2024-11"));
        assert_eq!(m.date_of("b.txt"), None);
    }

    #[test]
    fn manifest_rejects_bad_date_naming_the_document() {
        let err = Manifest::parse(r#"{"documents":[{"doc":"a.txt","date":"Nov 2024"}]}"#).unwrap_err();
        assert!(err.contains("a.txt"), "{err}");
    }

    #[test]
    fn discover_walks_folders_and_sorts() {
        let dir = std::env::temp_dir().join(format!("newsgraph-load-{}", std::process::id()));
        fs::create_dir_all(dir.join("sub")).unwrap();
        fs::write(dir.join("b.txt"), "乙").unwrap();
        fs::write(dir.join("sub/a.txt"), "甲").unwrap();
        fs::write(dir.join("notes.md"), "x").unwrap();
        let ids: Vec<String> = discover(std::slice::from_ref(&dir)).unwrap().into_iter().map(|s| s.id).collect();
        assert_eq!(ids, ["b.txt", "sub/a.txt"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn read_rejects_non_utf8_naming_the_file() {
        let path = std::env::temp_dir().join(format!("newsgraph-gbk-{}.txt", std::process::id()));
        fs::write(&path, [0xc4, 0xe3, 0xba, 0xc3]).unwrap();
        let err = read(&Source { id: "x".into(), path: path.clone() }).unwrap_err();
        assert!(err.to_string().contains(&path.display().to_string()));
        fs::remove_file(&path).unwrap();
    }

    #[test]
    fn missing_input_is_an_error() {
        let err = discover(&[PathBuf::from("/no/such/corpus")]).unwrap_err();
        assert!(matches!(err, LoadError::Missing { .. }));
    }
}
