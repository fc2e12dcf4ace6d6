//! Which action a key press asks for, read from the action table ([`Action::spec`]), and the
//! shortcut sheet made from the same table.
//!
//! egui matches a shortcut's modifiers "logically": extra Shift and Alt are ignored, so the pattern
//! Ctrl+Z also matches Ctrl+Shift+Z and Down also matches Alt+Down. Shortcuts are therefore tried
//! most specific first ([`shortcut_order`]), which makes every shortcut of the table reach its own
//! action however the table is ordered.

use egui::{Event, Key, KeyboardShortcut, ModifierNames, Modifiers};

use super::command::{Action, KeyScope, Menu};

/// What had the keyboard when a key was pressed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum KeyboardFocus {
    /// Nothing: bare keys are the app's.
    #[default]
    Nothing,
    /// A button, checkbox or other widget that acts on Enter, Space and arrows itself.
    Widget,
    /// A text field of the project (the claim editor's): every key without Ctrl is typing; Ctrl+Z
    /// undoes the project's edits, typing included.
    TextField,
    /// A text field whose text is not part of the project (a search query): every key without Ctrl
    /// is typing, and undo and redo are the field's own, so Ctrl+Z never undoes a claim behind it.
    LocalTextField,
}

impl KeyboardFocus {
    /// What has the keyboard in `ctx` now. Read it at the end of a frame: egui drops the focus on
    /// Escape when the next frame starts, before the app sees the key, and the key press belongs to
    /// the field the user saw focused.
    pub fn of(ctx: &egui::Context) -> Self {
        if ctx.text_edit_focused() {
            let focused = ctx.memory(|m| m.focused());
            let local = ctx.data(|d| d.get_temp::<egui::Id>(local_field_key()));
            if focused.is_some() && focused == local {
                KeyboardFocus::LocalTextField
            } else {
                KeyboardFocus::TextField
            }
        } else if ctx.memory(|m| m.focused().is_some()) {
            KeyboardFocus::Widget
        } else {
            KeyboardFocus::Nothing
        }
    }
}

/// Marks `field` as a text field whose text is not part of the project (see
/// [`KeyboardFocus::LocalTextField`]); call it every frame the field is drawn.
pub fn keep_undo_in_field(ctx: &egui::Context, field: &egui::Response) {
    if field.has_focus() {
        ctx.data_mut(|d| d.insert_temp(local_field_key(), field.id));
    }
}

fn local_field_key() -> egui::Id {
    egui::Id::unique("factdesk-local-text-field")
}

/// Every action that has a shortcut, those whose shortcuts need more Shift and Alt first, so that a
/// shortcut is never taken by a less specific one egui would also match.
pub fn shortcut_order() -> Vec<Action> {
    let specificity =
        |s: &KeyboardShortcut| u8::from(s.modifiers.shift) + u8::from(s.modifiers.alt);
    let mut keyed: Vec<(u8, Action)> = Action::all()
        .into_iter()
        .filter_map(|action| {
            action
                .shortcuts()
                .map(|s| specificity(&s))
                .max()
                .map(|most| (most, action))
        })
        .collect();
    keyed.sort_by_key(|(most, _)| std::cmp::Reverse(*most));
    keyed.into_iter().map(|(_, action)| action).collect()
}

/// The action a press of `key` with `modifiers` runs while `focus` has the keyboard, if any.
pub fn action_for(modifiers: Modifiers, key: Key, focus: KeyboardFocus) -> Option<Action> {
    action_in(&shortcut_order(), modifiers, key, focus)
}

fn action_in(
    order: &[Action],
    modifiers: Modifiers,
    key: Key,
    focus: KeyboardFocus,
) -> Option<Action> {
    order.iter().copied().find(|action| {
        if focus == KeyboardFocus::LocalTextField && matches!(action, Action::Undo | Action::Redo) {
            return false;
        }
        let scope = action.spec().scope;
        action.shortcuts().any(|s| {
            s.logical_key == key
                && modifiers.matches_logically(s.modifiers)
                && active(scope, key, focus)
        })
    })
}

