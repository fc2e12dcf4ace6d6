//! The HTML report: one self-contained page a newsroom can publish or print as it is.
//!
//! Everything a user typed reaches the page through maud, which escapes it; colours are re-emitted from
//! parsed bytes and only http(s) URLs become links. A Content-Security-Policy forbids scripts and every
//! outside request, so even a slip elsewhere could not load or run anything.

use maud::{DOCTYPE, Markup, PreEscaped, html};
use unicode_segmentation::UnicodeSegmentation;

use super::{
    ReportClaim, ReportData, Segment, is_linkable_url, long_date, rating_label, text_paragraphs,
    unchecked_left_out,
};
use crate::model::{Article, Rating, Source, Stance, parse_hex_color};

/// Scripts, fonts, frames and remote images are all refused; only the inline style sheet and inline
/// images (none today) may load.
const CONTENT_SECURITY_POLICY: &str =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/// Grey for claims without a verdict and for ratings whose colour does not parse.
const NEUTRAL: [u8; 3] = [0x8a, 0x90, 0x99];

/// What the summary calls claims without a verdict, in the table and the chart.
const NO_VERDICT: &str = "No verdict yet";

/// The page's style sheet. A constant, so no user text can reach it.
const STYLE: &str = r#"
:root { color-scheme: light; --ink: #1c2129; --muted: #5a6472; --line: #dadee4; --paper: #ffffff; --page: #f3f4f6; --accent: #1f4f8f; }
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: var(--page); color: var(--ink); font: 17px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif; }
.page { max-width: 860px; margin: 0 auto; padding: 2.5rem 1.25rem 4rem; }
h1, h2, h3, h4 { line-height: 1.25; margin: 0; }
h1 { font-size: 2.1rem; letter-spacing: -0.015em; margin: 0.15rem 0 0.6rem; }
h2 { font-size: 1.4rem; margin: 0 0 1rem; }
h3 { font-size: 1.15rem; }
h4 { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); margin: 1.25rem 0 0.4rem; }
p { margin: 0 0 0.8rem; }
a { color: var(--accent); text-underline-offset: 0.15em; }
.kicker { font-size: 0.78rem; font-weight: 700; text-transform: uppercase; letter-spacing: 0.08em; color: var(--muted); margin: 0; }
.report-head { border-bottom: 3px solid var(--ink); padding-bottom: 1.2rem; margin-bottom: 2rem; }
.byline { font-size: 1.05rem; margin: 0 0 0.2rem; }
.dateline { color: var(--muted); font-size: 0.92rem; margin: 0; overflow-wrap: anywhere; }
section { margin: 0 0 2.5rem; }
.panel { background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: 1.25rem 1.5rem; }
.methodology p:last-child, .explanation p:last-child { margin-bottom: 0; }
.total { font-size: 1.05rem; }
.total strong { font-size: 1.6rem; margin-right: 0.2rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.95rem; margin: 0 0 1rem; }
th, td { text-align: left; padding: 0.45rem 0.6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 0.78rem; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.verdicts { max-width: 26rem; }
.verdict-overview { display: flex; flex-wrap: wrap; align-items: flex-start; gap: 0 2.5rem; }
.verdict-overview .verdicts { flex: 1 1 16rem; }
.verdict-overview .verdicts td { overflow-wrap: anywhere; }
.verdict-figure { flex: 1 1 18rem; min-width: min(100%, 18rem); max-width: 27.5rem; margin: 0 0 1.25rem; }
.verdict-figure .kicker { margin-bottom: 0.5rem; }
.verdict-chart { display: block; width: 100%; height: auto; overflow: visible; }
.verdict-chart text { fill: var(--ink); font-size: 15px; }
.verdict-chart .count { font-weight: 700; font-variant-numeric: tabular-nums; }
.verdict-chart .track { fill: var(--page); stroke: var(--line); }
.swatch { display: inline-block; width: 0.85em; height: 0.85em; border-radius: 3px; margin-right: 0.5em; vertical-align: -0.08em; border: 1px solid rgb(0 0 0 / 15%); }
.swatch.none { background: transparent; border: 1.5px dashed var(--muted); }
.note { color: var(--muted); font-size: 0.92rem; }
.article-text p { margin: 0 0 1rem; }
.article-text p:last-child { margin-bottom: 0; }
mark { color: inherit; border-radius: 2px; box-decoration-break: clone; -webkit-box-decoration-break: clone; }
sup.ref { font-size: 0.7em; line-height: 0; margin-left: 0.1em; white-space: nowrap; }
sup.ref a { text-decoration: none; font-weight: 700; }
.claim { background: var(--paper); border: 1px solid var(--line); border-left: 6px solid; border-radius: 8px; padding: 1.25rem 1.5rem; margin: 0 0 1.5rem; break-inside: avoid; page-break-inside: avoid; }
.claim-head { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 0.75rem; margin-bottom: 0.9rem; }
.badge { display: inline-block; padding: 0.15rem 0.65rem; border-radius: 999px; font-size: 0.85rem; font-weight: 700; letter-spacing: 0.02em; }
.badge.unrated { border: 1.5px dashed var(--muted); color: var(--muted); font-weight: 600; }
.status { font-size: 0.85rem; color: var(--muted); }
blockquote { margin: 0 0 0.9rem; padding: 0.1rem 0 0.1rem 1rem; border-left: 3px solid var(--line); font-style: italic; }
blockquote p { margin: 0.3rem 0; }
.quote { font-size: 1.08rem; }
.restated .label, .tags .label { font-weight: 600; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0 0 0.5rem; font-size: 0.95rem; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.sources { padding-left: 1.4rem; margin: 0; }
.sources li { margin: 0 0 0.8rem; padding-left: 0.2rem; }
.source-title { font-weight: 600; overflow-wrap: anywhere; }
.source-url, .source-meta { font-size: 0.9rem; color: var(--muted); overflow-wrap: anywhere; }
.source-url code { font-size: 0.95em; }
.sources blockquote { font-size: 0.95rem; margin: 0.35rem 0; }
.stance { display: inline-block; font-size: 0.75rem; font-weight: 700; text-transform: uppercase; letter-spacing: 0.05em; padding: 0 0.45rem; border-radius: 4px; border: 1px solid; }
.stance-supports { color: #1d6b3a; background: #e7f4ec; }
.stance-refutes { color: #9b2420; background: #fbeaea; }
.stance-context { color: #4b5563; background: #f0f1f3; }
.tag { display: inline-block; background: var(--page); border: 1px solid var(--line); border-radius: 4px; padding: 0 0.45rem; margin: 0 0.3rem 0.3rem 0; font-size: 0.85rem; }
.glance td:first-child { white-space: nowrap; }
caption { text-align: left; padding-bottom: 0.3rem; }
footer { color: var(--muted); font-size: 0.85rem; border-top: 1px solid var(--line); padding-top: 1rem; }
@media (max-width: 600px) {
  body { font-size: 16px; }
  .page { padding: 1.25rem 0.85rem 3rem; }
  h1 { font-size: 1.65rem; }
  .panel, .claim { padding: 1rem; }
  .facts { grid-template-columns: 1fr; gap: 0; }
  .facts dd { margin-bottom: 0.4rem; }
}
@media print {
  body { background: none; font-size: 10.5pt; }
  .page { max-width: none; padding: 0; }
  .panel, .claim { border-color: #999; border-radius: 0; }
  a { color: inherit; }
  .sources a[href]::after { content: " <" attr(href) ">"; font-weight: normal; font-size: 0.85em; overflow-wrap: anywhere; }
  mark, .badge, .swatch, .verdict-chart rect { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .verdict-figure { break-inside: avoid; page-break-inside: avoid; }
  mark { text-decoration: underline; text-decoration-thickness: 1px; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  tr, blockquote { break-inside: avoid; }
}
"#;

/// Renders the report as one HTML page.
pub(super) fn render(data: &ReportData<'_>) -> String {
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta http-equiv="Content-Security-Policy" content=(CONTENT_SECURITY_POLICY);
                meta name="referrer" content="no-referrer";
                meta name="generator" content="factdesk";
                title { (data.title) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                div.page {
                    (header(data))
                    main {
                        (methodology(data))
                        (summary(data))
                        @for article in &data.project.articles {
                            (article_section(data, article))
                        }
                        (claims_section(data))
                    }
                    footer {
                        p { "Verification report made with factdesk." }
                    }
                }
            }
        }
    };
    page.into_string()
}

fn header(data: &ReportData<'_>) -> Markup {
    let settings = &data.project.report;
    let author = settings.author.trim();
    let organisation = settings.organisation.trim();
    let base_url = settings.base_url.trim();
    html! {
        header.report-head {
            p.kicker { "Fact-check" }
            h1 { (data.title) }
            @if !author.is_empty() || !organisation.is_empty() {
                p.byline {
                    @if !author.is_empty() { "By " strong { (author) } }
                    @if !author.is_empty() && !organisation.is_empty() { " · " }
                    @if !organisation.is_empty() { (organisation) }
                }
            }
            p.dateline {
                "Generated "
                time datetime=(data.generated.format("%Y-%m-%d")) {
                    (long_date(data.generated.date_naive()))
                }
            }
            @if is_linkable_url(base_url) {
                p.dateline { "Online at " a href=(base_url) { (base_url) } }
            }
        }
    }
}

fn methodology(data: &ReportData<'_>) -> Markup {
    let text = &data.project.report.methodology;
    html! {
        @if !text.trim().is_empty() {
            section.methodology.panel aria-labelledby="methodology" {
                h2 #methodology { "How we checked" }
                @for line in text_paragraphs(text) { p { (line) } }
            }
        }
    }
}

fn summary(data: &ReportData<'_>) -> Markup {
    let total = data.claims.len();
    let left_out = unchecked_left_out(data);
    html! {
        section.summary aria-labelledby="summary" {
            h2 #summary { "Summary" }
            @if total == 0 {
                p.total { "No claims in this report yet." }
            } @else {
                p.total { strong { (total) } (plural(total, " claim", " claims")) " in this report." }
                @if data.rated { div.verdict-overview {
                    table.verdicts {
                        thead { tr { th scope="col" { "Verdict" } th.num scope="col" { "Claims" } } }
                        tbody {
                            @for (rating, count) in &data.verdict_counts {
                                tr {
                                    td { (swatch(Some(rating))) (rating_label(rating)) }
                                    td.num { (count) }
                                }
                            }
                            tr {
                                td { (swatch(None)) (NO_VERDICT) }
                                td.num { (data.without_verdict) }
                            }
                        }
                    }
                    (verdict_chart(data))
                } }
                table.glance {
                    caption.kicker { "Claims at a glance" }
                    thead { tr {
                        th scope="col" { "No." } th scope="col" { "Claim" }
                        @if data.rated { th scope="col" { "Verdict" } }
                    } }
                    tbody {
                        @for c in &data.claims {
                            tr {
                                td { a href={ "#claim-" (c.number) } { (c.number) } }
                                td { (c.claim.text) }
                                @if data.rated { td { (swatch(c.verdict)) (verdict_text(c.verdict)) } }
                            }
                        }
                    }
                }
            }
            @if left_out > 0 {
                p.note {
                    (left_out) (plural(left_out, " claim still unchecked is", " claims still unchecked are"))
                    " not included."
                }
            }
        }
    }
}

/// One bar of the verdict chart.
struct ChartRow<'a> {
    label: &'a str,
    count: usize,
    /// `None` for the claims without a verdict.
    rating: Option<&'a Rating>,
}

/// A horizontal bar chart of the verdict counts, one bar per rating of the scale and one for claims
/// without a verdict, in the table's order and colours.
///
/// A bar's length is its share of the claims in the report, so the bars together would fill one track,
/// a zero leaves the track empty, and two reports can be compared by eye. The SVG has a fixed
/// coordinate system that CSS scales to the column, so it shrinks on a phone with its text. Labels are
/// user text: maud escapes them, and a label too long for its column is shortened (or clipped) on
/// screen but given whole in the row's tooltip, the chart's `aria-label` and the table beside it.
/// Colours are presentation attributes rebuilt from parsed bytes, so the page's CSP needs nothing new.
fn verdict_chart(data: &ReportData<'_>) -> Markup {
    let rows: Vec<ChartRow<'_>> = data
        .verdict_counts
        .iter()
        .map(|&(rating, count)| ChartRow {
            label: rating_label(rating),
            count,
            rating: Some(rating),
        })
        .chain(std::iter::once(ChartRow {
            label: NO_VERDICT,
            count: data.without_verdict,
            rating: None,
        }))
        .collect();
    let total: usize = rows.iter().map(|r| r.count).sum();
    let summary = rows
        .iter()
        .map(|r| format!("{} {}", r.label, r.count))
        .collect::<Vec<_>>()
        .join(", ");
    let height = rows.len() * chart::ROW;
    html! {
        figure.verdict-figure {
            figcaption.kicker { "Claims per verdict" }
            svg.verdict-chart xmlns="http://www.w3.org/2000/svg"
                viewBox={ "0 0 " (chart::WIDTH) " " (height) }
                width=(chart::WIDTH) height=(height)
                role="img" aria-label={ "Claims per verdict: " (summary) "." } {
                title { "Claims per verdict" }
                @for (i, row) in rows.iter().enumerate() {
                    @let top = i * chart::ROW;
                    @let bar_top = top + (chart::ROW - chart::BAR) / 2;
                    @let middle = top + chart::ROW / 2;
                    g {
                        title { (row.label) ": " (row.count) (plural(row.count, " claim", " claims")) }
                        // A nested viewport clips what the ellipsis cannot: a label of wide glyphs (CJK,
                        // emoji) stops at its column instead of running over the bars.
                        svg x="0" y=(top) width=(chart::LABEL_WIDTH) height=(chart::ROW) {
                            text.label x="0" y=(chart::ROW / 2) dy="0.35em" {
                                (shortened(row.label, chart::LABEL_CHARS))
                            }
                        }
                        rect.track x=(chart::TRACK_X) y=(bar_top) width=(chart::TRACK) height=(chart::BAR)
                            rx="3" {}
                        @if let Some(rating) = row.rating {
                            rect.bar x=(chart::TRACK_X) y=(bar_top) width=(bar_length(row.count, total))
                                height=(chart::BAR) rx="3" fill=(solid(colour(Some(rating)))) {}
                        } @else {
                            // Dashed and grey, like the table's swatch for claims without a verdict.
                            rect.bar.none x=(chart::TRACK_X) y=(bar_top)
                                width=(bar_length(row.count, total)) height=(chart::BAR) rx="3"
                                fill=(solid(NEUTRAL)) fill-opacity="0.45" stroke=(solid(NEUTRAL))
                                stroke-dasharray="4 3" {}
                        }
                        text.count x=(chart::WIDTH) y=(middle) dy="0.35em" text-anchor="end" { (row.count) }
                    }
                }
            }
        }
    }
}

/// Geometry of the verdict chart in SVG user units, which are CSS pixels at full size.
mod chart {
    /// Width of the whole chart: labels, track and counts.
    pub const WIDTH: usize = 420;
    /// Height of one row.
    pub const ROW: usize = 34;
    /// Thickness of a bar.
    pub const BAR: usize = 18;
    /// Where the bars start, after the label column.
    pub const TRACK_X: usize = 140;
    /// Length of a full bar, leaving room for the count column.
    pub const TRACK: usize = 240;
    /// Width of the label column, which clips longer labels.
    pub const LABEL_WIDTH: usize = TRACK_X - 8;
    /// Graphemes of a label that usually fit the label column at the chart's font size.
    pub const LABEL_CHARS: usize = 17;
}

/// The length of the bar for `count` of `total` claims, rounded. A count above zero always gets a
/// sliver, so it never reads as none.
fn bar_length(count: usize, total: usize) -> usize {
    if count == 0 || total == 0 {
        return 0;
    }
    let length = (count.saturating_mul(chart::TRACK) + total / 2) / total;
    length.clamp(2, chart::TRACK)
}

/// `label` cut to `max` graphemes, ending in an ellipsis when it was cut.
fn shortened(label: &str, max: usize) -> String {
    let mut graphemes = label.graphemes(true);
    let head: String = graphemes.by_ref().take(max).collect();
    if graphemes.next().is_none() {
        return head;
    }
    let mut cut: String = head.graphemes(true).take(max.saturating_sub(1)).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

fn article_section(data: &ReportData<'_>, article: &Article) -> Markup {
    let title = article.title.trim();
    html! {
        section.article {
            p.kicker { "Article" }
            h2 { @if title.is_empty() { "Untitled article" } @else { (title) } }
            div.article-text.panel {
                @for paragraph in data.highlighted_paragraphs(article) {
                    p {
                        @for segment in &paragraph { (segment_markup(segment, data.rated)) }
                    }
                }
            }
        }
    }
}

/// One run of article text inside one highlight per covering claim, then the numbers of the claims
/// that end here.
///
/// Marks nest outermost claim first. Each carries a translucent tint, so where claims overlap the tints
/// stack and the overlap reads darker; the numbers say which claims they are without relying on colour.
fn segment_markup(segment: &Segment<'_, '_>, rated: bool) -> Markup {
    html! {
        (nested_marks(&segment.covering, segment.text, rated))
        @for c in &segment.ending {
            sup.ref {
                a href={ "#claim-" (c.number) } aria-label={ "Claim " (c.number) } { "[" (c.number) "]" }
            }
        }
    }
}

/// `rated` is false on an Explanation-only scale, where a mark's title names the claim only.
fn nested_marks(covering: &[&ReportClaim<'_>], text: &str, rated: bool) -> Markup {
    let Some((outer, inner)) = covering.split_first() else {
        return html! { (text) };
    };
    let [r, g, b] = colour(outer.verdict);
    html! {
        mark data-claim=(outer.number)
            title={ "Claim " (outer.number) @if rated { ": " (verdict_text(outer.verdict)) } }
            style={ "background-color: rgb(" (r) " " (g) " " (b) " / 28%)" } {
            (nested_marks(inner, text, rated))
        }
    }
}

fn claims_section(data: &ReportData<'_>) -> Markup {
    html! {
        @if !data.claims.is_empty() {
            section.claims aria-labelledby="claims" {
                h2 #claims { "Claims" }
                @for c in &data.claims { (claim_card(data, c)) }
            }
        }
    }
}

fn claim_card(data: &ReportData<'_>, c: &ReportClaim<'_>) -> Markup {
    let claim = c.claim;
    let restated = claim.text.trim();
    let appearances: Vec<&str> = claim.shown_appearances().collect();
    let article_title = (data.project.articles.len() > 1)
        .then(|| data.project.article(claim.article))
        .flatten()
        .map(|a| a.title.trim());
    html! {
        article.claim id={ "claim-" (c.number) } style={ "border-left-color: " (solid(colour(c.verdict))) } {
            div.claim-head {
                h3 { "Claim " (c.number) }
                @if data.rated { (verdict_badge(c.verdict)) }
                span.status { "Status: " (claim.status.label()) }
            }
            blockquote.quote {
                @for line in text_paragraphs(&claim.anchor.quote) { p { (line) } }
            }
            @if !restated.is_empty() && restated != claim.anchor.quote.trim() {
                p.restated { span.label { "Claim as checked: " } (restated) }
            }
            dl.facts {
                @if !claim.claimant.trim().is_empty() {
                    dt { "Claimant" } dd { (claim.claimant.trim()) }
                }
                @if !appearances.is_empty() {
                    dt { "Appeared in" }
                    @for appearance in &appearances {
                        dd {
                            @if is_linkable_url(appearance) {
                                a href=(appearance) rel="noopener noreferrer" { (appearance) }
                            } @else { (appearance) }
                        }
                    }
                }
                @if let Some(date) = claim.claim_date {
                    dt { "Date of claim" }
                    dd { time datetime=(date.format("%Y-%m-%d")) { (long_date(date)) } }
                }
                @if let Some(title) = article_title {
                    dt { "Article" } dd { (title) }
                }
            }
            @if !claim.explanation.trim().is_empty() {
                div.explanation {
                    h4 { "Explanation" }
                    @for line in text_paragraphs(&claim.explanation) { p { (line) } }
                }
            }
            @if !claim.sources.is_empty() {
                h4 { "Sources" }
                ol.sources {
                    @for source in &claim.sources { (source_item(source)) }
                }
            }
            @if claim.tags.iter().any(|t| !t.trim().is_empty()) {
                p.tags {
                    span.label { "Tags: " }
                    @for tag in claim.tags.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
                        span.tag { (tag) }
                    }
                }
            }
        }
    }
}

fn source_item(source: &Source) -> Markup {
    let url = source.url.trim();
    let title = source.title.trim();
    let publisher = source.publisher.trim();
    let linkable = is_linkable_url(url);
    let shown_title = match (title.is_empty(), url.is_empty()) {
        (false, _) => title,
        (true, false) => url,
        (true, true) => "Untitled source",
    };
    html! {
        li {
            div.source-title {
                @if linkable {
                    a href=(url) rel="noopener noreferrer" { (shown_title) }
                } @else { (shown_title) }
            }
            // A URL that is not http(s) is shown so the reader can judge it, but never made clickable.
            @if !linkable && !url.is_empty() && shown_title != url {
                div.source-url { "Address (not linked): " code { (url) } }
            }
            div.source-meta {
                @if !publisher.is_empty() { (publisher) " · " }
                @if let Some(date) = source.accessed {
                    "Accessed " time datetime=(date.format("%Y-%m-%d")) { (long_date(date)) } " · "
                }
                span class={ "stance " (stance_class(source.stance)) } { (source.stance.label()) }
            }
            @if !source.quote.trim().is_empty() {
                blockquote { @for line in text_paragraphs(&source.quote) { p { (line) } } }
            }
            @if !source.note.trim().is_empty() {
                @for line in text_paragraphs(&source.note) { p.note { (line) } }
            }
        }
    }
}

fn verdict_badge(verdict: Option<&Rating>) -> Markup {
    let Some(rating) = verdict else {
        return html! { span.badge.unrated { "Not yet rated" } };
    };
    let background = colour(Some(rating));
    html! {
        span.badge style={
            "background-color: " (solid(background)) "; color: " (ink_on(background))
        } { (rating_label(rating)) }
    }
}

fn swatch(rating: Option<&Rating>) -> Markup {
    if rating.is_none() {
        return html! { span.swatch.none aria-hidden="true" {} };
    }
    html! {
        span.swatch aria-hidden="true" style={ "background-color: " (solid(colour(rating))) } {}
    }
}

fn verdict_text(verdict: Option<&Rating>) -> &str {
    verdict.map_or("Not yet rated", rating_label)
}

fn stance_class(stance: Stance) -> &'static str {
    match stance {
        Stance::Supports => "stance-supports",
        Stance::Refutes => "stance-refutes",
        Stance::Context => "stance-context",
    }
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

/// The rating's colour as bytes; grey when there is no rating or its colour is not `#rrggbb`, so a
/// crafted colour string never reaches the style sheet.
fn colour(rating: Option<&Rating>) -> [u8; 3] {
    rating
        .and_then(|r| parse_hex_color(&r.color))
        .unwrap_or(NEUTRAL)
}

fn solid([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// Near-black or white, whichever contrasts more with `background` by the WCAG 2 formula, so a badge
/// on a light rating colour (amber, light green) stays readable.
fn ink_on(background: [u8; 3]) -> &'static str {
    let luminance = crate::model::relative_luminance(background);
    // #1c2129, the page's ink, has a relative luminance of about 0.014.
    let against_dark = (luminance + 0.05) / (0.014 + 0.05);
    let against_white = 1.05 / (luminance + 0.05);
    if against_dark >= against_white {
        "#1c2129"
    } else {
        "#ffffff"
    }
}

#[cfg(test)]
mod tests {
    use scraper::{ElementRef, Html, Selector};

    use super::super::fixtures::{self, PAYLOADS};
    use super::super::{ReportFormat, ReportOptions, render as render_report};
    use crate::model::{Article, Claim, Project, TextAnchor};

    fn render(project: &Project) -> Html {
        Html::parse_document(&render_report(
            project,
            ReportFormat::Html,
            &ReportOptions::at(fixtures::generated()),
        ))
    }

    fn select<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
        let selector = Selector::parse(css).unwrap();
        doc.select(&selector).collect()
    }

    fn text_of(element: ElementRef<'_>) -> String {
        element.text().collect::<String>()
    }

    fn texts(doc: &Html, css: &str) -> Vec<String> {
        select(doc, css).into_iter().map(text_of).collect()
    }

    /// What a reader reads, text nodes apart and white space collapsed: for block content, where
    /// separate elements are separate words.
    fn words(element: ElementRef<'_>) -> String {
        element
            .text()
            .flat_map(str::split_whitespace)
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn every_claim_has_a_numbered_section_with_its_verdict() {
        let doc = render(&fixtures::project());
        let expected = [
            (1, "Crime fell 20% last year", "False", "Done"),
            (2, "fell 20%", "True", "Done"),
            (3, "last year. Ünïcode", "Not yet rated", "In progress"),
            (4, "“quotes” cost €5 million", "Mostly true", "Needs review"),
            (5, "unemployment halved", "Not yet rated", "Unchecked"),
        ];
        assert_eq!(select(&doc, "article.claim").len(), expected.len());
        for (number, quote, verdict, status) in expected {
            let card = select(&doc, &format!("#claim-{number}"));
            let [card] = card.as_slice() else {
                panic!("claim {number} should have exactly one section");
            };
            let card_text = words(*card);
            assert!(
                card_text.starts_with(&format!("Claim {number} {verdict} Status: {status}")),
                "{card_text}"
            );
            assert!(card_text.contains(quote), "{card_text}");
        }
        let first = select(&doc, "#claim-1")[0];
        let first_text = words(first);
        for fact in [
            "Claim as checked: Recorded crime fell by a fifth in 2025",
            "Claimant Mayor Jane Doe",
            "Date of claim 1 March 2026",
            "Police figures show a rise.",
            "The fall was in one district only.",
            "Tags: crime statistics",
        ] {
            assert!(
                first_text.contains(fact),
                "{fact:?} missing from {first_text}"
            );
        }
        assert_eq!(
            texts(&doc, "#claim-1 .facts dd"),
            [
                "Mayor Jane Doe",
                "https://example.org/speech",
                "City Hall livestream",
                "1 March 2026"
            ],
            "every appearance has its own entry"
        );
        assert_eq!(
            texts(&doc, "#claim-1 .facts dd a"),
            ["https://example.org/speech"],
            "only the URL appearance is a link"
        );
        assert_eq!(
            texts(&doc, "#claim-1 .badge"),
            ["False"],
            "the verdict is a badge with text, not only a colour"
        );
        assert!(
            !words(select(&doc, "#claim-2")[0]).contains("Claim as checked"),
            "a claim worded as its quote is not repeated"
        );
    }

    #[test]
    fn sources_show_title_publisher_date_stance_and_only_http_links() {
        let doc = render(&fixtures::project());
        let sources = select(&doc, "#claim-1 ol.sources > li");
        assert_eq!(sources.len(), 2);
        let links = select(&doc, "#claim-1 ol.sources a");
        let [link] = links.as_slice() else {
            panic!("only the https source is a link");
        };
        assert_eq!(text_of(*link), "Crime statistics 2025");
        assert_eq!(
            link.value().attr("href"),
            Some("https://stats.example.org/crime?year=2025&area=all")
        );
        let linked = words(sources[0]);
        for part in [
            "Statistics Office",
            "Accessed 3 March 2026",
            "Refutes",
            "Recorded crime rose 4%.",
            "Table 2.",
        ] {
            assert!(linked.contains(part), "{part:?} missing from {linked}");
        }
        let inert = words(sources[1]);
        assert!(inert.contains("Odd link"), "{inert}");
        assert!(
            inert.contains("javascript:alert(1)"),
            "the address is shown as text: {inert}"
        );
        assert!(inert.contains("Context"), "{inert}");
    }

    #[test]
    fn summary_counts_claims_per_verdict() {
        let doc = render(&fixtures::project());
        let rows: Vec<String> = select(&doc, "table.verdicts tbody tr")
            .into_iter()
            .map(words)
            .collect();
        assert_eq!(
            rows,
            [
                "True 1",
                "Mostly true 1",
                "Half true 0",
                "Mostly false 0",
                "False 1",
                "Unverifiable 0",
                "No verdict yet 2"
            ]
        );
        assert_eq!(texts(&doc, ".summary .total strong"), ["5"]);
        let swatches = select(&doc, "table.verdicts .swatch");
        assert_eq!(
            swatches[0].value().attr("style"),
            Some("background-color: #1a9850"),
            "the swatch shows the rating colour"
        );
    }

    #[test]
    fn summary_chart_has_one_bar_per_verdict_sized_by_count() {
        let doc = render(&fixtures::project());
        let charts = select(&doc, ".summary svg.verdict-chart");
        let [chart] = charts.as_slice() else {
            panic!("one chart in the summary");
        };
        assert_eq!(chart.value().attr("role"), Some("img"));
        assert_eq!(
            chart.value().attr("aria-label"),
            Some(
                "Claims per verdict: True 1, Mostly true 1, Half true 0, Mostly false 0, False 1, \
                 Unverifiable 0, No verdict yet 2."
            )
        );
        assert_eq!(
            texts(&doc, "svg.verdict-chart > title"),
            ["Claims per verdict"]
        );
        assert_eq!(
            texts(&doc, "svg.verdict-chart text.label"),
            [
                "True",
                "Mostly true",
                "Half true",
                "Mostly false",
                "False",
                "Unverifiable",
                "No verdict yet"
            ]
        );
        assert_eq!(
            texts(&doc, "svg.verdict-chart text.count"),
            ["1", "1", "0", "0", "1", "0", "2"]
        );

        let counts = [1, 1, 0, 0, 1, 0, 2];
        let bars = select(&doc, "svg.verdict-chart rect.bar");
        assert_eq!(
            bars.len(),
            counts.len(),
            "one bar per rating plus no verdict"
        );
        let widths: Vec<f64> = bars
            .iter()
            .map(|b| b.value().attr("width").unwrap().parse().unwrap())
            .collect();
        for (i, (count, width)) in counts.iter().zip(&widths).enumerate() {
            assert_eq!(
                *count == 0,
                *width == 0.0,
                "bar {i} is empty iff its count is"
            );
            for (other_count, other_width) in counts.iter().zip(&widths) {
                assert_eq!(
                    count.cmp(other_count),
                    width.partial_cmp(other_width).unwrap(),
                    "bars are ordered like their counts: {widths:?}"
                );
            }
        }
        assert_eq!(
            select(&doc, "svg.verdict-chart rect.track").len(),
            counts.len(),
            "every row has a track, so a zero still shows"
        );
        assert_eq!(
            bars[0].value().attr("fill"),
            Some("#1a9850"),
            "the bar has the rating colour, as the table's swatch does"
        );
    }

    #[test]
    fn chart_labels_from_hostile_ratings_stay_text() {
        let project = fixtures::hostile_project();
        let doc = render(&project);
        let evil = fixtures::hostile();
        for element in select(&doc, "svg.verdict-chart, svg.verdict-chart *") {
            let name = element.value().name();
            assert!(
                ["svg", "title", "g", "rect", "text"].contains(&name),
                "{name} element in the chart"
            );
            if name == "rect" {
                let fill = element.value().attr("fill").unwrap_or("#000000");
                assert!(
                    fill.len() == 7 && fill.starts_with('#'),
                    "fill {fill:?} is rebuilt from bytes"
                );
            }
        }
        let rows = texts(&doc, "svg.verdict-chart g > title");
        assert_eq!(rows.len(), project.rating_scale.len() + 1);
        assert_eq!(
            rows[0],
            format!("{evil}: 1 claim"),
            "the whole label, as text"
        );
        let labels = texts(&doc, "svg.verdict-chart text.label");
        assert_eq!(labels[0], "<script>alert(1)…", "shortened on screen");
        assert!(
            select(&doc, ".summary svg.verdict-chart")[0]
                .value()
                .attr("aria-label")
                .unwrap()
                .contains(&format!("{evil} 1, "))
        );
    }

    #[test]
    fn overlapping_claims_are_each_highlighted_over_their_whole_span() {
        let project = fixtures::project();
        let doc = render(&project);
        // Offsets count chars: spans 3 and 4 sit after, and contain, multi-byte chars.
        for (number, quote) in [
            (1, "Crime fell 20% last year"),
            (2, "fell 20%"),
            (3, "last year. Ünïcode"),
            (4, "“quotes” cost €5 million"),
            (5, "unemployment halved"),
        ] {
            let marked: String = select(
                &doc,
                &format!(".article-text mark[data-claim=\"{number}\"]"),
            )
            .into_iter()
            .map(text_of)
            .collect();
            assert_eq!(marked, quote, "highlight of claim {number}");
            let refs = select(
                &doc,
                &format!(".article-text sup.ref a[href=\"#claim-{number}\"]"),
            );
            assert_eq!(refs.len(), 1, "claim {number} is numbered once in the text");
            assert_eq!(text_of(refs[0]), format!("[{number}]"));
        }
        // Claim 2 lies inside claim 1: its mark is nested in claim 1's, so both colours show.
        assert_eq!(
            texts(&doc, "mark[data-claim=\"1\"] > mark[data-claim=\"2\"]"),
            ["fell 20%"]
        );
        let first_paragraph = text_of(select(&doc, ".article-text p")[0]);
        assert_eq!(
            first_paragraph,
            "Crime fell 20%[2] last year[1]. Ünïcode[3] “quotes” cost €5 million[4]."
        );
    }

    #[test]
    fn a_claim_across_a_paragraph_break_is_marked_in_both_and_numbered_once() {
        let article = Article::new(
            "Two lines".into(),
            "First line.\nSecond line.".into(),
            None,
            fixtures::generated(),
        );
        let mut project = Project::from_article(article.clone());
        let anchor = TextAnchor::from_range(&article.text, 6, 18).unwrap();
        project
            .claims
            .push(Claim::new(article.id, anchor, fixtures::generated()));
        let doc = render(&project);
        assert_eq!(texts(&doc, "mark[data-claim=\"1\"]"), ["line.", "Second"]);
        assert_eq!(select(&doc, "sup.ref").len(), 1);
        assert_eq!(
            text_of(select(&doc, ".article-text p")[1]),
            "Second[1] line."
        );
    }

    #[test]
    fn unchecked_claims_are_left_out_when_the_settings_say_so() {
        let mut project = fixtures::project();
        project.report.include_unchecked = false;
        let doc = render(&project);
        assert_eq!(select(&doc, "article.claim").len(), 4);
        assert!(select(&doc, "#claim-5").is_empty());
        assert!(select(&doc, "mark[data-claim=\"5\"]").is_empty());
        assert!(select(&doc, "a[href=\"#claim-5\"]").is_empty());
        assert_eq!(texts(&doc, ".summary .total strong"), ["4"]);
        assert!(
            texts(&doc, "table.verdicts tr")
                .last()
                .unwrap()
                .ends_with('1'),
            "only claim 3 lacks a verdict"
        );
        assert_eq!(
            words(select(&doc, ".summary p.note")[0]),
            "1 claim still unchecked is not included."
        );
        assert!(
            words(select(&doc, ".article-text")[0]).contains("unemployment halved"),
            "the article text itself stays whole"
        );
    }

    #[test]
    fn header_shows_title_people_date_and_methodology() {
        let doc = render(&fixtures::project());
        assert_eq!(texts(&doc, "head > title"), ["Budget week checks"]);
        assert_eq!(texts(&doc, "h1"), ["Budget week checks"]);
        assert_eq!(
            words(select(&doc, ".byline")[0]),
            "By Sam Reviewer · Example Fact Desk"
        );
        assert_eq!(
            words(select(&doc, ".dateline")[0]),
            "Generated 25 November 2026"
        );
        assert_eq!(
            words(select(&doc, ".methodology")[0]),
            "How we checked We asked the statistics office."
        );
    }

    #[test]
    fn page_is_self_contained_and_script_free() {
        let doc = render(&fixtures::project());
        let csp = select(&doc, "meta[http-equiv=\"Content-Security-Policy\"]");
        assert_eq!(
            csp[0].value().attr("content"),
            Some("default-src 'none'; style-src 'unsafe-inline'; img-src data:")
        );
        assert_eq!(select(&doc, "meta[charset=\"utf-8\"]").len(), 1);
        assert_eq!(select(&doc, "meta[name=\"viewport\"]").len(), 1);
        for tag in [
            "script", "link", "img", "iframe", "object", "embed", "[src]",
        ] {
            assert!(select(&doc, tag).is_empty(), "{tag} found");
        }
        let html = doc.root_element().html();
        assert!(
            !html.contains("url("),
            "no resource is fetched from the style sheet"
        );
        assert!(html.contains("@media print"));
    }

    #[test]
    fn colours_are_rebuilt_from_parsed_bytes_or_replaced_by_grey() {
        let mut project = fixtures::project();
        project.rating_scale[4].color = "#D73027".into(); // "false", claim 1
        project.rating_scale[0].color = "green".into(); // "true", claim 2
        let doc = render(&project);
        let style = |css: &str| {
            select(&doc, css)[0]
                .value()
                .attr("style")
                .unwrap()
                .to_owned()
        };
        assert_eq!(
            style("#claim-1 .badge"),
            "background-color: #d73027; color: #ffffff"
        );
        assert_eq!(
            style("#claim-2 .badge"),
            "background-color: #8a9099; color: #1c2129"
        );
        assert_eq!(
            style("#claim-4 .badge"),
            "background-color: #66bd63; color: #1c2129",
            "dark ink on light green"
        );
        assert_eq!(
            style("mark[data-claim=\"2\"]"),
            "background-color: rgb(138 144 153 / 28%)"
        );
    }

    #[test]
    fn hostile_content_cannot_inject_markup() {
        let project = fixtures::hostile_project();
        let html = render_report(
            &project,
            ReportFormat::Html,
            &ReportOptions::at(fixtures::generated()),
        );
        let doc = Html::parse_document(&html);
        assert!(
            select(&doc, "script").is_empty(),
            "a script element got through"
        );
        assert!(select(&doc, "img").is_empty(), "an img element got through");
        assert_eq!(
            select(&doc, "style").len(),
            1,
            "only the report's own style sheet"
        );
        for element in select(&doc, "*") {
            for (name, value) in element.value().attrs() {
                assert!(
                    !name.starts_with("on"),
                    "event handler attribute {name}={value:?}"
                );
                if name == "href" {
                    assert!(
                        value.starts_with("https://")
                            || value.starts_with("http://")
                            || value.starts_with('#'),
                        "href {value:?}"
                    );
                }
                if name == "style" {
                    for payload in PAYLOADS {
                        assert!(!value.contains(payload), "style {value:?}");
                    }
                    assert!(
                        !value.contains("javascript") && !value.contains("url("),
                        "style {value:?}"
                    );
                }
            }
        }
        // The payloads reach the reader as text, intact.
        let evil = fixtures::hostile();
        assert_eq!(texts(&doc, "h1"), [evil.as_str()]);
        assert!(words(select(&doc, "#claim-1")[0]).contains("<script>alert(1)</script>"));
        assert!(
            !html.contains("<script"),
            "no raw script tag anywhere in the source"
        );
        assert!(
            !html.contains("<img"),
            "no raw img tag anywhere in the source"
        );
    }
}
