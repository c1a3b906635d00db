//! Markdown: which bytes are prose, and where its blocks are.
//!
//! pulldown-cmark reports every event with its byte range in the source, so nothing is
//! re-parsed or guessed: prose is exactly the ranges of text events outside code, HTML and
//! front matter, and everything else (markup, link targets, inline code, comments) is hidden
//! from the rules by the lint view.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::span::Span;

fn parser(source: &str) -> pulldown_cmark::OffsetIter<'_> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES;
    Parser::new_ext(source, options).into_offset_iter()
}

/// Tags whose text is not prose: code, raw HTML, front matter.
fn is_opaque(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_)
    )
}

fn is_opaque_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_)
    )
}

/// What one pass of pulldown-cmark tells about a Markdown source.
#[derive(Debug, Default)]
pub(super) struct Parsed {
    /// Ranges of prose text, in order.
    prose: Vec<Span>,
    /// Prose blocks (paragraphs, headings, table cells, tight list items), in order.
    pub blocks: Vec<Span>,
    /// Items of ordered lists that are not inside another list.
    pub ordered_items: Vec<ListItem>,
    /// Whole tables.
    pub tables: Vec<Span>,
    /// Raw HTML, block and inline: where `<!-- wenlint-disable -->` comments are.
    pub html: Vec<Span>,
}

/// An item of a Markdown ordered list: the number as written, and as it is displayed
/// (Markdown numbers items from the list's start, whatever the later numbers say).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListItem {
    /// `3.` or `3)`.
    pub marker: Span,
    pub written: u64,
    pub displayed: u64,
    /// Items of one list share this number.
    pub list: usize,
}

/// An ordered list being read: its start, how many items so far, whether it is nested.
struct OpenList {
    start: Option<u64>,
    items: u64,
}

/// Reads the source once.
pub(super) fn parse(source: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let mut current: Option<Span> = None;
    let mut opaque_depth = 0usize;
    let mut lists: Vec<OpenList> = Vec::new();
    let mut list_count = 0;
    for (event, range) in parser(source) {
        match &event {
            Event::Start(tag) if is_opaque(tag) => opaque_depth += 1,
            Event::End(tag) if is_opaque_end(tag) => opaque_depth = opaque_depth.saturating_sub(1),
            Event::Start(Tag::List(start)) => {
                list_count += usize::from(lists.is_empty());
                lists.push(OpenList {
                    start: *start,
                    items: 0,
                });
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                if let [only] = lists.as_mut_slice() {
                    parsed
                        .ordered_items
                        .extend(list_item(source, range.clone(), only, list_count));
                }
            }
            Event::Start(Tag::Table(_)) => parsed.tables.push(range.clone()),
            Event::Html(_) | Event::InlineHtml(_) => match parsed.html.last_mut() {
                // A block of HTML arrives line by line.
                Some(last) if last.end == range.start => last.end = range.end,
                _ => parsed.html.push(range.clone()),
            },
            _ => {}
        }
        gather_prose(&event, range, opaque_depth, &mut parsed, &mut current);
    }
    parsed.blocks.extend(current);
    parsed
}

/// Adds a text event to the prose ranges and the open block; a block tag closes the block.
fn gather_prose(
    event: &Event,
    range: Span,
    opaque_depth: usize,
    parsed: &mut Parsed,
    current: &mut Option<Span>,
) {
    match event {
        Event::Start(tag) if is_block(tag) => parsed.blocks.extend(current.take()),
        Event::End(tag) if is_block_end(tag) => parsed.blocks.extend(current.take()),
        Event::Text(_) | Event::Code(_) | Event::InlineHtml(_) if opaque_depth == 0 => {
            if matches!(event, Event::Text(_)) {
                match parsed.prose.last_mut() {
                    Some(last) if last.end == range.start => last.end = range.end,
                    _ => parsed.prose.push(range.clone()),
                }
            }
            *current = Some(match current.take() {
                Some(open) => open.start..range.end,
                None => range,
            });
        }
        _ => {}
    }
}

/// The item's number, read from the source where the item starts (`  12. 文字`).
fn list_item(source: &str, item: Span, list: &mut OpenList, list_id: usize) -> Option<ListItem> {
    let start = list.start?;
    let text = &source[item.clone()];
    let indent = text.len() - text.trim_start().len();
    let digits = text[indent..]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    let marker = item.start + indent..item.start + indent + digits + 1;
    let written = text[indent..indent + digits].parse().ok()?;
    list.items += 1;
    Some(ListItem {
        marker,
        written,
        displayed: start + list.items - 1,
        list: list_id,
    })
}

