//! The user's settings: how the window looks and what new projects start with.
//!
//! They live in one JSON file, `settings.json`, in the platform's configuration folder
//! (`~/.config/factdesk/` on Linux; `FACTDESK_CONFIG_DIR` overrides it), where a user can read,
//! copy or edit them and where both interfaces find them: the window and `factdesk new` read the
//! same file, so a project made on the command line starts like one made in the window.
//!
//! The file is forgiving and never lost:
//! - every member has a default, so a file missing some (an older factdesk's, a hand-written one)
//!   reads with the defaults for those;
//! - members factdesk does not know are kept and written back, so a newer factdesk's additions
//!   survive an older one changing a setting;
//! - a file that cannot be read (broken JSON, a wrong value, a newer format version) is left as it
//!   is and the defaults are used, with a message naming the file. Only when the user changes a
//!   setting is it moved aside, to `settings.json.bak` (or `.bak.2`, … when that exists), before the
//!   new file is written: nothing the user wrote is ever overwritten.
//!
//! This module knows nothing of egui: the theme is stored as a [`ThemeChoice`] the window maps to its
//! own.

use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::model::{Project, Rating, UnknownMembers, default_rating_scale};

/// The version of the settings file this build writes; a file of a higher version is not read.
pub const SETTINGS_VERSION: u32 = 1;

/// The environment variable that names another configuration folder (tests, portable installs).
pub const CONFIG_DIR_ENV: &str = "FACTDESK_CONFIG_DIR";

/// The name of the settings file in the configuration folder.
pub const SETTINGS_FILE_NAME: &str = "settings.json";

/// Smallest and largest text size, in percent of the normal size.
pub const TEXT_SIZE_RANGE: std::ops::RangeInclusive<u32> = 50..=300;
/// How much one step of Ctrl+= / Ctrl+- changes the text size, in percent.
pub const TEXT_SIZE_STEP: u32 = 10;
/// Narrowest and widest reading column, in points at 100 % text size.
pub const READING_WIDTH_RANGE: std::ops::RangeInclusive<u32> = 400..=1400;
/// The reading column's width when the user has not chosen one: about 75 characters of body text.
pub const DEFAULT_READING_WIDTH: u32 = 680;

/// Light or dark colours, or whatever the desktop uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeChoice {
    /// Dark text on light paper: a reading tool's default.
    #[default]
    Light,
    /// Light text on a dark background.
    Dark,
    /// Follow the desktop's light or dark preference, also when it changes.
    System,
}

impl ThemeChoice {
    /// Every choice, in the order the settings dialog lists them.
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::Light, ThemeChoice::Dark, ThemeChoice::System];

    /// What the settings dialog calls it.
    pub fn label(self) -> &'static str {
        match self {
            ThemeChoice::Light => "Light",
            ThemeChoice::Dark => "Dark",
            ThemeChoice::System => "Follow the system",
        }
    }
}

/// Everything the user sets once for all projects.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The file format version; see [`SETTINGS_VERSION`].
    pub version: u32,
    /// Light, dark or the system's.
    pub theme: ThemeChoice,
    /// Size of all text and controls, in percent of the normal size (the window's zoom).
    pub text_size_percent: u32,
    /// Widest the article text is set, in points at 100 % text size.
    pub reading_width: u32,
    /// The name of the person checking claims at this desk; new projects' reports are signed with it
    /// unless [`Settings::author`] names someone else.
    pub reviewer: String,
    /// The organisation new projects' reports are published by.
    pub organisation: String,
    /// Who signs new projects' reports, when not the reviewer (an editor, a desk's byline).
    pub author: String,
    /// The rating scale new projects start with.
    pub rating_scale: Vec<Rating>,
    /// Members of the file this factdesk does not know, kept for the next save.
    #[serde(flatten)]
    pub unknown: UnknownMembers,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            version: SETTINGS_VERSION,
            theme: ThemeChoice::default(),
            text_size_percent: 100,
            reading_width: DEFAULT_READING_WIDTH,
            reviewer: String::new(),
            organisation: String::new(),
            author: String::new(),
            rating_scale: default_rating_scale(),
            unknown: UnknownMembers::default(),
        }
    }
}

