//! Above the article: the switcher between a project's articles, the headline and source of an
//! article read from a page or document, and what an empty project shows instead.

use egui::Ui;

use super::command::{Action, AppCommand};
use super::theme;
use crate::model::{Article, ArticleId, Project};

/// The article switcher of a project with more than one article.
pub fn article_switcher_ui(
    ui: &mut Ui,
    project: &Project,
    current: Option<ArticleId>,
    commands: &mut Vec<AppCommand>,
) {
    ui.horizontal(|ui| {
        let label = ui.label("Article");
        let current_title = current
            .and_then(|id| project.article(id))
            .map_or("", |a| a.title.as_str());
        egui::ComboBox::from_id_salt("article-switcher")
            .selected_text(super::claim_list::shorten(current_title, 60))
            .width(360.0)
            .show_ui(ui, |ui| {
                for article in &project.articles {
                    if ui
                        .selectable_label(Some(article.id) == current, &article.title)
                        .clicked()
                    {
                        commands.push(AppCommand::SwitchArticle(article.id));
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
    ui.separator();
}

/// The headline and source of an article read from a web page or document, above its text.
pub fn article_header_ui(ui: &mut Ui, article: &Article) {
    let meta = &article.meta;
    let published = meta.published.map(|d| d.format("%-d %B %Y").to_string());
    let facts: Vec<&str> = [meta.byline.as_str(), meta.site_name.as_str()]
        .into_iter()
        .chain(published.as_deref())
        .filter(|f| !f.trim().is_empty())
        .collect();
    if facts.is_empty() && meta.canonical_url.is_empty() {
        return;
    }
    // Line the header up with the article text below it.
    let (left, width) = theme::reading_column(ui.ctx(), ui.available_width());
    ui.add_space(10.0);
    ui.horizontal(|ui| {
        ui.add_space(left);
        ui.vertical(|ui| {
            ui.set_max_width(width);
            ui.add(egui::Label::new(egui::RichText::new(&article.title).heading().strong()).wrap());
            if !facts.is_empty() {
                ui.label(egui::RichText::new(facts.join(" · ")).weak());
            }
            if !meta.canonical_url.is_empty() {
                ui.add(
                    egui::Label::new(egui::RichText::new(&meta.canonical_url).small().weak())
                        .truncate(),
                )
                .on_hover_text(&meta.canonical_url);
            }
        });
    });
    ui.separator();
}

/// What a project without articles shows in place of the article.
pub fn empty_project_ui(ui: &mut Ui, commands: &mut Vec<AppCommand>) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() / 3.0);
        ui.heading("No article in this project");
        ui.add_space(8.0);
        ui.label("Open an article file, or drop one onto this window.");
        ui.add_space(12.0);
        if ui.button(Action::Open.label()).clicked() {
            commands.push(AppCommand::Action(Action::Open));
        }
        if ui.button(Action::AddArticle.label()).clicked() {
            commands.push(AppCommand::Action(Action::AddArticle));
        }
    });
}