/// Whether a shortcut of `scope` on `key` is active while `focus` has the keyboard.
fn active(scope: KeyScope, key: Key, focus: KeyboardFocus) -> bool {
    match (scope, focus) {
        (KeyScope::Anywhere, _) | (KeyScope::OutsideText, KeyboardFocus::Nothing) => true,
        (KeyScope::OutsideText, KeyboardFocus::TextField | KeyboardFocus::LocalTextField) => false,
        (KeyScope::OutsideText, KeyboardFocus::Widget) => !widgets_use(key),
    }
}

/// Keys a focused widget acts on itself: pressing Enter on a focused button clicks it, arrows move
/// the focus on.
fn widgets_use(key: Key) -> bool {
    matches!(
        key,
        Key::Enter
            | Key::Space
            | Key::Tab
            | Key::Escape
            | Key::ArrowUp
            | Key::ArrowDown
            | Key::ArrowLeft
            | Key::ArrowRight
    )
}

/// Takes this frame's key presses that are shortcuts out of `ctx`'s input, so no widget acts on them
/// too, and returns their actions in the order pressed. `focus` is what had the keyboard in the frame
/// the user saw ([`KeyboardFocus::of`] at its end).
pub fn take_pressed(ctx: &egui::Context, focus: KeyboardFocus) -> Vec<Action> {
    take_pressed_where(ctx, focus, |_| true)
}

/// As [`take_pressed`], for the actions `wanted` accepts only (a window over the main one that lets
/// a few shortcuts through); other key presses stay for the widgets.
pub fn take_pressed_where(
    ctx: &egui::Context,
    focus: KeyboardFocus,
    wanted: impl Fn(Action) -> bool,
) -> Vec<Action> {
    let any_key = ctx.input(|i| {
        i.events
            .iter()
            .any(|e| matches!(e, Event::Key { pressed: true, .. }))
    });
    if !any_key {
        return Vec::new();
    }
    // Matched against every shortcut, so a left-out Ctrl+Shift+Z never reaches a wanted Ctrl+Z.
    let order = shortcut_order();
    let mut pressed = Vec::new();
    ctx.input_mut(|input| {
        input.events.retain(|event| {
            let Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } = event
            else {
                return true;
            };
            match action_in(&order, *modifiers, *key, focus) {
                Some(action) if wanted(action) => {
                    pressed.push(action);
                    false
                }
                _ => true,
            }
        });
    });
    pressed
}

/// `shortcut` as menus, the shortcut sheet and the README write it: modifier names, then the key by
/// the character printed on it where it has one ("Ctrl+=", "Ctrl+,", but "Alt+Down" and "F3").
pub fn shortcut_label(shortcut: &KeyboardShortcut, is_mac: bool) -> String {
    let names = if is_mac {
        ModifierNames::SYMBOLS
    } else {
        ModifierNames::NAMES
    };
    let modifiers = names.format(&shortcut.modifiers, is_mac);
    let key = key_label(shortcut.logical_key);
    if modifiers.is_empty() {
        key.to_owned()
    } else {
        format!("{modifiers}{}{key}", names.concat)
    }
}

/// The shortcut label for this window's platform.
pub fn shortcut_label_in(ctx: &egui::Context, shortcut: &KeyboardShortcut) -> String {
    shortcut_label(shortcut, ctx.os() == egui::os::OperatingSystem::Mac)
}

/// A key by its printed character where it has one; arrows keep their names, which every font has.
fn key_label(key: Key) -> &'static str {
    match key {
        Key::Minus => "-",
        Key::ArrowDown | Key::ArrowLeft | Key::ArrowRight | Key::ArrowUp => key.name(),
        _ => key.symbol_or_name(),
    }
}

/// `action`'s shortcuts written by `format` and joined ("Ctrl+Shift+Z or Ctrl+Y"); `None` when it
/// has none.
pub fn shortcut_text(
    action: Action,
    format: &impl Fn(&KeyboardShortcut) -> String,
) -> Option<String> {
    let keys: Vec<String> = action.shortcuts().map(|s| format(&s)).collect();
    (!keys.is_empty()).then(|| keys.join(" or "))
}

/// Every action with a shortcut, by name, and its keys written by `format`, in menu order: the
/// shortcut sheet's rows. A family of actions (the number keys) is one row.
pub fn shortcut_sheet(format: &impl Fn(&KeyboardShortcut) -> String) -> Vec<(String, String)> {
    sheet_rows(Action::all(), format)
}

