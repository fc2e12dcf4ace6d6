//! What the benchmarks share: the long text from the shared corpus.

use std::path::PathBuf;

/// The 3.2 MB novel (War and Peace) from `../shared/corpus/long/` relative to the repository, or the
/// file named by `FACTDESK_LONG_TEXT`; `None`, with a message naming `benchmarks`, when neither can be
/// read.
pub fn long_text(benchmarks: &str) -> Option<String> {
    let path = std::env::var_os("FACTDESK_LONG_TEXT")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../shared/corpus/long/war-and-peace.txt")
        });
    match std::fs::read_to_string(&path) {
        Ok(text) if !text.is_empty() => Some(text),
        Ok(_) => {
            eprintln!("skipping {benchmarks}: {} is empty", path.display());
            None
        }
        Err(e) => {
            eprintln!(
                "skipping {benchmarks}: cannot read {} ({e})",
                path.display()
            );
            None
        }
    }
}
