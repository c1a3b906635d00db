//! `number/date`: dates that do not exist (`2月30日`, `4月31日`, `13月`, `2023年2月29日`).

use super::{after_lunar_word, DateExpr};
use crate::diagnostic::Finding;
use crate::diagnostic::Severity;
use crate::rules::Context;
use crate::rules::RuleDef;

pub(super) static RULE: RuleDef = RuleDef::document(
    "number/date",
    Severity::Error,
    "不存在的日期（2月30日、4月31日、13月、2023年2月29日）",
    DOC,
    check,
);

pub(super) fn check(cx: &Context, out: &mut Vec<Finding>) {
    let text = &cx.doc.text;
    let titles = cx.doc.titles();
    for date in cx.dates() {
        let leap_month = text[..date.span.start].ends_with('闰');
        if titles.overlaps(&date.span) || leap_month || after_lunar_word(text, date.span.start) {
            continue;
        }
        if let Some(problem) = problem(text, date) {
            let written = &text[date.span.clone()];
            out.push(Finding::new(
                date.span.clone(),
                format!("日期有误：“{written}”，{problem}"),
            ));
        }
    }
}

fn is_leap(year: u32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// What is wrong with `date`, if anything.
fn problem(text: &str, date: &DateExpr) -> Option<String> {
    let month = date.month.value;
    if !(1..=12).contains(&month) {
        return (date.year.is_some() || date.day.is_some() || !counts_months(text, date))
            .then(|| "月份应为1至12".to_string());
    }
    let day = date.day.as_ref()?.value;
    let year = date.year.as_ref().map(|y| y.value);
    let longest = match month {
        2 => match year {
            Some(year) if !is_leap(year) => 28,
            _ => 29,
        },
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if (1..=longest).contains(&day) {
        return None;
    }
    Some(match (month, year) {
        _ if day == 0 || day > 31 => "日应为1至31".to_string(),
        (2, Some(year)) if !is_leap(year) => format!("{year}年不是闰年，2月只有28天"),
        (2, _) => "2月最多29天".to_string(),
        _ => format!("{month}月只有{longest}天"),
    })
}

/// Whether a month number standing alone counts months rather than naming one (`连续13月`,
/// `第13月`, `13月薪`): sloppy for `13个月`, but no impossible date.
fn counts_months(text: &str, date: &DateExpr) -> bool {
    let before = text[..date.span.start].chars().next_back();
    let after = text[date.span.end..].chars().next();
    before.is_some_and(|c| "第续计共满近前后每逾超约达时期个".contains(c))
        || after.is_some_and(|c| "薪球饼亮光刊息度".contains(c))
}

pub(super) const DOC: &str = r#"
检查什么
  不存在的日期：月份不在1至12之间（13月、0月），日期超出当月天数（2月30日、4月31日、
  32日），写明年份时非闰年的2月29日（2023年2月29日）。阿拉伯数字和汉字数字都检查。
  只检查跟在月份后面的日（X月Y日），单独的“30日内”是天数，不检查。

为什么
  日期写错多是笔误或套用旧稿时改了一半，读者无从判断本意，公文中的时限、
  成文日期因此失去效力。

会报告
  2月30日、二月三十日             （2月最多29天）
  4月31日、9月31日                （4月只有30天）
  2023年2月29日                  （2023年不是闰年）
  2021年13月、13月5日、0月        （月份应为1至12）
  12月32日                       （日应为1至31）

不会报告
  2024年2月29日（闰年）、不写年份的2月29日；12月31日、6月30日前；
  30日内、90日（天数）；1-6月、12月份；七八月份（概数）；
  连续13月、第13月、13月薪（数的是月数，不是日期）；
  农历日期（农历二月三十、闰二月三十日）；书名号里的标题。

如何修改
  核对原始材料，改为正确的日期。
"#;

#[cfg(test)]
mod tests {
    use crate::rules::run_builtin;

    fn flagged(text: &str) -> Vec<(String, String)> {
        let (_, found) = run_builtin("number/date", text);
        found
            .into_iter()
            .map(|f| (text[f.span].to_string(), f.message.into_owned()))
            .collect()
    }

    #[test]
    fn impossible_dates_fire() {
        for (text, span, why) in [
            ("于2月30日前完成", "2月30日", "2月最多29天"),
            ("4月31日召开", "4月31日", "4月只有30天"),
            ("二月三十日报送", "二月三十日", "2月最多29天"),
            (
                "2023年2月29日",
                "2023年2月29日",
                "2023年不是闰年，2月只有28天",
            ),
            (
                "1900年2月29日",
                "1900年2月29日",
                "1900年不是闰年，2月只有28天",
            ),
            ("定于2021年13月召开", "2021年13月", "月份应为1至12"),
            ("13月5日", "13月5日", "月份应为1至12"),
            ("于13月召开", "13月", "月份应为1至12"),
            ("0月", "0月", "月份应为1至12"),
            ("12月32日", "12月32日", "日应为1至31"),
            ("5月0日", "5月0日", "日应为1至31"),
            ("十一月三十一日", "十一月三十一日", "11月只有30天"),
        ] {
            assert_eq!(
                flagged(text),
                [(span.to_string(), format!("日期有误：“{span}”，{why}"))],
                "{text}"
            );
        }
    }

    #[test]
    fn possible_dates_and_durations_are_quiet() {
        for text in [
            "2024年2月29日",
            "2000年2月29日",
            "二〇二四年二月二十九日",
            "2月29日",
            "12月31日",
            "6月30日前",
            "30日内办结",
            "32日",
            "1-6月",
            "12月份",
            "七八月份",
            "连续13月保持增长",
            "第13月",
            "发放13月薪",
            "农历二月三十日",
            "闰二月三十日",
            "观看《2月30日》",
            "3月5号",
            "X月X日",
        ] {
            assert_eq!(flagged(text), [], "{text}");
        }
    }
}
