//! What the user can ask for. Panels push commands; the app runs them once per frame after drawing.
//!
//! [`Action`] is the one list of named actions: menus, buttons and keyboard shortcuts all read their
//! label and shortcut from it, so they cannot disagree.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::model::{ArticleId, ClaimId, Edit, Project};
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
    /// Select the next claim in the list.
    NextClaim,
    /// Select the previous claim in the list.
    PreviousClaim,
    /// Show the keyboard shortcuts.
    ShowShortcuts,
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
}

impl Submenu {
    /// What the parent menu says.
    pub fn label(self) -> &'static str {
        match self {
            Submenu::Export => "Export report",
            Submenu::Import => "Import",
            Submenu::ReopenWithEncoding => "Reopen with encoding",
        }
    }

    /// Why the whole submenu is greyed out, when none of its actions can run.
    pub fn disabled_hint(self) -> &'static str {
        match self {
            Submenu::ReopenWithEncoding => {
                "Only an article read from a text or Markdown file can be read again with another encoding"
            }
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

impl Action {
    /// Actions with shortcuts that work even while typing in a field, most specific first.
    /// Superseded by [`super::shortcuts::take_pressed`], which reads the table.
    pub const GLOBAL_SHORTCUT_ORDER: [Action; 13] = [
        Action::NewArticleFromClipboard,
        Action::SaveAs,
        Action::Save,
        Action::Open,
        Action::NewProject,
        Action::Redo,
        Action::Undo,
        Action::Quit,
        Action::ShowShortcuts,
        Action::Settings,
        Action::ZoomIn,
        Action::ZoomOut,
        Action::ZoomReset,
    ];

    /// Actions whose shortcut is a bare key. Superseded by [`super::shortcuts::take_pressed`].
    pub const LIST_SHORTCUTS: [Action; 5] = [
        Action::CreateClaimFromSelection,
        Action::DeleteClaim,
        Action::ClearSelection,
        Action::NextClaim,
        Action::PreviousClaim,
    ];

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
                A::row("file.export", format.menu_label()).submenu(File, 2, Submenu::Export)
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
            Action::CreateClaimFromSelection => {
                A::row("claim.from_selection", "Create claim from selection")
                    .keys(bare(Key::Enter))
                    .outside_text()
                    .menu(Claim, 0)
            }
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
            Action::Save,
            Action::SaveAs,
        ];
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
            Action::CreateClaimFromSelection,
            Action::DeleteClaim,
            Action::NextClaim,
            Action::PreviousClaim,
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
        let spec = self.spec();
        match spec.menu.and_then(|place| place.submenu) {
            Some(submenu) => format!("{} › {}", submenu.label(), spec.label),
            None => spec.label.to_owned(),
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
}

impl ActionState<'_> {
    /// Whether `action` can run now.
    pub fn enabled(&self, action: Action) -> bool {
        match action {
            Action::Undo => self.undo.is_some(),
            Action::Redo => self.redo.is_some(),
            Action::CreateClaimFromSelection => self.has_text_selection,
            Action::DeleteClaim => self.has_selected_claim,
            Action::RemoveArticle => self.current_article.is_some(),
            Action::ReopenWithEncoding(_) => self.can_reopen,
            _ => true,
        }
    }

    /// What `action`'s menu entry says now: undo and redo name what they undo.
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
            _ => action.label().to_owned(),
        }
    }
}

/// The name the command line gives `format` (`--format html`), which its action ids reuse.
fn format_name(format: ReportFormat) -> String {
    clap::ValueEnum::to_possible_value(&format)
        .map_or_else(|| format!("{format:?}"), |v| v.get_name().to_owned())
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