impl Settings {
    /// The text size as a zoom factor (1.0 is normal), within [`TEXT_SIZE_RANGE`] whatever the file
    /// said.
    pub fn zoom_factor(&self) -> f32 {
        let percent = self
            .text_size_percent
            .clamp(*TEXT_SIZE_RANGE.start(), *TEXT_SIZE_RANGE.end());
        // Exact: both are small integers.
        #[allow(clippy::cast_precision_loss)]
        let factor = percent as f32 / 100.0;
        factor
    }

    /// The reading column's width in points, within [`READING_WIDTH_RANGE`] whatever the file said.
    pub fn reading_width_points(&self) -> f32 {
        let width = self
            .reading_width
            .clamp(*READING_WIDTH_RANGE.start(), *READING_WIDTH_RANGE.end());
        #[allow(clippy::cast_precision_loss)]
        let width = width as f32;
        width
    }

    /// One step larger text (Ctrl+=); returns whether it changed.
    pub fn text_larger(&mut self) -> bool {
        self.set_text_size(self.text_size_step_from().saturating_add(TEXT_SIZE_STEP))
    }

    /// One step smaller text (Ctrl+-); returns whether it changed.
    pub fn text_smaller(&mut self) -> bool {
        self.set_text_size(self.text_size_step_from().saturating_sub(TEXT_SIZE_STEP))
    }

    /// The normal text size (Ctrl+0); returns whether it changed.
    pub fn text_normal(&mut self) -> bool {
        self.set_text_size(100)
    }

    /// The current size rounded to a step, so steps from a hand-written 117 % land on 110 % / 120 %.
    fn text_size_step_from(&self) -> u32 {
        let percent = self
            .text_size_percent
            .clamp(*TEXT_SIZE_RANGE.start(), *TEXT_SIZE_RANGE.end());
        (percent + TEXT_SIZE_STEP / 2) / TEXT_SIZE_STEP * TEXT_SIZE_STEP
    }

    fn set_text_size(&mut self, percent: u32) -> bool {
        let percent = percent.clamp(*TEXT_SIZE_RANGE.start(), *TEXT_SIZE_RANGE.end());
        let changed = percent != self.text_size_percent;
        self.text_size_percent = percent;
        changed
    }

    /// Who new projects' reports are signed by: the author if set, else the reviewer.
    pub fn report_author(&self) -> &str {
        if self.author.trim().is_empty() {
            self.reviewer.trim()
        } else {
            self.author.trim()
        }
    }

    /// Gives a project that is being created (not one read from a file) the defaults for new
    /// projects: the rating scale, and the organisation and author its reports are published under.
    pub fn apply_to_new_project(&self, project: &mut Project) {
        project.rating_scale.clone_from(&self.rating_scale);
        self.organisation
            .trim()
            .clone_into(&mut project.report.organisation);
        self.report_author().clone_into(&mut project.report.author);
    }
}

/// Why the settings file could not be read or written. Each message names the file and what happens
/// next.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// The file exists but could not be read.
    #[error(
        "could not read the settings file ({source}); factdesk uses its default settings for now: {}",
        path.display()
    )]
    Read {
        /// The settings file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The file is not settings this factdesk can read.
    #[error(
        "the settings file cannot be read: {reason}. factdesk uses its default settings and leaves \
         the file as it is; when you change a setting, the file is first kept as {}: {}",
        backup.display(),
        path.display()
    )]
    Invalid {
        /// The settings file.
        path: PathBuf,
        /// What is wrong, in words (with the member's path when one is wrong).
        reason: String,
        /// Where the file will be moved before new settings are written.
        backup: PathBuf,
    },
    /// The settings could not be written.
    #[error(
        "could not save the settings ({source}); they apply until factdesk closes: {}",
        path.display()
    )]
    Write {
        /// The settings file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

/// The folder the settings file lives in: `FACTDESK_CONFIG_DIR` if set, else the platform's
/// configuration folder for factdesk; `None` when the system names none (no home folder).
pub fn config_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(CONFIG_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "factdesk").map(|dirs| dirs.config_dir().to_owned())
}

