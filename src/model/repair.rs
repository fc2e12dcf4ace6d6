//! Fixes what can be fixed in a project that fails [`validate`], and says what it changed.
//!
//! The usual case is an article text edited outside factdesk, by hand or by a git merge: claim offsets
//! no longer point at their quotes and the stored hash no longer matches the text. [`repair`] finds each
//! quote again, accepts the text as it now is, gives duplicate ids fresh ones and drops blocks that no
//! longer fit. It never deletes a claim, a source or any text: what it cannot fix stays as it was and is
//! reported as remaining, for a hand edit.
//!
//! Limitations:
//! - a claim that moved is searched for in its whole article, so a long book with thousands of moved
//!   claims takes a while to repair;
//! - only a whitespace difference (a re-wrapped line, a doubled space) is forgiven in a quote; a quote
//!   whose words were edited is not found again;
//! - the text's blocks (paragraphs and headings from HTML, Markdown, Word) are not mapped through an
//!   edit, only dropped when they no longer fit; paragraphs are then found from the text's lines.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::text::CharIndex;
use super::validate::timestamp;
use super::{
    ArticleId, CONTEXT_CHARS, Problem, Project, TextAnchor, parse_hex_color, quoted, sha256_hex,
    validate,
};

/// One change [`repair`] made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repair {
    /// Where, as a JSON path into the project file, e.g. `claims[3].anchor`.
    pub path: String,
    /// What changed and why, in words a user can check, e.g. "span moved from 120–180 to 131–191
    /// (found its quote again)".
    pub what: String,
}

impl std::fmt::Display for Repair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.what)
    }
}

/// What [`repair`] changed and what it left for a hand edit.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RepairReport {
    /// Every change, in the order made.
    pub changes: Vec<Repair>,
    /// The problems [`validate`] still finds in the repaired project (same paths, same order). Where
    /// repair looked at a problem and had to leave it, its message says why and what to edit.
    pub remaining: Vec<Problem>,
}

impl RepairReport {
    /// Whether the project was consistent and already as repair would leave it.
    pub fn is_clean(&self) -> bool {
        self.changes.is_empty() && self.remaining.is_empty()
    }
}

/// Fixes what can be fixed in `project` without losing anything, and reports each change and every
/// problem left.
///
/// In order:
/// - rating colours written another way (`abc`, `#abc`, `abcdef`) become `#rrggbb`;
/// - a verdict that names a rating by another spelling of its id or by its label ("Mostly True")
///   refers to that rating by id;
/// - a verdict date (`verdict_given`) on a claim without a verdict is cleared: it dates nothing;
/// - articles, claims, and sources within a claim, that share an id: the later ones get fresh ids.
///   Claims stay with the first of two articles sharing an id unless their quote is only in a later
///   one; when that cannot be decided the articles are left alone and reported as remaining;
/// - an article's blocks that are out of order, overlap or lie outside the text, or, after the text
///   was edited, no longer start and end at line breaks, are dropped;
/// - a claim whose span no longer holds its quote is found again by the quote: among its occurrences
///   the one whose surrounding text best matches the stored prefix and suffix wins, then the one
///   nearest the old start. Failing an exact match, spacing and line breaks are ignored. A claim whose
///   quote is gone is left as it was. A span that still holds its quote but whose surroundings changed
///   gets its prefix and suffix refreshed;
/// - an article whose `sha256` does not match its text gets the hash of the text as it is now.
///
/// Fresh ids are derived from the duplicate's id and position, so repairing the same file twice, say
/// by two people after the same merge, gives the same file.
pub fn repair(project: &mut Project) -> RepairReport {
    let mut log = Log::default();
    fix_rating_colours(project, &mut log);
    fix_verdict_spellings(project, &mut log);
    fix_verdict_dates(project, &mut log);
    let undecided = fix_duplicate_article_ids(project, &mut log);
    fix_duplicate_claim_ids(project, &mut log);
    fix_duplicate_source_ids(project, &mut log);
    let edited: Vec<bool> = project
        .articles
        .iter()
        .map(|a| !sha256_hex(&a.text).eq_ignore_ascii_case(&a.sha256))
        .collect();
    fix_blocks(project, &edited, &mut log);
    fix_anchors(project, &undecided, &mut log);
    fix_hashes(project, &mut log);
    hint_hand_edits(project, &mut log);

    let mut remaining = validate(project);
    for problem in &mut remaining {
        for (path, hint) in &log.hints {
            if is_within(&problem.path, path) {
                problem.message = format!("{}; {hint}", problem.message);
            }
        }
    }
    RepairReport {
        changes: log.changes,
        remaining,
    }
}

/// Changes made so far, and why repair left some problems alone (by path).
#[derive(Default)]
struct Log {
    changes: Vec<Repair>,
    hints: Vec<(String, String)>,
}

impl Log {
    fn fixed(&mut self, path: String, what: String) {
        self.changes.push(Repair { path, what });
    }

    fn hint(&mut self, path: String, hint: String) {
        self.hints.push((path, hint));
    }
}

