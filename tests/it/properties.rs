//! Property tests of the model: random sequences of edits applied through the workspace, with undo,
//! redo and merged typing mixed in, on articles of random text (multi-byte characters, combining
//! marks, line breaks).
//!
//! After every step the project passes `model::validate` (every claim's span fits its article) and
//! survives saving and loading unchanged, with the same bytes when saved again; edits that must be
//! refused (a verdict off the scale, a span that does not fit, an unknown or duplicate id) are
//! refused and change nothing; undoing everything gives back the project we started from, and
//! redoing everything the one we ended with.
//!
//! Cases: 64 by default, `PROPTEST_CASES=N` for more.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use proptest::test_runner::Config;

use factdesk::model::{
    Article, ArticleId, Block, Claim, ClaimField, ClaimId, Edit, EditError, Project, RatingField,
    ReportSettings, ScaleMapping, ScalePreset, Source, SourceId, Stance, Status, TextAnchor,
    Workspace, new_rating, sha256_hex, text, validate,
};
use factdesk::store;

/// What article text is made of: ASCII, accents, CJK, an emoji (4 bytes in UTF-8), a combining
/// mark, spaces, tabs, line breaks and sentence punctuation.
const CHARS: &[char] = &[
    'a', 'b', 'Z', ' ', ' ', '.', '\n', '\n', 'é', 'ß', '日', '😀', '\u{301}', '"', '\t', '?',
];

/// Verdicts tried: the default scale's ids, ones that are not on it, and none.
const VERDICTS: &[Option<&str>] = &[
    Some("true"),
    Some("mostly-true"),
    Some("half-true"),
    Some("mostly-false"),
    Some("false"),
    Some("unverifiable"),
    None,
    Some("maybe"),
    Some(""),
    Some("TRUE"),
    Some(" false"),
    // On the presets a scale change may bring in.
    Some("misleading"),
    Some("pants-on-fire"),
];

fn text_of(max_chars: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(CHARS), 1..max_chars)
        .prop_map(|chars| chars.into_iter().collect())
}

fn short_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(CHARS), 0..6)
        .prop_map(|chars| chars.into_iter().collect())
}

/// A new value for a claim field.
#[derive(Clone, Debug)]
enum FieldValue {
    Text(String),
    Claimant(String),
    ClaimDate(Option<u32>),
    Status(usize),
    Verdict(usize),
    Explanation(String),
    Notes(String),
    Tags(Vec<String>),
}

/// One step. Numbers pick among what exists when the step runs (modulo its count), so every
/// sequence is meaningful whatever came before it.
#[derive(Clone, Debug)]
enum Op {
    MarkClaim {
        article: usize,
        start: usize,
        len: usize,
        index: usize,
    },
    SetField {
        claim: usize,
        value: FieldValue,
        /// Applied as typing: merged with the previous step on the same field.
        typing: bool,
    },
    InsertSource {
        claim: usize,
        index: usize,
        title: String,
        stance: usize,
    },
    UpdateSource {
        claim: usize,
        source: usize,
        title: String,
    },
    MoveSource {
        claim: usize,
        source: usize,
        to: usize,
    },
    RemoveSource {
        claim: usize,
        source: usize,
    },
    RemoveClaim(usize),
    Rename(String),
    Report {
        title: String,
        include_unchecked: bool,
    },
    AddArticle {
        text: String,
        blocks: bool,
        index: usize,
    },
    RemoveArticle(usize),
    ReopenArticle {
        article: usize,
        /// Char position replaced by `'x'`, if any.
        change_at: Option<usize>,
        tail: String,
    },
    /// Puts a preset in place of the scale, each rating in use mapped to the new rating `targets`
    /// picks (one past the last meaning no verdict).
    ReplaceScale {
        preset: usize,
        targets: Vec<usize>,
    },
    /// One edit of one rating: add, rename, recolour, revalue, move or remove (refused when claims
    /// carry it).
    RatingEdit {
        kind: usize,
        rating: usize,
        number: usize,
        label: String,
    },
    /// An edit that must be refused; which kind, and what it names.
    Refused {
        kind: usize,
        pick: usize,
    },
    Undo,
    Redo,
    Seal,
}

