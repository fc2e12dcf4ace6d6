//! What the user can ask for. Panels push commands; the app runs them once per frame after drawing.
//!
//! [`Action`] is the one list of named actions: menus, buttons and keyboard shortcuts all read their
//! label and shortcut from it, so they cannot disagree.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::model::{ArticleId, ClaimId, Edit, Project, Status};
use crate::report::ReportFormat;

/// A named user action. Its row in the action table ([`Action::spec`]) gives it a stable id, a label,
/// its shortcuts and its place in the menus; menus, shortcut handling, the shortcut sheet and the
/// command palette all read that row, so they cannot disagree.
///
/// Adding an action is a variant, its row in [`Action::spec`], its entry in [`Action::all`] and the
/// code that runs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// Start an empty project.
    NewProject,
    /// Open an article or project through the file dialog.
    Open,
    /// Save to the project's file, or ask where.
    Save,
    /// Save under a new name.
    SaveAs,
    /// Export a report through the file dialog.
    ExportReport(ReportFormat),
    /// Export the CSV table with the byte-order mark Excel needs.
    ExportCsvForExcel,
    /// Add another article to the project.
    AddArticle,
    /// Download a web page and open it.
    OpenUrl,
    /// Read the shown article's file again with this encoding (a WHATWG label).
    ReopenWithEncoding(&'static str),
    /// Add the text on the clipboard as an article.
    NewArticleFromClipboard,
    /// Add the claims of a ClaimReview file.
    ImportClaimReview,
    /// List unsaved work left by windows that did not close properly, to restore or delete it.
    RecoverWork,
    /// Remove the shown article and its claims.
    RemoveArticle,
    /// Give the project another name.
    RenameProject,
    /// Edit how reports are headed and what they include.
    ReportSettings,
    /// Edit the project's rating scale.
    RatingScale,
    /// Close the window.
    Quit,
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Turn the selected text into a claim.
    CreateClaimFromSelection,
    /// Delete the selected claim.
    DeleteClaim,
    /// Clear the claim and text selection.
    ClearSelection,
    /// Open the find bar over the article.
    Find,
    /// Go to the next match of the find bar.
    FindNext,
    /// Go to the previous match of the find bar.
    FindPrevious,
    /// Search every article of the project.
    FindInAllArticles,
    /// Turn the current match of the find bar into a claim.
    ClaimFromFindMatch,
    /// Select the next claim in the list.
    NextClaim,
    /// Select the previous claim in the list.
    PreviousClaim,
    /// Show the keyboard shortcuts.
    ShowShortcuts,
    /// Open the recently opened file at this place of the list (0 is the newest).
    OpenRecent(usize),
    /// Give the selected claim the rating at this place of the scale (1 is the first), or clear its
    /// verdict (0): the number keys.
    SetVerdict(u8),
    /// Set the selected claim's status.
    SetStatus(Status),
    /// Select the next claim in the list that is still unchecked, after the selected one.
    NextUncheckedClaim,
    /// Add an empty source to the selected claim and put the keyboard in its URL field.
    AddSource,
    /// Put the keyboard in the selected claim's explanation.
    FocusExplanation,
    /// Show or hide a panel.
    TogglePanel(Panel),
    /// Move the article's keyboard cursor to the next sentence.
    CursorNextSentence,
    /// Move the article's keyboard cursor to the previous sentence.
    CursorPreviousSentence,
    /// Grow the selection from the cursor by a sentence forwards.
    ExtendNextSentence,
    /// Grow the selection from the cursor by a sentence backwards.
    ExtendPreviousSentence,
    /// Grow the selection from the cursor by a word forwards.
    ExtendNextWord,
    /// Grow the selection from the cursor by a word backwards.
    ExtendPreviousWord,
    /// Edit the settings: theme, text size, reading width, new projects' defaults.
    Settings,
    /// Make all text one step larger.
    ZoomIn,
    /// Make all text one step smaller.
    ZoomOut,
    /// Give text its normal size.
    ZoomReset,
}

/// A top-level menu of the menu bar, in the order the bar shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Menu {
    /// Files: new, open, save, import, export, quit.
    File,
    /// Undo, redo and selection.
    Edit,
    /// The selected claim and moving between claims.
    Claim,
    /// The project: name, report settings, articles.
    Project,
    /// What the window shows.
    View,
    /// Help.
    Help,
}

