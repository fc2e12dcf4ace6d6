//! The project model: articles, claims, sources, verdicts, and the edits that change them.
//!
//! Nothing here touches egui or the file system. Every change to a [`Project`] goes through
//! [`Project::apply`], which returns the inverse edit; [`Workspace`] records those pairs for undo and redo.
//!
//! Offsets: claim spans count Unicode scalar values (chars) into the article text, in memory as in the
//! file. egui's text cursors count chars too, so the window, the file and the model share one unit and
//! nothing converts between them; [`text::CharIndex`] makes char-to-byte slicing cheap where it matters.

mod article;
mod claim;
mod date;
mod edit;
pub mod find;
mod history;
mod ids;
mod project;
pub mod repair;
mod scale;
pub mod text;
mod unknown;
mod validate;
mod verdict;
mod workspace;

pub use article::{Article, ArticleMeta, Block, is_web_address, sha256_hex};
pub use claim::{CONTEXT_CHARS, Claim, ClaimantKind, Source, Stance, Status, TextAnchor};
pub use date::{DATE_EXAMPLE, parse_date};
pub use edit::{ClaimField, Edit, EditError};
pub use history::History;
pub use ids::{ArticleId, ClaimId, SourceId};
pub use project::{Project, ReportSettings, SCHEMA_VERSION};
pub use scale::{RatingField, ScaleMapping, VerdictState, check_scale, new_rating};
pub use unknown::UnknownMembers;
pub(crate) use unknown::{StrictValue, member_path};
pub(crate) use validate::quoted;
pub use validate::{Problem, validate};
pub use verdict::{
    Rating, ScalePreset, contrast_ratio, default_rating_scale, parse_hex_color, relative_luminance,
};
pub use workspace::Workspace;