fn field_value() -> impl Strategy<Value = FieldValue> {
    prop_oneof![
        1 => short_text().prop_map(FieldValue::Text),
        1 => short_text().prop_map(FieldValue::Claimant),
        1 => prop::option::of(0..40_000_u32).prop_map(FieldValue::ClaimDate),
        1 => (0..4_usize).prop_map(FieldValue::Status),
        3 => (0..VERDICTS.len()).prop_map(FieldValue::Verdict),
        1 => short_text().prop_map(FieldValue::Explanation),
        1 => short_text().prop_map(FieldValue::Notes),
        1 => prop::collection::vec(short_text(), 0..3).prop_map(FieldValue::Tags),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    let n = || 0..1000_usize;
    prop_oneof![
        6 => (n(), n(), 1..40_usize, n()).prop_map(|(article, start, len, index)| Op::MarkClaim {
            article,
            start,
            len,
            index
        }),
        6 => (n(), field_value(), any::<bool>()).prop_map(|(claim, value, typing)| Op::SetField {
            claim,
            value,
            typing
        }),
        2 => (n(), n(), short_text(), 0..3_usize).prop_map(|(claim, index, title, stance)| {
            Op::InsertSource {
                claim,
                index,
                title,
                stance,
            }
        }),
        1 => (n(), n(), short_text()).prop_map(|(claim, source, title)| Op::UpdateSource {
            claim,
            source,
            title
        }),
        1 => (n(), n(), n()).prop_map(|(claim, source, to)| Op::MoveSource { claim, source, to }),
        1 => (n(), n()).prop_map(|(claim, source)| Op::RemoveSource { claim, source }),
        1 => n().prop_map(Op::RemoveClaim),
        1 => short_text().prop_map(Op::Rename),
        1 => (short_text(), any::<bool>())
            .prop_map(|(title, include_unchecked)| Op::Report { title, include_unchecked }),
        1 => (text_of(60), any::<bool>(), n())
            .prop_map(|(text, blocks, index)| Op::AddArticle { text, blocks, index }),
        1 => n().prop_map(Op::RemoveArticle),
        1 => (n(), prop::option::of(n()), short_text()).prop_map(|(article, change_at, tail)| {
            Op::ReopenArticle {
                article,
                change_at,
                tail,
            }
        }),
        1 => (n(), prop::collection::vec(n(), 0..7))
            .prop_map(|(preset, targets)| Op::ReplaceScale { preset, targets }),
        2 => (0..6_usize, n(), n(), short_text()).prop_map(|(kind, rating, number, label)| {
            Op::RatingEdit {
                kind,
                rating,
                number,
                label,
            }
        }),
        3 => (0..12_usize, n()).prop_map(|(kind, pick)| Op::Refused { kind, pick }),
        3 => Just(Op::Undo),
        2 => Just(Op::Redo),
        1 => Just(Op::Seal),
    ]
}

/// A fixed time, `second` seconds on.
fn at(second: usize) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 9, 30, 0).unwrap() + chrono::Duration::seconds(second as i64)
}

/// Item `pick` (modulo the count) of `items`.
fn pick<T>(items: &[T], pick: usize) -> Option<&T> {
    if items.is_empty() {
        None
    } else {
        items.get(pick % items.len())
    }
}

/// An article of `text`, its paragraphs as blocks when `blocks`.
fn article(text: String, blocks: bool) -> Article {
    let mut article = Article::new("Article".into(), text, None, at(0));
    if blocks {
        article.blocks = text::paragraphs(&article.text)
            .into_iter()
            .map(|r| Block {
                unknown: Default::default(),
                start: r.start,
                end: r.end,
                heading: None,
            })
            .collect();
    }
    article
}

/// A claim over chars `start..start + len` of `article` (clamped to fit), or `None` for an empty
/// text.
fn claim_in(article: &Article, start: usize, len: usize, second: usize) -> Option<Claim> {
    let char_len = text::char_len(&article.text);
    if char_len == 0 {
        return None;
    }
    let start = start % char_len;
    let end = (start + len).min(char_len);
    let anchor = TextAnchor::from_range(&article.text, start, end)?;
    Some(Claim::new(article.id, anchor, at(second)))
}

