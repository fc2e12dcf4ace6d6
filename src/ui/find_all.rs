//! Find in all articles of the project (Ctrl+Shift+F): a window listing every article's matches with
//! the text around them; clicking one shows that article with the match current in the find bar.

use std::ops::Range;

use egui::text::{LayoutJob, TextFormat};

use super::find_worker::{ArticleMatches, FindRequest, FindWorker, SharedTexts};
use super::shortcuts::keep_undo_in_field;
use super::tool_window::{name_title_bar, tool_window};
use crate::model::find::{FindOptions, MATCH_LIMIT};
use crate::model::{ArticleId, Project};

const WINDOW_TITLE: &str = "Find in all articles";

/// Accessible name of the query field.
pub const QUERY_LABEL: &str = "Text to find in all articles";
/// Matches listed per article; the count says how many more there are.
const LISTED_PER_ARTICLE: usize = 1000;

/// A match the user picked in the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PickedMatch {
    /// Its article.
    pub article: ArticleId,
    /// Its char range there.
    pub range: Range<usize>,
    /// The query that found it.
    pub query: String,
    /// The options it was found with.
    pub options: FindOptions,
}

/// A row of the list of matches.
enum Row {
    /// An article's title and count, by index into the results.
    Heading(usize),
    /// A match: the article's index and the match's.
    Match(usize, usize),
    /// How many matches of the article are not listed.
    More(usize),
}

/// What a search was for: the query, the options, and each article with its text's hash.
#[derive(Clone, PartialEq, Eq)]
struct Searched {
    query: String,
    options: FindOptions,
    articles: Vec<(ArticleId, String)>,
}

/// State of the window between frames.
#[derive(Default)]
pub struct FindAll {
    open: bool,
    query: String,
    options: FindOptions,
    focus_query: bool,
    texts: SharedTexts,
    /// The search last sent.
    requested: Option<Searched>,
    results: Vec<ArticleMatches>,
    /// Query and options the results answer.
    shown: Option<(String, FindOptions)>,
    worker: FindWorker,
}

impl FindAll {
    /// Opens the window and puts the keyboard in its query field.
    pub fn open(&mut self) {
        self.open = true;
        self.focus_query = true;
    }

    /// Whether the window is shown.
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// Matches found, per article with any (in project order).
    pub fn results(&self) -> &[ArticleMatches] {
        &self.results
    }

    /// Whether a search is under way.
    pub fn is_searching(&self) -> bool {
        self.worker.is_busy()
    }

