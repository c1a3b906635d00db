//! Code actions on a finding: its safe fix, every safe fix of the file (what `--fix` does),
//! and silencing it here: a `wenlint-disable-next-line` comment in Markdown, an `[[ignore]]`
//! entry in the config for plain text (which cannot carry comments).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CreateFile, CreateFileOptions,
    DocumentChangeOperation, DocumentChanges, OneOf, OptionalVersionedTextDocumentIdentifier,
    Position, Range, ResourceOp, TextDocumentEdit, TextEdit, Uri, WorkspaceEdit,
};

use super::document::{file_uri, Finding, OpenDocument};
use super::position::{Encoding, LineIndex};

/// What the client can do with a workspace edit, for the `[[ignore]]` action.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct EditSupport {
    /// It takes `documentChanges` with a `create` operation: a new `wenlint.toml`.
    pub create_files: bool,
}

/// The kind of the fix-all action, under `source.fixAll` so editors can run it on save.
pub(crate) fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::new("source.fixAll.wenlint")
}

fn edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

/// The safe fix of `finding`, when it has one.
pub(crate) fn quick_fix(
    doc: &OpenDocument,
    finding: &Finding,
    diagnostic: lsp_types::Diagnostic,
) -> Option<CodeActionOrCommand> {
    let d = &finding.diagnostic;
    if !d.has_safe_fix() {
        return None;
    }
    let replacement = &d.fix.as_ref()?.replacement;
    let title = if replacement.is_empty() {
        format!("删去“{}”（{}）", &doc.text[d.span.clone()], d.rule)
    } else {
        format!("改为“{replacement}”（{}）", d.rule)
    };
    Some(CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic]),
        edit: Some(edit(
            &doc.uri,
            vec![TextEdit::new(finding.range, replacement.clone())],
        )),
        is_preferred: Some(true),
        ..CodeAction::default()
    }))
}

/// One edit that turns `before` into `after`: the part between their common beginning and
/// end, so that only what changed is touched.
pub(crate) fn minimal_edit(before: &str, after: &str, index: &LineIndex) -> TextEdit {
    let prefix = common_prefix(before, after);
    let suffix = common_suffix(&before[prefix..], &after[prefix..]);
    let range = index.range(before, prefix..before.len() - suffix);
    TextEdit::new(range, after[prefix..after.len() - suffix].to_string())
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((at, _), _)| at)
        .min(b.len())
}

fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum()
}

/// Every safe fix of the file at once, as `wenlint check --fix` would leave it.
pub(crate) fn fix_all(doc: &OpenDocument, fixed: &str, count: usize) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title: format!("修正本文件所有可安全修正的问题（{count} 处，同 wenlint check --fix）"),
        kind: Some(fix_all_kind()),
        edit: Some(edit(
            &doc.uri,
            vec![minimal_edit(&doc.text, fixed, &doc.index)],
        )),
        ..CodeAction::default()
    })
}

/// Silences `finding` where it is: a comment on the line before it in Markdown.
pub(crate) fn disable_next_line(doc: &OpenDocument, finding: &Finding) -> CodeActionOrCommand {
    let rule = &finding.diagnostic.rule;
    let line_start = Position::new(finding.range.start.line, 0);
    let comment = format!("<!-- wenlint-disable-next-line {rule} -->\n");
    CodeActionOrCommand::CodeAction(CodeAction {
        title: format!("在此忽略 {rule}（加 wenlint-disable-next-line 注释）"),
        kind: Some(CodeActionKind::QUICKFIX),
        edit: Some(edit(
            &doc.uri,
            vec![TextEdit::new(Range::new(line_start, line_start), comment)],
        )),
        ..CodeAction::default()
    })
}

/// The `[[ignore]]` entry that silences `finding` and nothing else like it: this file, this
/// rule, this flagged text.
pub(crate) fn ignore_entry(config_dir: &Path, doc: &OpenDocument, finding: &Finding) -> String {
    let path = doc.path.as_deref().unwrap_or(Path::new(&doc.name));
    let relative = path.strip_prefix(config_dir).unwrap_or(path);
    let relative = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    let d = &finding.diagnostic;
    let quoted = |s: &str| toml::Value::String(s.to_string()).to_string();
    format!(
        "[[ignore]]\npath = {}\nrule = {}\ntext = {}\n",
        quoted(&relative),
        quoted(&d.rule),
        quoted(&doc.text[d.span.clone()])
    )
}

