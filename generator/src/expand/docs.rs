//! Spec descriptions to rustdoc text that builds without warnings under `-D warnings`.
//!
//! Spec prose is written for HTML or Markdown renderers that are more forgiving than rustdoc:
//! bare URLs (`rustdoc::bare_urls`), `[text]` that rustdoc takes for an intra-doc link,
//! `<tags>` that it checks as HTML, indented lines and fences that it would compile as doc-tests;
//! and characters that must not be written as they are (`is_hidden`): bidirectional overrides,
//! which rustc denies in comments and literals (they make code read differently than it
//! compiles), and control characters.

use proc_macro2::TokenStream;
use quote::quote;

/// Makes spec prose safe for rustdoc: escapes brackets and angle brackets, wraps bare URLs in
/// `<...>`, trims indentation (four spaces would start a doc-test), neutralises code fences, and
/// drops trailing blank lines. Returns `None` when nothing is left.
pub(crate) fn doc_text(text: &str) -> Option<String> {
    let lines: Vec<String> = text
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .lines()
        .map(|line| escape_line(line.trim()))
        .collect();
    // Collapse runs of blank lines and drop leading/trailing ones.
    let mut out: Vec<String> = Vec::new();
    for line in lines {
        if line.is_empty() && out.last().is_none_or(|l: &String| l.is_empty()) {
            continue;
        }
        out.push(line);
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    if out.is_empty() { None } else { Some(out.join("\n")) }
}

/// Whether `c` must not appear as it is in emitted source: a control character other than tab
/// and newline (C0, DEL, C1: rustc refuses a bare carriage return in a doc comment, and the rest
/// are invisible), a bidirectional formatting character (rustc's
/// `text_direction_codepoint_in_comment`/`_in_literal` lints deny U+202A-U+202E and U+2066-U+2069;
/// the marks U+200E, U+200F and U+061C are invisible too), a line or paragraph separator, or a
/// byte order mark.
pub(crate) fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{2028}' | '\u{2029}' | '\u{FEFF}'
        )
}

/// `text` with every `is_hidden` character shown as its code point (`U+202E`), so docs say
/// what the spec holds without the character doing what it does.
pub(crate) fn show_hidden(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_hidden(c) {
            out.push_str(&format!("U+{:04X}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Escapes one trimmed line.
fn escape_line(line: &str) -> String {
    let line = show_hidden(line);
    let line = line.as_ref();
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while !rest.is_empty() {
        if let Some(url_len) = url_at(rest) {
            out.push('<');
            out.push_str(&rest[..url_len]);
            out.push('>');
            rest = &rest[url_len..];
            continue;
        }
        let mut chars = rest.chars();
        let Some(c) = chars.next() else { break };
        match c {
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '`' if rest.starts_with("```") => {
                out.push_str("\\`\\`\\`");
                rest = &rest[3..];
                continue;
            }
            '\\' => out.push_str("\\\\"),
            // clippy's `tabs_in_doc_comments`; a tab inside prose is a space.
            '\t' => out.push(' '),
            '*' if out.is_empty() && !rest.starts_with("* ") => out.push_str("\\*"),
            '#' if out.is_empty() => out.push_str("\\#"),
            '|' => out.push_str("\\|"),
            _ => out.push(c),
        }
        rest = chars.as_str();
    }
    out
}

/// The length of the URL starting at the beginning of `s`, if one does.
fn url_at(s: &str) -> Option<usize> {
    if !(s.starts_with("https://") || s.starts_with("http://")) {
        return None;
    }
    let end = s.find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\'' | ')' | ']' | '`')).unwrap_or(s.len());
    // A sentence's full stop or comma after a URL is not part of it.
    let url = s[..end].trim_end_matches(['.', ',', ';', ':']);
    Some(url.len())
}

/// `#[doc = "..."]` attributes for `text`, one per line, or `fallback` when the spec gave none.
pub(crate) fn doc_attrs(text: Option<&str>, fallback: &str) -> TokenStream {
    let text = text.and_then(doc_text).unwrap_or_else(|| show_hidden(fallback).replace('\t', " "));
    let lines = text.lines().map(|line| if line.is_empty() { String::new() } else { format!(" {line}") });
    quote! { #( #[doc = #lines] )* }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_bare_urls_and_escapes_markup() {
        assert_eq!(
            doc_text("See https://aka.ms/iothub. Use [a] or <b>.").as_deref(),
            Some("See <https://aka.ms/iothub>. Use \\[a\\] or &lt;b&gt;.")
        );
    }

    #[test]
    fn trims_indentation_and_fences() {
        assert_eq!(doc_text("  a\n\n\n      b\n```\n\n").as_deref(), Some("a\n\nb\n\\`\\`\\`"));
    }

    #[test]
    fn hidden_characters_are_shown_by_code_point() {
        assert_eq!(doc_text("a\u{202e}b \u{2066}c\u{2069} d\u{7}e").as_deref(), Some("aU+202Eb U+2066cU+2069 dU+0007e"));
        assert_eq!(doc_text("nul\u{0} nel\u{85} ls\u{2028}x").as_deref(), Some("nulU+0000 nelU+0085 lsU+2028x"));
        assert_eq!(show_hidden("plain, with\ttab"), "plain, with\ttab");
        let attrs = doc_attrs(None, "`on\u{202e}`.").to_string();
        assert!(attrs.contains("U+202E") && !attrs.contains('\u{202e}'), "{attrs}");
    }

    #[test]
    fn nothing_left_is_none() {
        assert_eq!(doc_text(" \n \n"), None);
    }

    #[test]
    fn urls_keep_their_paths() {
        assert_eq!(
            doc_text("(https://x.y/a?b=c) and http://q").as_deref(),
            Some("(<https://x.y/a?b=c>) and <http://q>")
        );
    }
}
