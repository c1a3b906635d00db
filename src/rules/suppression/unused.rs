//! `suppression/unused`: a `<!-- wenlint-disable -->` comment that silenced nothing. Found by
//! the run when asked (`--report-unused-suppressions`), see [`crate::suppress`].

use crate::diagnostic::Severity;
use crate::rules::RuleDef;

/// The rule id an unused suppression is reported under.
pub const UNUSED_ID: &str = "suppression/unused";

pub static RULE: RuleDef = RuleDef::run_level(
    UNUSED_ID,
    Severity::Warning,
    "没有抑制任何问题的抑制注释（需 --report-unused-suppressions 开启）",
    UNUSED,
);

const UNUSED: &str = r#"
检查什么
  Markdown 中没有抑制任何问题的 <!-- wenlint-disable … --> 注释，以及配置中没有忽略任何问题的
  [[ignore]] 条目（后者列在标准错误输出中，注明配置文件的行号）。
  默认关闭：用 wenlint check --report-unused-suppressions 开启。

为什么
  问题改正以后，抑制注释常常留在原处；过时的抑制会把以后新出现的问题也悄悄藏起来。

会报告
  <!-- wenlint-disable-next-line placeholder -->
  会议于3月5日召开。（下一行已经没有占位符）

不会报告
  确实抑制了问题的注释和条目。

如何修改
  删去不再需要的注释或条目。
"#;