    /// Draws the window if it is open; returns the match the user clicked.
    pub fn ui(&mut self, ctx: &egui::Context, project: &Project) -> Option<PickedMatch> {
        if let Some(response) = self.worker.poll() {
            self.results = response
                .articles
                .into_iter()
                .filter(|a| !a.matches.ranges.is_empty())
                .collect();
            self.shown = Some((response.query, response.options));
        }
        if !self.open {
            return None;
        }
        self.search_if_changed(ctx, project);
        let mut open = self.open;
        let mut picked = None;
        tool_window(WINDOW_TITLE)
            .open(&mut open)
            .default_size([520.0, 420.0])
            .collapsible(false)
            .show(ctx, |ui| picked = self.window_ui(ui, project));
        name_title_bar(ctx, WINDOW_TITLE);
        let escape = ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape));
        self.open = open && !escape && picked.is_none();
        picked
    }

    fn window_ui(&mut self, ui: &mut egui::Ui, project: &Project) -> Option<PickedMatch> {
        ui.horizontal(|ui| {
            let label = ui.label(QUERY_LABEL);
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.query)
                        .desired_width(f32::INFINITY)
                        .event_filter(super::find_bar::FIELD_KEYS)
                        .hint_text("word or phrase"),
                )
                .labelled_by(label.id);
            keep_undo_in_field(ui.ctx(), &field);
            if std::mem::take(&mut self.focus_query) {
                field.request_focus();
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.checkbox(&mut self.options.match_case, "Match case");
            ui.checkbox(&mut self.options.match_diacritics, "Match diacritics");
            ui.checkbox(&mut self.options.whole_words, "Whole words");
        });
        ui.label(self.summary());
        ui.separator();
        let (query, options) = self.shown.clone()?;
        let mut picked = None;
        // One row per article heading, match and "more" note, all of one height, so only the rows
        // in view are drawn however many matches there are.
        let mut rows = Vec::new();
        for (index, found) in self.results.iter().enumerate() {
            rows.push(Row::Heading(index));
            rows.extend((0..found.contexts.len()).map(|m| Row::Match(index, m)));
            if found.matches.ranges.len() > found.contexts.len() {
                rows.push(Row::More(index));
            }
        }
        let row_height = ui.spacing().interact_size.y;
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show_rows(ui, row_height, rows.len(), |ui, shown| {
                for row in rows.get(shown).unwrap_or_default() {
                    let size = egui::vec2(ui.available_width(), row_height);
                    match *row {
                        Row::Heading(index) => {
                            let Some(found) = self.results.get(index) else {
                                continue;
                            };
                            let title = project
                                .article(found.article)
                                .map_or("", |a| a.title.as_str());
                            let count =
                                count_text(found.matches.ranges.len(), found.matches.truncated);
                            ui.allocate_ui(size, |ui| ui.strong(format!("{title} ({count})")));
                        }
                        Row::Match(index, m) => {
                            let Some(found) = self.results.get(index) else {
                                continue;
                            };
                            let (Some(range), Some(context)) =
                                (found.matches.ranges.get(m), found.contexts.get(m))
                            else {
                                continue;
                            };
                            let button = egui::Button::selectable(false, context_job(ui, context))
                                .wrap_mode(egui::TextWrapMode::Truncate)
                                .min_size(size);
                            if ui.add_sized(size, button).clicked() {
                                picked = Some(PickedMatch {
                                    article: found.article,
                                    range: range.clone(),
                                    query: query.clone(),
                                    options,
                                });
                            }
                        }
                        Row::More(index) => {
                            let Some(found) = self.results.get(index) else {
                                continue;
                            };
                            let more = found.matches.ranges.len() - found.contexts.len();
                            ui.allocate_ui(size, |ui| {
                                ui.weak(format!("… and {more} more in this article"))
                            });
                        }
                    }
                }
            });
        picked
    }

    /// "41 matches in 3 articles", or why there are none.
    pub fn summary(&self) -> String {
        if self.query.is_empty() {
            return "Type to search every article of the project.".into();
        }
        if self
            .shown
            .as_ref()
            .is_none_or(|(q, o)| *q != self.query || *o != self.options)
        {
            return "Searching…".into();
        }
        let total: usize = self.results.iter().map(|a| a.matches.ranges.len()).sum();
        let truncated = self.results.iter().any(|a| a.matches.truncated);
        match (total, self.results.len()) {
            (0, _) => "No matches".into(),
            (_, 1) => format!("{} in 1 article", count_text(total, truncated)),
            (_, articles) => format!("{} in {articles} articles", count_text(total, truncated)),
        }
    }

    fn search_if_changed(&mut self, ctx: &egui::Context, project: &Project) {
        let ids: Vec<(ArticleId, String)> = project
            .articles
            .iter()
            .map(|a| (a.id, a.sha256.clone()))
            .collect();
        let wanted = Searched {
            query: self.query.clone(),
            options: self.options,
            articles: ids,
        };
        if self.requested.as_ref() == Some(&wanted) {
            return;
        }
        self.texts
            .retain(|id| wanted.articles.iter().any(|(a, _)| *a == id));
        let articles = project
            .articles
            .iter()
            .map(|article| (article.id, self.texts.of(article)))
            .collect();
        if wanted.query.is_empty() {
            self.results.clear();
            self.shown = Some((String::new(), self.options));
        } else {
            self.worker.search(
                ctx,
                FindRequest {
                    articles,
                    query: wanted.query.clone(),
                    options: wanted.options,
                    contexts: LISTED_PER_ARTICLE,
                },
            );
        }
        self.requested = Some(wanted);
    }
}

fn count_text(count: usize, truncated: bool) -> String {
    match (count, truncated) {
        (_, true) => format!("{MATCH_LIMIT}+ matches"),
        (1, false) => "1 match".into(),
        (n, false) => format!("{n} matches"),
    }
}

/// A list row: the match in bold between the text around it.
fn context_job(ui: &egui::Ui, context: &super::find_worker::MatchContext) -> LayoutJob {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let plain = TextFormat {
        font_id: font.clone(),
        color: ui.visuals().text_color(),
        ..TextFormat::default()
    };
    let strong = TextFormat {
        font_id: font,
        color: ui.visuals().strong_text_color(),
        background: super::theme::find_match_background(ui.visuals(), false),
        ..TextFormat::default()
    };
    let mut job = LayoutJob::default();
    job.append(&format!("…{}", context.before), 0.0, plain.clone());
    job.append(&context.matched, 0.0, strong);
    job.append(&format!("{}…", context.after), 0.0, plain);
    job
}
