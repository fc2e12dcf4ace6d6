//! What the user can ask for. Panels push commands; the app runs them once per frame after drawing.
//!
//! [`Action`] is the one list of named actions: menus, buttons and keyboard shortcuts all read their
//! label and shortcut from it, so they cannot disagree.

use std::path::PathBuf;

use crate::model::{ArticleId, ClaimId, Edit, Status};
use crate::report::ReportFormat;

mod state;
mod table;

pub use state::{ActionState, Panel, PanelsShown};
pub use table::{ActionSpec, KeyScope, MAX_RECENT, Menu, MenuPlace, Submenu};

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
    /// Find an action by name and run it.
    CommandPalette,
    /// Show claims per verdict and status, and claims done per day.
    ShowStatistics,
    /// Show the short guide through a first claim.
    GettingStarted,
    /// Open the bundled sample article as a new project (after the unsaved-changes check).
    OpenSample,
    /// Show the version and licence.
    About,
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
