//! View › Statistics: claims per verdict and per status, for the whole project or one article, a
//! table of every article, and a chart of claims done per day. The counting is
//! [`crate::report::statistics`], the same the reports print.

use chrono::NaiveDate;
use egui::{RichText, Ui};

use super::theme;
use super::tool_window::{name_title_bar, tool_window};
use super::verdict_badge::verdict_badge_ui;
use crate::model::{ArticleId, Project, Status};
use crate::report::Calendar;
use crate::report::statistics::{Statistics, Tally};

const TITLE: &str = "Statistics";

/// The statistics window: whether it is open and which claims it counts.
#[derive(Debug, Default)]
pub struct StatisticsWindow {
    open: bool,
    /// The article counted, or `None` for the whole project.
    scope: Option<ArticleId>,
}

impl StatisticsWindow {
    /// Opens the window (or keeps it open), counting the whole project.
    pub fn open(&mut self) {
        self.open = true;
    }

    /// Draws the window when it is open.
    pub fn ui(&mut self, ctx: &egui::Context, project: &Project) {
        if !self.open {
            return;
        }
        // An article removed while the window was open falls back to the whole project.
        if self.scope.is_some_and(|id| project.article(id).is_none()) {
            self.scope = None;
        }
        let mut open = self.open;
        tool_window(TITLE)
            .open(&mut open)
            .default_size(theme::TOOL_WINDOW_SIZE)
            .vscroll(true)
            .show(ctx, |ui| self.contents_ui(ui, project));
        name_title_bar(ctx, TITLE);
        self.open = open;
    }

    fn contents_ui(&mut self, ui: &mut Ui, project: &Project) {
        let stats = Statistics::of(project, Calendar::Local);
        let scope_name = self
            .scope
            .and_then(|id| project.article(id))
            .map_or("Whole project", |a| a.title.as_str())
            .to_owned();
        ui.horizontal(|ui| {
            let label = ui.label("Count the claims of");
            egui::ComboBox::from_id_salt("statistics-scope")
                .selected_text(&scope_name)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.scope, None, "Whole project");
                    for article in &project.articles {
                        ui.selectable_value(&mut self.scope, Some(article.id), &article.title);
                    }
                })
                .response
                .labelled_by(label.id);
        });
        let tally = match self.scope {
            Some(id) => stats
                .per_article
                .iter()
                .find(|(a, _)| a.id == id)
                .map_or(&stats.whole, |(_, t)| t),
            None => &stats.whole,
        };
        ui.add_space(theme::NOTICE_GAP);
        tally_ui(ui, tally);
        let left_out = project
            .claims
            .iter()
            .filter(|c| self.scope.is_none_or(|id| c.article == id))
            .filter(|c| !crate::report::is_included(project, c))
            .count();
        if left_out > 0 {
            ui.label(
                RichText::new(format!(
                    "Reports leave out {left_out} of these: claims still unchecked and without a \
                     verdict (Project › Report settings…)."
                ))
                .weak(),
            );
        }

        if stats.per_article.len() > 1 {
            ui.add_space(theme::NOTICE_GAP);
            ui.heading("Per article");
            per_article_ui(ui, &stats);
        }

        ui.add_space(theme::NOTICE_GAP);
        ui.heading("Claims done per day");
        ui.label(
            RichText::new(
                "A done claim counts on the day it was marked done. A claim marked done before factdesk \
                 recorded that counts on the day its verdict was given, or, without one, on the day it \
                 last changed.",
            )
            .weak(),
        );
        done_per_day_ui(ui, &stats.done_per_day);
    }
}

