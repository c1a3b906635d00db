//! Turning the paths on the command line into the files to lint, each with its config.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use walkdir::WalkDir;

use crate::config::{Config, ConfigProblem, Configs};
use crate::error::Error;

/// A file to lint and the config that governs it.
pub struct Target {
    pub path: PathBuf,
    pub config: Arc<Config>,
}

/// Expands `paths` in order: a file is linted unless its config excludes it; a directory is
/// walked in name order, skipping hidden entries, and yields the files its configs include.
/// Problems (missing paths, unreadable directories, broken configs) are pushed to `errors`
/// and the walk goes on.
pub fn targets(paths: &[PathBuf], configs: &mut Configs, errors: &mut Vec<Error>) -> Vec<Target> {
    let mut seen = HashSet::new();
    let mut targets = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk_dir(path, configs, errors, &mut |target| {
                if seen.insert(target.path.clone()) {
                    targets.push(target);
                }
            });
        } else if path.exists() {
            if let Some(config) = config_for(path, configs, errors) {
                if !config.excludes(path) && seen.insert(path.clone()) {
                    targets.push(Target {
                        path: path.clone(),
                        config,
                    });
                }
            }
        } else {
            errors.push(Error::file(
                path.display().to_string(),
                "no such file or directory",
            ));
        }
    }
    targets
}

fn walk_dir(
    root: &Path,
    configs: &mut Configs,
    errors: &mut Vec<Error>,
    push: &mut dyn FnMut(Target),
) {
    let walker = WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let shown = e.path().unwrap_or(root).display().to_string();
                let reason = e
                    .io_error()
                    .map_or_else(|| e.to_string(), |io| format!("cannot be read: {io}"));
                errors.push(Error::file(shown, reason));
                continue;
            }
        };
        if !entry.file_type().is_file() {
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

/// Dot-files and dot-directories (`.git`, `.venv`) are not documents.
fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|n| n.starts_with('.') && n != "." && n != "..")
}