/// Whether JSON path `path` is `within` or a member or element of it.
fn is_within(path: &str, within: &str) -> bool {
    path.strip_prefix(within)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.') || rest.starts_with('['))
}

fn fix_rating_colours(project: &mut Project, log: &mut Log) {
    for (i, rating) in project.rating_scale.iter_mut().enumerate() {
        if parse_hex_color(&rating.color).is_some() {
            continue;
        }
        if let Some(colour) = normalised_colour(&rating.color) {
            log.fixed(
                format!("rating_scale[{i}].color"),
                format!(
                    "was \"{}\"; wrote the same colour as \"{colour}\", the form #rrggbb",
                    rating.color
                ),
            );
            rating.color = colour;
        }
    }
}

/// `color` as `#rrggbb` when it is a hex colour written another way: without `#`, with three digits,
/// or with surrounding spaces.
fn normalised_colour(color: &str) -> Option<String> {
    let trimmed = color.trim();
    let hex = trimmed.strip_prefix('#').unwrap_or(trimmed);
    let full: String = match hex.chars().count() {
        6 => hex.to_owned(),
        3 => hex.chars().flat_map(|c| [c, c]).collect(),
        _ => return None,
    };
    let colour = format!("#{full}");
    parse_hex_color(&colour).map(|_| colour)
}

fn fix_verdict_spellings(project: &mut Project, log: &mut Log) {
    // "Mostly True", "mostly_true" and "mostly true" all mean the rating `mostly-true`.
    let loose = |s: &str| s.trim().to_lowercase().replace([' ', '_'], "-");
    let Project {
        claims,
        rating_scale,
        ..
    } = project;
    for (i, claim) in claims.iter_mut().enumerate() {
        let Some(verdict) = &claim.verdict else {
            continue;
        };
        if rating_scale.iter().any(|r| &r.id == verdict) {
            continue;
        }
        let wanted = loose(verdict);
        let mut matches = rating_scale
            .iter()
            .filter(|r| loose(&r.id) == wanted || loose(&r.label) == wanted);
        let (Some(rating), None) = (matches.next(), matches.next()) else {
            continue;
        };
        log.fixed(
            format!("claims[{i}].verdict"),
            format!(
                "was \"{verdict}\", another spelling of rating \"{}\" ({}); it now refers to it by its id",
                rating.id, rating.label
            ),
        );
        claim.verdict = Some(rating.id.clone());
    }
}

/// Clears the verdict date of each claim that has no verdict (a hand edit that removed the verdict, or
/// another tool's file): the date would otherwise date a verdict that is not there.
fn fix_verdict_dates(project: &mut Project, log: &mut Log) {
    for (i, claim) in project.claims.iter_mut().enumerate() {
        if claim.verdict.is_some() {
            continue;
        }
        if let Some(given) = claim.verdict_given.take() {
            log.fixed(
                format!("claims[{i}].verdict_given"),
                format!(
                    "was {}, a date for a verdict the claim does not have; it is now null",
                    quoted(&timestamp(given))
                ),
            );
        }
    }
}

/// A fresh id for the duplicate of `old` at JSON path `path`, none of `taken`.
///
/// Derived from the old id and the path rather than drawn at random, so that repairing the same file
/// twice gives the same bytes (the project file is deterministic; see docs/FORMAT.md).
fn fresh_uuid(old: Uuid, path: &str, taken: &HashSet<Uuid>) -> Uuid {
    let candidate = |attempt: u32| {
        let digest = Sha256::new()
            .chain_update(old.as_bytes())
            .chain_update(path.as_bytes())
            .chain_update(attempt.to_le_bytes())
            .finalize();
        let mut bytes = [0u8; 16];
        for (byte, from) in bytes.iter_mut().zip(digest.iter()) {
            *byte = *from;
        }
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    };
    (0..)
        .map(candidate)
        .find(|id| !taken.contains(id))
        .unwrap_or_else(Uuid::new_v4)
}

/// `claims[0], claims[2]`, shortened past ten names.
fn claim_list(indices: &[usize]) -> String {
    const SHOWN: usize = 10;
    let mut names: Vec<String> = indices
        .iter()
        .take(SHOWN)
        .map(|i| format!("claims[{i}]"))
        .collect();
    if indices.len() > SHOWN {
        names.push(format!("and {} more", indices.len() - SHOWN));
    }
    names.join(", ")
}

/// Gives later articles sharing an id fresh ids, moving the claims whose quote is only in a later
/// copy along with it. Returns the ids left shared because some claim fits several copies equally.
fn fix_duplicate_article_ids(project: &mut Project, log: &mut Log) -> HashSet<ArticleId> {
    let mut copies_of: Vec<(ArticleId, Vec<usize>)> = Vec::new();
    for (i, article) in project.articles.iter().enumerate() {
        match copies_of.iter_mut().find(|(id, _)| *id == article.id) {
            Some((_, copies)) => copies.push(i),
            None => copies_of.push((article.id, vec![i])),
        }
    }
    let mut taken: HashSet<Uuid> = project.articles.iter().map(|a| a.id.0).collect();
    let mut undecided = HashSet::new();
    for (id, copies) in copies_of.into_iter().filter(|(_, c)| c.len() > 1) {
        let Some(&first) = copies.first() else {
            continue;
        };
        // Which copy (position in `copies`) each claim of this id belongs to.
        let mut owners: Vec<(usize, usize)> = Vec::new();
        let mut unclear = Vec::new();
        for (c, claim) in project.claims.iter().enumerate() {
            if claim.article != id {
                continue;
            }
            let fits: Vec<u8> = copies
                .iter()
                .map(|&a| {
                    project
                        .articles
                        .get(a)
                        .map_or(0, |article| fit(&article.text, &claim.anchor))
                })
                .collect();
            let best = fits.iter().copied().max().unwrap_or(0);
            let best_copies: Vec<usize> = (0..fits.len())
                .filter(|&k| fits.get(k) == Some(&best))
                .collect();
            match best_copies.as_slice() {
                // Claims stay with the first copy unless their quote fits a later one better.
                [0, ..] => owners.push((c, 0)),
                [only] => owners.push((c, *only)),
                _ => unclear.push(c),
            }
        }
        if !unclear.is_empty() {
            undecided.insert(id);
            for &a in copies.iter().skip(1) {
                log.hint(
                    format!("articles[{a}].id"),
                    format!(
                        "repair cannot tell which of the articles with this id {} belong to (their quotes fit several equally): give this article a new id and point its claims at it by hand",
                        claim_list(&unclear)
                    ),
                );
            }
            let copies_list = copies
                .iter()
                .skip(1)
                .map(|a| format!("articles[{a}].id"))
                .collect::<Vec<_>>()
                .join(", ");
            for &c in &unclear {
                log.hint(
                    format!("claims[{c}].anchor"),
                    format!(
                        "its article id is shared by several articles and its quote fits more than one (see {copies_list}); the anchor was left as it was"
                    ),
                );
            }
            continue;
        }
        for (k, &a) in copies.iter().enumerate().skip(1) {
            let path = format!("articles[{a}].id");
            let new_id = ArticleId(fresh_uuid(id.0, &path, &taken));
            taken.insert(new_id.0);
            if let Some(article) = project.articles.get_mut(a) {
                article.id = new_id;
            }
            let moved: Vec<usize> = owners
                .iter()
                .filter(|(_, owner)| *owner == k)
                .map(|(c, _)| *c)
                .collect();
            for &c in &moved {
                if let Some(claim) = project.claims.get_mut(c) {
                    claim.article = new_id;
                }
            }
            let mut what = format!(
                "{id} was also the id of articles[{first}]; this article now has the new id {new_id}"
            );
            if moved.is_empty() {
                what.push_str("; no claim moved with it");
            } else {
                what.push_str(&format!(
                    "; {} moved with it (their quotes are in this article's text)",
                    claim_list(&moved)
                ));
            }
            if k == 1 {
                let stay: Vec<usize> = owners
                    .iter()
                    .filter(|(_, owner)| *owner == 0)
                    .map(|(c, _)| *c)
                    .collect();
                if !stay.is_empty() {
                    what.push_str(&format!(
                        "; {} stay with articles[{first}]",
                        claim_list(&stay)
                    ));
                }
            }
            log.fixed(path, what);
        }
    }
    undecided
}

/// How well a claim's anchor fits `text`: 2 when its span holds its quote, 1 when the quote is
/// elsewhere in the text (exactly or but for spacing), 0 when it is not there.
fn fit(text: &str, anchor: &TextAnchor) -> u8 {
    let index = CharIndex::new(text);
    if anchor.start < anchor.end && index.slice(text, anchor.range()) == Some(anchor.quote.as_str())
    {
        2
    } else if anchor.quote.trim().is_empty() {
        0
    } else if text.contains(anchor.quote.as_str())
        || collapse(text)
            .text
            .contains(collapse(&anchor.quote).text.as_str())
    {
        1
    } else {
        0
    }
}

fn fix_duplicate_claim_ids(project: &mut Project, log: &mut Log) {
    renew_repeated_ids(
        &mut project.claims,
        |claim| &mut claim.id.0,
        |i| format!("claims[{i}].id"),
        |first| format!("claims[{first}]; this claim"),
        log,
    );
}

fn fix_duplicate_source_ids(project: &mut Project, log: &mut Log) {
    for (i, claim) in project.claims.iter_mut().enumerate() {
        renew_repeated_ids(
            &mut claim.sources,
            |source| &mut source.id.0,
            |j| format!("claims[{i}].sources[{j}].id"),
            |first| format!("sources[{first}] of this claim; this source"),
            log,
        );
    }
}

/// Gives each of `items` whose id an earlier item already has a fresh id, and says so. `path` names an
/// item by its index; `earlier` names the first holder of the id and the item renewed.
fn renew_repeated_ids<T>(
    items: &mut [T],
    id: impl Fn(&mut T) -> &mut Uuid,
    path: impl Fn(usize) -> String,
    earlier: impl Fn(usize) -> String,
    log: &mut Log,
) {
    let mut taken: HashSet<Uuid> = items.iter_mut().map(|item| *id(item)).collect();
    let mut first_with: HashMap<Uuid, usize> = HashMap::new();
    for (i, item) in items.iter_mut().enumerate() {
        let current = id(item);
        let Some(&first) = first_with.get(current) else {
            first_with.insert(*current, i);
            continue;
        };
        let path = path(i);
        let new_id = fresh_uuid(*current, &path, &taken);
        taken.insert(new_id);
        log.fixed(
            path,
            format!(
                "{current} was also the id of {} now has the new id {new_id}",
                earlier(first)
            ),
        );
        *current = new_id;
    }
}

/// Drops the blocks of articles whose blocks do not fit the text, or, for an article whose text was
/// edited (`edited[i]`), no longer start and end at its line breaks.
fn fix_blocks(project: &mut Project, edited: &[bool], log: &mut Log) {
    for (i, article) in project.articles.iter_mut().enumerate() {
        if article.blocks.is_empty() {
            continue;
        }
        let chars: Vec<char> = article.text.chars().collect();
        let mut previous_end = 0;
        let mut in_order = true;
        for block in &article.blocks {
            in_order &=
                block.start < block.end && block.end <= chars.len() && block.start >= previous_end;
            previous_end = block.end;
        }
        let is_line_start = |at: usize| at == 0 || chars.get(at - 1) == Some(&'\n');
        let is_line_end = |at: usize| at == chars.len() || chars.get(at) == Some(&'\n');
        let on_lines = article
            .blocks
            .iter()
            .all(|b| is_line_start(b.start) && is_line_end(b.end));
        let why = if !in_order {
            "are out of order, overlap, are empty or run past the end of the text"
        } else if edited.get(i).copied().unwrap_or(false) && !on_lines {
            "no longer start and end at the text's line breaks: the text was edited after they were made"
        } else {
            continue;
        };
        let count = article.blocks.len();
        let headings = article
            .blocks
            .iter()
            .filter(|b| b.heading.is_some())
            .count();
        let mut what = format!(
            "its {count} block(s) {why}; removed them, so paragraphs are now found from the text's lines"
        );
        if headings > 0 {
            what.push_str(&format!(
                " ({headings} heading(s) are now shown as plain paragraphs)"
            ));
        }
        log.fixed(format!("articles[{i}].blocks"), what);
        article.blocks.clear();
    }
}

/// Re-finds the span of every claim whose span no longer holds its quote, or whose surroundings
/// changed. Claims of an article id in `skip` are left alone: which copy they belong to is unknown.
fn fix_anchors(project: &mut Project, skip: &HashSet<ArticleId>, log: &mut Log) {
    let Project {
        articles, claims, ..
    } = project;
    let mut first_with: HashMap<ArticleId, usize> = HashMap::new();
    for (i, article) in articles.iter().enumerate() {
        first_with.entry(article.id).or_insert(i);
    }
    let indexes: Vec<CharIndex> = articles.iter().map(|a| CharIndex::new(&a.text)).collect();
    for (i, claim) in claims.iter_mut().enumerate() {
        if skip.contains(&claim.article) {
            continue;
        }
        let Some(&a) = first_with.get(&claim.article) else {
            continue;
        };
        let (Some(article), Some(index)) = (articles.get(a), indexes.get(a)) else {
            continue;
        };
        let old = claim.anchor.range();
        let path = format!("claims[{i}].anchor");
        let moved = |new: &TextAnchor| {
            format!(
                "span moved from {}–{} to {}–{}",
                old.start, old.end, new.start, new.end
            )
        };
        match refind(&article.text, index, &claim.anchor) {
            Refound::Unchanged => {}
            Refound::Context(anchor) => {
                let why = if claim.anchor.prefix.is_empty() && claim.anchor.suffix.is_empty() {
                    "the file did not give the text around its quote"
                } else {
                    "the text around its quote changed"
                };
                log.fixed(
                    path,
                    format!(
                        "{why}; kept its span {}–{} and stored the text before and after it as it now is",
                        old.start, old.end
                    ),
                );
                claim.anchor = anchor;
            }
            Refound::Exact(anchor) => {
                log.fixed(path, format!("{} (found its quote again)", moved(&anchor)));
                claim.anchor = anchor;
            }
            Refound::BetterContext(anchor) => {
                log.fixed(
                    path,
                    format!(
                        "{} (its quote is there too, and the text around it matches the stored context better)",
                        moved(&anchor)
                    ),
                );
                claim.anchor = anchor;
            }
            Refound::Spacing(anchor) => {
                let what = if anchor.range() == old {
                    "its quote differed from the text only in spacing or line breaks".to_owned()
                } else {
                    format!(
                        "{} (found its quote again with different spacing or line breaks)",
                        moved(&anchor)
                    )
                };
                log.fixed(
                    path,
                    format!(
                        "{what}; the quote now reads as the text does: \"{}\"",
                        shortened(&anchor.quote)
                    ),
                );
                claim.anchor = anchor;
            }
            Refound::NotFound => log.hint(
                path,
                format!(
                    "its quote \"{}\" is no longer in the article text, not even ignoring spacing and line breaks: put the words back in the text, or set the anchor's start, end and quote by hand (the claim was kept as it was)",
                    shortened(&claim.anchor.quote)
                ),
            ),
        }
    }
}

/// `quote` on one line (a line break shown as `↵`, since each change is printed on a line of its own)
/// and cut to 60 chars with an ellipsis, for messages.
fn shortened(quote: &str) -> String {
    const SHOWN: usize = 60;
    let one_line: String = quote
        .chars()
        .map(|c| match c {
            '\n' => '↵',
            c if c.is_whitespace() => ' ',
            c => c,
        })
        .collect();
    if one_line.chars().count() <= SHOWN {
        one_line
    } else {
        let mut cut: String = one_line.chars().take(SHOWN).collect();
        cut.push('…');
        cut
    }
}

fn fix_hashes(project: &mut Project, log: &mut Log) {
    for (i, article) in project.articles.iter_mut().enumerate() {
        let hash = sha256_hex(&article.text);
        if !hash.eq_ignore_ascii_case(&article.sha256) {
            log.fixed(
                format!("articles[{i}].sha256"),
                "did not match the text, which was changed outside factdesk; kept the text as it is now and stored its hash".into(),
            );
            article.sha256 = hash;
        }
    }
}

/// Says what to edit for the problems repair never fixes.
fn hint_hand_edits(project: &Project, log: &mut Log) {
    let article_ids: HashSet<ArticleId> = project.articles.iter().map(|a| a.id).collect();
    let scale: Vec<&str> = project.rating_scale.iter().map(|r| r.id.as_str()).collect();
    for (i, claim) in project.claims.iter().enumerate() {
        if !article_ids.contains(&claim.article) {
            log.hint(
                format!("claims[{i}].article"),
                "point it at the id of one of the project's articles, or remove the claim (repair never removes one)".into(),
            );
        }
        if claim
            .verdict
            .as_deref()
            .is_some_and(|v| project.rating(v).is_none())
        {
            log.hint(
                format!("claims[{i}].verdict"),
                if scale.is_empty() {
                    "the rating scale is empty: add ratings to it, or set the verdict to null"
                        .into()
                } else {
                    format!("use one of {} or null", scale.join(", "))
                },
            );
        }
    }
}

/// How [`refind`] placed an anchor.
#[derive(Debug, PartialEq, Eq)]
enum Refound {
    /// The span holds the quote and the stored context is right.
    Unchanged,
    /// Same span; prefix and suffix refreshed.
    Context(TextAnchor),
    /// The span no longer held the quote; found it exactly elsewhere.
    Exact(TextAnchor),
    /// The span still held the quote, but another occurrence matches the stored context better.
    BetterContext(TextAnchor),
    /// Found but for spacing and line breaks; the quote is now the text's.
    Spacing(TextAnchor),
    /// The quote is not in the text.
    NotFound,
}

/// Where `anchor` belongs in `text` (indexed by `index`).
fn refind(text: &str, index: &CharIndex, anchor: &TextAnchor) -> Refound {
    let in_place = anchor.start < anchor.end
        && index.slice(text, anchor.range()) == Some(anchor.quote.as_str());
    if in_place && context_at(text, index, anchor.range()) == (&*anchor.prefix, &*anchor.suffix) {
        return Refound::Unchanged;
    }
    let refresh = |range: Range<usize>| TextAnchor::from_range(text, range.start, range.end);
    if anchor.quote.trim().is_empty() {
        // Nothing to search for; a blank quote in place keeps its span.
        return match in_place.then(|| refresh(anchor.range())).flatten() {
            Some(new) => Refound::Context(new),
            None => Refound::NotFound,
        };
    }
    let exact = exact_occurrences(text, &anchor.quote);
    if let Some(best) = best_occurrence(text, &exact, anchor) {
        return match refresh(best.clone()) {
            Some(new) if best == anchor.range() => Refound::Context(new),
            Some(new) if in_place => Refound::BetterContext(new),
            Some(new) => Refound::Exact(new),
            None => Refound::NotFound,
        };
    }
    let spaced = collapsed_occurrences(text, &anchor.quote);
    match best_occurrence(text, &spaced, anchor).and_then(refresh) {
        Some(new) => Refound::Spacing(new),
        None => Refound::NotFound,
    }
}

/// The text stored before and after char range `span`, as [`TextAnchor::from_range`] takes it, without
/// walking the text from its start.
fn context_at<'t>(text: &'t str, index: &CharIndex, span: Range<usize>) -> (&'t str, &'t str) {
    let before = span.start.saturating_sub(CONTEXT_CHARS)..span.start;
    let after = span.end..span.end.saturating_add(CONTEXT_CHARS).min(index.char_len());
    (
        index.slice(text, before).unwrap_or_default(),
        index.slice(text, after).unwrap_or_default(),
    )
}