impl Menu {
    /// Every menu, left to right.
    pub const ALL: [Menu; 6] = [
        Menu::File,
        Menu::Edit,
        Menu::Claim,
        Menu::Project,
        Menu::View,
        Menu::Help,
    ];

    /// What the menu bar says.
    pub fn label(self) -> &'static str {
        match self {
            Menu::File => "File",
            Menu::Edit => "Edit",
            Menu::Claim => "Claim",
            Menu::Project => "Project",
            Menu::View => "View",
            Menu::Help => "Help",
        }
    }
}

/// A submenu holding a family of actions (one per format, encoding, …).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Submenu {
    /// Report formats.
    Export,
    /// Files of other tools to read claims from.
    Import,
    /// Encodings to read the article's file again with.
    ReopenWithEncoding,
    /// Recently opened files.
    OpenRecent,
    /// The ratings of the project's scale.
    Verdict,
    /// The workflow statuses.
    Status,
}

impl Submenu {
    /// What the parent menu says.
    pub fn label(self) -> &'static str {
        match self {
            Submenu::Export => "Export report",
            Submenu::Import => "Import",
            Submenu::ReopenWithEncoding => "Reopen with encoding",
            Submenu::OpenRecent => "Open recent",
            Submenu::Verdict => "Verdict",
            Submenu::Status => "Status",
        }
    }

    /// Why the whole submenu is greyed out, when none of its actions can run.
    pub fn disabled_hint(self) -> &'static str {
        match self {
            Submenu::ReopenWithEncoding => {
                "Only an article read from a text or Markdown file can be read again with another encoding"
            }
            Submenu::OpenRecent => "No recent files",
            Submenu::Verdict | Submenu::Status => "Select a claim first",
            Submenu::Export | Submenu::Import => "Not available now",
        }
    }
}

/// Where an action appears in the menus: the menu, a group within it (groups are drawn in ascending
/// order with a separator between them; within a group, actions keep the order of [`Action::all`]),
/// and perhaps a submenu.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MenuPlace {
    /// The top-level menu.
    pub menu: Menu,
    /// The group within the menu.
    pub group: u8,
    /// The submenu the action sits in, if any.
    pub submenu: Option<Submenu>,
}

/// When an action's shortcuts are active.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyScope {
    /// Always, even while typing in a field (Ctrl+S, F1).
    Anywhere,
    /// Only when no text field has the keyboard: bare keys (Enter, Delete, J, 1) would otherwise
    /// steal what the user types. Keys a focused button or checkbox acts on itself (Enter, Space,
    /// arrows) also wait until no widget has the keyboard focus.
    OutsideText,
}

/// One row of the action table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ActionSpec {
    /// Stable id, e.g. `file.save`; a parameterised action adds its parameter ([`Action::id`]).
    pub id: &'static str,
    /// What the action's menu entry says; within a submenu, the part after the submenu's label.
    pub label: &'static str,
    /// The main keyboard shortcut.
    pub shortcut: Option<KeyboardShortcut>,
    /// A second shortcut some users expect (Ctrl+Y for redo).
    pub alternative: Option<KeyboardShortcut>,
    /// When the shortcuts are active.
    pub scope: KeyScope,
    /// Where the menus show it; `None` for actions reached by keys or the palette only.
    pub menu: Option<MenuPlace>,
    /// What the shortcut sheet calls a family of actions it lists as one row (the number keys).
    pub family: Option<&'static str>,
}

impl ActionSpec {
    /// A row with an id and a label, no shortcut and no menu place yet.
    const fn row(id: &'static str, label: &'static str) -> Self {
        Self {
            id,
            label,
            shortcut: None,
            alternative: None,
            scope: KeyScope::Anywhere,
            menu: None,
            family: None,
        }
    }

    /// With this main shortcut.
    const fn keys(mut self, shortcut: KeyboardShortcut) -> Self {
        self.shortcut = Some(shortcut);
        self
    }

    /// With this second shortcut.
    const fn or_keys(mut self, shortcut: KeyboardShortcut) -> Self {
        self.alternative = Some(shortcut);
        self
    }

    /// Listed with the other actions of `family` as one row of the shortcut sheet.
    const fn family(mut self, family: &'static str) -> Self {
        self.family = Some(family);
        self
    }

