//! The layer tables of ARCHITECTURE.md, enforced, for the engine (`crates/obsim/src`) and the
//! web app (`src/`): every `crate::…` / `super::…` path in a module's code (tests excluded) must name the module itself, one of its ancestors or
//! descendants, or a module its table row allows, directly or through the rows of those
//! modules (the table is read transitively: a module may use whatever what it uses may use).
//!
//! The tables are read from ARCHITECTURE.md itself, so the document and the check cannot drift.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// `| `a`, `b` | `c`, `d` |` rows of the table under the heading `heading`.
fn table(doc: &str, heading: &str) -> BTreeMap<String, Vec<String>> {
    let start = doc
        .find(heading)
        .unwrap_or_else(|| panic!("ARCHITECTURE.md has no {heading:?}"));
    let mut rows = BTreeMap::new();
    let names = |cell: &str| -> Vec<String> {
        cell.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    };
    for line in doc[start..].lines().skip(1) {
        let line = line.trim();
        if line.starts_with('#') {
            break;
        }
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() < 4 || cells[1].starts_with("---") || cells[1] == "module" {
            continue;
        }
        let uses = names(cells[2]);
        for m in names(cells[1]) {
            rows.insert(m, uses.clone());
        }
    }
    assert!(!rows.is_empty(), "no rows under {heading:?}");
    rows
}

/// The module path of a source file: `sql/exec.rs` → `sql::exec`, `restore/mod.rs` → `restore`.
fn module_of(root: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(root).unwrap_or(file).with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts.join("::")
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The code of a file without its tests (a `tests.rs` file or a `tests/` directory, or what
/// follows `#[cfg(test)]`)
/// and without comments.
fn code(file: &Path) -> String {
    let in_tests = file
        .components()
        .any(|c| c.as_os_str() == "tests" || c.as_os_str() == "tests.rs");
    if in_tests {
        return String::new();
    }
    let text = std::fs::read_to_string(file).unwrap_or_default();
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every module path the code names, resolved against `module` (`super::x` in `sql::exec` is
/// `sql::x`), cut to the longest module the table knows.
fn references(code: &str, module: &str, known: &BTreeSet<String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let bytes = code.as_bytes();
    for prefix in ["crate::", "super::"] {
        let mut at = 0;
        while let Some(i) = code[at..].find(prefix) {
            let start = at + i;
            at = start + prefix.len();
            if start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_') {
                continue;
            }
            // The path's words (lowercase: modules, not types or items).
            let rest = &code[at..];
            let words: Vec<&str> = rest
                .split("::")
                .map(|w| {
                    let end = w
                        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                        .unwrap_or(w.len());
                    &w[..end]
                })
                .take_while(|w| {
                    !w.is_empty()
                        && w.chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                })
                .collect();
            let mut path: Vec<String> = if prefix == "super::" {
                let mut base: Vec<String> = module.split("::").map(str::to_string).collect();
                base.pop();
                base
            } else {
                Vec::new()
            };
            path.extend(words.iter().map(|w| w.to_string()));
            // The longest known module that is a prefix of the path.
            let hit = (1..=path.len())
                .rev()
                .map(|n| path[..n].join("::"))
                .find(|p| known.contains(p));
            if let Some(m) = hit {
                out.insert(m);
            } else if let Some(first) = path.first() {
                out.insert(format!("?{first}"));
            }
        }
    }
    out
}

/// Whether `a` is `b`, or one is inside the other (`archive` and `archive::settings`).
fn related(a: &str, b: &str) -> bool {
    a == b || a.starts_with(&format!("{b}::")) || b.starts_with(&format!("{a}::"))
}

/// Everything `module` may use: its row, and what those may use, transitively.
fn closure(rows: &BTreeMap<String, Vec<String>>, module: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo: Vec<String> = rows.get(module).cloned().unwrap_or_default();
    while let Some(m) = todo.pop() {
        if seen.insert(m.clone()) {
            todo.extend(rows.get(&m).cloned().unwrap_or_default());
        }
    }
    seen
}

/// The violations of the `heading` table in the sources under `root`.
fn violations(heading: &str, root: &Path) -> Vec<String> {
    let doc = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ARCHITECTURE.md"),
    )
    .expect("ARCHITECTURE.md");
    let rows = table(&doc, heading);
    let known: BTreeSet<String> = rows.keys().cloned().collect();
    let mut files = Vec::new();
    sources(root, &mut files);
    files.sort();
    let mut bad = Vec::new();
    for file in &files {
        let module = module_of(root, file);
        if module == "lib" || module == "main" || module.starts_with("bin") {
            continue;
        }
        // The table row of this file: its own module, or the nearest ancestor listed.
        let Some(row) = (1..=module.split("::").count())
            .rev()
            .map(|n| module.split("::").take(n).collect::<Vec<_>>().join("::"))
            .find(|m| known.contains(m))
        else {
            bad.push(format!("{module}: not in the table"));
            continue;
        };
        let allowed = closure(&rows, &row);
        for target in references(&code(file), &module, &known) {
            if let Some(unknown) = target.strip_prefix('?') {
                bad.push(format!(
                    "{module} uses {unknown}, which the table does not list"
                ));
            } else if !related(&target, &row) && !allowed.contains(&target) {
                bad.push(format!("{module} uses {target}: not allowed for {row}"));
            }
        }
    }
    bad
}

#[test]
fn the_engine_keeps_to_its_layer_table() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let bad = violations("### Layers of `obsim`", &root);
    assert!(
        bad.is_empty(),
        "imports against ARCHITECTURE.md:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_web_app_keeps_to_its_layer_table() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src");
    let bad = violations("### Layers of the web app", &root);
    assert!(
        bad.is_empty(),
        "imports against ARCHITECTURE.md:\n{}",
        bad.join("\n")
    );
}
