//! Turning the paths on the command line into the files to lint, each with its config.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ignore::WalkBuilder;

use crate::config::{Config, ConfigProblem, Configs};
use crate::error::Error;
use crate::lang::Text;

/// A file to lint and the config that governs it.
pub struct Target {
    pub path: PathBuf,
    pub config: Arc<Config>,
}

/// Expands `paths` in order: a file is linted unless its config excludes it; a directory is
/// walked in name order, skipping hidden entries and what `.gitignore` files ignore, and
/// yields the files its configs include.
/// Problems (missing paths, unreadable directories, broken configs) are pushed to `errors`
/// and the walk goes on.
pub fn targets(paths: &[PathBuf], configs: &mut Configs, errors: &mut Vec<Error>) -> Vec<Target> {
    // A file named twice, or by its folder and by itself, is linted once. One path alone
    // names each of its files once (a walk visits each once): its files are not kept in the
    // set, whose hashing of every path took two thousand instructions a file.
    let mut seen = Seen {
        paths: HashSet::new(),
        all_new: paths.len() == 1,
    };
    let mut targets = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk_dir(path, configs, errors, &mut |target| {
                if seen.is_new(&target.path) {
                    targets.push(target);
                }
            });
        } else if path.exists() {
            if let Some(config) = config_for(path, configs, errors) {
                if !config.excludes(path) && seen.is_new(path) {
                    targets.push(Target {
                        path: path.clone(),
                        config,
                    });
                }
            }
        } else {
            errors.push(Error::file(
                path.display().to_string(),
                Text::new("找不到该文件或目录", "no such file or directory"),
            ));
        }
    }
    targets
}

/// The files found so far.
struct Seen {
    paths: HashSet<PathBuf>,
    /// Every file is new: the files come from one path.
    all_new: bool,
}

impl Seen {
    /// Whether `path` is found for the first time.
    fn is_new(&mut self, path: &Path) -> bool {
        self.all_new || self.paths.insert(path.to_path_buf())
    }
}

fn walk_dir(
    root: &Path,
    configs: &mut Configs,
    errors: &mut Vec<Error>,
    push: &mut dyn FnMut(Target),
) {
    // `.gitignore` (and `.ignore`) files are honoured even outside a git repository: a
    // folder of drafts says what is not a document the same way a code repository does.
    let walker = WalkBuilder::new(root)
        .hidden(true)
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                errors.push(walk_error(root, &e));
                continue;
            }
        };
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let path = entry.into_path();
        if let Some(config) = config_for(&path, configs, errors) {
            if config.includes(&path) && !config.excludes(&path) {
                push(Target { path, config });
            }
        }
    }
}

/// A walk problem (an unreadable folder, a symlink loop) as an error naming the path.
fn walk_error(root: &Path, error: &ignore::Error) -> Error {
    let path = match error {
        ignore::Error::WithPath { path, .. } => path.clone(),
        ignore::Error::WithDepth { err, .. } => match err.as_ref() {
            ignore::Error::WithPath { path, .. } => path.clone(),
            _ => root.to_path_buf(),
        },
        ignore::Error::Loop { child, .. } => child.clone(),
        _ => root.to_path_buf(),
    };
    let reason = match error.io_error() {
        Some(io) => Text::io(io),
        None => Text::new(format!("无法遍历：{error}"), error.to_string()),
    };
    Error::file(path.display().to_string(), reason)
}

fn config_for(path: &Path, configs: &mut Configs, errors: &mut Vec<Error>) -> Option<Arc<Config>> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match configs.for_dir(dir) {
        Ok(config) => Some(config),
        Err(ConfigProblem::Invalid(e)) => {
            errors.push(e.into());
            None
        }
        Err(ConfigProblem::AlreadyReported) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The files `paths` name, each as many times as it is linted.
    fn linted(paths: &[PathBuf], root: &Path) -> Vec<String> {
        let mut configs = Configs::new(None, root);
        let mut errors = Vec::new();
        let found = targets(paths, &mut configs, &mut errors);
        assert!(errors.is_empty());
        found
            .iter()
            .map(|t| t.path.strip_prefix(root).unwrap().display().to_string())
            .collect()
    }

    #[test]
    fn a_file_named_twice_or_by_its_folder_too_is_linted_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("sub")).unwrap();
        std::fs::write(root.join("a.txt"), "加强领导。").unwrap();
        std::fs::write(root.join("sub/b.txt"), "压实责任。").unwrap();
        let (a, sub) = (root.join("a.txt"), root.join("sub"));
        assert_eq!(linted(&[root.to_path_buf()], root), ["a.txt", "sub/b.txt"]);
        assert_eq!(linted(std::slice::from_ref(&a), root), ["a.txt"]);
        assert_eq!(linted(&[a.clone(), a.clone()], root), ["a.txt"]);
        assert_eq!(
            linted(&[sub.clone(), root.to_path_buf(), a], root),
            ["sub/b.txt", "a.txt"]
        );
    }
}