/// The settings file in one folder: reads it, and writes it without ever losing a file it could not
/// read.
#[derive(Clone, Debug)]
pub struct SettingsStore {
    path: PathBuf,
    /// The file on disk could not be read: move it aside before writing over it.
    keep_before_writing: bool,
}

/// Settings as read, with the reason the file could not be read when the defaults stand in.
#[derive(Debug)]
pub struct LoadedSettings {
    /// The settings to use.
    pub settings: Settings,
    /// Why the file was not used; `None` when it was read, or did not exist yet.
    pub problem: Option<SettingsError>,
}

impl SettingsStore {
    /// The settings file in `dir` (see [`config_dir`]).
    pub fn new(dir: &Path) -> Self {
        Self {
            path: dir.join(SETTINGS_FILE_NAME),
            keep_before_writing: false,
        }
    }

    /// The settings file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads the settings: the defaults when there is no file yet, or when it cannot be read (then
    /// with the reason, and the file is kept aside before the next [`SettingsStore::save`]).
    pub fn load(&mut self) -> LoadedSettings {
        let bytes = match std::fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return LoadedSettings {
                    settings: Settings::default(),
                    problem: None,
                };
            }
            Err(source) => {
                // Unreadable (permissions): writing over it would lose what it holds.
                self.keep_before_writing = true;
                return LoadedSettings {
                    settings: Settings::default(),
                    problem: Some(SettingsError::Read {
                        path: self.path.clone(),
                        source,
                    }),
                };
            }
        };
        match parse(&bytes) {
            Ok(settings) => {
                self.keep_before_writing = false;
                LoadedSettings {
                    settings,
                    problem: None,
                }
            }
            Err(reason) => {
                self.keep_before_writing = true;
                LoadedSettings {
                    settings: Settings::default(),
                    problem: Some(SettingsError::Invalid {
                        path: self.path.clone(),
                        reason,
                        backup: free_backup_path(&self.path),
                    }),
                }
            }
        }
    }

    /// Writes `settings` atomically, first moving a file that could not be read aside (the path it
    /// went to is returned, to tell the user).
    ///
    /// # Errors
    /// When the folder cannot be created or the file written (or a broken file moved aside: then
    /// nothing is written, and the broken file stays).
    pub fn save(&mut self, settings: &Settings) -> Result<Option<PathBuf>, SettingsError> {
        let write_error = |source| SettingsError::Write {
            path: self.path.clone(),
            source,
        };
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(write_error)?;
        }
        let mut kept = None;
        if self.keep_before_writing && self.path.exists() {
            let backup = free_backup_path(&self.path);
            std::fs::rename(&self.path, &backup).map_err(write_error)?;
            kept = Some(backup);
        }
        self.keep_before_writing = false;
        let mut bytes = serde_json::to_vec_pretty(settings).map_err(|e| write_error(e.into()))?;
        bytes.push(b'\n');
        crate::store::write_atomically(&self.path, &bytes).map_err(write_error)?;
        Ok(kept)
    }

    /// Writes only what changed from `since` (the settings as last read or written) to `settings`,
    /// over the file as it is now, so another window's changes to other settings are kept. Returns
    /// the settings written, which are the ones to use from now on, and the path a file that could
    /// not be read was moved to.
    ///
    /// A file that cannot be read now is treated as [`SettingsStore::save`] treats one: kept aside,
    /// and `settings` written whole.
    ///
    /// # Errors
    /// As [`SettingsStore::save`].
    pub fn save_changes(
        &mut self,
        since: &Settings,
        settings: &Settings,
    ) -> Result<(Settings, Option<PathBuf>), SettingsError> {
        let on_disk = self.load();
        let merged = if on_disk.problem.is_some() {
            settings.clone()
        } else {
            merge_changes(since, settings, &on_disk.settings)
        };
        let kept = self.save(&merged)?;
        Ok((merged, kept))
    }
}

