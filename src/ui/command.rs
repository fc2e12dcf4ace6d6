//! What the user can ask for. Panels push commands; the app runs them once per frame after drawing.
//!
//! [`Action`] is the one list of named actions: menus, buttons and keyboard shortcuts all read their
//! label and shortcut from it, so they cannot disagree.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::model::{ArticleId, ClaimId, Edit};
use crate::report::ReportFormat;

/// A named user action with a label and, perhaps, a keyboard shortcut.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
}

impl Action {
    /// Actions with shortcuts that work even while typing in a field, most specific first: egui matches
    /// Ctrl+Z for Ctrl+Shift+Z too, so the shifted one must be checked first.
    pub const GLOBAL_SHORTCUT_ORDER: [Action; 9] = [
        Action::NewArticleFromClipboard,
        Action::SaveAs,
        Action::Save,
        Action::Open,
        Action::NewProject,
        Action::Redo,
        Action::Undo,
        Action::Quit,
        Action::ShowShortcuts,
    ];

    /// Actions whose shortcut is a bare key, active only when no text field has the keyboard.
    pub const LIST_SHORTCUTS: [Action; 5] = [
        Action::CreateClaimFromSelection,
        Action::DeleteClaim,
        Action::ClearSelection,
        Action::NextClaim,
        Action::PreviousClaim,
    ];

    /// What menus and buttons say.
    pub fn label(self) -> &'static str {
        match self {
            Action::NewProject => "New project",
            Action::Open => "Open…",
            Action::Save => "Save",
            Action::SaveAs => "Save as…",
            Action::ExportReport(format) => format.menu_label(),
            Action::ExportCsvForExcel => "CSV table for Excel…",
            Action::AddArticle => "Add article…",
            Action::NewArticleFromClipboard => "New article from clipboard",
            Action::OpenUrl => "Open URL…",
            Action::ReopenWithEncoding(label) => label,
            Action::ImportClaimReview => "ClaimReview (schema.org)…",
            Action::RecoverWork => "Recover unsaved work…",
            Action::RemoveArticle => "Remove this article",
            Action::RenameProject => "Rename project…",
            Action::ReportSettings => "Report settings…",
            Action::Quit => "Quit",
            Action::Undo => "Undo",
            Action::Redo => "Redo",
            Action::CreateClaimFromSelection => "Create claim from selection",
            Action::DeleteClaim => "Delete claim",
            Action::ClearSelection => "Clear selection",
            Action::NextClaim => "Next claim",
            Action::PreviousClaim => "Previous claim",
            Action::ShowShortcuts => "Keyboard shortcuts",
        }
    }

    /// The main keyboard shortcut.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let command = |key| Some(KeyboardShortcut::new(Modifiers::COMMAND, key));
        let bare = |key| Some(KeyboardShortcut::new(Modifiers::NONE, key));
        match self {
            Action::NewProject => command(Key::N),
            Action::Open => command(Key::O),
            Action::Save => command(Key::S),
            Action::SaveAs => Some(KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::SHIFT,
                Key::S,
            )),
            Action::NewArticleFromClipboard => Some(KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::SHIFT,
                Key::V,
            )),
            Action::ExportReport(_)
            | Action::ExportCsvForExcel
            | Action::OpenUrl
            | Action::ReopenWithEncoding(_)
            | Action::AddArticle
            | Action::ImportClaimReview
            | Action::RecoverWork
            | Action::RemoveArticle
            | Action::RenameProject
            | Action::ReportSettings => None,
            Action::Quit => command(Key::Q),
            Action::Undo => command(Key::Z),
            Action::Redo => Some(KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::SHIFT,
                Key::Z,
            )),
            Action::CreateClaimFromSelection => bare(Key::Enter),
            Action::DeleteClaim => bare(Key::Delete),
            Action::ClearSelection => bare(Key::Escape),
            Action::NextClaim => bare(Key::ArrowDown),
            Action::PreviousClaim => bare(Key::ArrowUp),
            Action::ShowShortcuts => bare(Key::F1),
        }
    }

    /// A second shortcut some users expect (Ctrl+Y for redo).
    pub fn alternative_shortcut(self) -> Option<KeyboardShortcut> {
        match self {
            Action::Redo => Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::Y)),
            Action::DeleteClaim => Some(KeyboardShortcut::new(Modifiers::NONE, Key::Backspace)),
            _ => None,
        }
    }
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
