//! The Markdown report: the same content as the HTML page, as CommonMark (plus a GFM table) to paste into
//! a CMS, a wiki or a pull request.
//!
//! User text is backslash-escaped character by character, so it can never open a link, an HTML tag, a
//! heading or a list; only http(s) URLs become links, with the characters that could end a link
//! destination percent-encoded.
//!
//! Limitations: Markdown has no highlighting, so a claim's span is shown by a `**[N]**` marker after it,
//! not by where it starts; the claim's section quotes the span in full.

use super::{
    ReportClaim, ReportData, Segment, is_linkable_url, long_date, rating_label, text_paragraphs,
    unchecked_left_out,
};
use crate::model::{Article, Rating, Source};

/// ASCII punctuation that means something to CommonMark or GFM somewhere in a line. `=` is included
/// because a line of `=` under a paragraph turns it into a heading; `&` because it starts an entity.
const SPECIAL: &[char] = &[
    '\\', '`', '*', '_', '{', '}', '[', ']', '(', ')', '#', '+', '-', '.', '!', '|', '<', '>', '~',
    '&', '=',
];

/// Renders the report as CommonMark.
pub(super) fn render(data: &ReportData<'_>) -> String {
    let mut out = Blocks::default();
    header(&mut out, data);
    summary(&mut out, data);
    for article in &data.project.articles {
        article_text(&mut out, data, article);
    }
    if !data.claims.is_empty() {
        out.block("## Claims");
        for c in &data.claims {
            claim_section(&mut out, data, c);
        }
    }
    out.finish()
}

/// Blocks separated by one blank line, the way CommonMark wants them.
#[derive(Default)]
struct Blocks {
    text: String,
}

impl Blocks {
    fn block(&mut self, block: &str) {
        if block.trim().is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        self.text.push_str(block.trim_end());
    }

    fn finish(mut self) -> String {
        self.text.push('\n');
        self.text
    }
}