/// `current` with each member that differs between `since` and `changed` taken from `changed`.
/// Compared as JSON members, so every setting (and every member kept for a newer factdesk) is
/// merged alike.
fn merge_changes(since: &Settings, changed: &Settings, current: &Settings) -> Settings {
    let members = |s: &Settings| match serde_json::to_value(s) {
        Ok(Value::Object(map)) => Some(map),
        _ => None,
    };
    let (Some(since), Some(changed_members), Some(mut merged)) =
        (members(since), members(changed), members(current))
    else {
        return changed.clone();
    };
    for (key, value) in &changed_members {
        if since.get(key) != Some(value) {
            merged.insert(key.clone(), value.clone());
        }
    }
    for key in since.keys() {
        if !changed_members.contains_key(key) {
            merged.remove(key);
        }
    }
    serde_json::from_value(Value::Object(merged)).unwrap_or_else(|_| changed.clone())
}

/// Reads a settings file's bytes, or says in words why not.
fn parse(bytes: &[u8]) -> Result<Settings, String> {
    let value: Value = serde_json::from_slice(bytes).map_err(|e| {
        if e.is_eof() {
            format!("it ends too early (line {}): it was cut short", e.line())
        } else {
            format!(
                "it is not valid JSON (line {}, column {})",
                e.line(),
                e.column()
            )
        }
    })?;
    let Value::Object(members) = &value else {
        return Err("it holds no settings (a JSON object was expected)".to_owned());
    };
    match members.get("version") {
        None => {}
        Some(Value::Number(n)) => match n.as_u64() {
            Some(v) if v <= u64::from(SETTINGS_VERSION) => {}
            Some(v) => {
                return Err(format!(
                    "it was written by a newer factdesk (settings version {v}; this one reads up to \
                     {SETTINGS_VERSION})"
                ));
            }
            None => return Err(format!("version: expected a whole number, found {n}")),
        },
        Some(other) => return Err(format!("version: expected a whole number, found {other}")),
    }
    let mut settings: Settings = serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if path == "." {
            inner.to_string()
        } else {
            format!("{path}: {inner}")
        }
    })?;
    // Files of older versions are read as they are; the next save writes the current version.
    settings.version = SETTINGS_VERSION;
    Ok(settings)
}