    /// Shortcuts active only when no text field has the keyboard.
    const fn outside_text(mut self) -> Self {
        self.scope = KeyScope::OutsideText;
        self
    }

    /// In `menu`, in `group`.
    const fn menu(mut self, menu: Menu, group: u8) -> Self {
        self.menu = Some(MenuPlace {
            menu,
            group,
            submenu: None,
        });
        self
    }

    /// In `submenu` of `menu`, which sits in `group`.
    const fn submenu(mut self, menu: Menu, group: u8, submenu: Submenu) -> Self {
        self.menu = Some(MenuPlace {
            menu,
            group,
            submenu: Some(submenu),
        });
        self
    }
}

/// Ctrl (Cmd on macOS) and `key`.
const fn ctrl(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

/// Ctrl (Cmd on macOS), Shift and `key`.
const fn ctrl_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(
        Modifiers {
            shift: true,
            ..Modifiers::COMMAND
        },
        key,
    )
}

/// `key` alone.
const fn bare(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}

/// Shift and `key`.
const fn shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::SHIFT, key)
}

/// Alt (Option on macOS) and `key`.
const fn alt(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::ALT, key)
}

/// Alt (Option on macOS), Shift and `key`.
const fn alt_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(
        Modifiers {
            shift: true,
            ..Modifiers::ALT
        },
        key,
    )
}

/// The number keys, 0 to 9.
const DIGITS: [Key; 10] = [
    Key::Num0,
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
    Key::Num8,
    Key::Num9,
];

/// What the verdict menu calls the number keys before the scale names them.
const VERDICT_LABELS: [&str; 10] = [
    "No verdict",
    "Rating 1",
    "Rating 2",
    "Rating 3",
    "Rating 4",
    "Rating 5",
    "Rating 6",
    "Rating 7",
    "Rating 8",
    "Rating 9",
];

/// How many recently opened files are remembered, each an entry of File › Open recent.
pub const MAX_RECENT: usize = 10;

/// What the recent-files menu calls its entries before it knows the files.
const RECENT_LABELS: [&str; MAX_RECENT] = [
    "Recent file 1",
    "Recent file 2",
    "Recent file 3",
    "Recent file 4",
    "Recent file 5",
    "Recent file 6",
    "Recent file 7",
    "Recent file 8",
    "Recent file 9",
    "Recent file 10",
];

