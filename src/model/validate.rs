//! Checks that a project is consistent: what a loaded file must pass before it is opened.

use super::article::sha256_hex;
use super::text::CharIndex;
use super::{Project, SCHEMA_VERSION};

/// One thing wrong with a project, with where it is as a JSON path into the project file.
///
/// Messages say what the member should hold and what it holds ("expected ..., but found ..."), so a
/// user editing the file by hand knows what to change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where, e.g. `claims[2].anchor.quote`.
    pub path: String,
    /// What is wrong, in words a user can act on.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Every problem in `project`; empty when it is consistent.
pub fn validate(project: &Project) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut report = |path: String, message: String| problems.push(Problem { path, message });

    if project.schema_version != SCHEMA_VERSION {
        report(
            "schema_version".into(),
            format!(
                "expected {SCHEMA_VERSION}, the format version this factdesk reads, but found {}",
                project.schema_version
            ),
        );
    }

    let mut rating_ids = std::collections::HashMap::new();
    for (i, rating) in project.rating_scale.iter().enumerate() {
        if rating.id.trim().is_empty() {
            report(
                format!("rating_scale[{i}].id"),
                format!(
                    "expected a rating id (text that is not blank), but found {}",
                    quoted(&rating.id)
                ),
            );
        }
        if let Some(first) = rating_ids.insert(rating.id.as_str(), i) {
            report(
                format!("rating_scale[{i}].id"),
                repeated_id(
                    "rating",
                    quoted(&rating.id),
                    &format!("rating_scale[{first}]"),
                ),
            );
        }
        if super::parse_hex_color(&rating.color).is_none() {
            report(
                format!("rating_scale[{i}].color"),
                format!(
                    "expected a colour as \"#rrggbb\", like \"#d73027\", but found {}",
                    quoted(&rating.color)
                ),
            );
        }
    }

    let mut article_ids = std::collections::HashMap::new();
    let mut indexes = std::collections::HashMap::new();
    for (i, article) in project.articles.iter().enumerate() {
        if let Some(first) = article_ids.insert(article.id, i) {
            report(
                format!("articles[{i}].id"),
                repeated_id("article", article.id, &format!("articles[{first}]")),
            );
        }
        let hash = sha256_hex(&article.text);
        if !is_sha256_hex(&article.sha256) {
            report(
                format!("articles[{i}].sha256"),
                format!(
                    "expected the SHA-256 of the article text as 64 hex digits, but found {}",
                    quoted(&article.sha256)
                ),
            );
        } else if !hash.eq_ignore_ascii_case(&article.sha256) {
            report(
                format!("articles[{i}].sha256"),
                format!(
                    "expected {hash}, the SHA-256 of the article text, but found {}: the text \
                     was changed outside factdesk (it does not match the article text)",
                    article.sha256
                ),
            );
        }
        let char_len = super::text::char_len(&article.text);
        let mut previous_end = 0;
        for (j, block) in article.blocks.iter().enumerate() {
            let range = format!("{}..{}", block.start, block.end);
            let wrong = if block.start >= block.end {
                Some(format!(
                    "expected a block with its start before its end, but found {range} (it is empty)"
                ))
            } else if block.end > char_len {
                Some(format!(
                    "expected a block inside the text ({char_len} characters), but found {range}, \
                     past the end of the text"
                ))
            } else if block.start < previous_end {
                Some(format!(
                    "expected a block after the one before, which ends at {previous_end}, but \
                     found {range}, which overlaps the block before"
                ))
            } else {
                None
            };
            if let Some(wrong) = wrong {
                report(format!("articles[{i}].blocks[{j}]"), wrong);
            }
            if let Some(level) = block.heading.filter(|h| !(1..=6).contains(h)) {
                report(
                    format!("articles[{i}].blocks[{j}].heading"),
                    format!(
                        "expected a heading level from 1 to 6, or null for a paragraph, but \
                         found {level}"
                    ),
                );
            }
            previous_end = block.end;
        }
        indexes
            .entry(article.id)
            .or_insert_with(|| (article, CharIndex::new(&article.text)));
    }

    let mut claim_ids = std::collections::HashMap::new();
    for (i, claim) in project.claims.iter().enumerate() {
        if let Some(first) = claim_ids.insert(claim.id, i) {
            report(
                format!("claims[{i}].id"),
                repeated_id("claim", claim.id, &format!("claims[{first}]")),
            );
        }
        match indexes.get(&claim.article) {
            None => report(
                format!("claims[{i}].article"),
                format!(
                    "expected the id of an article in the project, but found {}, which no \
                     article has (it refers to an article that is not in the project)",
                    claim.article
                ),
            ),
            Some((article, index)) => {
                let anchor = &claim.anchor;
                if anchor.start >= anchor.end {
                    report(
                        format!("claims[{i}].anchor"),
                        format!(
                            "expected a span with its start before its end, but found {}..{} \
                             (it is empty or reversed)",
                            anchor.start, anchor.end
                        ),
                    );
                } else if anchor.end > index.char_len() {
                    report(
                        format!("claims[{i}].anchor.end"),
                        format!(
                            "expected an offset inside the article ({} characters), but found {}, \
                             past the end of the article",
                            index.char_len(),
                            anchor.end
                        ),
                    );
                } else {
                    let actual = index
                        .slice(&article.text, anchor.range())
                        .unwrap_or_default();
                    if actual != anchor.quote {
                        report(
                            format!("claims[{i}].anchor.quote"),
                            format!(
                                "expected the article text at {}..{}, {}, but found {} (the \
                                 quote does not match the article text)",
                                anchor.start,
                                anchor.end,
                                quoted(actual),
                                quoted(&anchor.quote)
                            ),
                        );
                    }
                }
            }
        }
        if let Some(verdict) = &claim.verdict
            && project.rating(verdict).is_none()
        {
            report(
                format!("claims[{i}].verdict"),
                format!(
                    "expected the id of a rating on the project's rating scale ({}) or null, but \
                     found {} (it is not on the project's rating scale)",
                    rating_ids_listed(project),
                    quoted(verdict)
                ),
            );
        }
        if let (None, Some(given)) = (&claim.verdict, claim.verdict_given) {
            report(
                format!("claims[{i}].verdict_given"),
                format!(
                    "expected null, as the claim has no verdict, but found {} (a date for a \
                     verdict that is not there); set it to null, or give the claim its verdict",
                    quoted(&timestamp(given))
                ),
            );
        }
        let mut source_ids = std::collections::HashMap::new();
        for (j, source) in claim.sources.iter().enumerate() {
            if let Some(first) = source_ids.insert(source.id, j) {
                report(
                    format!("claims[{i}].sources[{j}].id"),
                    repeated_id(
                        "source of the claim",
                        source.id,
                        &format!("claims[{i}].sources[{first}]"),
                    ),
                );
            }
        }
    }
    problems
}