/// Byte ranges of every occurrence of `needle` in `text`, overlapping ones too, in order.
fn exact_occurrences(text: &str, needle: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    if needle.is_empty() {
        return found;
    }
    let mut from = 0;
    while let Some(rest) = text.get(from..)
        && let Some(at) = rest.find(needle)
    {
        let start = from + at;
        found.push(start..start + needle.len());
        // Step one char, not the whole needle: "aa" is twice in "aaa".
        let step = rest
            .get(at..)
            .and_then(|s| s.chars().next())
            .map_or(1, char::len_utf8);
        from = start + step;
    }
    found
}

/// A text with every run of white space made one space, remembering where each char came from.
#[derive(Default)]
struct Collapsed {
    text: String,
    /// For each char of `text`: its byte offset in `text`, and the byte range it stands for in the
    /// original (a whole run for a space).
    chars: Vec<(usize, Range<usize>)>,
}

fn collapse(original: &str) -> Collapsed {
    let mut out = Collapsed::default();
    for (byte, ch) in original.char_indices() {
        let end = byte + ch.len_utf8();
        if ch.is_whitespace() {
            // Every space of the collapsed text stands for a run, so a space last means a run is open.
            if out.text.ends_with(' ')
                && let Some((_, range)) = out.chars.last_mut()
            {
                range.end = end;
                continue;
            }
            out.chars.push((out.text.len(), byte..end));
            out.text.push(' ');
        } else {
            out.chars.push((out.text.len(), byte..end));
            out.text.push(ch);
        }
    }
    out
}