impl Action {
    /// This action's row of the table.
    pub fn spec(self) -> ActionSpec {
        use ActionSpec as A;
        use Menu::{Claim, Edit, File, Help, Project, View};
        match self {
            Action::NewProject => A::row("file.new", "New project")
                .keys(ctrl(Key::N))
                .menu(File, 0),
            Action::Open => A::row("file.open", "Open…")
                .keys(ctrl(Key::O))
                .menu(File, 0),
            Action::OpenUrl => A::row("file.open_url", "Open URL…").menu(File, 0),
            Action::NewArticleFromClipboard => {
                A::row("file.new_from_clipboard", "New article from clipboard")
                    .keys(ctrl_shift(Key::V))
                    .menu(File, 0)
            }
            Action::Save => A::row("file.save", "Save").keys(ctrl(Key::S)).menu(File, 1),
            Action::SaveAs => A::row("file.save_as", "Save as…")
                .keys(ctrl_shift(Key::S))
                .menu(File, 1),
            Action::ReopenWithEncoding(label) => A::row(
                "file.reopen_with_encoding",
                encoding_name(label),
            )
            .submenu(File, 2, Submenu::ReopenWithEncoding),
            Action::ImportClaimReview => A::row(
                "file.import.claimreview",
                "ClaimReview (schema.org)…",
            )
            .submenu(File, 2, Submenu::Import),
            Action::ExportReport(format) => {
                let row =
                    A::row("file.export", format.menu_label()).submenu(File, 2, Submenu::Export);
                // The report most desks publish gets a key, so it can be made without the mouse.
                if format == ReportFormat::Html {
                    row.keys(ctrl_shift(Key::E))
                } else {
                    row
                }
            }
            Action::ExportCsvForExcel => A::row("file.export.csv_excel", "CSV table for Excel…")
                .submenu(File, 2, Submenu::Export),
            Action::RecoverWork => A::row("file.recover", "Recover unsaved work…").menu(File, 3),
            Action::Quit => A::row("file.quit", "Quit").keys(ctrl(Key::Q)).menu(File, 4),
            Action::Undo => A::row("edit.undo", "Undo").keys(ctrl(Key::Z)).menu(Edit, 0),
            Action::Redo => A::row("edit.redo", "Redo")
                .keys(ctrl_shift(Key::Z))
                .or_keys(ctrl(Key::Y))
                .menu(Edit, 0),
            Action::ClearSelection => A::row("edit.clear_selection", "Clear selection")
                .keys(bare(Key::Escape))
                .outside_text()
                .menu(Edit, 1),
            Action::Find => A::row("edit.find", "Find…")
                .keys(ctrl(Key::F))
                .menu(Edit, 2),
            Action::FindNext => A::row("edit.find_next", "Find next")
                .keys(bare(Key::F3))
                .menu(Edit, 2),
            Action::FindPrevious => A::row("edit.find_previous", "Find previous")
                .keys(shift(Key::F3))
                .menu(Edit, 2),
            Action::FindInAllArticles => {
                A::row("edit.find_in_all_articles", "Find in all articles…")
                    .keys(ctrl_shift(Key::F))
                    .menu(Edit, 2)
            }
            Action::ClaimFromFindMatch => {
                A::row("claim.from_find_match", "Create claim from find match")
                    .keys(ctrl(Key::Enter))
                    .menu(Claim, 0)
            }
            Action::CreateClaimFromSelection => A::row("claim.mark", "Mark as claim")
                .keys(bare(Key::Enter))
                .outside_text()
                .menu(Claim, 0),
            Action::DeleteClaim => A::row("claim.delete", "Delete claim")
                .keys(bare(Key::Delete))
                .or_keys(bare(Key::Backspace))
                .outside_text()
                .menu(Claim, 0),
            Action::NextClaim => A::row("claim.next", "Next claim")
                .keys(bare(Key::ArrowDown))
                .outside_text()
                .menu(Claim, 1),
            Action::PreviousClaim => A::row("claim.previous", "Previous claim")
                .keys(bare(Key::ArrowUp))
                .outside_text()
                .menu(Claim, 1),
            Action::RenameProject => A::row("project.rename", "Rename project…").menu(Project, 0),
            Action::ReportSettings => {
                A::row("project.report_settings", "Report settings…").menu(Project, 0)
            }
            Action::RatingScale => A::row("project.rating_scale", "Rating scale…").menu(Project, 0),
            Action::AddArticle => A::row("project.add_article", "Add article…").menu(Project, 1),
            Action::RemoveArticle => {
                A::row("project.remove_article", "Remove this article").menu(Project, 1)
            }
            Action::ShowShortcuts => A::row("help.shortcuts", "Keyboard shortcuts")
                .keys(bare(Key::F1))
                .menu(Help, 0),
            Action::OpenRecent(place) => A::row(
                "file.open_recent",
                RECENT_LABELS.get(place).copied().unwrap_or("Recent file"),
            )
            .submenu(File, 0, Submenu::OpenRecent),
            Action::SetVerdict(number) => {
                let index = usize::from(number);
                let row = A::row(
                    "claim.verdict",
                    VERDICT_LABELS.get(index).copied().unwrap_or("Rating"),
                )
                .outside_text()
                .submenu(Claim, 2, Submenu::Verdict)
                .family("Verdict by place in the scale (0: none)");
                match DIGITS.get(index) {
                    Some(&key) => row.keys(bare(key)),
                    None => row,
                }
            }
            Action::SetStatus(status) => {
                let row = A::row("claim.status", status.label())
                    .outside_text()
                    .submenu(Claim, 2, Submenu::Status);
                let place = Status::ALL.iter().position(|s| *s == status);
                match place.and_then(|p| DIGITS.get(p + 1)) {
                    Some(&key) => row.keys(alt(key)),
                    None => row,
                }
            }
            Action::NextUncheckedClaim => A::row("claim.next_unchecked", "Next unchecked claim")
                .keys(bare(Key::U))
                .outside_text()
                .menu(Claim, 1),
            Action::AddSource => A::row("claim.add_source", "Add source")
                .keys(ctrl_shift(Key::A))
                .menu(Claim, 3),
            Action::FocusExplanation => A::row("claim.focus_explanation", "Write the explanation")
                .keys(ctrl(Key::E))
                .menu(Claim, 3),
            Action::TogglePanel(Panel::ClaimList) => {
                A::row("view.claim_list", "Show or hide the claim list")
                    .keys(ctrl_shift(Key::L))
                    .menu(View, 0)
            }
            Action::TogglePanel(Panel::ClaimEditor) => {
                A::row("view.claim_editor", "Show or hide the claim editor")
                    .keys(ctrl_shift(Key::D))
                    .menu(View, 0)
            }
            Action::CursorNextSentence => {
                A::row("article.next_sentence", "Cursor to next sentence")
                    .keys(alt(Key::ArrowDown))
                    .or_keys(bare(Key::J))
                    .outside_text()
            }
            Action::CursorPreviousSentence => {
                A::row("article.previous_sentence", "Cursor to previous sentence")
                    .keys(alt(Key::ArrowUp))
                    .or_keys(bare(Key::K))
                    .outside_text()
            }
            Action::ExtendNextSentence => A::row(
                "article.select_next_sentence",
                "Select on to the next sentence",
            )
            .keys(alt_shift(Key::ArrowDown))
            .or_keys(shift(Key::J))
            .outside_text(),
            Action::ExtendPreviousSentence => A::row(
                "article.select_previous_sentence",
                "Select back to the previous sentence",
            )
            .keys(alt_shift(Key::ArrowUp))
            .or_keys(shift(Key::K))
            .outside_text(),
            Action::ExtendNextWord => A::row("article.select_next_word", "Select on by a word")
                .keys(ctrl_shift(Key::ArrowRight))
                .or_keys(shift(Key::ArrowRight))
                .outside_text(),
            Action::ExtendPreviousWord => {
                A::row("article.select_previous_word", "Select back by a word")
                    .keys(ctrl_shift(Key::ArrowLeft))
                    .or_keys(shift(Key::ArrowLeft))
                    .outside_text()
            }
            Action::Settings => A::row("edit.settings", "Settings…")
                .keys(ctrl(Key::Comma))
                .menu(Edit, 2),
            // Ctrl+= is Ctrl++ without Shift; keyboards with a Plus key of its own send Plus.
            Action::ZoomIn => A::row("view.zoom_in", "Zoom in")
                .keys(ctrl(Key::Equals))
                .or_keys(ctrl(Key::Plus))
                .menu(View, 0),
            Action::ZoomOut => A::row("view.zoom_out", "Zoom out")
                .keys(ctrl(Key::Minus))
                .menu(View, 0),
            Action::ZoomReset => A::row("view.zoom_reset", "Reset zoom")
                .keys(ctrl(Key::Num0))
                .menu(View, 0),
        }
    }