/// Counts per verdict and per status, side by side; per status only on a scale without ratings
/// ("Explanation only"), where no claim has a verdict to count.
fn tally_ui(ui: &mut Ui, tally: &Tally<'_>) {
    ui.label(format!(
        "{} {}",
        tally.claims,
        if tally.claims == 1 { "claim" } else { "claims" }
    ));
    let statuses_ui = |ui: &mut Ui| {
        count_grid(ui, "By status", |ui| {
            for (status, count) in &tally.per_status {
                ui.label(status.label());
                ui.label(count.to_string());
                ui.end_row();
            }
        });
    };
    if tally.per_rating.is_empty() {
        statuses_ui(ui);
        return;
    }
    ui.columns(2, |columns| {
        let [verdicts, statuses] = columns else {
            return;
        };
        count_grid(verdicts, "By verdict", |ui| {
            for (rating, count) in &tally.per_rating {
                verdict_badge_ui(ui, Some(&rating.label), theme::verdict_color(Some(rating)));
                ui.label(count.to_string());
                ui.end_row();
            }
            verdict_badge_ui(ui, None, theme::UNRATED_COLOR);
            ui.label(tally.without_verdict.to_string());
            ui.end_row();
        });
        statuses_ui(statuses);
    });
}

/// A heading over a two-column grid of what is counted and how many.
fn count_grid(ui: &mut Ui, heading: &str, rows: impl FnOnce(&mut Ui)) {
    ui.strong(heading);
    egui::Grid::new(heading)
        .num_columns(2)
        .striped(true)
        .show(ui, rows);
}

/// One row per article: its claims, and how many are at each status.
fn per_article_ui(ui: &mut Ui, stats: &Statistics<'_>) {
    egui::Grid::new("statistics-articles")
        .striped(true)
        .show(ui, |ui| {
            ui.strong("Article");
            ui.strong("Claims");
            for status in Status::ALL {
                ui.strong(status.label());
            }
            ui.end_row();
            for (article, tally) in &stats.per_article {
                ui.label(&article.title);
                ui.label(tally.claims.to_string());
                for status in Status::ALL {
                    ui.label(tally.status(status).to_string());
                }
                ui.end_row();
            }
        });
}

/// The bar chart of claims done per day, with the same numbers as text below it.
fn done_per_day_ui(ui: &mut Ui, days: &[(NaiveDate, usize)]) {
    let (Some((first, _)), Some((last, _))) = (days.first(), days.last()) else {
        ui.label("No claim is done yet.");
        return;
    };
    let first = *first;
    let day_number = |day: NaiveDate| (day - first).num_days() as f64;
    let bars: Vec<egui_plot::Bar> = days
        .iter()
        .map(|&(day, count)| {
            egui_plot::Bar::new(day_number(day), count as f64)
                .name(day.format("%Y-%m-%d"))
                .width(0.8)
        })
        .collect();
    let chart = egui_plot::BarChart::new("Claims done", bars)
        .color(ui.visuals().selection.bg_fill)
        .element_formatter(Box::new(|bar, _| {
            format!("{}: {} done", bar.name, bar.value)
        }));
    // A week at least, so one bar does not fill the chart.
    let span = day_number(*last).max(6.0);
    egui_plot::Plot::new("statistics-done-per-day")
        .height(theme::CHART_HEIGHT)
        // A chart to read, not to explore: no dragging or zooming that could lose the bars.
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_crosshair(false)
        .sense(egui::Sense::hover())
        .include_x(-0.6)
        .include_x(span + 0.6)
        .include_y(0.0)
        .x_axis_formatter(move |mark, _| {
            let whole_day = mark.value.round();
            if (mark.value - whole_day).abs() > f64::EPSILON {
                return String::new();
            }
            first
                .checked_add_signed(chrono::TimeDelta::days(whole_day as i64))
                .map_or_else(String::new, |d| d.format("%b %-d").to_string())
        })
        .y_axis_formatter(|mark, _| {
            if mark.value.fract() == 0.0 {
                format!("{}", mark.value)
            } else {
                String::new()
            }
        })
        .show(ui, |plot| plot.bar_chart(chart))
        .response
        .widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Image, true, "Chart of claims done per day")
        });
    // The chart's numbers as text, for screen readers and for reading exact counts.
    let summary: Vec<String> = days
        .iter()
        .map(|(day, count)| format!("{}: {count}", day.format("%Y-%m-%d")))
        .collect();
    ui.label(RichText::new(summary.join(" · ")).small());
}
