//! Native file dialogs on a background thread, so the window keeps drawing while one is open.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};

/// What happens after the user picked a file, and what to do after a save the dialog was opened for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DialogPurpose {
    /// Open an article or project.
    Open,
    /// Add an article to the project.
    AddArticle,
    /// Import the claims of a ClaimReview file.
    ImportClaimReview,
    /// Save the project, then carry on with `then` (e.g. quitting after "Save" in the unsaved-changes
    /// dialog).
    SaveAs {
        /// What the save was for.
        then: Option<super::dialogs::GuardedAction>,
    },
    /// Export a report.
    Export(super::command::Export),
    /// Find the shown article's file, which is not where the project records it, to read it again.
    LocateArticle {
        /// The encoding to read it with.
        encoding: &'static str,
    },
}

/// What a dialog asks for.
pub struct DialogRequest {
    /// Why it is opened.
    pub purpose: DialogPurpose,
    /// Window title.
    pub title: String,
    /// Filters as (name, extensions without dots).
    pub filters: Vec<(&'static str, Vec<&'static str>)>,
    /// Folder it starts in.
    pub folder: Option<PathBuf>,
    /// For save dialogs, the suggested file name; `None` makes an open dialog.
    pub save_name: Option<String>,
}

/// What a dialog answered.
pub struct DialogAnswer {
    /// Why it was opened.
    pub purpose: DialogPurpose,
    /// The chosen file; `None` when the user cancelled or no dialog could be shown.
    pub path: Option<PathBuf>,
    /// Whether the dialog answered so fast that it cannot have been shown (no desktop portal, no
    /// session bus): the app then asks for the path itself.
    pub unavailable: bool,
    /// Where the dialog started, with the suggested name for saving: the default for a typed path.
    pub suggestion: PathBuf,
}

/// A dialog that answers "nothing chosen" faster than this was never on screen.
const FASTEST_HUMAN_ANSWER: std::time::Duration = std::time::Duration::from_millis(300);

/// Runs one native dialog at a time and hands back its answer.
pub struct FileDialogs {
    sender: Sender<DialogAnswer>,
    receiver: Receiver<DialogAnswer>,
    open: bool,
}

impl Default for FileDialogs {
    fn default() -> Self {
        let (sender, receiver) = channel();
        Self {
            sender,
            receiver,
            open: false,
        }
    }
}

impl FileDialogs {
    /// Shows a dialog; its answer arrives through [`FileDialogs::poll`]. Ignored while one is open.
    pub fn show(&mut self, ctx: &egui::Context, request: DialogRequest) {
        if self.open {
            return;
        }
        self.open = true;
        let sender = self.sender.clone();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let started = std::time::Instant::now();
            let mut dialog = rfd::FileDialog::new().set_title(&request.title);
            for (name, extensions) in &request.filters {
                dialog = dialog.add_filter(*name, extensions);
            }
            if let Some(folder) = &request.folder {
                dialog = dialog.set_directory(folder);
            }
            let folder = request
                .folder
                .clone()
                .or_else(|| std::env::current_dir().ok())
                .unwrap_or_default();
            let (path, suggestion) = match request.save_name {
                Some(name) => (dialog.set_file_name(&name).save_file(), folder.join(name)),
                // An empty last component makes the suggestion end in a separator, ready for a name.
                None => (dialog.pick_file(), folder.join("")),
            };
            let unavailable = path.is_none() && started.elapsed() < FASTEST_HUMAN_ANSWER;
            // The window may have closed meanwhile; then nobody needs the answer.
            sender
                .send(DialogAnswer {
                    purpose: request.purpose,
                    path,
                    unavailable,
                    suggestion,
                })
                .ok();
            ctx.request_repaint();
        });
    }

    /// The answer of the dialog that closed since the last call.
    pub fn poll(&mut self) -> Option<DialogAnswer> {
        let answer = self.receiver.try_recv().ok()?;
        self.open = false;
        Some(answer)
    }
}