/// The starting project: one or two articles, with a few claims already marked.
fn start() -> impl Strategy<Value = Project> {
    (
        text_of(200),
        any::<bool>(),
        prop::option::of(text_of(80)),
        prop::collection::vec((0..1000_usize, 1..30_usize), 0..4),
    )
        .prop_map(|(first, blocks, second, claims)| {
            let mut project = Project::from_article(article(first, blocks));
            if let Some(second) = second {
                project.articles.push(article(second, false));
            }
            for (i, (start, len)) in claims.into_iter().enumerate() {
                let target = project.articles[i % project.articles.len()].clone();
                if let Some(claim) = claim_in(&target, start, len, 1) {
                    let index = project.claims.len();
                    project
                        .apply(Edit::InsertClaim {
                            index,
                            claim: Box::new(claim),
                        })
                        .unwrap();
                }
            }
            project
        })
}

/// Checks what must hold after every step: the project is valid, and saving then loading it gives
/// the same project, saved again the same bytes.
fn check_project(project: &Project) -> Result<(), TestCaseError> {
    let problems = validate(project);
    prop_assert!(problems.is_empty(), "invalid project: {problems:?}");
    let bytes = store::to_bytes(project).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let loaded = store::from_bytes(&bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&loaded, project, "the saved project loads differently");
    let again = store::to_bytes(&loaded).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert!(
        again == bytes,
        "saving the same project twice gives different bytes"
    );
    Ok(())
}

/// Applies an edit that must be refused with `expected`, and checks that nothing changed.
fn refuse(
    ws: &mut Workspace,
    edit: Edit,
    expected: fn(&EditError) -> bool,
) -> Result<(), TestCaseError> {
    let before = ws.project().clone();
    let undo = ws.history().undo_description();
    let state = ws.history().state();
    let result = ws.apply(edit.clone());
    prop_assert!(
        matches!(&result, Err(e) if expected(e)),
        "{edit:?} gave {result:?}"
    );
    prop_assert_eq!(ws.project(), &before, "a refused edit changed the project");
    prop_assert_eq!(ws.history().undo_description(), undo);
    prop_assert_eq!(ws.history().state(), state);
    Ok(())
}

/// Applies an edit that must succeed.
fn accept(ws: &mut Workspace, edit: Edit, merge_key: Option<String>) -> Result<(), TestCaseError> {
    let result = match merge_key {
        Some(key) => ws.apply_merging(edit.clone(), key),
        None => ws.apply(edit.clone()),
    };
    prop_assert!(result.is_ok(), "{edit:?} was refused: {result:?}");
    Ok(())
}

