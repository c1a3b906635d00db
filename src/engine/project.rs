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
    /// The folder of the file last named, as it was written, with the config it was named
    /// under, and the folder's name: the files of a folder come one after another in a walk,
    /// and each made its folder absolute, found its root and took the root off again, about
    /// eight thousand instructions a file.
    last_folder: Option<(PathBuf, Option<PathBuf>, String)>,
}

impl ProjectPaths {
    pub fn new(cwd: PathBuf) -> ProjectPaths {
        ProjectPaths {
            cwd,
            git_roots: HashMap::new(),
            last_folder: None,
        }
    }

    /// `path` relative to its project's root, with `/` between folders.
    pub fn name(&mut self, path: &Path, config: &Config) -> String {
        // A file's name is its folder's and its own: `lexically_absolute` folds the folder's
        // `..` before it reaches the file's name, and the root, a folder at or above the
        // file's or another, is never the file itself.
        let (Some(folder), Some(Component::Normal(file))) =
            (path.parent(), path.components().next_back())
        else {
            let absolute = lexically_absolute(&self.cwd, path);
            let folder = absolute.parent().unwrap_or(Path::new("/")).to_path_buf();
            return self.relative(&absolute, &folder, config);
        };
        let file = file.to_string_lossy();
        if let Some((asked, under, name)) = &self.last_folder {
            if asked == folder && under.as_deref() == config.path.as_deref() {
                return join_name(name, &file);
            }
        }
        let absolute = lexically_absolute(&self.cwd, folder);
        let name = self.relative(&absolute, &absolute, config);
        let joined = join_name(&name, &file);
        self.last_folder = Some((folder.to_path_buf(), config.path.clone(), name));
        joined
    }

    /// `absolute` relative to the root of the project `folder` is in, with `/` between
    /// folders.
    fn relative(&mut self, absolute: &Path, folder: &Path, config: &Config) -> String {
        let root = match self.git_root(folder) {
            Some(root) => root,
            None => config.path.as_deref().and_then(Path::parent).map_or_else(
                || self.cwd.clone(),
                |dir| lexically_absolute(&self.cwd, dir),
            ),
        };
        let relative = absolute.strip_prefix(&root).unwrap_or(absolute);
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

/// A folder's name and a file's in it.
fn join_name(folder: &str, file: &str) -> String {
    if folder.is_empty() {
        file.to_string()
    } else {
        format!("{folder}/{file}")
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
    fn files_named_one_after_another_are_named_as_each_alone() {
        let top = tempfile::tempdir().unwrap();
        let repo = top.path().join("repo");
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        std::fs::create_dir_all(repo.join("docs/old")).unwrap();
        std::fs::create_dir_all(top.path().join("loose/sub")).unwrap();
        let defaults = Config::defaults(top.path());
        let governed = Config::parse(&top.path().join("loose/wenlint.toml"), "").unwrap();
        let named = [
            ("repo/a.txt", &defaults, "a.txt"),
            ("repo/b.txt", &defaults, "b.txt"),
            ("repo/docs/d.txt", &defaults, "docs/d.txt"),
            ("repo/docs/old/../e.txt", &defaults, "docs/e.txt"),
            ("repo/docs/old/f.txt", &defaults, "docs/old/f.txt"),
            ("loose/sub/g.txt", &defaults, "loose/sub/g.txt"),
            ("loose/sub/g.txt", &governed, "sub/g.txt"),
            ("loose/sub/h.txt", &governed, "sub/h.txt"),
            ("loose/sub/h.txt", &defaults, "loose/sub/h.txt"),
            ("repo/a.txt", &defaults, "a.txt"),
            ("c.txt", &defaults, "c.txt"),
        ];
        let mut paths = ProjectPaths::new(top.path().to_path_buf());
        for (path, config, expected) in named {
            let alone = ProjectPaths::new(top.path().to_path_buf()).name(Path::new(path), config);
            assert_eq!(alone, expected, "{path}");
            assert_eq!(paths.name(Path::new(path), config), expected, "{path}");
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
