//! Naming a file the same way however it was named on the command line: `d.txt`, `./d.txt`,
//! `/home/a/docs/d.txt` and `docs/d.txt` (run from the parent folder) are one file. Baselines
//! key their findings by this name, and GitHub attaches an annotation to a pull request only
//! when its path is relative to the repository's root, with no `./`.
//!
//! The project's root is the git repository holding the file; outside one, the folder of the
//! `wenlint.toml` that governs it; without either, the current directory.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use crate::config::{lexically_absolute, Config};

/// The roots found so far, by folder.
pub(crate) struct ProjectPaths {
    cwd: PathBuf,
    git_roots: HashMap<PathBuf, Option<PathBuf>>,
}

impl ProjectPaths {
    pub fn new(cwd: PathBuf) -> ProjectPaths {
        ProjectPaths {
            cwd,
            git_roots: HashMap::new(),
        }
    }

    /// `path` relative to its project's root, with `/` between folders.
    pub fn name(&mut self, path: &Path, config: &Config) -> String {
        let absolute = lexically_absolute(&self.cwd, path);
        let folder = absolute.parent().unwrap_or(Path::new("/")).to_path_buf();
        let root = match self.git_root(&folder) {
            Some(root) => root,
            None => config.path.as_deref().and_then(Path::parent).map_or_else(
                || self.cwd.clone(),
                |dir| lexically_absolute(&self.cwd, dir),
            ),
        };
        let relative = absolute.strip_prefix(&root).unwrap_or(&absolute);
        let parts: Vec<String> = relative
            .components()
            .filter_map(|c| match c {
                Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect();
        parts.join("/")
    }

    /// The git repository `folder` is in: the nearest folder at or above it with a `.git`.
    fn git_root(&mut self, folder: &Path) -> Option<PathBuf> {
        if let Some(found) = self.git_roots.get(folder) {
            return found.clone();
        }
        let found = if folder.join(".git").exists() {
            Some(folder.to_path_buf())
        } else {
            folder.parent().and_then(|parent| self.git_root(parent))
        };
        self.git_roots.insert(folder.to_path_buf(), found.clone());
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_of_a_path_has_one_name() {
        let project = tempfile::tempdir().unwrap();
        let docs = project.path().join("docs");
        std::fs::create_dir_all(project.path().join(".git")).unwrap();
        std::fs::create_dir_all(&docs).unwrap();
        let config = Config::defaults(project.path());
        for (cwd, spelling) in [
            (&docs, PathBuf::from("d.txt")),
            (&docs, PathBuf::from("./d.txt")),
            (&docs, docs.join("d.txt")),
            (&docs, PathBuf::from("../docs/./d.txt")),
            (&project.path().to_path_buf(), PathBuf::from("docs/d.txt")),
            (&project.path().to_path_buf(), PathBuf::from("./docs/d.txt")),
        ] {
            let mut paths = ProjectPaths::new(cwd.clone());
            assert_eq!(paths.name(&spelling, &config), "docs/d.txt", "{spelling:?}");
        }
    }

    #[test]
    fn outside_git_the_config_folder_is_the_root() {
        let project = tempfile::tempdir().unwrap();
        let config = Config::parse(&project.path().join("wenlint.toml"), "").unwrap();
        let mut paths = ProjectPaths::new(project.path().join("sub"));
        assert_eq!(paths.name(Path::new("./d.txt"), &config), "sub/d.txt");
    }
}