    /// Every action, parameterised ones once per parameter, in menu order.
    pub fn all() -> Vec<Action> {
        let mut all = vec![
            Action::NewProject,
            Action::Open,
            Action::OpenUrl,
            Action::NewArticleFromClipboard,
        ];
        all.extend((0..MAX_RECENT).map(Action::OpenRecent));
        all.extend([Action::Save, Action::SaveAs]);
        all.extend(
            crate::import::encoding::encoding_choices()
                .iter()
                .map(|(label, _)| Action::ReopenWithEncoding(label)),
        );
        all.push(Action::ImportClaimReview);
        for format in ReportFormat::ALL {
            all.push(Action::ExportReport(format));
            if format == ReportFormat::Csv {
                all.push(Action::ExportCsvForExcel);
            }
        }
        all.extend([
            Action::RecoverWork,
            Action::Quit,
            Action::Undo,
            Action::Redo,
            Action::ClearSelection,
            Action::Find,
            Action::FindNext,
            Action::FindPrevious,
            Action::FindInAllArticles,
            Action::CreateClaimFromSelection,
            Action::ClaimFromFindMatch,
            Action::DeleteClaim,
            Action::NextClaim,
            Action::PreviousClaim,
            Action::NextUncheckedClaim,
        ]);
        // 1–9 in scale order, then 0 that clears, as the number row reads.
        all.extend((1..=9).chain([0]).map(Action::SetVerdict));
        all.extend(Status::ALL.map(Action::SetStatus));
        all.extend([
            Action::AddSource,
            Action::FocusExplanation,
            Action::CursorNextSentence,
            Action::CursorPreviousSentence,
            Action::ExtendNextSentence,
            Action::ExtendPreviousSentence,
            Action::ExtendNextWord,
            Action::ExtendPreviousWord,
        ]);
        all.extend(Panel::ALL.map(Action::TogglePanel));
        all.extend([
            Action::RenameProject,
            Action::ReportSettings,
            Action::RatingScale,
            Action::AddArticle,
            Action::RemoveArticle,
            Action::ShowShortcuts,
            Action::Settings,
            Action::ZoomIn,
            Action::ZoomOut,
            Action::ZoomReset,
        ]);
        all
    }