/// Byte ranges of `text` that equal `quote` once runs of white space in both are made one space.
fn collapsed_occurrences(text: &str, quote: &str) -> Vec<Range<usize>> {
    let collapsed = collapse(text);
    let needle = collapse(quote).text;
    exact_occurrences(&collapsed.text, &needle)
        .into_iter()
        .filter_map(|found| {
            let first = collapsed
                .chars
                .binary_search_by_key(&found.start, |(at, _)| *at)
                .ok()?;
            let past = collapsed.chars.partition_point(|(at, _)| *at < found.end);
            let start = collapsed.chars.get(first)?.1.start;
            let end = collapsed.chars.get(past.checked_sub(1)?)?.1.end;
            Some(start..end)
        })
        .collect()
}

/// The char range of the occurrence (a byte range of `text`, in order) that best fits `anchor`: the
/// most of its stored prefix (from the end) and suffix (from the start) around it, then the nearest
/// to its old start, then the first.
fn best_occurrence(
    text: &str,
    occurrences: &[Range<usize>],
    anchor: &TextAnchor,
) -> Option<Range<usize>> {
    let mut starts = CharCounter::new(text);
    let mut ends = CharCounter::new(text);
    occurrences
        .iter()
        .map(|bytes| {
            let chars = starts.at(bytes.start)..ends.at(bytes.end);
            (context_score(text, bytes.clone(), anchor), chars)
        })
        .min_by_key(|(score, chars)| {
            (
                std::cmp::Reverse(*score),
                chars.start.abs_diff(anchor.start),
                chars.start,
            )
        })
        .map(|(_, chars)| chars)
}