/// The config a plain-text file's `[[ignore]]` entry goes into: the one that governs it, or
/// a new `wenlint.toml` beside it; with its text now (an open editor's, or the file's).
pub(crate) struct Target {
    pub path: PathBuf,
    pub text: Option<String>,
}

/// Silences `finding` with an `[[ignore]]` entry appended to the governing config, or a
/// new `wenlint.toml` beside the file when the client can create one.
pub(crate) fn ignore_in_config(
    doc: &OpenDocument,
    finding: &Finding,
    target: &Target,
    encoding: Encoding,
    support: EditSupport,
) -> Option<CodeActionOrCommand> {
    let config_dir = target.path.parent()?;
    let entry = ignore_entry(config_dir, doc, finding);
    let uri = file_uri(&target.path)?;
    let edit = match &target.text {
        Some(text) => {
            let end = LineIndex::new(text, encoding).position(text, text.len());
            let gap = if text.is_empty() || text.ends_with("\n\n") {
                ""
            } else if text.ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            };
            let insert = TextEdit::new(Range::new(end, end), format!("{gap}{entry}"));
            edit(&uri, vec![insert])
        }
        None if support.create_files => new_config(&uri, entry),
        None => return None,
    };
    let name = target.path.file_name()?.to_string_lossy().into_owned();
    Some(CodeActionOrCommand::CodeAction(CodeAction {
        title: format!(
            "在 {name} 中忽略这一处 {}（加 [[ignore]]）",
            finding.diagnostic.rule
        ),
        kind: Some(CodeActionKind::QUICKFIX),
        edit: Some(edit),
        ..CodeAction::default()
    }))
}

fn new_config(uri: &Uri, entry: String) -> WorkspaceEdit {
    let create = DocumentChangeOperation::Op(ResourceOp::Create(CreateFile {
        uri: uri.clone(),
        options: Some(CreateFileOptions {
            overwrite: Some(false),
            ignore_if_exists: Some(true),
        }),
        annotation_id: None,
    }));
    let start = Position::new(0, 0);
    let write = DocumentChangeOperation::Edit(TextDocumentEdit {
        text_document: OptionalVersionedTextDocumentIdentifier {
            uri: uri.clone(),
            version: None,
        },
        edits: vec![OneOf::Left(TextEdit::new(Range::new(start, start), entry))],
    });
    WorkspaceEdit {
        document_changes: Some(DocumentChanges::Operations(vec![create, write])),
        ..WorkspaceEdit::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_minimal_edit_touches_only_what_changed() {
        let before = "要认真布署,抓好落实。\n";
        let after = "要认真部署，抓好落实。\n";
        let index = LineIndex::new(before, Encoding::Utf16);
        let edit = minimal_edit(before, after, &index);
        assert_eq!(edit.new_text, "部署，");
        assert_eq!(edit.range.start, Position::new(0, 3));
        assert_eq!(edit.range.end, Position::new(0, 6));
        let same = minimal_edit(before, before, &index);
        assert_eq!(same.new_text, "");
        assert_eq!(same.range.start, same.range.end);
    }

    #[test]
    fn an_ignore_entry_names_the_file_from_its_config_and_the_text() {
        let uri: Uri = "file:///work/docs/sub/%E9%80%9A%E7%9F%A5.txt"
            .parse()
            .unwrap();
        let mut doc = OpenDocument::new(
            uri,
            "plaintext",
            "定于“X月X日”召开。".into(),
            1,
            Encoding::Utf16,
        );
        let span = doc.text.find('X').unwrap()..doc.text.find('日').unwrap() + '日'.len_utf8();
        doc.keep(vec![crate::diagnostic::Diagnostic {
            rule: "placeholder/marker".into(),
            severity: crate::diagnostic::Severity::Error,
            message: "".into(),
            span,
            related: Default::default(),
            elsewhere: Vec::new(),
            fix: None,
        }]);
        let entry = ignore_entry(Path::new("/work/docs"), &doc, &doc.findings[0]);
        assert_eq!(
            entry,
            "[[ignore]]\npath = \"sub/通知.txt\"\nrule = \"placeholder/marker\"\ntext = \"X月X日\"\n"
        );
        let parsed: toml::Value = toml::from_str(&entry).unwrap();
        assert_eq!(parsed["ignore"][0]["text"].as_str(), Some("X月X日"));
    }
}
