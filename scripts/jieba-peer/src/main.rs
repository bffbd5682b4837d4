//! Tags every `.txt` file under a folder with jieba-rs (HMM on) on one
//! thread and prints `bytes seconds` of the tagging alone, for
//! `scripts/bench --peer`.

use std::path::{Path, PathBuf};
use std::time::Instant;

fn texts_under(folder: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(folder)? {
        let path = entry?.path();
        if path.is_dir() {
            texts_under(&path, out)?;
        } else if path.extension().is_some_and(|x| x == "txt") {
            out.push(path);
        }
    }
    Ok(())
}

fn main() -> std::io::Result<()> {
    let folder = std::env::args().nth(1).map(PathBuf::from).unwrap_or_else(|| PathBuf::from("."));
    let mut paths = Vec::new();
    texts_under(&folder, &mut paths)?;
    paths.sort();
    let jieba = jieba_rs::Jieba::new();
    let (mut bytes, mut tags, mut seconds) = (0usize, 0usize, 0f64);
    for path in paths {
        let text = std::fs::read_to_string(&path)?;
        let start = Instant::now();
        tags += jieba.tag(&text, true).len();
        seconds += start.elapsed().as_secs_f64();
        bytes += text.len();
    }
    eprintln!("{tags} tags");
    println!("{bytes} {seconds}");
    Ok(())
}