/// Runs one step on `ws`; `second` is the step's time.
#[allow(clippy::too_many_lines)]
fn step(ws: &mut Workspace, op: &Op, second: usize) -> Result<(), TestCaseError> {
    let project = ws.project().clone();
    let claim_at = |n: usize| pick(&project.claims, n);
    match op {
        Op::MarkClaim {
            article,
            start,
            len,
            index,
        } => {
            let Some(target) = pick(&project.articles, *article) else {
                return Ok(());
            };
            if let Some(claim) = claim_in(target, *start, *len, second) {
                let index = index % (project.claims.len() + 1);
                accept(
                    ws,
                    Edit::InsertClaim {
                        index,
                        claim: Box::new(claim),
                    },
                    None,
                )?;
            }
        }
        Op::SetField {
            claim,
            value,
            typing,
        } => {
            let Some(claim) = claim_at(*claim) else {
                return Ok(());
            };
            let (field, kind) = match value {
                FieldValue::Text(v) => (ClaimField::Text(v.clone()), "text"),
                FieldValue::Claimant(v) => (ClaimField::Claimant(v.clone()), "claimant"),
                FieldValue::ClaimDate(days) => (
                    ClaimField::ClaimDate(days.and_then(|d| {
                        NaiveDate::from_ymd_opt(1970, 1, 1)?
                            .checked_add_days(chrono::Days::new(u64::from(d)))
                    })),
                    "date",
                ),
                FieldValue::Status(i) => {
                    (ClaimField::status(Status::ALL[i % 4], at(second)), "status")
                }
                FieldValue::Verdict(i) => (
                    ClaimField::verdict(
                        VERDICTS[i % VERDICTS.len()].map(str::to_owned),
                        at(second),
                    ),
                    "verdict",
                ),
                FieldValue::Explanation(v) => (ClaimField::Explanation(v.clone()), "explanation"),
                FieldValue::Notes(v) => (ClaimField::Notes(v.clone()), "notes"),
                FieldValue::Tags(v) => (ClaimField::Tags(v.clone()), "tags"),
            };
            let off_scale = matches!(&field, ClaimField::Verdict { rating: Some(v), .. } if project.rating(v).is_none());
            let edit = Edit::SetClaimField {
                claim: claim.id,
                field,
                at: at(second),
            };
            if off_scale {
                refuse(ws, edit, |e| matches!(e, EditError::UnknownRating(_)))?;
            } else {
                let key = typing.then(|| format!("{}/{kind}", claim.id));
                accept(ws, edit, key)?;
            }
        }
        Op::InsertSource {
            claim,
            index,
            title,
            stance,
        } => {
            let Some(claim) = claim_at(*claim) else {
                return Ok(());
            };
            let source = Source {
                title: title.clone(),
                url: format!("https://example.org/{second}"),
                stance: Stance::ALL[stance % 3],
                ..Source::new(at(second).date_naive())
            };
            accept(
                ws,
                Edit::InsertSource {
                    claim: claim.id,
                    index: *index,
                    source: Box::new(source),
                    at: at(second),
                },
                None,
            )?;
        }
        Op::UpdateSource {
            claim,
            source,
            title,
        } => {
            let Some(claim) = claim_at(*claim) else {
                return Ok(());
            };
            let Some(old) = pick(&claim.sources, *source) else {
                return Ok(());
            };
            let new = Source {
                title: title.clone(),
                note: format!("updated at {second}"),
                ..old.clone()
            };
            accept(
                ws,
                Edit::UpdateSource {
                    claim: claim.id,
                    source: Box::new(new),
                    at: at(second),
                },
                None,
            )?;
        }
        Op::MoveSource { claim, source, to } => {
            let Some(claim) = claim_at(*claim) else {
                return Ok(());
            };
            let Some(source) = pick(&claim.sources, *source) else {
                return Ok(());
            };
            accept(
                ws,
                Edit::MoveSource {
                    claim: claim.id,
                    source: source.id,
                    to: to % (claim.sources.len() + 1),
                    at: at(second),
                },
                None,
            )?;
        }
        Op::RemoveSource { claim, source } => {
            let Some(claim) = claim_at(*claim) else {
                return Ok(());
            };
            let Some(source) = pick(&claim.sources, *source) else {
                return Ok(());
            };
            accept(
                ws,
                Edit::RemoveSource {
                    claim: claim.id,
                    source: source.id,
                    at: at(second),
                },
                None,
            )?;
        }
        Op::RemoveClaim(n) => {
            if let Some(claim) = claim_at(*n) {
                accept(ws, Edit::RemoveClaim(claim.id), None)?;
            }
        }
        Op::Rename(title) => accept(ws, Edit::SetProjectTitle(title.clone()), None)?,
        Op::Report {
            title,
            include_unchecked,
        } => {
            let settings = ReportSettings {
                title: title.clone(),
                author: "Sam".into(),
                include_unchecked: *include_unchecked,
                ..ReportSettings::default()
            };
            accept(ws, Edit::SetReportSettings(settings), None)?;
        }
        Op::AddArticle {
            text,
            blocks,
            index,
        } => {
            let new = article(text.clone(), *blocks);
            // With a claim marked in it, as an undone removal or an import brings.
            let claims = claim_in(&new, second, 7, second)
                .map(|c| (project.claims.len(), c))
                .into_iter()
                .collect();
            accept(
                ws,
                Edit::InsertArticle {
                    index: index % (project.articles.len() + 1),
                    article: Box::new(new),
                    claims,
                },
                None,
            )?;
        }
        Op::RemoveArticle(n) => {
            if let Some(article) = pick(&project.articles, *n) {
                accept(ws, Edit::RemoveArticle(article.id), None)?;
            }
        }
        Op::ReopenArticle {
            article,
            change_at,
            tail,
        } => {
            let Some(old) = pick(&project.articles, *article) else {
                return Ok(());
            };
            // Another reading of the article: one char replaced and text added at the end, so its
            // blocks still fit but a claim over the changed char does not.
            let mut chars: Vec<char> = old.text.chars().collect();
            if let Some(i) = change_at {
                let i = i % chars.len().max(1);
                if let Some(c) = chars.get_mut(i) {
                    *c = if *c == 'x' { 'y' } else { 'x' };
                }
            }
            let new_text: String = chars.into_iter().chain(tail.chars()).collect();
            let new = Article {
                title: format!("{} (reopened)", old.title),
                sha256: sha256_hex(&new_text),
                text: new_text,
                ..old.clone()
            };
            let index = text::CharIndex::new(&new.text);
            let fits = project
                .claims
                .iter()
                .filter(|c| c.article == old.id)
                .all(|c| index.slice(&new.text, c.anchor.range()) == Some(c.anchor.quote.as_str()));
            let edit = Edit::ReplaceArticle(Box::new(new));
            if fits {
                accept(ws, edit, None)?;
            } else {
                refuse(ws, edit, |e| matches!(e, EditError::BadSpan { .. }))?;
            }
        }
        Op::Refused { kind, pick: n } => refused(ws, &project, *kind, *n, second)?,
        Op::Undo => {
            let expected = ws.history().undo_description();
            prop_assert_eq!(
                ws.undo(),
                expected,
                "undo did not undo what it said it would"
            );
        }
        Op::Redo => {
            let expected = ws.history().redo_description();
            prop_assert_eq!(
                ws.redo(),
                expected,
                "redo did not redo what it said it would"
            );
        }
        Op::Seal => ws.seal_history(),
        Op::ReplaceScale { preset, targets } => {
            let scale = ScalePreset::ALL[preset % ScalePreset::ALL.len()].ratings();
            let mapping: ScaleMapping = project
                .ratings_in_use()
                .into_iter()
                .enumerate()
                .map(|(i, (old, _))| {
                    let pick = targets.get(i).copied().unwrap_or(0) % (scale.len() + 1);
                    (old, scale.get(pick).map(|r| r.id.clone()))
                })
                .collect();
            let edit = project.replace_scale_edit(scale, &mapping, at(second));
            prop_assert!(edit.is_ok(), "{edit:?}");
            if let Ok(edit) = edit {
                accept(ws, edit, None)?;
            }
        }
        Op::RatingEdit {
            kind,
            rating,
            number,
            label,
        } => rating_edit(ws, &project, *kind, *rating, *number, label)?,
    }
    Ok(())
}

