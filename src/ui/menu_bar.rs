//! The menu bar, drawn from the action table: every action with a [`MenuPlace`] appears in its
//! menu, group and submenu with its label and shortcut. Only what is not an action (the list of
//! articles, the theme switch) is drawn here by hand.

use egui::Ui;

use super::command::{Action, ActionState, AppCommand, Menu, MenuPlace, Submenu};
use super::shortcuts::shortcut_label_in;

/// What the menus need to know about the app's state.
pub type MenuState<'a> = ActionState<'a>;

/// Draws the menu bar.
pub fn menu_bar_ui(ui: &mut Ui, state: &MenuState<'_>, commands: &mut Vec<AppCommand>) {
    let all = Action::all();
    egui::MenuBar::new().ui(ui, |ui| {
        for menu in Menu::ALL {
            let mut rows: Vec<(Action, MenuPlace)> = all
                .iter()
                .filter_map(|&action| {
                    let place = action.spec().menu.filter(|p| p.menu == menu)?;
                    Some((action, place))
                })
                .collect();
            rows.sort_by_key(|(_, place)| place.group);
            ui.menu_button(menu.label(), |ui| {
                menu_ui(ui, menu, &rows, state, commands);
            });
        }
    });
}

/// One menu: its rows group by group with a separator between, then what is drawn by hand.
fn menu_ui(
    ui: &mut Ui,
    menu: Menu,
    rows: &[(Action, MenuPlace)],
    state: &MenuState<'_>,
    commands: &mut Vec<AppCommand>,
) {
    let rows: Vec<(Action, MenuPlace)> = rows
        .iter()
        .copied()
        // A submenu stays, greyed out, when none of its entries are shown (no recent files yet).
        .filter(|(action, place)| place.submenu.is_some() || state.shown(*action))
        .collect();
    for (i, group) in rows.chunk_by(|a, b| a.1.group == b.1.group).enumerate() {
        if i > 0 {
            ui.separator();
        }
        for run in group.chunk_by(|a, b| a.1.submenu == b.1.submenu) {
            let Some(&(_, place)) = run.first() else {
                continue;
            };
            match place.submenu {
                None => {
                    for &(action, _) in run {
                        action_button(ui, action, state, commands);
                    }
                }
                Some(submenu) => submenu_ui(ui, submenu, run, state, commands),
            }
        }
    }
    match menu {
        Menu::Project => articles_ui(ui, state, commands),
        Menu::View => theme_choice_ui(ui),
        Menu::File | Menu::Edit | Menu::Claim | Menu::Help => {}
    }
}

fn submenu_ui(
    ui: &mut Ui,
    submenu: Submenu,
    run: &[(Action, MenuPlace)],
    state: &MenuState<'_>,
    commands: &mut Vec<AppCommand>,
) {
    let any_shown = run.iter().any(|(action, _)| state.shown(*action));
    if !any_shown && submenu != Submenu::OpenRecent {
        // Nothing to offer (no ratings on an Explanation-only scale): no entry at all. An empty
        // recent list stays, greyed, so the user learns where recent files will be.
        return;
    }
    let enabled = run
        .iter()
        .any(|(action, _)| state.shown(*action) && state.enabled(*action));
    ui.add_enabled_ui(enabled, |ui| {
        ui.menu_button(submenu.label(), |ui| {
            for &(action, _) in run.iter().filter(|(action, _)| state.shown(*action)) {
                action_button(ui, action, state, commands);
            }
        });
    })
    .response
    .on_disabled_hover_text(submenu.disabled_hint());
}

/// Light, dark or the system's theme, by name; the settings keep the choice (see `preferences`).
fn theme_choice_ui(ui: &mut Ui) {
    ui.separator();
    ui.label("Theme");
    let current = ui.ctx().options(|o| o.theme_preference);
    for (preference, label) in [
        (egui::ThemePreference::Light, "Light"),
        (egui::ThemePreference::Dark, "Dark"),
        (egui::ThemePreference::System, "Follow the system"),
    ] {
        if ui.radio(current == preference, label).clicked() {
            ui.ctx().set_theme(preference);
            ui.close();
        }
    }
}

/// The project's articles, to switch between them.
fn articles_ui(ui: &mut Ui, state: &MenuState<'_>, commands: &mut Vec<AppCommand>) {
    if state.project.articles.len() < 2 {
        return;
    }
    ui.separator();
    ui.label("Show article");
    for article in &state.project.articles {
        let current = Some(article.id) == state.current_article;
        if ui.radio(current, &article.title).clicked() && !current {
            commands.push(AppCommand::SwitchArticle(article.id));
            ui.close();
        }
    }
}

fn action_button(
    ui: &mut Ui,
    action: Action,
    state: &MenuState<'_>,
    commands: &mut Vec<AppCommand>,
) {
    let mut button = egui::Button::new(state.label(action));
    if let Some(shortcut) = action.shortcut() {
        button = button.shortcut_text(shortcut_label_in(ui.ctx(), &shortcut));
    }
    let mut response = ui.add_enabled(state.enabled(action), button);
    if let Some(text) = state.hover_text(action) {
        response = response.on_hover_text(text);
    }
    if response.clicked() {
        commands.push(AppCommand::Action(action));
        ui.close();
    }
}
