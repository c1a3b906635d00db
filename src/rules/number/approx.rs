//! `number/approx`: approximate numbers marked twice (`约300人左右`, `10余万余元`) and
//! `余`/`多` after a decimal (`3.5余万元`).

use std::ops::Range;

use super::is_chinese_numeral;
use crate::diagnostic::Finding;
use crate::diagnostic::Severity;
use crate::document::census::{Census, CharSet};
use crate::rules::Context;
use crate::rules::RuleDef;

pub(super) static RULE: RuleDef = RuleDef::document(
    "number/approx",
    Severity::Warning,
    "概数表达有误：两头都模糊（约300人左右）、“余”“多”重复或跟在小数后（3.5余万元）",
    DOC,
    check,
);

pub(super) fn check(cx: &Context, out: &mut Vec<Finding>) {
    let text = &cx.doc.text;
    let census = cx.doc.census();
    let titles = cx.doc.titles();
    // Both rules below read the places of `余` and `多`, which are taken from the census once.
    let yu = census.find(YU_AND_DUO);
    let mut found: Vec<Finding> = both_ends(text, census)
        .chain(doubled_yu(text, &yu))
        .chain(decimal_yu(text, &yu))
        .filter(|f| !titles.overlaps(&f.span))
        .collect();
    found.sort_by_key(|f| f.span.start);
    found.dedup_by(|later, earlier| later.span.start < earlier.span.end);
    out.extend(found);
}

/// The end of a number starting at `at`: Arabic digits (with a decimal point or thousands
/// separators) or Chinese numerals (`百`, `七千八百`, `百分之七十`).
fn number_end(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        let len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
            .unwrap_or(rest.len());
        return Some(at + rest[..len].trim_end_matches(['.', ',']).len());
    }
    let fraction = ["百分之", "千分之"]
        .iter()
        .find(|p| rest.starts_with(*p))
        .map_or(0, |p| p.len());
    let digits = &rest[fraction..];
    let len = digits.len() - digits.trim_start_matches(is_chinese_numeral).len();
    (len > 0).then_some(at + fraction + len)
}

/// Characters before `约` that make it part of a word (`节约`, `制约`, `纽约`), not "about".
const NOT_YUE: &str = "节制条契公合签履预特相邀集简违隐婚守践失赴解誓缔要纽和";
/// Characters before `近` that make it part of a word (`最近`, `附近`, `靠近`), not "nearly".
const NOT_JIN: &str = "最附靠临邻亲贴就远走迫相浅晚新逼挨凑";
/// Units after bare `近` that make it "recent" (`近三年来`, `近两个月`), not "nearly".
const RECENT: [&str; 10] = [
    "年",
    "个月",
    "月",
    "天",
    "日",
    "周",
    "个世纪",
    "世纪",
    "届",
    "个季度",
];

/// An approximation marker before a number: `约`, `大约`, `近`, `将近`, `接近`, with its
/// span; `recent` when a bare `近` may mean "recent".
/// `census` is the text's.
fn markers<'t>(text: &'t str, census: &Census) -> impl Iterator<Item = (Range<usize>, bool)> + 't {
    const YUE_AND_JIN: CharSet = CharSet::new(&['约', '近']);
    census
        .find(YUE_AND_JIN)
        .into_iter()
        .filter_map(move |(at, c)| {
            let before = text[..at].chars().next_back();
            let end = at + c.len_utf8();
            match (c, before) {
                ('约', Some('大')) => Some((at - '大'.len_utf8()..end, false)),
                ('约', Some(b)) if NOT_YUE.contains(b) => None,
                ('约', _) => Some((at..end, false)),
                ('近', Some(b @ ('将' | '接'))) => Some((at - b.len_utf8()..end, false)),
                ('近', Some(b)) if NOT_JIN.contains(b) => None,
                _ => Some((at..end, true)),
            }
        })
}

/// Ends of an approximation after the unit, and what may not follow each (`左右两侧`,
/// `上下游`, `上下级`: there they are words of place).
const AFTER_UNIT: [(&str, &str); 3] = [
    ("左右", "两手侧翼岸摇逢为开脚"),
    ("上下", "游级班文联半岸楼行一齐同"),
    ("以上", ""),
];

