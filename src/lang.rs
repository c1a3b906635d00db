//! The language the report speaks around the rules' findings: its summary, `help:` lines,
//! labels, notes and file errors.
//!
//! The people who read the report write Chinese documents, so Chinese is the default and a
//! report never mixes the two; `--lang en` switches to English. The rules' own messages are
//! Chinese in both, since they quote and correct Chinese text.
//!
//! A message that is made in one place and shown in another (a file error made while
//! reading, shown at the end of the run) is a [`Text`]: it carries both forms, and the
//! language is chosen when it is shown.

use std::fmt;

/// The language of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    /// 中文 (the default).
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// `zh` or `en`, whichever this language is.
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// A severity's name: 错误, 警告, 提示; `error`, `warning`, `info`.
    pub(crate) fn severity(self, severity: crate::diagnostic::Severity) -> &'static str {
        use crate::diagnostic::Severity;
        match (self, severity) {
            (Lang::Zh, Severity::Error) => "错误",
            (Lang::Zh, Severity::Warning) => "警告",
            (Lang::Zh, Severity::Info) => "提示",
            (Lang::En, severity) => severity.as_str(),
        }
    }

    /// `n` and what it counts: `3 个文件` in Chinese, `3 files` (or `1 file`) in English.
    pub(crate) fn count(self, n: usize, zh_measure: &str, en_word: &str) -> String {
        match self {
            Lang::Zh => format!("{n} {zh_measure}"),
            Lang::En => plural(n, en_word),
        }
    }
}

/// `n word`, with the plural English takes (`1 error`, `2 errors`, `3 info`).
pub(crate) fn plural(n: usize, word: &str) -> String {
    match (n, word) {
        (1, _) | (_, "info") => format!("{n} {word}"),
        _ => format!("{n} {word}s"),
    }
}

/// A message for the user in both languages; [`Text::get`] chooses when it is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    zh: String,
    en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }

    /// This text put in a sentence of each language, at its `{}`: `未修正：{}`, `not fixed: {}`.
    pub fn framed(&self, zh: &str, en: &str) -> Text {
        Text::new(
            zh.replacen("{}", &self.zh, 1),
            en.replacen("{}", &self.en, 1),
        )
    }

    /// An I/O failure: the operating system's words follow a sentence in each language,
    /// with the common cases said in Chinese outright.
    pub fn io(error: &std::io::Error) -> Text {
        use std::io::ErrorKind;
        let zh = match error.kind() {
            ErrorKind::NotFound => "找不到该文件或目录".to_string(),
            ErrorKind::PermissionDenied => "无法读取：没有权限".to_string(),
            _ => format!("无法读取：{error}"),
        };
        Text::new(zh, format!("cannot be read: {error}"))
    }
}

/// The default language's form, for logs and for callers that do not choose.
impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.zh)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_in_each_language() {
        assert_eq!(Lang::Zh.count(3, "个文件", "file"), "3 个文件");
        assert_eq!(Lang::En.count(1, "个文件", "file"), "1 file");
        assert_eq!(Lang::En.count(2, "个文件", "file"), "2 files");
        assert_eq!(Lang::En.count(2, "条", "info"), "2 info");
    }

    #[test]
    fn io_errors_say_what_happened_in_both() {
        let missing = std::io::Error::from(std::io::ErrorKind::NotFound);
        let text = Text::io(&missing);
        assert_eq!(text.get(Lang::Zh), "找不到该文件或目录");
        assert!(text.get(Lang::En).starts_with("cannot be read"));
    }
}