/// `settings.json.bak`, or the first of `.bak.2`, `.bak.3`, … that does not exist, so one kept file
/// never replaces another.
fn free_backup_path(path: &Path) -> PathBuf {
    let first = crate::store::backup_path(path);
    if !first.exists() {
        return first;
    }
    (2u32..)
        .map(|n| {
            let mut name = first.as_os_str().to_os_string();
            name.push(format!(".{n}"));
            PathBuf::from(name)
        })
        .find(|p| !p.exists())
        .unwrap_or(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp() -> tempfile::TempDir {
        tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn settings_written_are_read_back_with_members_this_version_does_not_know() {
        let dir = temp();
        let path = dir.path().join(SETTINGS_FILE_NAME);
        std::fs::write(
            &path,
            r#"{"version": 1, "theme": "dark", "reviewer": "Ana", "future_option": {"x": [1, 2]}}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let mut store = SettingsStore::new(dir.path());
        let loaded = store.load();
        assert!(loaded.problem.is_none(), "{:?}", loaded.problem);
        let mut settings = loaded.settings;
        assert_eq!(settings.theme, ThemeChoice::Dark);
        assert_eq!(settings.reviewer, "Ana");
        assert_eq!(
            settings.text_size_percent, 100,
            "a missing member has its default"
        );
        settings.text_larger();
        assert_eq!(
            store.save(&settings).ok(),
            Some(None),
            "nothing was moved aside"
        );
        let written: Value = serde_json::from_slice(&std::fs::read(&path).unwrap_or_default())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(written["future_option"]["x"][1], 2);
        assert_eq!(written["text_size_percent"], 110);
        assert_eq!(SettingsStore::new(dir.path()).load().settings, settings);
    }

    #[test]
    fn a_broken_file_is_named_left_alone_and_kept_aside_before_new_settings_are_written() {
        let dir = temp();
        let path = dir.path().join(SETTINGS_FILE_NAME);
        let broken = br#"{"version": 1, "theme": "dark", "reviewer": "#;
        std::fs::write(&path, broken).unwrap_or_else(|e| panic!("{e}"));
        let mut store = SettingsStore::new(dir.path());
        let loaded = store.load();
        let message = loaded.problem.map(|p| p.to_string()).unwrap_or_default();
        assert!(message.contains(&path.display().to_string()), "{message}");
        assert!(message.contains("cut short"), "{message}");
        assert!(message.contains("settings.json.bak"), "{message}");
        assert_eq!(loaded.settings, Settings::default());
        assert_eq!(std::fs::read(&path).ok().as_deref(), Some(&broken[..]));

        let kept = store
            .save(&Settings::default())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(kept, Some(dir.path().join("settings.json.bak")));
        assert_eq!(
            std::fs::read(dir.path().join("settings.json.bak"))
                .ok()
                .as_deref(),
            Some(&broken[..])
        );
        assert!(store.load().problem.is_none(), "the new file reads");
    }

    #[test]
    fn a_file_from_a_newer_factdesk_is_not_read_and_an_earlier_kept_file_is_not_replaced() {
        let dir = temp();
        std::fs::write(dir.path().join("settings.json.bak"), "older").unwrap_or_default();
        std::fs::write(
            dir.path().join(SETTINGS_FILE_NAME),
            r#"{"version": 7, "theme": "dark"}"#,
        )
        .unwrap_or_default();
        let mut store = SettingsStore::new(dir.path());
        let loaded = store.load();
        let message = loaded.problem.map(|p| p.to_string()).unwrap_or_default();
        assert!(
            message.contains("newer factdesk (settings version 7"),
            "{message}"
        );
        assert!(message.contains("settings.json.bak.2"), "{message}");
        assert_eq!(loaded.settings.theme, ThemeChoice::Light);
        let kept = store
            .save(&Settings::default())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(kept, Some(dir.path().join("settings.json.bak.2")));
        assert_eq!(
            std::fs::read_to_string(dir.path().join("settings.json.bak")).unwrap_or_default(),
            "older"
        );
    }

    #[test]
    fn settings_that_cannot_be_written_say_so_with_the_file() {
        let dir = temp();
        // A file where the configuration folder should be: nothing can be created under it.
        let blocked = dir.path().join("config");
        std::fs::write(&blocked, "not a folder").unwrap_or_default();
        let mut store = SettingsStore::new(&blocked);
        let message = store
            .save(&Settings::default())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            message.starts_with("could not save the settings ("),
            "{message}"
        );
        assert!(
            message.contains("they apply until factdesk closes"),
            "{message}"
        );
        assert!(
            message.ends_with(&store.path().display().to_string()),
            "{message}"
        );
    }

    #[test]
    fn two_windows_each_write_only_the_settings_they_changed() {
        let dir = temp();
        let path = dir.path().join(SETTINGS_FILE_NAME);
        std::fs::write(
            &path,
            r#"{"version": 1, "reviewer": "Ana", "future_option": 3}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let mut store_a = SettingsStore::new(dir.path());
        let mut store_b = SettingsStore::new(dir.path());
        let read_a = store_a.load().settings;
        let read_b = store_b.load().settings;

        let dark = Settings {
            theme: ThemeChoice::Dark,
            ..read_a.clone()
        };
        let (written_a, _) = store_a
            .save_changes(&read_a, &dark)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(written_a.theme, ThemeChoice::Dark);

        // B still holds the light theme it read at start; it changes only the text size.
        let mut larger = read_b.clone();
        larger.text_larger();
        let (written_b, kept) = store_b
            .save_changes(&read_b, &larger)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(kept, None);
        assert_eq!(written_b.theme, ThemeChoice::Dark, "A's theme is kept");
        assert_eq!(written_b.text_size_percent, 110);

        let on_disk = SettingsStore::new(dir.path()).load().settings;
        assert_eq!(on_disk, written_b);
        assert_eq!(on_disk.theme, ThemeChoice::Dark);
        assert_eq!(on_disk.text_size_percent, 110);
        assert_eq!(on_disk.reviewer, "Ana");
        let written: Value = serde_json::from_slice(&std::fs::read(&path).unwrap_or_default())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(written["future_option"], 3, "unknown members survive");
    }

    #[test]
    fn a_file_broken_since_it_was_read_is_kept_aside_before_changes_are_written() {
        let dir = temp();
        let mut store = SettingsStore::new(dir.path());
        let read = store.load().settings;
        std::fs::write(dir.path().join(SETTINGS_FILE_NAME), "{ broken").unwrap_or_default();
        let named = Settings {
            reviewer: "Ana".into(),
            ..read.clone()
        };
        let (written, kept) = store
            .save_changes(&read, &named)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(written, named);
        assert_eq!(kept, Some(dir.path().join("settings.json.bak")));
        assert_eq!(
            std::fs::read_to_string(dir.path().join("settings.json.bak")).unwrap_or_default(),
            "{ broken"
        );
    }

    #[test]
    fn a_wrong_value_is_named_by_its_member() {
        let dir = temp();
        std::fs::write(
            dir.path().join(SETTINGS_FILE_NAME),
            r#"{"theme": "purple", "rating_scale": []}"#,
        )
        .unwrap_or_default();
        let message = SettingsStore::new(dir.path())
            .load()
            .problem
            .map(|p| p.to_string())
            .unwrap_or_default();
        assert!(
            message.contains("theme: unknown variant `purple`"),
            "{message}"
        );
    }

    #[test]
    fn text_size_steps_stay_in_range_and_land_on_steps() {
        let mut settings = Settings {
            text_size_percent: 117,
            ..Settings::default()
        };
        assert!(settings.text_larger());
        assert_eq!(settings.text_size_percent, 130);
        settings.text_size_percent = 290;
        settings.text_larger();
        assert!(!settings.text_larger(), "at the largest size");
        assert_eq!(settings.text_size_percent, 300);
        settings.text_size_percent = 9_999;
        assert!((settings.zoom_factor() - 3.0).abs() < f32::EPSILON);
        assert!(settings.text_normal());
        for _ in 0..20 {
            settings.text_smaller();
        }
        assert_eq!(settings.text_size_percent, 50);
    }

    #[test]
    fn new_projects_take_the_scale_organisation_and_the_reviewer_as_author() {
        let mut scale = default_rating_scale();
        scale.truncate(2);
        let settings = Settings {
            reviewer: " Ana Reviewer ".into(),
            organisation: "Desk".into(),
            rating_scale: scale.clone(),
            ..Settings::default()
        };
        let mut project = Project::new("p".into());
        settings.apply_to_new_project(&mut project);
        assert_eq!(project.rating_scale, scale);
        assert_eq!(project.report.organisation, "Desk");
        assert_eq!(project.report.author, "Ana Reviewer");
        let signed = Settings {
            author: "The Desk".into(),
            ..settings
        };
        signed.apply_to_new_project(&mut project);
        assert_eq!(project.report.author, "The Desk");
    }
}
