//! Helpers for the end-to-end tests: run the binary in a fresh folder.
// Each test binary compiles this module and uses only some of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A new empty folder for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsgraph-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// Runs `newsgraph` with `args` in the repository root.
pub fn newsgraph(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("run newsgraph")
}

/// Builds the shipped corpus into `out`; panics with stderr if it fails.
pub fn build_corpus(out: &Path) {
    let o = newsgraph(&["build", "corpus", "--out", out.to_str().expect("utf-8 path"), "--quiet"]);
    assert!(
        o.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}
