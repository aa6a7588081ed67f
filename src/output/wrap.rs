//! Text fitted to a width: styled spans broken into lines at spaces (not at [`NO_BREAK`])
//! and between CJK characters, continuation lines indented, and each piece coloured on its own line, so that
//! wrapping never splits a colour sequence.

use std::io::{self, Write};

use unicode_width::UnicodeWidthChar;

use crate::settings::Palette;

/// How a span is coloured: one of [`Palette`]'s styles, or [`plain`].
pub type Painter = fn(Palette, &str) -> String;

/// No colour.
pub fn plain(_: Palette, text: &str) -> String {
    text.to_string()
}

/// How a retry class is coloured, as [`Palette::retry`] colours it, applied per wrapped piece.
pub(crate) fn retry_paint(retry: crate::table::Retry) -> Painter {
    match retry {
        crate::table::Retry::Backoff => Palette::good,
        crate::table::Retry::AfterFix => Palette::warn,
        crate::table::Retry::Never => Palette::bad,
    }
}

/// Text (already escaped) and how to colour it.
#[derive(Debug, Clone)]
pub struct Styled {
    /// The text: escaped, one line.
    pub text: String,
    /// Its colour.
    pub paint: Painter,
}

/// A line of spans, built up piece by piece.
#[derive(Debug, Clone, Default)]
pub struct Spans(pub Vec<Styled>);

impl Spans {
    /// Adds `text` in `paint`.
    pub fn push(&mut self, text: impl Into<String>, paint: Painter) -> &mut Spans {
        self.0.push(Styled {
            text: text.into(),
            paint,
        });
        self
    }

    /// Adds `text` uncoloured.
    pub fn text(&mut self, text: impl Into<String>) -> &mut Spans {
        self.push(text, plain)
    }

    /// Whether nothing was added.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|s| s.text.is_empty())
    }
}

/// The smallest piece that is kept on one line.
#[derive(Debug)]
struct Atom<'a> {
    span: usize,
    text: &'a str,
    width: usize,
    space: bool,
    /// One wide (CJK) character: a line may break on either side of it.
    wide: bool,
    /// A line may not break before it.
    glued: bool,
}

/// Characters a line does not start with (CJK closing punctuation).
fn closing(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '：' | '；' | '！' | '？' | '、' | '）' | '」' | '』' | '》' | '】'
    )
}

fn atoms(spans: &[Styled]) -> Vec<Atom<'_>> {
    let mut atoms: Vec<Atom<'_>> = Vec::new();
    for (i, span) in spans.iter().enumerate() {
        let text = span.text.as_str();
        for (at, c) in text.char_indices() {
            let width = c.width().unwrap_or(0);
            let space = c == ' ';
            let wide = width > 1;
            let end = at + c.len_utf8();
            if let Some(last) = atoms.last_mut() {
                if last.span == i && last.space == space && !wide && !last.wide {
                    let from = at - last.text.len();
                    last.text = &text[from..end];
                    last.width += width;
                    continue;
                }
            }
            let glued = match atoms.last() {
                None => false,
                // A no-break space holds to both neighbours, even a CJK character.
                Some(last) => {
                    !space
                        && !last.space
                        && ((!wide && !last.wide)
                            || closing(c)
                            || c == NO_BREAK
                            || last.text.ends_with(NO_BREAK))
                }
            };
            atoms.push(Atom {
                span: i,
                text: &text[at..end],
                width,
                space,
                wide,
                glued,
            });
        }
    }
    atoms
}

/// Where a table cell may break. comfy-table breaks a cell's text only at its delimiter and
/// otherwise cuts it at any character, which can start a line of Chinese with "。": cells of
/// text get this (zero-width) delimiter at each place a line may break (after spaces, between
/// CJK characters but not before closing punctuation), and it is taken out of the drawn table.
pub const CELL_BREAK: char = '\u{200b}';

