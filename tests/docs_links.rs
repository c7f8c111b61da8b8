//! Every relative link in README.md, BENCHMARKS.md and docs/*.md points at a file or
//! folder of the repository, and every `#anchor` into a Markdown file names one of its
//! headings. Written by hand: a link checker crate would pull in an HTTP client and
//! a Markdown parser for what is a scan of `](target)` pairs.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The Markdown files whose links are checked.
fn documents() -> Vec<PathBuf> {
    let mut files = vec![root().join("README.md"), root().join("BENCHMARKS.md")];
    let docs = root().join("docs");
    if let Ok(entries) = std::fs::read_dir(&docs) {
        let mut found: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect();
        found.sort();
        files.extend(found);
    }
    files
}

/// The text outside fenced code blocks (links inside code are examples, not links).
fn prose(text: &str) -> String {
    let mut out = String::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if !fenced {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Targets of inline links `[text](target)` and images `![alt](target)`, with inline
/// code spans removed first.
fn link_targets(text: &str) -> Vec<String> {
    let mut without_code = String::new();
    let mut in_code = false;
    for c in prose(text).chars() {
        if c == '`' {
            in_code = !in_code;
        } else if !in_code {
            without_code.push(c);
        }
    }
    let mut targets = Vec::new();
    let mut rest = without_code.as_str();
    while let Some(at) = rest.find("](") {
        let after = &rest[at + 2..];
        let Some(end) = after.find(')') else { break };
        let target = after[..end].split_whitespace().next().unwrap_or("");
        targets.push(target.trim_matches(|c| c == '<' || c == '>').to_owned());
        rest = &after[end..];
    }
    targets
}

/// GitHub's heading anchors: lower case, spaces to `-`, punctuation dropped.
fn anchors(markdown: &str) -> BTreeSet<String> {
    prose(markdown)
        .lines()
        .filter(|l| l.starts_with('#'))
        .map(|l| {
            l.trim_start_matches('#')
                .trim()
                .to_lowercase()
                .chars()
                .filter_map(|c| match c {
                    ' ' => Some('-'),
                    c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
                    _ => None,
                })
                .collect()
        })
        .collect()
}

fn is_external(target: &str) -> bool {
    target.contains("://") || target.starts_with("mailto:")
}

fn check(doc: &Path, target: &str) -> Result<(), String> {
    let (file, anchor) = match target.split_once('#') {
        Some((f, a)) => (f, Some(a)),
        None => (target, None),
    };
    let resolved = if file.is_empty() {
        doc.to_path_buf()
    } else {
        doc.parent().unwrap().join(file)
    };
    if !resolved.exists() {
        return Err(format!("{target}: {} does not exist", resolved.display()));
    }
    if let Some(anchor) = anchor {
        if resolved.extension().is_some_and(|x| x == "md") {
            let text = std::fs::read_to_string(&resolved).unwrap();
            if !anchors(&text).contains(anchor) {
                return Err(format!(
                    "{target}: no heading #{anchor} in {}",
                    resolved.display()
                ));
            }
        }
    }
    Ok(())
}

#[test]
fn every_relative_link_resolves() {
    let mut broken = Vec::new();
    let mut checked = 0;
    for doc in documents() {
        let text = std::fs::read_to_string(&doc).unwrap();
        for target in link_targets(&text) {
            if target.is_empty() || is_external(&target) {
                continue;
            }
            checked += 1;
            if let Err(e) = check(&doc, &target) {
                broken.push(format!(
                    "{}: {e}",
                    doc.strip_prefix(root()).unwrap().display()
                ));
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    assert!(
        checked >= 10,
        "only {checked} relative links found: is the scan broken?"
    );
}

#[test]
fn the_scan_finds_links_and_anchors() {
    let text = "See [a](docs/a.md#why-use-it) and `[not](a link)`.\n```\n[x](in-code.md)\n```\n![img](pic.png \"t\")";
    assert_eq!(link_targets(text), vec!["docs/a.md#why-use-it", "pic.png"]);
    let headings = anchors("# Why use it?\n## Deploy: a checklist\n```\n# not a heading\n```\n");
    assert!(headings.contains("why-use-it"));
    assert!(headings.contains("deploy-a-checklist"));
    assert!(!headings.contains("not-a-heading"));
    assert!(check(&root().join("README.md"), "docs/no-such-file.md").is_err());
    assert!(check(&root().join("README.md"), "Cargo.toml").is_ok());
}
