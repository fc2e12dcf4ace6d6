//! Which action a key press asks for, read from the action table ([`Action::spec`]), and the
//! shortcut sheet made from the same table.
//!
//! egui matches a shortcut's modifiers "logically": extra Shift and Alt are ignored, so the pattern
//! Ctrl+Z also matches Ctrl+Shift+Z and Down also matches Alt+Down. Shortcuts are therefore tried
//! most specific first ([`shortcut_order`]), which makes every shortcut of the table reach its own
//! action however the table is ordered.

use egui::{Event, Key, KeyboardShortcut, ModifierNames, Modifiers};

use super::command::{Action, KeyScope};

/// What had the keyboard when a key was pressed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum KeyboardFocus {
    /// Nothing: bare keys are the app's.
    #[default]
    Nothing,
    /// A button, checkbox or other widget that acts on Enter, Space and arrows itself.
    Widget,
    /// A text field: every key without Ctrl is typing.
    TextField,
}

impl KeyboardFocus {
    /// What has the keyboard in `ctx` now. Read it at the end of a frame: egui drops the focus on
    /// Escape when the next frame starts, before the app sees the key, and the key press belongs to
    /// the field the user saw focused.
    pub fn of(ctx: &egui::Context) -> Self {
        if ctx.text_edit_focused() {
            KeyboardFocus::TextField
        } else if ctx.memory(|m| m.focused().is_some()) {
            KeyboardFocus::Widget
        } else {
            KeyboardFocus::Nothing
        }
    }
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
        (KeyScope::OutsideText, KeyboardFocus::TextField) => false,
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
                Some(action) => {
                    pressed.push(action);
                    false
                }
                None => true,
            }
        });
    });
    pressed
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
/// shortcut sheet's rows.
pub fn shortcut_sheet(format: &impl Fn(&KeyboardShortcut) -> String) -> Vec<(String, String)> {
    Action::all()
        .into_iter()
        .filter_map(|action| shortcut_text(action, format).map(|keys| (action.name(), keys)))
        .collect()
}

/// The shortcut sheet as the Markdown table the README carries, header included, with Ctrl for the
/// command key.
pub fn shortcut_table_markdown() -> String {
    let mut table = String::from("| Keys | Action |\n| --- | --- |\n");
    let format = |s: &KeyboardShortcut| s.format(&ModifierNames::NAMES, false);
    for (name, keys) in shortcut_sheet(&format) {
        table.push_str(&format!("| {keys} | {name} |\n"));
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

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
                shortcut.format(&ModifierNames::NAMES, false)
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
            if shortcut.conflicts_with_text_editing() && shortcut.logical_key != Key::F1 {
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
