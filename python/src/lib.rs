//! The extension module `wenlint._wenlint`: the engine of wenlint behind a small Python API.
//!
//! Results cross the boundary as the JSON of the command line's contract (`wenlint check
//! --format json`), which the Python package decodes: one format, already specified and
//! tested, rather than a second mapping of every field onto Python objects.

use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use wenlint::cross_file::{Fingerprints, Occurrence};
use wenlint::{CrossFile, OutputFormat, Settings, Source};

create_exception!(
    wenlint,
    WenlintError,
    PyValueError,
    "A document that cannot be read, or a config that is wrong; the message names the file."
);

/// A linter that keeps the configs it has read; every document is reported on its own.
#[pyclass(frozen, module = "wenlint._wenlint")]
struct Linter {
    /// The engine needs `&mut` to lint; the lock lets threads share one object while each
    /// call runs without the GIL.
    engine: Mutex<wenlint::Linter>,
}

#[pymethods]
impl Linter {
    /// `config` is the text of a `wenlint.toml`; `path` is a config file, or the directory
    /// whose config governs documents (the current directory by default).
    #[new]
    #[pyo3(signature = (config = None, path = None))]
    fn new(config: Option<String>, path: Option<PathBuf>) -> PyResult<Self> {
        let settings = settings(config, path)?;
        let mut engine = wenlint::Linter::new(settings).map_err(to_py)?;
        read_config(&mut engine).map_err(to_py)?;
        Ok(Linter {
            engine: Mutex::new(engine),
        })
    }

    /// The JSON report of `text` named `name`.
    fn check(&self, py: Python<'_>, text: String, name: String) -> PyResult<String> {
        self.detached(py, Source::text(name, text), report)
    }

    /// The JSON report of `data` (any encoding wenlint reads, or a Word file) named `name`.
    fn check_bytes(&self, py: Python<'_>, data: &[u8], name: String) -> PyResult<String> {
        self.detached(py, Source::bytes(name, data), report)
    }

    /// The JSON of what `duplicate/cross-file` compares of `data` named `name`.
    fn fingerprints(&self, py: Python<'_>, data: &[u8], name: String) -> PyResult<String> {
        self.detached(py, Source::bytes(name, data), fingerprints)
    }

    /// The JSON report of the file at `path`, under the config found from its folder: what
    /// `wenlint check PATH` reports of it. Its findings name it `name`, by default the path
    /// as given (a worker reads a file by its absolute path, while reports name it as the
    /// run was given it).
    #[pyo3(signature = (path, name = None))]
    fn check_file(&self, py: Python<'_>, path: PathBuf, name: Option<String>) -> PyResult<String> {
        self.detached(py, Source::path(path), |engine, source| {
            report_named(engine, source, name)
        })
    }

    /// The JSON of what `duplicate/cross-file` compares of the file at `path`, under the
    /// config found from its folder, named `name` (by default the path as given).
    #[pyo3(signature = (path, name = None))]
    fn fingerprints_file(
        &self,
        py: Python<'_>,
        path: PathBuf,
        name: Option<String>,
    ) -> PyResult<String> {
        self.detached(py, Source::path(path), |engine, source| {
            let prints = lock(engine).fingerprints(source)?;
            Ok(prints_json(prints, name))
        })
    }

    /// [`check_file`](Self::check_file) and [`fingerprints_file`](Self::fingerprints_file)
    /// of the file at `path` from one read of it: what the archive map needs of each file.
    #[pyo3(signature = (path, name = None))]
    fn check_and_fingerprints_file(
        &self,
        py: Python<'_>,
        path: PathBuf,
        name: Option<String>,
    ) -> PyResult<(String, String)> {
        self.detached(py, Source::path(path), |engine, source| {
            let (report, prints) = lock(engine).lint_with_fingerprints(source)?;
            Ok((report_json(report, name.clone()), prints_json(prints, name)))
        })
    }

    /// The files `wenlint check PATHS` lints, in its order, and the messages of what kept
    /// others out (a missing path, a broken config).
    fn files(&self, py: Python<'_>, paths: Vec<PathBuf>) -> (Vec<String>, Vec<String>) {
        py.detach(|| {
            let (files, errors) = lock(&self.engine).files(&paths);
            let files = files.iter().map(|f| f.display().to_string()).collect();
            (files, errors.iter().map(ToString::to_string).collect())
        })
    }
}

impl Linter {
    /// Runs `job` without the GIL, so that other Python threads run meanwhile; its errors,
    /// and its panics, become `WenlintError`s that name the source.
    /// `job` is what the call does with the engine and the source: a report, or
    /// fingerprints, as JSON.
    fn detached<T: Send>(
        &self,
        py: Python<'_>,
        source: Source,
        job: impl FnOnce(&Mutex<wenlint::Linter>, Source) -> Result<T, wenlint::Error> + Send,
    ) -> PyResult<T> {
        let name = source.shown();
        py.detach(|| guarded(&name, || job(&self.engine, source)))
            .map_err(to_py)
    }
}

