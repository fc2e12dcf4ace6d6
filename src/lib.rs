//! factdesk: a fact-checking workbench.
//!
//! The crate is a library with a thin binary. [`model`] holds the project and every edit to it and knows
//! nothing of windows or files; [`store`], [`import`] and [`report`] read and write files over that model;
//! [`cli`] is the headless interface and `ui` (feature `gui`) the desktop window. Both interfaces drive the
//! same library code.

pub mod cli;
pub mod import;
pub mod model;
pub mod recovery;
pub mod report;
pub mod settings;
pub mod store;
#[cfg(feature = "gui")]
pub mod ui;

/// The sample article opened when factdesk starts without a file, so a first-time user sees it at work.
pub const SAMPLE_ARTICLE: &str = include_str!("../assets/sample-article.txt");

/// The file name the sample article is reported under.
pub const SAMPLE_ARTICLE_NAME: &str = "sample-article.txt";