fn header(out: &mut Blocks, data: &ReportData<'_>) {
    let settings = &data.project.report;
    out.block(&format!("# {}", inline(&data.title)));
    let byline: Vec<String> = [
        (!settings.author.trim().is_empty()).then(|| format!("By {}", inline(&settings.author))),
        (!settings.organisation.trim().is_empty()).then(|| inline(&settings.organisation)),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !byline.is_empty() {
        out.block(&byline.join(" · "));
    }
    out.block(&format!(
        "Generated {}",
        long_date(data.generated.date_naive())
    ));
    let base_url = settings.base_url.trim();
    if is_linkable_url(base_url) {
        out.block(&format!("Online at {}", link(base_url, base_url)));
    }
    if !settings.methodology.trim().is_empty() {
        out.block("## How we checked");
        for line in text_paragraphs(&settings.methodology) {
            out.block(&escape(line));
        }
    }
}

fn summary(out: &mut Blocks, data: &ReportData<'_>) {
    out.block("## Summary");
    let total = data.claims.len();
    if total == 0 {
        out.block("No claims in this report yet.");
    } else {
        out.block(&format!(
            "{total} {} in this report.",
            plural(total, "claim", "claims")
        ));
        if data.rated {
            let mut table = String::from("| Verdict | Claims |\n| :--- | ---: |\n");
            for (rating, count) in &data.verdict_counts {
                table.push_str(&format!("| {} | {count} |\n", inline(rating_label(rating))));
            }
            table.push_str(&format!("| No verdict yet | {} |", data.without_verdict));
            out.block(&table);
        }

        let mut glance = if data.rated {
            String::from("| No. | Claim | Verdict |\n| ---: | :--- | :--- |\n")
        } else {
            String::from("| No. | Claim |\n| ---: | :--- |\n")
        };
        for c in &data.claims {
            let verdict = if data.rated {
                format!(" {} |", verdict_text(c.verdict))
            } else {
                String::new()
            };
            glance.push_str(&format!(
                "| {} | {} |{verdict}\n",
                c.number,
                inline(&c.claim.text),
            ));
        }
        out.block(&glance);
    }
    let left_out = unchecked_left_out(data);
    if left_out > 0 {
        out.block(&format!(
            "{left_out} {} not included.",
            plural(
                left_out,
                "claim still unchecked is",
                "claims still unchecked are"
            )
        ));
    }
}

fn article_text(out: &mut Blocks, data: &ReportData<'_>, article: &Article) {
    let title = if article.title.trim().is_empty() {
        "Untitled article".to_owned()
    } else {
        inline(&article.title)
    };
    out.block(&format!("## Article: {title}"));
    for paragraph in data.highlighted_paragraphs(article) {
        out.block(&marked_paragraph(&paragraph));
    }
}

/// One paragraph of article text with a `**[N]**` marker after each claim's span.
///
/// A marker gets a space on each side where a letter or digit would touch it: CommonMark only opens
/// `**` before `[` when whitespace or punctuation comes first, and only closes it after `]` when
/// whitespace or punctuation follows.
fn marked_paragraph(segments: &[Segment<'_, '_>]) -> String {
    let mut line = String::new();
    let mut after_marker = false;
    for segment in segments {
        let text = escape(segment.text);
        if after_marker && text.starts_with(char::is_alphanumeric) {
            line.push(' ');
        }
        line.push_str(&text);
        after_marker = false;
        for c in &segment.ending {
            if !line.is_empty() && !line.ends_with(char::is_whitespace) {
                line.push(' ');
            }
            line.push_str(&format!("**[{}]**", c.number));
            after_marker = true;
        }
    }
    line.trim().to_owned()
}

fn claim_section(out: &mut Blocks, data: &ReportData<'_>, c: &ReportClaim<'_>) {
    let claim = c.claim;
    if data.rated {
        out.block(&format!(
            "### Claim {}: {}",
            c.number,
            verdict_text(c.verdict)
        ));
    } else {
        out.block(&format!("### Claim {}", c.number));
    }
    out.block(&quoted("", &claim.anchor.quote));
    let restated = claim.text.trim();
    if !restated.is_empty() && restated != claim.anchor.quote.trim() {
        out.block(&format!("**Claim as checked:** {}", inline(restated)));
    }

    let mut facts = Vec::new();
    if !claim.claimant.trim().is_empty() {
        facts.push(format!("- **Claimant:** {}", inline(&claim.claimant)));
    }
    let appearances: Vec<String> = claim
        .shown_appearances()
        .map(|appearance| {
            if is_linkable_url(appearance) {
                link(appearance, appearance)
            } else {
                inline(appearance)
            }
        })
        .collect();
    match appearances.as_slice() {
        [] => {}
        [one] => facts.push(format!("- **Appeared in:** {one}")),
        several => {
            // A nested list rather than a joined line: outlet names may hold commas or semicolons.
            let items: Vec<String> = several.iter().map(|a| format!("  - {a}")).collect();
            facts.push(format!("- **Appeared in:**\n{}", items.join("\n")));
        }
    }
    if let Some(date) = claim.claim_date {
        facts.push(format!("- **Date of claim:** {}", long_date(date)));
    }
    if data.project.articles.len() > 1
        && let Some(article) = data.project.article(claim.article)
    {
        facts.push(format!("- **Article:** {}", inline(&article.title)));
    }
    facts.push(format!("- **Status:** {}", claim.status.label()));
    if data.rated {
        facts.push(format!("- **Verdict:** {}", verdict_text(c.verdict)));
    }
    out.block(&facts.join("\n"));

    if !claim.explanation.trim().is_empty() {
        out.block("**Explanation**");
        for line in text_paragraphs(&claim.explanation) {
            out.block(&escape(line));
        }
    }
    if !claim.sources.is_empty() {
        out.block("**Sources**");
        let items: Vec<String> = claim
            .sources
            .iter()
            .enumerate()
            .map(|(i, source)| source_item(i + 1, source))
            .collect();
        out.block(&items.join("\n\n"));
    }
    let tags: Vec<String> = claim
        .tags
        .iter()
        .filter(|t| !t.trim().is_empty())
        .map(|t| inline(t))
        .collect();
    if !tags.is_empty() {
        out.block(&format!("**Tags:** {}", tags.join(", ")));
    }
}

/// One item of an ordered list of sources; the quote and note are indented under the item so they stay
/// part of it.
fn source_item(number: usize, source: &Source) -> String {
    let marker = format!("{number}. ");
    let indent = " ".repeat(marker.len());
    let url = source.url.trim();
    let title = source.title.trim();
    let linkable = is_linkable_url(url);
    let shown_title = match (title.is_empty(), url.is_empty()) {
        (false, _) => title,
        (true, false) => url,
        (true, true) => "Untitled source",
    };
    let mut first = vec![if linkable {
        link(shown_title, url)
    } else {
        inline(shown_title)
    }];
    if !source.publisher.trim().is_empty() {
        first.push(inline(&source.publisher));
    }
    if let Some(date) = source.accessed {
        first.push(format!("accessed {}", long_date(date)));
    }
    first.push(format!("*{}*", source.stance.label()));
    let mut item = format!("{marker}{}", first.join(" · "));

    let mut more = Vec::new();
    if !linkable && !url.is_empty() && shown_title != url {
        more.push(format!("{indent}Address (not linked): {}", inline(url)));
    }
    if !source.quote.trim().is_empty() {
        more.push(quoted(&indent, &source.quote));
    }
    for line in text_paragraphs(&source.note) {
        more.push(format!("{indent}{}", escape(line)));
    }
    for block in more {
        item.push_str("\n\n");
        item.push_str(&block);
    }
    item
}

/// `text` as a block quote, one quoted paragraph per line, each line starting with `indent`.
fn quoted(indent: &str, text: &str) -> String {
    text_paragraphs(text)
        .map(|line| format!("{indent}> {}", escape(line)))
        .collect::<Vec<_>>()
        .join(&format!("\n{indent}>\n"))
}

fn verdict_text(verdict: Option<&Rating>) -> String {
    verdict.map_or_else(
        || "*Not yet rated*".to_owned(),
        |rating| inline(rating_label(rating)),
    )
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

/// `text` with every CommonMark special character backslash-escaped and control characters (line
/// breaks, tabs) turned into spaces, so it stays one line of plain text wherever it is put.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for ch in text.chars() {
        if ch.is_control() {
            out.push(' ');
            continue;
        }
        if SPECIAL.contains(&ch) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// `text` on one line, runs of white space (line breaks included) collapsed, escaped: for headings,
/// list items and table cells.
fn inline(text: &str) -> String {
    escape(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// A `[text](url)` link; `url` must have passed [`is_linkable_url`].
fn link(text: &str, url: &str) -> String {
    format!("[{}]({})", inline(text), link_destination(url.trim()))
}

/// `url` safe as a CommonMark link destination. Space, parentheses and angle brackets would end the
/// destination, so they are percent-encoded (browsers encode them the same way). Backslash and `&` are
/// backslash-escaped instead, because CommonMark would otherwise read them as an escape or an entity
/// and change the address; escaped, the link points exactly where the source said.
fn link_destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for ch in url.chars() {
        match ch {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '\\' => out.push_str("\\\\"),
            '&' => out.push_str("\\&"),
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{self, HOSTILE_HTTP_URL};
    use super::super::{ReportFormat, ReportOptions, render as render_report};
    use super::{escape, link_destination};
    use crate::model::Project;

    fn render(project: &Project) -> String {
        render_report(
            project,
            ReportFormat::Markdown,
            &ReportOptions::at(fixtures::generated()),
        )
    }

    fn has_line(md: &str, line: &str) -> bool {
        md.lines().any(|l| l == line)
    }

    /// Byte offsets of the chars of `md` that are not backslash-escaped, with the char.
    fn unescaped(md: &str) -> Vec<(usize, char)> {
        let mut out = Vec::new();
        let mut escaped = false;
        for (i, ch) in md.char_indices() {
            if escaped {
                escaped = false;
            } else if ch == '\\' {
                escaped = true;
            } else {
                out.push((i, ch));
            }
        }
        out
    }

    #[test]
    fn header_and_claims_appear_in_order_with_verdicts() {
        let md = render(&fixtures::project());
        let expected = [
            "# Budget week checks",
            "By Sam Reviewer · Example Fact Desk",
            "Generated 25 November 2026",
            "## How we checked",
            "We asked the statistics office\\.",
            "## Summary",
            "## Article: City budget speech",
            "## Claims",
            "### Claim 1: False",
            "> Crime fell 20% last year",
            "**Claim as checked:** Recorded crime fell by a fifth in 2025",
            "- **Claimant:** Mayor Jane Doe",
            "- **Appeared in:**",
            "  - [https://example\\.org/speech](https://example.org/speech)",
            "  - City Hall livestream",
            "- **Date of claim:** 1 March 2026",
            "- **Status:** Done",
            "- **Verdict:** False",
            "**Explanation**",
            "Police figures show a rise\\.",
            "The fall was in one district only\\.",
            "**Sources**",
            "**Tags:** crime, statistics",
            "### Claim 2: True",
            "### Claim 3: *Not yet rated*",
            "- **Status:** In progress",
            "### Claim 4: Mostly true",
            "### Claim 5: *Not yet rated*",
        ];
        let mut from = 0;
        for line in expected {
            let Some(at) = md[from..].find(&format!("{line}\n")) else {
                panic!("{line:?} missing or out of order in\n{md}");
            };
            from += at + line.len();
        }
    }

    #[test]
    fn one_appearance_is_on_the_line_of_its_label() {
        let mut project = fixtures::project();
        for claim in &mut project.claims {
            claim.appearances = vec!["Evening news".into(), " ".into()];
        }
        let md = render(&project);
        assert!(md.contains("- **Appeared in:** Evening news\n"), "{md}");
    }

    #[test]
    fn sources_are_a_list_linking_only_http_urls() {
        let md = render(&fixtures::project());
        let sources = "1. [Crime statistics 2025](https://stats.example.org/crime?year=2025\\&area=all) · Statistics Office · accessed 3 March 2026 · *Refutes*\n\n   > Recorded crime rose 4%\\.\n\n   Table 2\\.\n\n2. Odd link · Statistics Office · accessed 3 March 2026 · *Context*\n\n   Address (not linked): javascript:alert\\(1\\)\n\n   > Recorded crime rose 4%\\.\n\n   Table 2\\.\n";
        assert!(md.contains(sources), "{md}");
        assert!(!md.contains("](javascript"));
    }

    #[test]
    fn summary_table_counts_each_verdict() {
        let md = render(&fixtures::project());
        assert!(has_line(&md, "5 claims in this report."));
        let table = "| Verdict | Claims |\n| :--- | ---: |\n| True | 1 |\n| Mostly true | 1 |\n| Half true | 0 |\n| Mostly false | 0 |\n| False | 1 |\n| Unverifiable | 0 |\n| No verdict yet | 2 |\n";
        assert!(md.contains(table), "{md}");
        assert!(has_line(
            &md,
            "| 3 | last year\\. Ünïcode | *Not yet rated* |"
        ));
    }

    #[test]
    fn markers_follow_every_span_including_overlapping_ones() {
        let md = render(&fixtures::project());
        // Spans 3 and 4 follow multi-byte chars: the markers land after the right chars only if
        // offsets are counted in chars.
        assert!(
            has_line(
                &md,
                "Crime fell 20% **[2]** last year **[1]**\\. Ünïcode **[3]** “quotes” cost €5 million **[4]**\\."
            ),
            "{md}"
        );
        assert!(has_line(
            &md,
            "The mayor said unemployment halved **[5]**\\."
        ));
    }

    #[test]
    fn unchecked_claims_are_left_out_when_the_settings_say_so() {
        let mut project = fixtures::project();
        project.report.include_unchecked = false;
        let md = render(&project);
        assert!(!md.contains("### Claim 5"));
        assert!(!md.contains("**[5]**"));
        assert!(
            has_line(&md, "The mayor said unemployment halved\\."),
            "the text stays whole"
        );
        assert!(has_line(&md, "4 claims in this report."));
        assert!(has_line(&md, "| No verdict yet | 1 |"));
        assert!(has_line(&md, "1 claim still unchecked is not included."));
    }

    #[test]
    fn table_cells_stay_on_one_row() {
        let mut project = fixtures::project();
        project.rating_scale[0].label = "Quite\ntrue | really\r\n= yes".into();
        let md = render(&project);
        assert!(
            has_line(&md, "| Quite true \\| really \\= yes | 1 |"),
            "{md}"
        );
    }

    #[test]
    fn hostile_content_is_escaped() {
        let md = render(&fixtures::hostile_project());
        assert!(md.contains("\\<script\\>alert\\(1\\)\\</script\\>"));
        assert!(md.contains("\\[click\\]\\(javascript:alert\\(1\\)\\)"));
        assert!(md.contains("\\!\\[i\\]\\(x\\)"));
        assert!(md.contains("\\& \\&amp;"), "entities stay literal");
        let plain = unescaped(&md);
        for (at, ch) in &plain {
            let line_start = md[..*at].rfind('\n').map_or(0, |n| n + 1);
            let our_quote = *ch == '>' && md[line_start..*at].trim().is_empty();
            assert!(
                our_quote || !matches!(ch, '<' | '>' | '&' | '`'),
                "unescaped {ch:?} at {at}: {:?}",
                &md[at.saturating_sub(40)..*at + 1]
            );
        }
        // Every link this report makes is one of ours, to an http(s) address.
        let link_starts: Vec<usize> = plain
            .windows(2)
            .filter(|pair| pair[0].1 == ']' && pair[1].1 == '(')
            .map(|pair| pair[1].0 + 1)
            .collect();
        assert_eq!(
            link_starts.len(),
            2,
            "only the two sources with an https address are links"
        );
        for start in link_starts {
            let target = &md[start..];
            assert!(target.starts_with("https://evil.example/"), "{target:.60}");
            let end = target.find(')').unwrap();
            assert!(
                !target[..end].contains(['(', ' ', '<', '>']),
                "{:?}",
                &target[..end]
            );
        }
        assert!(
            !md.contains("](javascript") && !md.contains("](data:") && !md.contains("<javascript")
        );
        // Unescaped `[` only opens our markers and our links.
        for (at, ch) in &plain {
            if *ch == '[' {
                let rest = &md[*at..];
                assert!(
                    rest.starts_with("[1]**")
                        || rest.starts_with("[2]**")
                        || rest.contains("](https://"),
                    "{rest:.40}"
                );
            }
        }
    }

    #[test]
    fn escape_neutralises_commonmark_punctuation_and_line_breaks() {
        assert_eq!(
            escape("\\`*_{}[]()#+-.!|<>~&="),
            "\\\\\\`\\*\\_\\{\\}\\[\\]\\(\\)\\#\\+\\-\\.\\!\\|\\<\\>\\~\\&\\="
        );
        assert_eq!(escape("line\nbreak\r\ttab"), "line break  tab");
        assert_eq!(escape("Zürich “quoted” 50% off"), "Zürich “quoted” 50% off");
    }

    #[test]
    fn link_destinations_cannot_be_broken_out_of() {
        assert_eq!(
            link_destination(HOSTILE_HTTP_URL),
            "https://evil.example/a%20b%29%28%3Cx%3E%29]%28javascript:alert%281%29%29%20\"onmouseover=\"alert%281%29\\\\\\&copy;"
        );
        assert_eq!(
            link_destination("https://example.org/page?q=1#top"),
            "https://example.org/page?q=1#top"
        );
    }
}