    /// The stable id, e.g. `file.save` or `file.export.html`: the row's id and, for a parameterised
    /// action, its parameter (a format's command-line name, an encoding's WHATWG label).
    pub fn id(self) -> String {
        let base = self.spec().id;
        match self {
            Action::ExportReport(format) => format!("{base}.{}", format_name(format)),
            Action::ReopenWithEncoding(label) => format!("{base}.{label}"),
            Action::OpenRecent(place) => format!("{base}.{}", place + 1),
            Action::SetVerdict(number) => format!("{base}.{number}"),
            Action::SetStatus(status) => format!("{base}.{}", status_name(status)),
            _ => base.to_owned(),
        }
    }

    /// The action whose [`Action::id`] is `id`.
    pub fn from_id(id: &str) -> Option<Action> {
        Action::all().into_iter().find(|a| a.id() == id)
    }

    /// What menus and buttons say.
    pub fn label(self) -> &'static str {
        self.spec().label
    }

    /// The full name, where the label alone would not say it (a palette, the shortcut sheet):
    /// the submenu's label before the label, e.g. "Export report › HTML report…".
    pub fn name(self) -> String {
        self.name_with(self.label())
    }

    /// The full name with `label` in place of the row's label.
    fn name_with(self, label: &str) -> String {
        match self.spec().menu.and_then(|place| place.submenu) {
            Some(submenu) => format!("{} › {label}", submenu.label()),
            None => label.to_owned(),
        }
    }

    /// The main keyboard shortcut.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        self.spec().shortcut
    }

    /// A second shortcut some users expect (Ctrl+Y for redo).
    pub fn alternative_shortcut(self) -> Option<KeyboardShortcut> {
        self.spec().alternative
    }

    /// Both shortcuts, the main one first.
    pub fn shortcuts(self) -> impl Iterator<Item = KeyboardShortcut> {
        let spec = self.spec();
        spec.shortcut.into_iter().chain(spec.alternative)
    }
}

/// A panel of the window that can be hidden.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Panel {
    /// The list of claims.
    ClaimList,
    /// The editor of the selected claim.
    ClaimEditor,
}

impl Panel {
    /// Every panel that can be hidden.
    pub const ALL: [Panel; 2] = [Panel::ClaimList, Panel::ClaimEditor];
}

/// Which panels are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PanelsShown {
    /// The claim list.
    pub claim_list: bool,
    /// The claim editor.
    pub claim_editor: bool,
}

impl Default for PanelsShown {
    fn default() -> Self {
        Self {
            claim_list: true,
            claim_editor: true,
        }
    }
}

impl PanelsShown {
    /// Whether `panel` is shown.
    pub fn shown(self, panel: Panel) -> bool {
        match panel {
            Panel::ClaimList => self.claim_list,
            Panel::ClaimEditor => self.claim_editor,
        }
    }

    /// Shows `panel` if hidden, hides it if shown.
    pub fn toggle(&mut self, panel: Panel) {
        match panel {
            Panel::ClaimList => self.claim_list = !self.claim_list,
            Panel::ClaimEditor => self.claim_editor = !self.claim_editor,
        }
    }
}

/// What actions need to know of the app to say whether they can run now and what their menu entry
/// says: menus grey out what cannot run, a palette can leave it out.
pub struct ActionState<'a> {
    /// The open project.
    pub project: &'a Project,
    /// Recently opened files, newest first.
    pub recent: &'a [PathBuf],
    /// Undo description, if undo is possible.
    pub undo: Option<&'static str>,
    /// Redo description, if redo is possible.
    pub redo: Option<&'static str>,
    /// Whether text is selected in the article.
    pub has_text_selection: bool,
    /// Whether a claim is selected.
    pub has_selected_claim: bool,
    /// The article shown.
    pub current_article: Option<ArticleId>,
    /// Whether the shown article was read from a text file, which can be read again with another
    /// encoding (the file is looked for, or asked for, when the command runs).
    pub can_reopen: bool,
    /// Whether the article view has a keyboard cursor on a sentence.
    pub has_cursor: bool,
    /// Which panels are shown.
    pub panels: PanelsShown,
}

