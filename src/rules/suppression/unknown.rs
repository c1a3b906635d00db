//! `suppression/unknown`: a suppression comment that names no rule or family. A typo in the
//! name (`placeholder/markr`) would otherwise silence nothing without a word, and the finding
//! it was written for would keep coming back.

use crate::diagnostic::Severity;
use crate::rules::RuleDef;

/// The rule id a suppression comment naming an unknown rule is reported under.
pub const ID: &str = "suppression/unknown";

pub static RULE: RuleDef = RuleDef::run_level(
    ID,
    Severity::Warning,
    "抑制注释中写了不存在的规则或规则族（placeholder/markr）",
    DOC,
);

const DOC: &str = r#"
检查什么
  Markdown 的抑制注释 <!-- wenlint-disable … -->、<!-- wenlint-disable-next-line … -->、
  <!-- wenlint-enable … --> 中写的规则或规则族，不是 wenlint 已有的（包括配置 rule_dirs
  中的自定义规则）。

为什么
  名字写错的抑制注释什么也不抑制，它本来要抑制的问题会照样报告，而注释本身看起来像是
  已经处理过了。

会报告
  <!-- wenlint-disable-next-line placeholder/markr -->

不会报告
  <!-- wenlint-disable-next-line placeholder/marker -->、<!-- wenlint-disable placeholder -->
  以及不写规则名、抑制全部规则的注释。

如何修改
  改成 wenlint rules 列出的规则名或规则族名。
"#;
