//! The action table: each action's row (stable id, label, shortcuts, when its keys are active, menu
//! place), the menus and submenus the rows name, and every action in menu order.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::{Action, Panel};
use crate::model::Status;
use crate::report::ReportFormat;

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
            Action::CommandPalette => A::row("view.command_palette", "Command palette…")
                .keys(ctrl(Key::K))
                .or_keys(ctrl_shift(Key::P))
                .menu(View, 0),
            Action::ShowStatistics => A::row("view.statistics", "Statistics").menu(View, 0),
            Action::GettingStarted => {
                A::row("help.getting_started", "Getting started").menu(Help, 0)
            }
            Action::OpenSample => {
                A::row("help.open_sample", "Open the sample article").menu(Help, 0)
            }
            Action::About => A::row("help.about", "About factdesk").menu(Help, 1),
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
            Action::CommandPalette,
            Action::ShowStatistics,
            Action::GettingStarted,
            Action::OpenSample,
            Action::About,
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
    pub(super) fn name_with(self, label: &str) -> String {
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
