//! Reading `rules/regions.tsv` into the tables the gazetteer searches.
//!
//! The build script reads the compiled-in table with this module and writes what it found as
//! Rust statics, so that a run does not parse, validate and sort three thousand lines at
//! start (that was a third of a one-line draft's run); [`Gazetteer::parse`] reads any other
//! table with it at run time. This file uses the standard library only, because the build
//! script compiles it on its own.
//!
//! [`Gazetteer::parse`]: super::gazetteer::Gazetteer::parse

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

/// The three levels the gazetteer covers. The order is the nesting order (a province is
/// "less" than what it contains), so a parent always compares lower than its children.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// 省级: provinces, autonomous regions, the four municipalities, the two SARs, Taiwan.
    Province,
    /// 地级: prefecture-level cities, prefectures (地区), autonomous prefectures, leagues (盟).
    Prefecture,
    /// 县级: districts, counties, county-level cities, banners.
    County,
}

/// One division. Regions are referred to by their index in the table, which is cheaper to
/// pass around and compare than codes or names.
///
/// The strings are borrowed from the table the gazetteer was read from (the compiled-in one
/// for the built-in gazetteer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region<'t> {
    /// The six-digit GB/T 2260 code, kept as text because it is an identifier, not a number.
    pub code: &'t str,
    pub level: Level,
    /// `None` for provinces. Counties of municipalities and province-governed counties point
    /// straight at their province: there is no prefecture between them.
    pub parent: Option<usize>,
    /// The full official name (`广西壮族自治区`, `石家庄市`, `海淀区`).
    pub name: &'t str,
    /// Forms that also name this region in running text (`广西`, `石家庄`).
    pub short_names: Cow<'t, [&'t str]>,
}

/// Every region of one name (a range of [`Table::owners`]), and whether the first one is
/// named by a short form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    pub regions: Range<usize>,
    pub first_is_short: bool,
}

/// The regions, and their names: each distinct name once (its id is its place in `names`), with
/// the regions it names.
#[derive(Debug)]
pub struct Table<'t> {
    pub regions: Vec<Region<'t>>,
    /// Each distinct full or short name, by id.
    pub names: Vec<&'t str>,
    /// Per name id: where its regions are in `owners`.
    pub named: Vec<Name>,
    /// The regions of every name, the names one after another, likeliest first within each:
    /// full names before short ones, then the higher level.
    pub owners: Vec<usize>,
}

/// Reads the `rules/regions.tsv` format: `#` comments and blank lines are ignored; each other
/// line is `code, level, parent_code, name, short_names` separated by tabs, short names
/// separated by commas. Lines may come in any order (parents are resolved after reading
/// everything), so a hand-made or filtered file need not be sorted.
///
/// The error names the line, because the likely cause is a hand edit or a broken generator,
/// and the line is what the person fixing it needs.
pub fn read(tsv: &str) -> Result<Table<'_>, String> {
    let mut rows = Vec::new();
    // For each row: its line number and parent code, resolved once every row is read.
    let mut pending: Vec<(usize, Option<&str>)> = Vec::new();
    let mut by_code: HashMap<&str, usize> = HashMap::new();
    for (i, raw) in tsv.split('\n').enumerate() {
        let line_no = i + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (row, parent) = read_line(line).map_err(|msg| format!("line {line_no}: {msg}"))?;
        if by_code.insert(row.code, rows.len()).is_some() {
            return Err(format!("line {line_no}: code {} appears twice", row.code));
        }
        pending.push((line_no, parent));
        rows.push(row);
    }
    for (index, &(line_no, parent_code)) in pending.iter().enumerate() {
        let Some(parent_code) = parent_code else {
            continue;
        };
        let Some(&parent) = by_code.get(parent_code) else {
            return Err(format!(
                "line {line_no}: parent code {parent_code} is not defined"
            ));
        };
        // A strictly higher parent level also rules out cycles.
        if rows[parent].level >= rows[index].level {
            return Err(format!(
                "line {line_no}: parent {parent_code} ({}) is not above a {:?}",
                rows[parent].name, rows[index].level
            ));
        }
        rows[index].parent = Some(parent);
    }
    Ok(index(rows))
}

/// One line's row (its parent not yet resolved) and its parent's code.
fn read_line(line: &str) -> Result<(Region<'_>, Option<&str>), String> {
    let mut fields = line.split('\t');
    let (Some(code), Some(level), Some(parent), Some(name), Some(short), None) = (
        fields.next(),
        fields.next(),
        fields.next(),
        fields.next(),
        fields.next(),
        fields.next(),
    ) else {
        return Err(format!(
            "expected 5 tab-separated fields (code, level, parent_code, name, short_names), \
             found {}",
            line.split('\t').count()
        ));
    };
    if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("code `{code}` is not a number"));
    }
    let level = match level {
        "province" => Level::Province,
        "prefecture" => Level::Prefecture,
        "county" => Level::County,
        other => {
            return Err(format!(
                "level `{other}` is not province, prefecture or county"
            ))
        }
    };
    let parent = match (level, parent) {
        (Level::Province, "") => None,
        (Level::Province, p) => return Err(format!("a province has no parent, found `{p}`")),
        (_, "") => return Err(format!("{code} has no parent code")),
        (_, p) => Some(p),
    };
    if name.trim().is_empty() {
        return Err(format!("{code} has no name"));
    }
    let short_names: Vec<&str> = if short.is_empty() {
        Vec::new()
    } else {
        short.split(',').collect()
    };
    if short_names.iter().any(|s| s.trim().is_empty()) {
        return Err(format!("{code} has an empty short name in `{short}`"));
    }
    let row = Region {
        code,
        level,
        parent: None,
        name,
        short_names: Cow::Owned(short_names),
    };
    Ok((row, parent))
}

/// The names of `rows`, each with its regions likeliest first.
fn index(rows: Vec<Region<'_>>) -> Table<'_> {
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut names = Vec::new();
    // (name id, is short, level, region): sorted, they list each name's regions likeliest
    // first.
    let mut claims: Vec<(usize, bool, Level, usize)> = Vec::with_capacity(rows.len() * 2);
    for (index, row) in rows.iter().enumerate() {
        let forms =
            std::iter::once((row.name, false)).chain(row.short_names.iter().map(|&s| (s, true)));
        for (form, short) in forms {
            let id = *ids.entry(form).or_insert_with(|| {
                names.push(form);
                names.len() - 1
            });
            claims.push((id, short, row.level, index));
        }
    }
    claims.sort_unstable();
    let mut named = Vec::with_capacity(names.len());
    let mut owners = Vec::with_capacity(claims.len());
    for group in claims.chunk_by(|a, b| a.0 == b.0) {
        let start = owners.len();
        for &(_, _, _, region) in group {
            // A region whose short name equals its full name is listed once, as the full
            // name (which sorts first).
            if !owners[start..].contains(&region) {
                owners.push(region);
            }
        }
        named.push(Name {
            regions: start..owners.len(),
            first_is_short: group[0].1,
        });
    }
    Table {
        regions: rows,
        names,
        named,
        owners,
    }
}