impl ActionState<'_> {
    /// Whether `action` has a menu entry now: recent files and ratings the list or scale lacks have
    /// none.
    pub fn shown(&self, action: Action) -> bool {
        match action {
            Action::OpenRecent(place) => place < self.recent.len(),
            Action::SetVerdict(number) => usize::from(number) <= self.project.rating_scale.len(),
            _ => true,
        }
    }

    /// Whether `action` can run now.
    pub fn enabled(&self, action: Action) -> bool {
        match action {
            Action::Undo => self.undo.is_some(),
            Action::Redo => self.redo.is_some(),
            Action::CreateClaimFromSelection => self.has_text_selection || self.has_cursor,
            Action::DeleteClaim
            | Action::SetStatus(_)
            | Action::AddSource
            | Action::FocusExplanation => self.has_selected_claim,
            Action::SetVerdict(_) => self.has_selected_claim && self.shown(action),
            Action::RemoveArticle
            | Action::CursorNextSentence
            | Action::CursorPreviousSentence
            | Action::ExtendNextSentence
            | Action::ExtendPreviousSentence
            | Action::ExtendNextWord
            | Action::ExtendPreviousWord
            | Action::Find
            | Action::FindNext
            | Action::FindPrevious
            | Action::ClaimFromFindMatch => self.current_article.is_some(),
            Action::ReopenWithEncoding(_) => self.can_reopen,
            Action::OpenRecent(_) => self.shown(action),
            _ => true,
        }
    }

    /// What `action`'s menu entry says now: undo and redo name what they undo, a recent file its
    /// name, a number key its rating.
    pub fn label(&self, action: Action) -> String {
        let described = |description: Option<&str>| {
            description.map_or_else(
                || action.label().to_owned(),
                |d| format!("{} {d}", action.label()),
            )
        };
        match action {
            Action::Undo => described(self.undo),
            Action::Redo => described(self.redo),
            Action::OpenRecent(place) => self.recent.get(place).map_or_else(
                || action.label().to_owned(),
                |path| {
                    path.file_name().map_or_else(
                        || path.display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    )
                },
            ),
            Action::SetVerdict(number) => usize::from(number)
                .checked_sub(1)
                .and_then(|i| self.project.rating_scale.get(i))
                .map_or_else(|| action.label().to_owned(), |r| r.label.clone()),
            Action::TogglePanel(panel) => {
                let verb = if self.panels.shown(panel) {
                    "Hide"
                } else {
                    "Show"
                };
                let what = match panel {
                    Panel::ClaimList => "claim list",
                    Panel::ClaimEditor => "claim editor",
                };
                format!("{verb} the {what}")
            }
            _ => action.label().to_owned(),
        }
    }

    /// The full name of `action` now, for a list of every action (a palette): its submenu's label
    /// before what its entry says, e.g. "Verdict › Mostly true" or "Open recent › check.factdesk.json".
    pub fn name(&self, action: Action) -> String {
        action.name_with(&self.label(action))
    }

    /// More about `action` when the pointer rests on its entry: a recent file's whole path.
    pub fn hover_text(&self, action: Action) -> Option<String> {
        match action {
            Action::OpenRecent(place) => self.recent.get(place).map(|p| p.display().to_string()),
            _ => None,
        }
    }
}

/// The name the command line gives `format` (`--format html`), which its action ids reuse.
fn format_name(format: ReportFormat) -> String {
    clap::ValueEnum::to_possible_value(&format)
        .map_or_else(|| format!("{format:?}"), |v| v.get_name().to_owned())
}

/// The name the project file gives `status` (`in_progress`), which its action id reuses.
fn status_name(status: Status) -> String {
    serde_json::to_value(status)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| format!("{status:?}"))
}

/// What the encoding menu calls the encoding with WHATWG `label`.
fn encoding_name(label: &'static str) -> &'static str {
    crate::import::encoding::encoding_choices()
        .iter()
        .find(|(l, _)| *l == label)
        .map_or(label, |(_, name)| name)
}

/// An export: the format, and for CSV whether Excel's byte-order mark leads the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Export {
    /// The format.
    pub format: ReportFormat,
    /// CSV only: start with a UTF-8 byte-order mark.
    pub excel_bom: bool,
}