/// How many chars of the stored prefix end right before byte range `bytes`, plus how many of the
/// stored suffix start right after it.
fn context_score(text: &str, bytes: Range<usize>, anchor: &TextAnchor) -> usize {
    let before = text.get(..bytes.start).unwrap_or_default();
    let after = text.get(bytes.end..).unwrap_or_default();
    let prefix = before
        .chars()
        .rev()
        .zip(anchor.prefix.chars().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let suffix = after
        .chars()
        .zip(anchor.suffix.chars())
        .take_while(|(a, b)| a == b)
        .count();
    prefix + suffix
}

/// Char offsets of byte offsets asked for in increasing order, counted in one walk over the text.
struct CharCounter<'t> {
    text: &'t str,
    byte: usize,
    chars: usize,
}

impl<'t> CharCounter<'t> {
    fn new(text: &'t str) -> Self {
        Self {
            text,
            byte: 0,
            chars: 0,
        }
    }

    /// The char offset of byte offset `byte` (a char boundary).
    fn at(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            // Asked out of order: count again from the start rather than give a wrong answer.
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self
            .text
            .get(self.byte..byte)
            .map_or(0, |s| s.chars().count());
        self.byte = byte;
        self.chars
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::model::{Article, Block, Claim};

    fn at() -> chrono::DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 2, 9, 30, 0)
            .single()
            .unwrap_or_default()
    }

    /// A project of one article with `text`, its claims over the first occurrence of each quote.
    fn one_article(text: &str, quotes: &[&str]) -> Project {
        let article = Article::new("Test".into(), text.into(), None, at());
        let id = article.id;
        let mut project = Project::from_article(article);
        for quote in quotes {
            let start = anchor_start(text, quote, 0);
            let anchor = TextAnchor::from_range(text, start, start + quote.chars().count())
                .expect("quote in text");
            project.claims.push(Claim::new(id, anchor, at()));
        }
        project
    }

    /// Char offset of the `nth` (from 0) occurrence of `quote` in `text`.
    fn anchor_start(text: &str, quote: &str, nth: usize) -> usize {
        let byte = text.match_indices(quote).nth(nth).expect("occurrence").0;
        text[..byte].chars().count()
    }

    /// Replaces the article text by hand, as an editor outside factdesk would (hash left stale).
    fn edit_text(project: &mut Project, text: &str) {
        project.articles[0].text = text.into();
    }

    fn quote_at(project: &Project, claim: usize) -> String {
        let anchor = &project.claims[claim].anchor;
        project.articles[0]
            .text
            .chars()
            .skip(anchor.start)
            .take(anchor.end - anchor.start)
            .collect()
    }

    #[test]
    fn of_two_equal_quotes_the_one_whose_prefix_matches_wins() {
        let text = "Officials said taxes rose. Critics said taxes rose.";
        let mut project = one_article(text, &[]);
        let second = anchor_start(text, "taxes rose", 1);
        let anchor = TextAnchor::from_range(text, second, second + 10).unwrap();
        project
            .claims
            .push(Claim::new(project.articles[0].id, anchor, at()));
        // A long insertion at the start puts the first occurrence nearest the old start, so only the
        // prefix ("Critics said ") can pick the right one.
        edit_text(
            &mut project,
            "In a statement on Monday, officials who asked not to be named said taxes rose. Critics said taxes rose.",
        );
        let report = repair(&mut project);
        assert!(report.remaining.is_empty(), "{:?}", report.remaining);
        let anchor = &project.claims[0].anchor;
        assert_eq!(
            anchor.start,
            anchor_start(&project.articles[0].text, "taxes rose", 1)
        );
        assert!(anchor.prefix.ends_with("Critics said "), "{anchor:?}");
        assert_eq!(report.changes[0].path, "claims[0].anchor");
    }

    #[test]
    fn with_no_context_to_tell_them_apart_the_nearest_occurrence_wins() {
        let text = "ab X ab Y ab";
        let mut anchor = TextAnchor::from_range(text, 5, 7).unwrap();
        anchor.prefix.clear();
        anchor.suffix.clear();
        let index = CharIndex::new(text);
        let exact = exact_occurrences(text, "ab");
        assert_eq!(best_occurrence(text, &exact, &anchor), Some(5..7));
        anchor.start = 11;
        assert_eq!(best_occurrence(text, &exact, &anchor), Some(10..12));
        assert!(matches!(
            refind(text, &index, &anchor),
            Refound::Exact(a) if a.range() == (10..12)
        ));
    }

    #[test]
    fn offsets_count_chars_not_bytes() {
        let text = "Café “crème” 🎉 costs 4 €. Señor Müller says so.";
        let mut project = one_article(text, &["costs 4 €", "Señor Müller"]);
        edit_text(&mut project, &format!("🙂🙂 Déjà vu: {text}"));
        let report = repair(&mut project);
        assert!(report.remaining.is_empty(), "{:?}", report.remaining);
        let edited = &project.articles[0].text;
        // "🙂🙂 Déjà vu: " is 12 chars but 20 bytes; "Café “crème” 🎉 " before the quote is 15 chars.
        assert_eq!(project.claims[0].anchor.range(), 27..36);
        assert_eq!(quote_at(&project, 0), "costs 4 €");
        assert_eq!(quote_at(&project, 1), "Señor Müller");
        assert_eq!(
            project.claims[1].anchor,
            TextAnchor::from_range(
                edited,
                anchor_start(edited, "Señor", 0),
                anchor_start(edited, "Señor", 0) + 12
            )
            .unwrap()
        );
        assert_eq!(
            report.changes[0].what,
            "span moved from 15–24 to 27–36 (found its quote again)"
        );
        assert_eq!(project.articles[0].sha256, sha256_hex(edited));
    }

    #[test]
    fn a_rewrapped_quote_is_found_ignoring_spacing_and_takes_the_texts_line_breaks() {
        let text = "The mayor said the new bridge will cost 40 million euros in total.";
        let mut project = one_article(text, &["the new bridge will cost 40 million euros"]);
        edit_text(
            &mut project,
            "The mayor said the new bridge will\ncost  40 million euros in total.",
        );
        let report = repair(&mut project);
        assert!(report.remaining.is_empty(), "{:?}", report.remaining);
        assert_eq!(
            project.claims[0].anchor.quote,
            "the new bridge will\ncost  40 million euros"
        );
        assert!(
            report.changes[0]
                .what
                .contains("span moved from 15–56 to 15–57 (found its quote again with different spacing or line breaks)"),
            "{:?}",
            report.changes
        );
        assert!(
            report.changes[0]
                .what
                .ends_with("the quote now reads as the text does: \"the new bridge will↵cost  40 million euros\""),
            "{}",
            report.changes[0].what
        );
    }

    #[test]
    fn a_quote_that_is_gone_stays_as_it_was_and_says_why() {
        let text = "One claim here. Another claim there.";
        let mut project = one_article(text, &["One claim here", "Another claim there"]);
        let before = project.claims[1].clone();
        edit_text(&mut project, "Only this remains. One claim here.");
        let report = repair(&mut project);
        assert_eq!(project.claims.len(), 2, "nothing is deleted");
        assert_eq!(project.claims[1], before);
        assert_eq!(report.remaining.len(), 1, "{:?}", report.remaining);
        assert!(report.remaining[0].path.starts_with("claims[1].anchor"));
        assert!(
            report.remaining[0]
                .message
                .contains("\"Another claim there\" is no longer in the article text"),
            "{}",
            report.remaining[0].message
        );
    }

    #[test]
    fn a_quote_in_place_with_changed_surroundings_gets_fresh_context() {
        let text = "Prices rose by 5% last year.";
        let mut project = one_article(text, &["Prices rose"]);
        edit_text(&mut project, "Prices rose by 7% last year.");
        let report = repair(&mut project);
        assert_eq!(project.claims[0].anchor.range(), 0..11);
        assert_eq!(project.claims[0].anchor.suffix, " by 7% last year.");
        assert!(report.changes[0].what.contains("kept its span 0–11"));
    }

    #[test]
    fn a_consistent_project_is_left_as_it_is() {
        let text = "Nothing to fix here, at all.";
        let mut project = one_article(text, &["Nothing to fix"]);
        let before = project.clone();
        let report = repair(&mut project);
        assert!(report.is_clean(), "{report:?}");
        assert_eq!(project, before);
    }

    #[test]
    fn repairing_twice_changes_nothing_the_second_time() {
        let text = "Alpha beta. Gamma delta.";
        let mut project = one_article(text, &["Gamma delta", "Alpha beta"]);
        project.claims[1].id = project.claims[0].id;
        edit_text(&mut project, "Zero. Alpha beta. Gamma\ndelta.");
        let first = repair(&mut project);
        assert!(first.remaining.is_empty(), "{:?}", first.remaining);
        let repaired = project.clone();
        assert!(repair(&mut project).is_clean());
        assert_eq!(project, repaired);
    }

    #[test]
    fn fresh_ids_are_the_same_each_time() {
        let text = "Alpha beta.";
        let mut one = one_article(text, &["Alpha", "beta"]);
        one.claims[1].id = one.claims[0].id;
        let mut two = one.clone();
        repair(&mut one);
        repair(&mut two);
        assert_ne!(one.claims[0].id, one.claims[1].id);
        assert_eq!(one, two);
    }

    #[test]
    fn claims_go_with_the_copy_of_a_duplicated_article_that_holds_their_quote() {
        let mut project = one_article("First text, about apples.", &["apples", "First text"]);
        let mut copy = project.articles[0].clone();
        copy.text = "Second text, about pears.".into();
        copy.sha256 = sha256_hex(&copy.text);
        project.articles.push(copy);
        let id = project.articles[0].id;
        let anchor = TextAnchor::from_range("Second text, about pears.", 19, 24).unwrap();
        project.claims.push(Claim::new(id, anchor, at()));

        let report = repair(&mut project);
        assert!(report.remaining.is_empty(), "{:?}", report.remaining);
        let new_id = project.articles[1].id;
        assert_ne!(new_id, id);
        assert_eq!(project.claims[0].article, id);
        assert_eq!(project.claims[1].article, id);
        assert_eq!(project.claims[2].article, new_id);
        let what = &report.changes[0].what;
        assert!(what.contains("claims[2] moved with it"), "{what}");
        assert!(
            what.contains("claims[0], claims[1] stay with articles[0]"),
            "{what}"
        );
    }

    #[test]
    fn claims_that_fit_several_later_copies_leave_the_duplicate_for_a_hand_edit() {
        let mut project = one_article("Original text.", &[]);
        let id = project.articles[0].id;
        for _ in 0..2 {
            let mut copy = project.articles[0].clone();
            copy.text = "Edited copy.".into();
            copy.sha256 = sha256_hex(&copy.text);
            project.articles.push(copy);
        }
        let anchor = TextAnchor::from_range("Edited copy.", 0, 6).unwrap();
        project.claims.push(Claim::new(id, anchor, at()));
        let report = repair(&mut project);
        assert!(project.articles.iter().all(|a| a.id == id));
        let paths: Vec<&str> = report.remaining.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            ["articles[1].id", "articles[2].id", "claims[0].anchor.quote"]
        );
        assert!(report.remaining[0].message.contains("claims[0]"));
        assert!(
            report.remaining[2].message.contains("see articles[1].id"),
            "{}",
            report.remaining[2].message
        );
    }

    #[test]
    fn duplicate_source_ids_within_a_claim_are_renewed() {
        let mut project = one_article("A text.", &["A text"]);
        let source = crate::model::Source::new(at().date_naive());
        project.claims[0].sources = vec![source.clone(), source];
        let report = repair(&mut project);
        assert!(report.remaining.is_empty(), "{:?}", report.remaining);
        assert_ne!(
            project.claims[0].sources[0].id,
            project.claims[0].sources[1].id
        );
        assert_eq!(report.changes[0].path, "claims[0].sources[1].id");
    }

    #[test]
    fn blocks_that_no_longer_fit_are_dropped() {
        let text = "Heading\nFirst paragraph.\nSecond paragraph.";
        let mut project = one_article(text, &[]);
        project.articles[0].blocks = vec![
            Block {
                unknown: Default::default(),
                start: 0,
                end: 7,
                heading: Some(1),
            },
            Block {
                unknown: Default::default(),
                start: 8,
                end: 24,
                heading: None,
            },
            Block {
                unknown: Default::default(),
                start: 25,
                end: 42,
                heading: None,
            },
        ];
        // A hand edit that keeps the blocks in range but off the lines.
        edit_text(
            &mut project,
            "A Heading\nFirst paragraph.\nSecond paragraph.",
        );
        let report = repair(&mut project);
        assert!(project.articles[0].blocks.is_empty());
        assert_eq!(report.changes[0].path, "articles[0].blocks");
        assert!(report.changes[0].what.contains("1 heading(s)"));

        // Blocks out of order are dropped even when the text was not edited.
        let mut project = one_article(text, &[]);
        project.articles[0].blocks = vec![
            Block {
                unknown: Default::default(),
                start: 8,
                end: 24,
                heading: None,
            },
            Block {
                unknown: Default::default(),
                start: 0,
                end: 7,
                heading: None,
            },
        ];
        let report = repair(&mut project);
        assert!(project.articles[0].blocks.is_empty());
        assert!(report.remaining.is_empty(), "{:?}", report.remaining);
    }

    #[test]
    fn colours_and_verdict_spellings_with_one_meaning_are_fixed_others_remain() {
        let mut project = one_article("A text.", &["A text", "text"]);
        project.rating_scale[0].color = "1A9850".into();
        project.rating_scale[1].color = "#6b6".into();
        project.rating_scale[2].color = "yellow".into();
        project.claims[0].verdict = Some("Mostly True".into());
        project.claims[1].verdict = Some("pants-on-fire".into());
        let report = repair(&mut project);
        assert_eq!(project.rating_scale[0].color, "#1A9850");
        assert_eq!(project.rating_scale[1].color, "#66bb66");
        assert_eq!(project.claims[0].verdict.as_deref(), Some("mostly-true"));
        let paths: Vec<&str> = report.remaining.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["rating_scale[2].color", "claims[1].verdict"]);
        assert!(
            report.remaining[1]
                .message
                .contains("use one of true, mostly-true")
        );
    }

    #[test]
    fn context_at_agrees_with_from_range() {
        let text = "Zażółć 🎉 gęślą jaźń — ".repeat(10);
        let index = CharIndex::new(&text);
        let n = index.char_len();
        for (start, end) in [(0, 3), (5, 40), (100, n), (n - 1, n)] {
            let anchor = TextAnchor::from_range(&text, start, end).unwrap();
            assert_eq!(
                context_at(&text, &index, start..end),
                (anchor.prefix.as_str(), anchor.suffix.as_str())
            );
        }
    }

    #[test]
    fn overlapping_occurrences_are_all_found() {
        assert_eq!(exact_occurrences("aaa", "aa"), vec![0..2, 1..3]);
        assert_eq!(exact_occurrences("éé", "é"), vec![0..2, 2..4]);
        assert_eq!(
            collapsed_occurrences("x  a\n\tb y", "a b"),
            vec![3..7],
            "the run of spaces is covered whole"
        );
    }
}