/// One edit of rating `n` of the scale (modulo its length), of kind `kind`.
fn rating_edit(
    ws: &mut Workspace,
    project: &Project,
    kind: usize,
    n: usize,
    number: usize,
    label: &str,
) -> Result<(), TestCaseError> {
    let scale = &project.rating_scale;
    if kind == 0 {
        let rating = new_rating(scale, label, "#336699", number as i32 % 7 - 1);
        return accept(
            ws,
            Edit::InsertRating {
                index: n % (scale.len() + 1),
                rating: Box::new(rating),
            },
            None,
        );
    }
    let Some(rating) = pick(scale, n) else {
        return Ok(());
    };
    let id = rating.id.clone();
    let set = |field| Edit::SetRatingField {
        rating: id.clone(),
        field,
    };
    match kind {
        1 => accept(
            ws,
            set(RatingField::Label(label.to_owned())),
            Some(format!("label/{id}")),
        ),
        2 => accept(
            ws,
            set(RatingField::Color(format!(
                "#{:06x}",
                number * 9973 % 0x100_0000
            ))),
            None,
        ),
        3 => accept(ws, set(RatingField::Value(number as i32 - 500)), None),
        4 => accept(
            ws,
            Edit::MoveRating {
                rating: id.clone(),
                to: number % scale.len(),
            },
            None,
        ),
        _ if project
            .claims
            .iter()
            .any(|c| c.verdict.as_ref() == Some(&id)) =>
        {
            refuse(ws, Edit::RemoveRating(id.clone()), |e| {
                matches!(e, EditError::RatingInUse { .. })
            })
        }
        _ => accept(ws, Edit::RemoveRating(id.clone()), None),
    }
}