/// Characters that cannot be part of the unit between a number and `左右`: a unit is a
/// measure word or noun (`人`, `万元`, `个百分点`, `平方公里`), not a clause.
const NOT_UNIT: &str = "的至到和或与及在是有为了将比增减从向对";

fn both_ends<'t>(text: &'t str, census: &Census) -> impl Iterator<Item = Finding> + 't {
    markers(text, census).filter_map(move |(marker, recent)| {
        let mut at = number_end(text, marker.end)?;
        // `约300万多`: magnitudes may sit between the number and `多`/`余`.
        at += text[at..].len() - text[at..].trim_start_matches(['万', '亿']).len();
        let rest = &text[at..];
        if recent
            && RECENT
                .iter()
                .any(|u| rest.trim_start_matches(['多', '余']).starts_with(u))
        {
            return None;
        }
        if let Some(c) = rest.chars().next().filter(|c| matches!(c, '多' | '余')) {
            let span = marker.start..at + c.len_utf8();
            return Some(finding(text, span));
        }
        let mut unit_chars = 0;
        loop {
            let rest = &text[at..];
            for (word, not_next) in AFTER_UNIT {
                if let Some(next) = rest.strip_prefix(word) {
                    if next.chars().next().is_some_and(|c| not_next.contains(c)) {
                        return None;
                    }
                    return Some(finding(text, marker.start..at + word.len()));
                }
            }
            let c = rest.chars().next()?;
            let is_unit = matches!(c, '%' | '％' | '‰')
                || (crate::document::chars::is_han(c) && !NOT_UNIT.contains(c));
            unit_chars += 1;
            if !is_unit || unit_chars > 4 {
                return None;
            }
            at += c.len_utf8();
        }
    })
}

fn finding(text: &str, span: Range<usize>) -> Finding {
    let written = &text[span.clone()];
    Finding::new(
        span,
        format!("概数两头都模糊（“{written}”），前后只保留一个表示概数的词"),
    )
}

/// `余` and `多`.
const YU_AND_DUO: CharSet = CharSet::new(&['余', '多']);

/// Each place of `余` and `多` ([`YU_AND_DUO`]) with its word.
fn with_words(found: &[(usize, char)]) -> impl Iterator<Item = (usize, &'static str)> + '_ {
    found
        .iter()
        .map(|&(at, c)| (at, if c == '余' { "余" } else { "多" }))
}

/// `余`/`多` twice in one number: `10余万余元`.
fn doubled_yu<'a>(text: &'a str, yu: &'a [(usize, char)]) -> impl Iterator<Item = Finding> + 'a {
    with_words(yu).filter_map(move |(first, word)| {
        let number_before = text[..first]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit() || is_chinese_numeral(c));
        let rest = &text[first + word.len()..];
        let magnitude = rest.len()
            - rest
                .trim_start_matches(['十', '百', '千', '万', '亿'])
                .len();
        let second = rest[magnitude..].chars().next()?;
        let after = rest[magnitude + second.len_utf8()..].chars().next();
        // `余额`, `余下`; `多样`, `多元`: the second word begins another word.
        let word_starts = if second == '余' {
            "额下地粮数量热波生"
        } else {
            "样种元方层维重"
        };
        let is_word = after.is_some_and(|c| word_starts.contains(c));
        (number_before && magnitude > 0 && matches!(second, '余' | '多') && !is_word).then(|| {
            let start = number_start(text, first);
            let end = first + word.len() + magnitude + second.len_utf8();
            let written = &text[start..end];
            Finding::new(
                start..end,
                format!("“余”“多”重复（“{written}”），一个概数只用一个“余”或“多”"),
            )
        })
    })
}

/// Where the number that ends at `end` starts (Arabic digits or Chinese numerals).
fn number_start(text: &str, end: usize) -> usize {
    let before = &text[..end];
    before
        .trim_end_matches(|c: char| c.is_ascii_digit() || c == '.' || is_chinese_numeral(c))
        .len()
}