impl Export {
    /// An export in `format` without a byte-order mark.
    pub fn plain(format: ReportFormat) -> Self {
        Self {
            format,
            excel_bom: false,
        }
    }

    /// What dialogs call it.
    pub fn label(self) -> &'static str {
        if self.excel_bom {
            "CSV table for Excel"
        } else {
            self.format.label()
        }
    }
}

/// Something the app does after the frame is drawn.
#[derive(Clone, Debug)]
pub enum AppCommand {
    /// A named action.
    Action(Action),
    /// Open this article or project (after the unsaved-changes check).
    OpenPath(PathBuf),
    /// Add this article file to the project.
    AddArticlePath(PathBuf),
    /// Save to this file.
    SaveTo(PathBuf),
    /// Run the transparency check, then ask where to write a report (the user may go ahead despite
    /// findings).
    ExportChecked(Export),
    /// Write a report to this file.
    ExportTo(Export, PathBuf),
    /// Create a claim over char range `start..end` of `article`.
    CreateClaim {
        /// The article.
        article: ArticleId,
        /// First char.
        start: usize,
        /// One past the last char.
        end: usize,
    },
    /// Select a claim, scroll the article to it and the list to its row.
    SelectClaim(ClaimId),
    /// Show another article.
    SwitchArticle(ArticleId),
    /// Apply an edit as its own undo step.
    Edit(Edit),
    /// Apply an edit merged with earlier ones of the same key (typing in one field).
    EditMerging(Edit, String),
    /// End a run of merged edits (a field lost focus).
    SealHistory,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Article;

    fn project() -> Project {
        let article = Article::new("Title".into(), "One. Two.".into(), None, chrono::Utc::now());
        Project::from_article(article)
    }

    fn state<'a>(project: &'a Project, recent: &'a [PathBuf]) -> ActionState<'a> {
        ActionState {
            project,
            recent,
            undo: None,
            redo: None,
            has_text_selection: false,
            has_selected_claim: true,
            current_article: project.articles.first().map(|a| a.id),
            can_reopen: false,
            has_cursor: false,
            panels: PanelsShown::default(),
        }
    }

    #[test]
    fn number_keys_are_named_by_the_projects_scale_and_only_its_ratings_are_offered() {
        let project = project();
        let state = state(&project, &[]);
        let second = &project.rating_scale[1].label;
        assert_eq!(
            state.name(Action::SetVerdict(2)),
            format!("Verdict › {second}")
        );
        assert_eq!(state.name(Action::SetVerdict(0)), "Verdict › No verdict");
        let past_the_end = u8::try_from(project.rating_scale.len() + 1).unwrap();
        assert!(!state.shown(Action::SetVerdict(past_the_end)));
        assert!(!state.enabled(Action::SetVerdict(past_the_end)));
        assert!(state.enabled(Action::SetVerdict(1)));
    }

    #[test]
    fn recent_files_are_offered_by_name_as_far_as_the_list_goes() {
        let project = project();
        let recent = [PathBuf::from("/home/ana/checks/budget.factdesk.json")];
        let state = state(&project, &recent);
        assert_eq!(
            state.name(Action::OpenRecent(0)),
            "Open recent › budget.factdesk.json"
        );
        assert_eq!(
            state.hover_text(Action::OpenRecent(0)).as_deref(),
            Some("/home/ana/checks/budget.factdesk.json")
        );
        assert!(!state.shown(Action::OpenRecent(1)));
        assert_eq!(Action::OpenRecent(1).name(), "Open recent › Recent file 2");
    }

    #[test]
    fn every_export_format_and_encoding_is_an_action_of_its_own() {
        let all = Action::all();
        for format in ReportFormat::ALL {
            assert!(all.contains(&Action::ExportReport(format)));
        }
        for (label, _) in crate::import::encoding::encoding_choices() {
            assert!(all.contains(&Action::ReopenWithEncoding(label)));
        }
        assert_eq!(
            Action::ExportReport(ReportFormat::Html).id(),
            "file.export.html"
        );
        assert_eq!(
            Action::SetStatus(Status::NeedsReview).id(),
            "claim.status.needs_review"
        );
    }
}
