//! Checks that a project is consistent: what a loaded file must pass before it is opened.

use std::collections::HashSet;

use super::article::sha256_hex;
use super::text::CharIndex;
use super::{Project, SCHEMA_VERSION};

/// One thing wrong with a project, with where it is as a JSON path into the project file.
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
                "is {}, this factdesk reads version {SCHEMA_VERSION}",
                project.schema_version
            ),
        );
    }

    let mut rating_ids = HashSet::new();
    for (i, rating) in project.rating_scale.iter().enumerate() {
        if rating.id.trim().is_empty() {
            report(format!("rating_scale[{i}].id"), "is empty".into());
        }
        if !rating_ids.insert(rating.id.as_str()) {
            report(
                format!("rating_scale[{i}].id"),
                format!("\"{}\" appears twice", rating.id),
            );
        }
        if super::parse_hex_color(&rating.color).is_none() {
            report(
                format!("rating_scale[{i}].color"),
                format!("\"{}\" is not a colour of the form #rrggbb", rating.color),
            );
        }
    }

    let mut article_ids = HashSet::new();
    let mut indexes = std::collections::HashMap::new();
    for (i, article) in project.articles.iter().enumerate() {
        if !article_ids.insert(article.id) {
            report(
                format!("articles[{i}].id"),
                format!("{} appears twice", article.id),
            );
        }
        if sha256_hex(&article.text) != article.sha256.to_ascii_lowercase() {
            report(
                format!("articles[{i}].sha256"),
                "does not match the article text: the text was changed outside factdesk".into(),
            );
        }
        let char_len = super::text::char_len(&article.text);
        let mut previous_end = 0;
        for (j, block) in article.blocks.iter().enumerate() {
            let fits =
                block.start < block.end && block.end <= char_len && block.start >= previous_end;
            if !fits {
                report(
                    format!("articles[{i}].blocks[{j}]"),
                    format!(
                        "range {}..{} is empty, past the end of the text ({char_len} characters) or overlaps the block before",
                        block.start, block.end
                    ),
                );
            }
            if block.heading.is_some_and(|h| !(1..=6).contains(&h)) {
                report(
                    format!("articles[{i}].blocks[{j}].heading"),
                    "must be a level from 1 to 6".into(),
                );
            }
            previous_end = block.end;
        }
        indexes
            .entry(article.id)
            .or_insert_with(|| (article, CharIndex::new(&article.text)));
    }

    let mut claim_ids = HashSet::new();
    for (i, claim) in project.claims.iter().enumerate() {
        if !claim_ids.insert(claim.id) {
            report(
                format!("claims[{i}].id"),
                format!("{} appears twice", claim.id),
            );
        }
        match indexes.get(&claim.article) {
            None => report(
                format!("claims[{i}].article"),
                format!(
                    "refers to article {}, which is not in the project",
                    claim.article
                ),
            ),
            Some((article, index)) => {
                let anchor = &claim.anchor;
                if anchor.start >= anchor.end {
                    report(
                        format!("claims[{i}].anchor"),
                        format!("span {}..{} is empty or reversed", anchor.start, anchor.end),
                    );
                } else if anchor.end > index.char_len() {
                    report(
                        format!("claims[{i}].anchor.end"),
                        format!(
                            "is {}, past the end of the article ({} characters)",
                            anchor.end,
                            index.char_len()
                        ),
                    );
                } else if index.slice(&article.text, anchor.range()) != Some(anchor.quote.as_str())
                {
                    report(
                        format!("claims[{i}].anchor.quote"),
                        format!(
                            "does not match the article text at {}..{}",
                            anchor.start, anchor.end
                        ),
                    );
                }
            }
        }
        if let Some(verdict) = &claim.verdict
            && project.rating(verdict).is_none()
        {
            report(
                format!("claims[{i}].verdict"),
                format!("\"{verdict}\" is not on the project's rating scale"),
            );
        }
        let mut source_ids = HashSet::new();
        for (j, source) in claim.sources.iter().enumerate() {
            if !source_ids.insert(source.id) {
                report(
                    format!("claims[{i}].sources[{j}].id"),
                    format!("{} appears twice", source.id),
                );
            }
        }
    }
    problems
}