/// A table cell of text (escaped, perhaps coloured) that wraps by [`CELL_BREAK`]'s rules when
/// it holds CJK text; text without is left to comfy-table, which breaks it at spaces (and
/// counts a column more for each break mark it joins on a line).
pub fn text_cell(text: &str) -> comfy_table::Cell {
    match text.chars().any(|c| c.width().unwrap_or(0) > 1) {
        true => comfy_table::Cell::new(break_points(text)).set_delimiter(CELL_BREAK),
        false => comfy_table::Cell::new(text),
    }
}

/// A drawn table, without the [`CELL_BREAK`]s of its cells. A column of CJK text with no
/// width set is made at least as wide as its longest piece that ends in closing punctuation
/// (`RequestId。`): comfy-table would cut a piece longer than the column anywhere, and start a
/// line with the "。".
pub fn drawn(grid: &mut comfy_table::Table) -> String {
    for i in 0..grid.column_count() {
        let held = grid
            .column_cells_iter(i)
            .flatten()
            .map(|cell| closing_piece(&cell.content()))
            .max()
            .unwrap_or(0);
        if let Some(column) = grid.column_mut(i).filter(|c| c.constraint().is_none()) {
            if held > 0 {
                let width = u16::try_from(held + 2).unwrap_or(u16::MAX);
                column.set_constraint(comfy_table::ColumnConstraint::LowerBoundary(
                    comfy_table::Width::Fixed(width),
                ));
            }
        }
    }
    grid.to_string().replace(CELL_BREAK, "")
}

/// The width of the longest piece between [`CELL_BREAK`]s (colour left out) that ends in
/// closing punctuation; 0 for text without break marks.
fn closing_piece(text: &str) -> usize {
    if !text.contains(CELL_BREAK) {
        return 0;
    }
    text.split([CELL_BREAK, '\n'])
        .map(visible)
        .filter(|(_, last)| last.is_some_and(closing))
        .map(|(width, _)| width)
        .max()
        .unwrap_or(0)
}

/// The width of `text` without its colour sequences, and its last visible character.
fn visible(text: &str) -> (usize, Option<char>) {
    let (mut width, mut last) = (0, None);
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // ESC [ … final byte.
            for c in chars.by_ref() {
                if ('\u{40}'..='\u{7e}').contains(&c) && c != '[' {
                    break;
                }
            }
            continue;
        }
        width += c.width().unwrap_or(0);
        last = Some(c);
    }
    (width, last)
}

/// `text` with [`CELL_BREAK`] at each place a line may break; colour sequences are kept whole.
fn break_points(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    let mut last: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // A CSI sequence (ESC [ … final byte): copied as it is, no break inside.
            out.push(c);
            if chars.peek() == Some(&'[') {
                for c in chars.by_ref() {
                    out.push(c);
                    if ('\u{40}'..='\u{7e}').contains(&c) && c != '[' {
                        break;
                    }
                }
            }
            continue;
        }
        if c == '\n' {
            last = None;
            out.push(c);
            continue;
        }
        if let Some(prev) = last {
            let wide = |c: char| c.width().unwrap_or(0) > 1;
            let breaks = match (prev == ' ', c == ' ') {
                (true, false) => true,
                (false, false) => (wide(prev) || wide(c)) && !closing(c),
                _ => false,
            };
            if breaks {
                out.push(CELL_BREAK);
            }
        }
        out.push(c);
        last = Some(c);
    }
    out
}

/// One output line: pieces of spans, by span index.
type WrappedLine = Vec<(usize, String)>;

/// A space no line breaks at: written as a plain space.
pub const NO_BREAK: char = '\u{a0}';

/// Takes the last character off `line`, with its span; `None` when the line has none.
fn take_last_char(line: &mut WrappedLine) -> Option<(usize, char)> {
    let (span, text) = line.last_mut()?;
    let (span, c) = (*span, text.pop()?);
    if text.is_empty() {
        line.pop();
    }
    Some((span, c))
}

fn put(line: &mut WrappedLine, span: usize, text: &str) {
    match line.last_mut() {
        Some((s, t)) if *s == span => t.push_str(text),
        _ => line.push((span, text.to_string())),
    }
}