/// An edit the model must refuse, of kind `kind`, naming item `n` of what exists.
fn refused(
    ws: &mut Workspace,
    project: &Project,
    kind: usize,
    n: usize,
    second: usize,
) -> Result<(), TestCaseError> {
    let Some(article) = pick(&project.articles, n).cloned() else {
        return Ok(());
    };
    let char_len = text::char_len(&article.text);
    let claim = pick(&project.claims, n).cloned();
    let a_claim = |start: usize, end: usize, quote: &str| {
        let mut claim = claim_in(&article, 0, 1, second).unwrap();
        claim.anchor = TextAnchor {
            unknown: Default::default(),
            start,
            end,
            quote: quote.to_owned(),
            prefix: String::new(),
            suffix: String::new(),
        };
        claim
    };
    let insert = |claim: Claim| Edit::InsertClaim {
        index: 0,
        claim: Box::new(claim),
    };
    match kind {
        0 => refuse(
            ws,
            Edit::SetClaimField {
                claim: ClaimId::new_random(),
                field: ClaimField::Notes("x".into()),
                at: at(second),
            },
            |e| matches!(e, EditError::UnknownClaim(_)),
        ),
        1 => {
            // The right range with the wrong quote.
            let good = claim_in(&article, n, 3, second).unwrap();
            let quote = format!("{}!", good.anchor.quote);
            refuse(
                ws,
                insert(a_claim(good.anchor.start, good.anchor.end, &quote)),
                |e| matches!(e, EditError::BadSpan { .. }),
            )
        }
        2 => refuse(ws, insert(a_claim(char_len, char_len + 1, "a")), |e| {
            matches!(e, EditError::BadSpan { .. })
        }),
        3 => refuse(
            ws,
            insert(a_claim(n % (char_len + 1), n % (char_len + 1), "")),
            |e| matches!(e, EditError::BadSpan { .. }),
        ),
        4 => match claim {
            Some(claim) => refuse(ws, insert(claim), |e| {
                matches!(e, EditError::DuplicateId(_))
            }),
            None => Ok(()),
        },
        5 => {
            let mut stray = claim_in(&article, n, 3, second).unwrap();
            stray.article = ArticleId::new_random();
            refuse(ws, insert(stray), |e| {
                matches!(e, EditError::UnknownArticle(_))
            })
        }
        6 => {
            let mut rated = claim_in(&article, n, 3, second).unwrap();
            rated.verdict = Some("maybe".into());
            refuse(ws, insert(rated), |e| {
                matches!(e, EditError::UnknownRating(_))
            })
        }
        7 => match claim
            .as_ref()
            .and_then(|c| Some((c, c.sources.first()?.clone())))
        {
            Some((claim, source)) => refuse(
                ws,
                Edit::InsertSource {
                    claim: claim.id,
                    index: 0,
                    source: Box::new(source),
                    at: at(second),
                },
                |e| matches!(e, EditError::DuplicateId(_)),
            ),
            None => Ok(()),
        },
        8 => match claim {
            Some(claim) => refuse(
                ws,
                Edit::RemoveSource {
                    claim: claim.id,
                    source: SourceId::new_random(),
                    at: at(second),
                },
                |e| matches!(e, EditError::UnknownSource { .. }),
            ),
            None => Ok(()),
        },
        9 => refuse(ws, Edit::RemoveArticle(ArticleId::new_random()), |e| {
            matches!(e, EditError::UnknownArticle(_))
        }),
        10 => refuse(
            ws,
            Edit::InsertArticle {
                index: 0,
                article: Box::new(article),
                claims: Vec::new(),
            },
            |e| matches!(e, EditError::DuplicateId(_)),
        ),
        _ => refuse(
            ws,
            Edit::MoveSource {
                claim: ClaimId::new_random(),
                source: SourceId::new_random(),
                to: 0,
                at: at(second),
            },
            |e| matches!(e, EditError::UnknownClaim(_)),
        ),
    }
}

fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64);
    Config {
        cases,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn properties_edits_keep_spans_valid_and_undo_redo_round_trip(
        original in start(),
        ops in prop::collection::vec(op(), 1..40),
    ) {
        check_project(&original)?;
        let mut ws = Workspace::new(original.clone(), None);
        for (i, op) in ops.iter().enumerate() {
            step(&mut ws, op, i + 2)?;
            check_project(ws.project())?;
        }
        let last = ws.project().clone();

        // Undo everything: back to the start, with nothing unsaved.
        let mut undone = 0;
        while ws.undo().is_some() {
            undone += 1;
            check_project(ws.project())?;
        }
        prop_assert_eq!(ws.project(), &original, "undoing everything does not give the start back");
        prop_assert!(!ws.is_dirty(), "back at the opened state, yet marked as changed");

        // Redo as many steps: back at the end. (Steps the sequence itself undid last can be redone
        // further; they must keep the project valid too.)
        for _ in 0..undone {
            prop_assert!(ws.redo().is_some(), "a step undone cannot be redone");
            check_project(ws.project())?;
        }
        prop_assert_eq!(ws.project(), &last, "redoing everything does not give the end back");
        while ws.redo().is_some() {
            check_project(ws.project())?;
        }
    }
}