/// Why an id that `first` (a member path) already has is refused: the words are the same for
/// ratings, articles, claims and sources, only the `kind` differs.
fn repeated_id(kind: &str, found: impl std::fmt::Display, first: &str) -> String {
    format!(
        "expected an id no other {kind} has, but found {found}, the id of {first} too (this id \
         appears twice)"
    )
}

/// Whether `hash` is written as a SHA-256 is: 64 hex digits, of either case.
fn is_sha256_hex(hash: &str) -> bool {
    hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit())
}

/// `at` as the project file writes a timestamp.
pub(crate) fn timestamp(at: chrono::DateTime<chrono::Utc>) -> String {
    serde_json::to_value(at)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| at.to_rfc3339())
}

/// `text` as a JSON string, cut to 60 characters with an ellipsis, for messages.
pub(crate) fn quoted(text: &str) -> String {
    const SHOWN: usize = 60;
    let cut: String = text.chars().take(SHOWN).collect();
    let mut quoted = serde_json::Value::String(cut).to_string();
    if text.chars().nth(SHOWN).is_some() {
        quoted.insert(quoted.len().saturating_sub(1), '…');
    }
    quoted
}

/// The ids of the project's rating scale, quoted, for messages: `"true", "false"`, or `none` for an
/// empty scale.
fn rating_ids_listed(project: &Project) -> String {
    if project.rating_scale.is_empty() {
        return "the scale is empty".to_owned();
    }
    project
        .rating_scale
        .iter()
        .map(|r| quoted(&r.id))
        .collect::<Vec<_>>()
        .join(", ")
}
