//! wenlint's findings in the protocol's words: diagnostics with the rule as their code and a
//! link to its documentation, related places, and the hover text of a finding.

use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Position, Range, Uri,
};

use super::document::{Finding, OpenDocument};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Error;
use crate::lang::Lang;
use crate::rules::RuleMeta;

/// Where the rules' documentation is: a base URI that a rule's id and `.md` complete.
pub(crate) struct RuleDocs {
    base: String,
}

impl RuleDocs {
    /// `base` from the client's `initializationOptions.ruleDocs`; by default the rule pages
    /// (`docs/rules/FAMILY/NAME.md`) of the source wenlint was built from.
    pub fn new(base: Option<String>) -> RuleDocs {
        let base = base.unwrap_or_else(|| {
            let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules/");
            url::Url::from_directory_path(&docs)
                .map(|url| url.to_string())
                .unwrap_or_default()
        });
        let base = if base.ends_with('/') {
            base
        } else {
            format!("{base}/")
        };
        RuleDocs { base }
    }

    pub fn of(&self, rule: &str) -> Option<Uri> {
        format!("{}{rule}.md", self.base).parse().ok()
    }
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// The suggestion as the human format words it, when there is one.
pub(crate) fn suggestion(d: &Diagnostic) -> Option<String> {
    let fix = d.fix.as_ref()?;
    Some(if fix.replacement.is_empty() {
        "建议：删去".to_string()
    } else {
        format!("建议：改为“{}”", fix.replacement)
    })
}

/// A finding as the protocol's diagnostic.
pub(crate) fn diagnostic(
    doc: &OpenDocument,
    finding: &Finding,
    docs: &RuleDocs,
) -> lsp_types::Diagnostic {
    let d = &finding.diagnostic;
    let message = match suggestion(d) {
        Some(suggestion) => format!("{}\n{suggestion}", d.message),
        None => d.message.to_string(),
    };
    let related = d
        .related
        .iter()
        .map(|r| DiagnosticRelatedInformation {
            location: Location::new(doc.uri.clone(), doc.index.range(&doc.text, r.span.clone())),
            message: r.text().into_owned(),
        })
        .collect::<Vec<_>>();
    lsp_types::Diagnostic {
        range: finding.range,
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.rule.to_string())),
        code_description: docs.of(&d.rule).map(|href| CodeDescription { href }),
        source: Some("wenlint".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// A document that cannot be linted (its config is wrong, say) shows why on its first line.
pub(crate) fn failure(error: &Error, lang: Lang) -> lsp_types::Diagnostic {
    let mut rendered = Vec::new();
    let _ = error.render(&mut rendered, false, lang);
    lsp_types::Diagnostic {
        range: Range::new(Position::new(0, 0), Position::new(0, 0)),
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String("config".to_string())),
        source: Some("wenlint".to_string()),
        message: String::from_utf8_lossy(&rendered).trim_end().to_string(),
        ..lsp_types::Diagnostic::default()
    }
}

/// The hover text of a finding: what was found, the suggestion, and the rule's `explain`.
pub(crate) fn hover_text(d: &Diagnostic, meta: Option<&RuleMeta>, lang: Lang) -> String {
    let mut text = format!(
        "**{}** · {}\n\n{}\n",
        d.rule,
        lang.severity(d.severity),
        d.message
    );
    if let Some(suggestion) = suggestion(d) {
        text.push_str(&format!("\n{suggestion}\n"));
    }
    if let Some(meta) = meta {
        let doc = meta.doc().trim_end();
        text.push_str(&format!(
            "\n---\n\n{}\n\n```text\n{doc}\n```\n",
            meta.summary
        ));
    }
    text
}