/// The engine, also after a panic in another call: the panic was reported as that call's
/// error, and what the engine keeps between calls (the configs read) is still sound.
fn lock(engine: &Mutex<wenlint::Linter>) -> MutexGuard<'_, wenlint::Linter> {
    engine.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Lints one source and writes its report as the command line's JSON.
fn report(engine: &Mutex<wenlint::Linter>, source: Source) -> Result<String, wenlint::Error> {
    report_named(engine, source, None)
}

/// [`report`], with the source named `name` in the report when one is given.
fn report_named(
    engine: &Mutex<wenlint::Linter>,
    source: Source,
    name: Option<String>,
) -> Result<String, wenlint::Error> {
    let report = lock(engine).lint(source)?;
    Ok(report_json(report, name))
}

/// A report as the JSON of `wenlint check --format json`, its source named `name` when one
/// is given.
fn report_json(mut report: wenlint::Report, name: Option<String>) -> String {
    if let Some(name) = name {
        report.name = name;
    }
    let mut json = Vec::new();
    wenlint::write_reports(&[report], OutputFormat::Json, &mut json)
        .expect("writing to memory does not fail");
    String::from_utf8(json).expect("the JSON report is UTF-8")
}

/// The fingerprints of one source as JSON.
fn fingerprints(engine: &Mutex<wenlint::Linter>, source: Source) -> Result<String, wenlint::Error> {
    let prints = lock(engine).fingerprints(source)?;
    Ok(prints_json(prints, None))
}

/// Fingerprints as JSON, their source named `name` when one is given.
fn prints_json(mut prints: Fingerprints, name: Option<String>) -> String {
    if let Some(name) = name {
        prints.path = name;
    }
    serde_json::to_string(&prints).expect("fingerprints serialize")
}

/// The settings of a Python linter: `path` is the config file when it is not a directory,
/// so that a missing config file is reported as the command line's `--config` reports it.
fn settings(config_text: Option<String>, path: Option<PathBuf>) -> PyResult<Settings> {
    let mut settings = Settings {
        config_text,
        // A document's findings must not depend on which documents the same object linted
        // before: text shared between documents is compared through `fingerprints`.
        cross_file: CrossFile::Never,
        ..Settings::default()
    };
    match path {
        Some(dir) if dir.is_dir() => settings.root = Some(absolute(&dir)?),
        Some(_) if settings.config_text.is_some() => {
            return Err(WenlintError::new_err(
                "give the config as text or as a file, not both",
            ))
        }
        Some(file) => settings.config = Some(file),
        None => {}
    }
    Ok(settings)
}

/// Reads the config that governs documents now, so that a wrong `wenlint.toml` in the
/// project is reported where the linter is made, not at its first document.
fn read_config(engine: &mut wenlint::Linter) -> Result<(), wenlint::Error> {
    engine.fingerprints(Source::text("", "")).map(drop)
}

/// The directory as an absolute path, so that a later change of the working directory
/// does not move the project.
fn absolute(dir: &Path) -> PyResult<PathBuf> {
    std::path::absolute(dir).map_err(|e| WenlintError::new_err(format!("{}: {e}", dir.display())))
}

/// Runs `lint` and turns a panic into an error about `name`, so that no input can take the
/// interpreter down or leave the caller with a `BaseException`.
fn guarded<T>(name: &str, lint: impl FnOnce() -> Result<T, wenlint::Error>) -> Result<T, String> {
    match panic::catch_unwind(AssertUnwindSafe(lint)) {
        Ok(result) => result.map_err(|e| e.to_string()),
        Err(_) => Err(format!("{name}: internal error while linting")),
    }
}

/// A message for Python, as `WenlintError`.
fn to_py(message: impl ToString) -> PyErr {
    WenlintError::new_err(message.to_string())
}

/// Every built-in rule as JSON: id, default severity, summary and documentation.
#[pyfunction]
fn rules_json() -> String {
    let rules: Vec<serde_json::Value> = wenlint::builtin_rules()
        .map(|rule| {
            serde_json::json!({
                "id": rule.id,
                "severity": rule.severity.as_str(),
                "summary": rule.summary,
                "doc": rule.doc(),
            })
        })
        .collect();
    serde_json::Value::Array(rules).to_string()
}

/// The `duplicate/cross-file` findings of the occurrences (JSON, a list) of one key, as JSON.
#[pyfunction]
fn shared_json(py: Python<'_>, occurrences: &str) -> PyResult<String> {
    let occurrences: Vec<Occurrence> = serde_json::from_str(occurrences)
        .map_err(|e| WenlintError::new_err(format!("occurrences: {e}")))?;
    let findings = py.detach(|| wenlint::cross_file::shared(occurrences));
    Ok(serde_json::to_string(&findings).expect("findings serialize"))
}

/// The Rust half of the Python package `wenlint`.
#[pymodule]
mod _wenlint {
    use pyo3::prelude::*;

    #[pymodule_export]
    use super::{rules_json, shared_json, Linter, WenlintError};

    #[pymodule_init]
    fn init(module: &Bound<'_, PyModule>) -> PyResult<()> {
        module.add("__version__", env!("CARGO_PKG_VERSION"))
    }
}