/// The sheet's rows of `actions`, consecutive members of a family joined into one.
fn sheet_rows(
    actions: impl IntoIterator<Item = Action>,
    format: &impl Fn(&KeyboardShortcut) -> String,
) -> Vec<(String, String)> {
    let mut rows: Vec<(Option<&'static str>, String, String)> = Vec::new();
    for action in actions {
        let Some(keys) = shortcut_text(action, format) else {
            continue;
        };
        let family = action.spec().family;
        match rows.last_mut() {
            Some((last, _, joined)) if family.is_some() && *last == family => {
                joined.push_str(", ");
                joined.push_str(&keys);
            }
            _ => rows.push((
                family,
                family.map_or_else(|| action.name(), str::to_owned),
                keys,
            )),
        }
    }
    rows.into_iter()
        .map(|(_, name, keys)| (name, keys))
        .collect()
}

/// The shortcut sheet in sections, as the F1 sheet shows it: each menu's actions under the menu's
/// name, in the menus' order, then those no menu holds (the article's cursor) under "Article".
pub fn shortcut_sections(
    format: &impl Fn(&KeyboardShortcut) -> String,
) -> Vec<(&'static str, Vec<(String, String)>)> {
    let menus = Menu::ALL.map(Some).into_iter().chain([None]);
    menus
        .filter_map(|menu| {
            let actions = Action::all()
                .into_iter()
                .filter(|a| a.spec().menu.map(|p| p.menu) == menu);
            let rows = sheet_rows(actions, format);
            let heading = menu.map_or("Article", Menu::label);
            (!rows.is_empty()).then_some((heading, rows))
        })
        .collect()
}

/// The shortcut sheet as the Markdown table the README carries, header included, with Ctrl for the
/// command key.
pub fn shortcut_table_markdown() -> String {
    let mut table = String::from("| Keys | Action |\n| --- | --- |\n");
    let format = |s: &KeyboardShortcut| shortcut_label(s, false);
    for (name, keys) in shortcut_sheet(&format) {
        table.push_str(&format!("| {keys} | {name} |\n"));
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_written_as_printed_on_the_keyboard() {
        let ctrl = |key| KeyboardShortcut::new(Modifiers::COMMAND, key);
        assert_eq!(shortcut_label(&ctrl(Key::Equals), false), "Ctrl+=");
        assert_eq!(shortcut_label(&ctrl(Key::Minus), false), "Ctrl+-");
        assert_eq!(shortcut_label(&ctrl(Key::Comma), false), "Ctrl+,");
        assert_eq!(
            shortcut_label(
                &KeyboardShortcut::new(Modifiers::ALT, Key::ArrowDown),
                false
            ),
            "Alt+Down"
        );
        assert_eq!(
            shortcut_label(&KeyboardShortcut::new(Modifiers::NONE, Key::F3), false),
            "F3"
        );
    }

    /// Every shortcut of the table, with its action.
    fn all_shortcuts() -> Vec<(KeyboardShortcut, Action)> {
        Action::all()
            .into_iter()
            .flat_map(|a| a.shortcuts().map(move |s| (s, a)))
            .collect()
    }

    #[test]
    fn no_two_actions_share_a_shortcut() {
        let shortcuts = all_shortcuts();
        for (i, (shortcut, action)) in shortcuts.iter().enumerate() {
            for (other_shortcut, other) in shortcuts.iter().skip(i + 1) {
                assert!(
                    shortcut != other_shortcut,
                    "{action:?} and {other:?} share {shortcut:?}"
                );
            }
        }
    }

    #[test]
    fn every_shortcut_reaches_its_own_action_though_egui_ignores_extra_shift_and_alt() {
        for (shortcut, action) in all_shortcuts() {
            assert_eq!(
                action_for(
                    shortcut.modifiers,
                    shortcut.logical_key,
                    KeyboardFocus::Nothing
                ),
                Some(action),
                "{} ran another action",
                shortcut_label(&shortcut, false)
            );
        }
        // The case egui's own docs warn of: Ctrl+Shift+Z must be redo, not undo.
        let shift_ctrl = Modifiers::COMMAND | Modifiers::SHIFT;
        assert_eq!(
            action_for(shift_ctrl, Key::Z, KeyboardFocus::TextField),
            Some(Action::Redo)
        );
    }

    #[test]
    fn bare_keys_are_inactive_while_a_text_field_has_the_keyboard() {
        for (shortcut, action) in all_shortcuts() {
            let in_field = action_for(
                shortcut.modifiers,
                shortcut.logical_key,
                KeyboardFocus::TextField,
            );
            if action.spec().scope == KeyScope::OutsideText {
                assert_eq!(in_field, None, "{action:?} fired while typing");
            } else {
                assert_eq!(in_field, Some(action));
            }
        }
    }

    #[test]
    fn every_shortcut_that_types_or_edits_text_waits_until_no_field_has_the_keyboard() {
        for (shortcut, action) in all_shortcuts() {
            // Function keys (F1 help, F3 find next) type nothing, so they may work in fields.
            let function_key = shortcut
                .logical_key
                .name()
                .strip_prefix('F')
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
            if shortcut.conflicts_with_text_editing() && !function_key {
                assert_eq!(
                    action.spec().scope,
                    KeyScope::OutsideText,
                    "{action:?} would take {shortcut:?} from a text field"
                );
            }
        }
    }

    #[test]
    fn a_focused_button_keeps_enter_and_arrows_but_not_delete() {
        let focus = KeyboardFocus::Widget;
        assert_eq!(action_for(Modifiers::NONE, Key::Enter, focus), None);
        assert_eq!(action_for(Modifiers::NONE, Key::ArrowDown, focus), None);
        assert_eq!(
            action_for(Modifiers::NONE, Key::Delete, focus),
            Some(Action::DeleteClaim)
        );
    }

    /// What one frame over `events` takes with [`take_pressed_where`], and how many events it left.
    fn take_in_frame(
        events: Vec<Event>,
        focus: KeyboardFocus,
        wanted: impl Fn(Action) -> bool,
    ) -> (Vec<Action>, usize) {
        let ctx = egui::Context::default();
        let mut taken = Vec::new();
        let mut left = 0;
        let input = egui::RawInput {
            events,
            ..Default::default()
        };
        let mut output = ctx.run_ui(input, |ui| {
            taken = take_pressed_where(ui.ctx(), focus, &wanted);
            left = ui.input(|i| i.events.len());
        });
        // No painter takes the font atlas here.
        output.textures_delta.clear();
        (taken, left)
    }

    fn key(modifiers: Modifiers, key: Key) -> Event {
        Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers,
        }
    }

    #[test]
    fn shortcuts_are_taken_from_the_input_in_the_order_pressed_and_typing_is_left() {
        let events = vec![
            key(Modifiers::NONE, Key::J),
            Event::Text("j".into()),
            key(Modifiers::COMMAND, Key::S),
        ];
        let (taken, left) = take_in_frame(events, KeyboardFocus::Nothing, |_| true);
        assert_eq!(taken, [Action::CursorNextSentence, Action::Save]);
        assert_eq!(left, 1, "the typed text stays for whoever wants it");
    }

    #[test]
    fn a_left_out_action_keeps_its_key_from_a_wanted_one_egui_would_also_match() {
        let redo = key(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
        let (taken, left) =
            take_in_frame(vec![redo], KeyboardFocus::Nothing, |a| a == Action::Undo);
        assert!(taken.is_empty(), "Ctrl+Shift+Z ran {taken:?}");
        assert_eq!(left, 1);
    }

    #[test]
    fn the_sheet_lists_the_number_keys_as_one_row_and_every_other_shortcut_on_its_own() {
        let format = |s: &KeyboardShortcut| shortcut_label(s, false);
        let sheet = shortcut_sheet(&format);
        let verdicts: Vec<&(String, String)> = sheet
            .iter()
            .filter(|(n, _)| n.starts_with("Verdict"))
            .collect();
        assert_eq!(verdicts.len(), 1, "{verdicts:?}");
        assert_eq!(verdicts[0].1, "1, 2, 3, 4, 5, 6, 7, 8, 9, 0");
        let keyed = Action::all()
            .into_iter()
            .filter(|a| a.shortcut().is_some() && a.spec().family.is_none())
            .count();
        assert_eq!(sheet.len(), keyed + 1);
    }

    #[test]
    fn ids_are_unique_and_find_their_action_again() {
        let all = Action::all();
        for action in &all {
            assert_eq!(Action::from_id(&action.id()), Some(*action));
        }
        let mut ids: Vec<String> = all.iter().map(|a| a.id()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), all.len());
    }
}