/// A decimal followed by `余`/`多`: `3.5余万元`, `2.6多亿`.
fn decimal_yu<'a>(text: &'a str, yu: &'a [(usize, char)]) -> impl Iterator<Item = Finding> + 'a {
    with_words(yu).filter_map(move |(at, word)| {
        let before = &text[..at];
        let digits = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let point = before[..before.len() - digits].strip_suffix('.')?;
        let integer = point.len() - point.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 || integer == 0 {
            return None;
        }
        let start = point.len() - integer;
        let glued = point[..start]
            .chars()
            .next_back()
            .is_some_and(|c| c == '.' || c.is_ascii_alphanumeric());
        let mut end = at + word.len();
        let magnitude = text[end..].len() - text[end..].trim_start_matches(['万', '亿']).len();
        end += magnitude;
        // `多` also starts words (`1.2多语言`); after a decimal it is an approximation only
        // before a magnitude or a measure word.
        let next = text[end..].chars().next();
        let approximates = match word {
            "余" => !next.is_some_and(|c| "额下量数".contains(c)),
            _ => magnitude > 0 || next.is_some_and(|c| "元人个家户名吨亩米倍次项件台所篇".contains(c)),
        };
        if glued || !approximates {
            return None;
        }
        let written = &text[start..end];
        Some(Finding::new(
            start..end,
            format!(
                "小数后用“{word}”（“{written}”），小数已是确数，“余”“多”只跟在整数后，应删去或改写（如“3.5万余元”）"
            ),
        ))
    })
}

pub(super) const DOC: &str = r#"
检查什么
  概数的三种错误写法：
  两头都模糊：数字前有“约”“大约”“近”“将近”“接近”，数字后又有“左右”“上下”“以上”“多”“余”；
  “余”“多”在一个数里用了两次（10余万余元）；
  小数后面接“余”“多”（3.5余万元、2.6多亿）。

为什么
  概数只能模糊一头：“近百人”或“百人左右”，不能写成“近百人左右”；“80%以上”或“接近80%”，
  不能写成“接近80%以上”。小数本身是确数，“3.5余万元”说不清是3.5万多还是3万5千多。

会报告
  约300人左右、近百人左右、大约100多人、接近80%以上、将近一万多人
  10余万余元
  3.5余万元、2.6多亿

不会报告
  约300人、300人左右、100余人、20余次、100多件、140余篇、3.5万余元、1.5倍多；
  “近”指最近的：近三年来增长20%以上、近十多年来；
  “约”“近”是词的一部分：节约100多万元、附近200米左右；
  “左右”“上下”不紧跟数量：约100人，左右两侧……；全市上下、上下游；
  书名号里的标题。

如何修改
  删去一头的概数词。“10余万元”（10万至20万）和“10万余元”（略多于10万）意思不同，
  要按原意改写，所以不提供自动修改。
"#;

#[cfg(test)]
mod tests {
    use crate::rules::run_builtin;

    fn flagged(text: &str) -> Vec<String> {
        let (_, found) = run_builtin("number/approx", text);
        assert!(found.iter().all(|f| f.fix.is_none()), "{text}: never a fix");
        found
            .into_iter()
            .map(|f| text[f.span].to_string())
            .collect()
    }

    #[test]
    fn approximations_marked_twice_fire() {
        for (text, span) in [
            ("到会约300人左右。", "约300人左右"),
            ("近百人左右参加", "近百人左右"),
            ("大约100多人", "大约100多"),
            ("覆盖率接近80%以上，", "接近80%以上"),
            ("将近一万多人", "将近一万多"),
            ("约七千八百余万平方米", "约七千八百余"),
            ("约3万余人", "约3万余"),
            ("约10亿元以上", "约10亿元以上"),
            ("约5个百分点左右", "约5个百分点左右"),
            ("共筹集10余万余元", "10余万余"),
            ("3.5余万元", "3.5余万"),
            ("增加2.6多亿", "2.6多亿"),
        ] {
            assert_eq!(flagged(text), [span], "{text}");
        }
    }

    #[test]
    fn one_approximation_is_quiet() {
        for text in [
            "约300人",
            "300人左右",
            "约100人，左右两侧设置通道",
            "全市上下",
            "产业链上下游",
            "近三年来增长20%以上",
            "近十多年来",
            "近两个月以上",
            "100余人、20余次、100多件、140余篇、10余次",
            "3.5万余元",
            "1.5倍多",
            "节约100多万元",
            "附近200米左右",
            "最近3年多",
            "约占60%以上",
            "提高了2.5个百分点以上",
            "《约300人左右》",
            "版本1.2多语言",
            "余额10余万余额",
        ] {
            assert_eq!(flagged(text), [] as [&str; 0], "{text}");
        }
    }
}