/// Breaks `spans` into lines of at most `width` columns: the first starts with `first`, the
/// others with `rest` (both plain, counted in the width). A word longer than a line is cut.
fn lines(spans: &[Styled], width: usize, first: &str, rest: &str) -> Vec<(String, WrappedLine)> {
    let atoms = atoms(spans);
    let mut filler = Filler {
        out: vec![(first.to_string(), Vec::new())],
        used: columns(first),
        at_start: true,
        width,
        rest,
        rest_width: columns(rest),
    };
    let mut i = 0;
    while i < atoms.len() {
        i = match atoms[i].space {
            true => filler.spaces(&atoms, i),
            false => filler.word(&atoms, i),
        };
    }
    filler.out
}

/// The columns an indent takes.
fn columns(indent: &str) -> usize {
    indent.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Lines being filled with atoms, as [`lines`] breaks them.
struct Filler<'r> {
    /// The lines so far: each its indent and its pieces.
    out: Vec<(String, WrappedLine)>,
    /// The columns the last line takes so far, its indent counted.
    used: usize,
    /// Whether the last line holds nothing but its indent.
    at_start: bool,
    width: usize,
    /// The indent of every line after the first, and its columns.
    rest: &'r str,
    rest_width: usize,
}

impl Filler<'_> {
    /// Adds `text` of span `span` to the last line.
    fn put(&mut self, span: usize, text: &str) {
        put(&mut self.out.last_mut().expect("a line").1, span, text);
    }

    /// Starts a line, indented.
    fn new_line(&mut self) {
        self.out.push((self.rest.to_string(), Vec::new()));
        self.used = self.rest_width;
        self.at_start = true;
    }

    /// The spaces from `atoms[i]`: kept when the word after them fits on the line, else a
    /// line is started (and they are dropped). Returns the index past them.
    fn spaces(&mut self, atoms: &[Atom<'_>], i: usize) -> usize {
        // Spaces are written only between words on the same line.
        let mut j = i;
        let mut gap = 0;
        while j < atoms.len() && atoms[j].space {
            gap += atoms[j].width;
            j += 1;
        }
        let mut group = 0;
        let mut k = j;
        while k < atoms.len() && !atoms[k].space && (k == j || atoms[k].glued) {
            group += atoms[k].width;
            k += 1;
        }
        if !self.at_start && k > j && self.used + gap + group <= self.width {
            for a in &atoms[i..j] {
                self.put(a.span, a.text);
            }
            self.used += gap;
        } else if !self.at_start && k > j {
            self.new_line();
        }
        j
    }

    /// The word from `atoms[i]` (with the atoms glued to it): on a new line when it does not
    /// fit on this one, cut where it is longer than a line. Returns the index past it.
    fn word(&mut self, atoms: &[Atom<'_>], i: usize) -> usize {
        let mut k = i + 1;
        let mut group = atoms[i].width;
        while k < atoms.len() && !atoms[k].space && atoms[k].glued {
            group += atoms[k].width;
            k += 1;
        }
        if !self.at_start && self.used + group > self.width {
            self.new_line();
        }
        for a in &atoms[i..k] {
            if self.used + a.width <= self.width {
                self.put(a.span, a.text);
                self.used += a.width;
                self.at_start = false;
                continue;
            }
            self.cut(a);
        }
        k
    }

    /// An atom that does not fit the line, a character at a time across lines.
    fn cut(&mut self, a: &Atom<'_>) {
        for c in a.text.chars() {
            let w = c.width().unwrap_or(0);
            if self.used + w > self.width && !self.at_start {
                self.break_before(c);
            }
            let mut buf = [0u8; 4];
            self.put(a.span, c.encode_utf8(&mut buf));
            self.used += w;
            self.at_start = false;
        }
    }

    /// Starts a line for `c`.
    fn break_before(&mut self, c: char) {
        // A line never starts with closing punctuation: the characters before it
        // go down with it, back to one that may start a line.
        let mut carried = Vec::new();
        if closing(c) {
            let line = &mut self.out.last_mut().expect("a line").1;
            while let Some((span, last)) = take_last_char(line) {
                carried.push((span, last));
                if !closing(last) {
                    break;
                }
            }
        }
        self.new_line();
        for (span, last) in carried.into_iter().rev() {
            let mut buf = [0u8; 4];
            self.put(span, last.encode_utf8(&mut buf));
            self.used += last.width().unwrap_or(0);
        }
    }
}

/// Plain `text` broken into lines of at most `width` columns, by the same rules as
/// [`write_wrapped`]; a newline starts a new line. For callers that style each line.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    text.split('\n')
        .flat_map(|paragraph| {
            let span = Styled {
                text: paragraph.to_string(),
                paint: plain,
            };
            lines(std::slice::from_ref(&span), width.max(1), "", "")
                .into_iter()
                .map(|(_, line)| {
                    let text: String = line.into_iter().map(|(_, piece)| piece).collect();
                    text.replace(NO_BREAK, " ").trim_end().to_string()
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Writes `spans` fitted to `width` columns, each line coloured piece by piece: the first line
/// starts with `first`, the others with `rest`; a word longer than a line is cut.
pub fn write_wrapped(
    out: &mut impl Write,
    spans: &Spans,
    palette: Palette,
    width: usize,
    first: &str,
    rest: &str,
) -> io::Result<()> {
    // The usual case: everything fits on the first line.
    let total: usize = spans.0.iter().map(|s| crate::text::width(&s.text)).sum();
    if crate::text::width(first) + total <= width {
        let mut text = first.to_string();
        for span in &spans.0 {
            text.push_str(&(span.paint)(palette, &span.text.replace(NO_BREAK, " ")));
        }
        return writeln!(out, "{}", text.trim_end());
    }
    for (indent, line) in lines(&spans.0, width, first, rest) {
        let mut text = indent;
        for (span, piece) in &line {
            let piece = piece.replace(NO_BREAK, " ");
            text.push_str(&(spans.0[*span].paint)(palette, &piece));
        }
        writeln!(out, "{}", text.trim_end())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped(text: &str, width: usize) -> Vec<String> {
        let mut spans = Spans::default();
        spans.text(text);
        let mut out = Vec::new();
        write_wrapped(&mut out, &spans, Palette::new(false), width, "", "  ").unwrap();
        String::from_utf8(out)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn words_wrap_at_spaces_and_continuations_are_indented() {
        assert_eq!(
            wrapped("the token has expired: generate a new one", 16),
            ["the token has", "  expired:", "  generate a new", "  one"]
        );
    }

    #[test]
    fn cjk_breaks_between_characters_but_not_before_closing_punctuation() {
        let lines = wrapped("Token 已过期，请重新生成", 12);
        assert_eq!(lines.concat().replace(' ', ""), "Token已过期，请重新生成");
        assert!(lines.len() > 1, "{lines:?}");
        for line in &lines {
            assert!(
                unicode_width::UnicodeWidthStr::width(line.as_str()) <= 12,
                "{line}"
            );
            assert!(!line.trim_start().starts_with('，'), "{lines:?}");
        }
    }

    #[test]
    fn a_separator_after_cjk_text_never_starts_a_line() {
        for width in 8..30 {
            let mut spans = Spans::default();
            spans
                .text("消息队列发送失败")
                .push(format!("{NO_BREAK}· "), Palette::dim)
                .text("app.log:7");
            let mut out = Vec::new();
            write_wrapped(&mut out, &spans, Palette::new(false), width, "", "    ").unwrap();
            let text = String::from_utf8(out).unwrap();
            for line in text.lines() {
                assert!(!line.trim_start().starts_with('·'), "{width}: {text}");
            }
        }
    }

    #[test]
    fn a_word_cut_before_closing_punctuation_takes_its_last_character_down() {
        let lines = wrapped("（41629 / InvalidGatewayProtocolType）。", 20);
        assert!(
            lines
                .iter()
                .all(|l| !l.trim_start().starts_with(['）', '。'])),
            "{lines:?}"
        );
        assert_eq!(
            lines.concat().replace(' ', ""),
            "（41629/InvalidGatewayProtocolType）。"
        );
    }

    #[test]
    fn a_word_longer_than_the_line_is_cut() {
        let lines = wrapped("abcdefghijklmnopqrstuvwxyz", 10);
        assert_eq!(lines, ["abcdefghij", "  klmnopqr", "  stuvwxyz"]);
    }

    #[test]
    fn colour_is_applied_per_line_and_never_split() {
        let mut spans = Spans::default();
        spans.push("aaaa bbbb cccc", Palette::code);
        let mut out = Vec::new();
        write_wrapped(&mut out, &spans, Palette::new(true), 6, "", "").unwrap();
        let text = String::from_utf8(out).unwrap();
        for line in text.lines() {
            assert!(
                line.starts_with('\u{1b}') && line.ends_with('m'),
                "{line:?}"
            );
            assert_eq!(line.matches('\u{1b}').count(), 2, "{line:?}");
        }
    }

    /// A table of `text` in a column `width` wide, as drawn, its lines of text only.
    fn in_a_table(text: &str, width: u16) -> Vec<String> {
        let mut grid = comfy_table::Table::new();
        grid.load_preset(comfy_table::presets::NOTHING)
            .set_content_arrangement(comfy_table::ContentArrangement::Dynamic)
            .set_width(width)
            .add_row([text_cell(text)]);
        drawn(&mut grid)
            .lines()
            .map(|l| l.trim().to_string())
            .collect()
    }

    #[test]
    fn table_cells_never_start_a_line_with_closing_cjk_punctuation() {
        let text = "设备不在线，请检查设备网络。通道（国标编码）不存在；请核对：编码、协议！是否重试？「否」『是』【注】《文档》";
        for width in 6..40 {
            let lines = in_a_table(text, width);
            assert_eq!(lines.concat(), text, "{width}: nothing lost or added");
            for line in &lines {
                assert!(!line.starts_with(closing), "{width}: {line:?} in {lines:?}");
                assert!(!line.contains(CELL_BREAK), "{line:?}");
            }
        }
        // A word before the punctuation longer than the column widens the column instead.
        let lines = in_a_table("如持续出现请提交 RequestId。", 8);
        assert!(lines.iter().all(|l| !l.starts_with(closing)), "{lines:?}");
        assert!(
            lines.iter().any(|l| l.ends_with("RequestId。")),
            "{lines:?}"
        );
        // English still wraps at spaces, mixed text between scripts, and colour stays whole.
        let lines = in_a_table("Token expired, please generate a new one", 18);
        assert!(
            lines.iter().all(|l| crate::text::width(l) <= 16),
            "{lines:?}"
        );
        assert_eq!(lines.join(" "), "Token expired, please generate a new one");
        let coloured = "\u{1b}[1m设备\u{1b}[0m不在线，请检查 STS 临时密钥。";
        for width in 6..30 {
            for line in in_a_table(coloured, width) {
                let visible: String = line.replace("\u{1b}[1m", "").replace("\u{1b}[0m", "");
                assert!(!visible.starts_with(closing), "{width}: {line:?}");
                assert!(!line.contains("\u{1b}[\u{200b}"), "{line:?}");
            }
        }
    }

    #[test]
    fn plain_wrap_breaks_at_spaces_between_chinese_characters_and_inside_long_words() {
        assert_eq!(
            wrap("Token expired, please generate a new token", 16),
            ["Token expired,", "please generate", "a new token"]
        );
        let lines = wrap("Token 已过期，请重新生成 Token", 12);
        assert!(lines.iter().all(|l| !l.starts_with('，')), "{lines:?}");
        assert_eq!(
            wrap("InvalidParameterValue.EmptyName", 10),
            ["InvalidPar", "ameterValu", "e.EmptyNam", "e"]
        );
        assert_eq!(wrap("a\nb c", 80), ["a", "b c"]);
        assert_eq!(wrap("", 80), [""]);
        for width in 2..40 {
            for line in wrap(
                "访问 COS 的 STS 临时密钥已过期 The STS temporary credentials",
                width,
            ) {
                assert!(
                    unicode_width::UnicodeWidthStr::width(line.as_str()) <= width,
                    "{width}: {line}"
                );
            }
        }
    }
}
