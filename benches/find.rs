//! Find over a 5 MB text: War and Peace from the shared corpus, repeated to 5 MB.
//!
//! Run: `cargo bench --bench find`. Reads `../shared/corpus/long/war-and-peace.txt` relative to the
//! repository, or the path in `FACTDESK_LONG_TEXT`; skips with a message when neither exists.
//! Figures are recorded in docs/PERFORMANCE.md.
//!
//! `find/5MB` is what each change of the query costs once the article is prepared: a common word
//! ("the", some 60,000 matches) with the default options. `find-prepare/5MB` is the one pass that
//! folds the text, done once per article and set of case/diacritics options, off the window's thread.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use factdesk::model::find::{FindOptions, SearchText};

const FIVE_MB: usize = 5 * 1024 * 1024;

fn five_mb_text() -> Option<String> {
    let novel = common::long_text("find benchmarks")?;
    let mut text = String::with_capacity(FIVE_MB + novel.len());
    while text.len() < FIVE_MB {
        text.push_str(&novel);
        text.push('\n');
    }
    let mut cut = FIVE_MB;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text.truncate(cut);
    Some(text)
}

fn find_benches(c: &mut Criterion) {
    let Some(text) = five_mb_text() else { return };
    let options = FindOptions::default();
    let prepared = SearchText::new(&text, options.folding());
    let count = prepared.find(&text, "the", options).ranges.len();
    eprintln!("\"the\" occurs {count} times in the 5 MB text");

    let mut group = c.benchmark_group("find");
    group.sample_size(20);
    group.bench_function("5MB", |b| {
        b.iter(|| prepared.find(black_box(&text), black_box("the"), options))
    });
    let words = FindOptions {
        whole_words: true,
        ..options
    };
    // The first whole-word search finds the word boundaries; later ones reuse them.
    prepared.find(&text, "the", words);
    group.bench_function("5MB whole words", |b| {
        b.iter(|| prepared.find(black_box(&text), black_box("the"), words))
    });
    group.bench_function("5MB rare word", |b| {
        b.iter(|| prepared.find(black_box(&text), black_box("pávlovna"), options))
    });
    group.finish();

    let mut group = c.benchmark_group("find-prepare");
    group.sample_size(10);
    group.bench_function("5MB", |b| {
        b.iter(|| SearchText::new(black_box(&text), options.folding()))
    });
    group.finish();
}

criterion_group!(benches, find_benches);
criterion_main!(benches);