/// Byte ranges of `source` that are not prose and must be hidden from rules: the complement
/// of the prose ranges.
pub(super) fn non_prose_ranges(source: &str, parsed: &Parsed) -> Vec<Span> {
    let mut hidden = Vec::new();
    let mut at = 0;
    for prose in &parsed.prose {
        if prose.start > at {
            hidden.push(at..prose.start);
        }
        at = at.max(prose.end);
    }
    if at < source.len() {
        hidden.push(at..source.len());
    }
    hidden
}

fn is_block(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::List(_)
            | Tag::Item
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
            | Tag::FootnoteDefinition(_)
    )
}

fn is_block_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell
            | TagEnd::FootnoteDefinition
    )
}

#[cfg(test)]
mod tests {
    use crate::document::{Document, Format};

    fn view(source: &str) -> Document {
        let doc = Document::new(source.to_string(), Format::Markdown);
        assert_eq!(doc.text.len(), source.len());
        doc
    }

    fn paragraphs(doc: &Document) -> Vec<&str> {
        doc.paragraphs
            .iter()
            .map(|p| &doc.source[p.clone()])
            .collect()
    }

    #[test]
    fn front_matter_and_code_are_hidden() {
        let source =
            "---\ntitle: XX\n---\n\n正文。\n\n```\nXX\n```\n\n    XX缩进\n\n行内`XX`代码。\n";
        let doc = view(source);
        assert!(!doc.text.contains("XX"), "{:?}", doc.text);
        assert!(doc.text.contains("正文。"));
        assert_eq!(doc.text.find("行内"), source.find("行内"));
        assert_eq!(paragraphs(&doc), ["正文。", "行内`XX`代码。"]);
    }

    #[test]
    fn link_targets_markup_and_comments_are_hidden() {
        let source = "[链接](http://x.cn/XX) **重点** <!-- XX 注释 --> <https://a.cn/XX>\n";
        let doc = view(source);
        assert!(!doc.text.contains("XX"), "{:?}", doc.text);
        assert!(!doc.text.contains("**"));
        assert!(!doc.text.contains('['));
        assert_eq!(doc.text.find("链接"), source.find("链接"));
        assert_eq!(doc.text.find("重点"), source.find("重点"));
    }

    #[test]
    fn heading_marker_is_hidden_and_heading_is_a_block() {
        let doc = view("# 一、总体要求\n\n正文第一段\n接续的一行。\n");
        assert!(!doc.text.contains('#'));
        assert_eq!(
            paragraphs(&doc),
            ["一、总体要求", "正文第一段\n接续的一行。"]
        );
    }

    #[test]
    fn tight_list_items_and_table_cells_are_blocks() {
        let doc = view("- 甲项\n- 乙项\n\n| 指标 | 数值 |\n|---|---|\n| 增长 | 5% |\n");
        assert_eq!(
            paragraphs(&doc),
            ["甲项", "乙项", "指标", "数值", "增长", "5%"]
        );
    }

    #[test]
    fn unlinked_brackets_stay_prose() {
        let doc = view("[日期]前报送【待补充】材料。\n");
        assert!(doc.text.contains("[日期]"));
        assert!(doc.text.contains("【待补充】"));
    }

    #[test]
    fn nested_list_does_not_merge_with_its_parent_item() {
        let doc = view("1. 第一项\n   - 子项\n2. 第二项\n");
        assert_eq!(paragraphs(&doc), ["第一项", "子项", "第二项"]);
    }

    #[test]
    fn ordered_items_keep_written_and_displayed_numbers() {
        let source = "3. 甲\n5. 乙\n   1. 嵌套\n\n- 无序\n\n1) 丙\n";
        let doc = view(source);
        let items: Vec<(&str, u64, u64, usize)> = doc
            .ordered_items
            .iter()
            .map(|i| (&source[i.marker.clone()], i.written, i.displayed, i.list))
            .collect();
        assert_eq!(items, [("3.", 3, 3, 1), ("5.", 5, 4, 1), ("1)", 1, 1, 3)]);
    }

    #[test]
    fn tables_are_recorded() {
        let source = "前文。\n\n| 序号 | 任务 |\n|---|---|\n| 1. | 排查 |\n";
        let doc = view(source);
        assert_eq!(doc.tables.len(), 1);
        assert!(source[doc.tables[0].clone()].starts_with("| 序号"));
    }
}
