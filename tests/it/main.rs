//! factdesk's integration tests, in one binary: the CLI run as a real process, the store on real
//! files, and the window driven headless through its accessibility tree.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod cli;
mod common;
mod crash;
mod fuzz;
mod generate;
mod hostile;
mod messages;
mod modes;
mod origin;
mod packaging;
mod properties;
mod recovery;
mod repair;
mod report;
mod scale;
mod schema;
mod settings;
mod store;
#[cfg(feature = "gui")]
mod ui;
#[cfg(feature = "gui")]
mod ui_accessibility;
#[cfg(feature = "gui")]
mod ui_actions;
#[cfg(feature = "gui")]
mod ui_extras;
#[cfg(feature = "gui")]
mod ui_find;
#[cfg(feature = "gui")]
mod ui_import;
#[cfg(feature = "gui")]
mod ui_interchange;
#[cfg(feature = "gui")]
mod ui_safety;
#[cfg(feature = "gui")]
mod ui_scale;
#[cfg(feature = "gui")]
mod ui_settings;
