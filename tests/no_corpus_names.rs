//! The extraction rules must generalise: no official, company or event named
//! in the sample corpus's gold annotation may appear in the library code
//! (outside its tests, which may quote corpus sentences) or its lexicons.

use std::fs;
use std::path::Path;

use serde_json::Value;

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs" || e == "txt") {
            out.push(path);
        }
    }
}

#[test]
fn no_corpus_name_in_the_rules() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let gold = root.join("../shared/eval/gold/seeds.json");
    let gold: Value =
        serde_json::from_str(&fs::read_to_string(&gold).expect("../shared/eval beside the repository")).unwrap();
    let mut names: Vec<String> = Vec::new();
    for e in gold["entities"].as_array().unwrap() {
        if ["official", "company", "event"].contains(&e["type"].as_str().unwrap()) {
            names.push(e["name"].as_str().unwrap().to_string());
            names.extend(e["aliases"].as_array().into_iter().flatten().map(|a| a.as_str().unwrap().to_string()));
        }
    }
    names.retain(|n| n.chars().count() >= 2);
    let mut paths = Vec::new();
    files(&root.join("src"), &mut paths);
    let mut found = Vec::new();
    for path in paths {
        let text = fs::read_to_string(&path).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for name in &names {
            if code.contains(name.as_str()) {
                found.push(format!("{}: {name}", path.strip_prefix(root).unwrap().display()));
            }
        }
    }
    assert!(found.is_empty(), "corpus names in the rules:\n{}", found.join("\n"));
}
