//! How factdesk copes with a long text: the 3.2 MB novel from the shared corpus (War and Peace), a
//! project holding it with 10,000 claims, and the window drawing it.
//!
//! Run: `cargo bench --bench long_article`. Reads `../shared/corpus/long/war-and-peace.txt` relative to
//! the repository, or the path in `FACTDESK_LONG_TEXT`; skips with a message when neither exists.
//! Figures are recorded in docs/PERFORMANCE.md.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::hint::black_box;

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use factdesk::model::{Article, Claim, Project, TextAnchor, text, validate};
use factdesk::store;

/// The novel as a project with a claim on every n-th sentence, 10,000 in all.
fn project_with_claims(text: &str) -> Project {
    let at = Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap();
    let article = Article::new("War and Peace".into(), text.to_owned(), None, at);
    let sentences = text::sentences(text);
    let step = (sentences.len() / 10_000).max(1);
    let index = text::CharIndex::new(text);
    let claims: Vec<Claim> = sentences
        .iter()
        .step_by(step)
        .take(10_000)
        .map(|s| {
            let quote = index.slice(text, s.clone()).unwrap().to_owned();
            let anchor = TextAnchor {
                start: s.start,
                end: s.end,
                quote,
                prefix: String::new(),
                suffix: String::new(),
                unknown: Default::default(),
            };
            Claim::new(article.id, anchor, at)
        })
        .collect();
    let mut project = Project::from_article(article);
    project.claims = claims;
    project
}

fn text_benches(c: &mut Criterion) {
    let Some(text) = common::long_text("long-article benchmarks") else {
        return;
    };
    let mut group = c.benchmark_group("war-and-peace");
    group.sample_size(10);
    group.bench_function("paragraphs", |b| {
        b.iter(|| text::paragraphs(black_box(&text)))
    });
    group.bench_function("sentences", |b| {
        b.iter(|| text::sentences(black_box(&text)))
    });
    group.bench_function("char index", |b| {
        b.iter(|| text::CharIndex::new(black_box(&text)))
    });

    let project = project_with_claims(&text);
    assert_eq!(project.claims.len(), 10_000);
    let bytes = store::to_bytes(&project).unwrap();
    group.bench_function("validate 10k claims", |b| {
        b.iter(|| validate(black_box(&project)))
    });
    group.bench_function("serialise 10k claims", |b| {
        b.iter(|| store::to_bytes(black_box(&project)).unwrap())
    });
    group.bench_function("load 10k claims", |b| {
        b.iter(|| store::from_bytes(black_box(&bytes)).unwrap())
    });
    // The same project as format 1 wrote it, to time the migration path (a second reading as a
    // value, the migration, then reading the value into the model).
    let mut v1: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    v1["schema_version"] = 1.into();
    for claim in v1["claims"].as_array_mut().unwrap() {
        let claim = claim.as_object_mut().unwrap();
        claim.remove("appearances");
        claim.insert("appearance".into(), "".into());
    }
    let v1_bytes = serde_json::to_vec_pretty(&v1).unwrap();
    group.bench_function("load 10k claims from format 1 (migrated)", |b| {
        b.iter(|| store::from_bytes(black_box(&v1_bytes)).unwrap())
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("novel.factdesk.json");
    group.bench_function("save 10k claims (atomic, fsync)", |b| {
        b.iter(|| store::save(black_box(&project), &path).unwrap())
    });
    // The only part of a save the window waits for: the rest runs on a worker thread.
    group.bench_function("copy 10k claims for a background save", |b| {
        b.iter(|| black_box(&project).clone())
    });
    group.finish();
}

#[cfg(feature = "gui")]
fn window_benches(c: &mut Criterion) {
    use egui::{Event, Modifiers, MouseWheelSource, MouseWheelUnit, Pos2, TouchPhase, Vec2};
    use egui_kittest::Harness;
    use factdesk::model::Workspace;
    use factdesk::ui::{FactdeskApp, Startup};

    let Some(text) = common::long_text("long-article benchmarks") else {
        return;
    };
    let project = project_with_claims(&text);
    let mut group = c.benchmark_group("window");
    group.sample_size(20);

    let open = |project: Project| {
        let app =
            FactdeskApp::with_startup(Startup::Workspace(Box::new(Workspace::new(project, None))));
        Harness::builder()
            .with_size(Vec2::new(1280.0, 800.0))
            .with_max_steps(1000)
            .build_ui_state(|ui, app: &mut FactdeskApp| app.show(ui), app)
    };
    group.bench_function("open novel with 10k claims (first frame)", |b| {
        b.iter_batched(
            || project.clone(),
            |p| open(p).step(),
            criterion::BatchSize::LargeInput,
        )
    });

    let mut harness = open(project.clone());
    harness.run();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("novel.factdesk.json");
    let finish_saving = |harness: &mut Harness<'_, FactdeskApp>| {
        while harness.state().is_saving() {
            std::thread::sleep(std::time::Duration::from_millis(5));
            harness.step();
        }
    };
    // Timed: the frame in which Save starts (the copy of the project plus drawing); not timed: the
    // writing on the worker thread, which is waited for between frames.
    group.bench_function("frame that starts saving novel with 10k claims", |b| {
        b.iter_custom(|iterations| {
            let mut total = std::time::Duration::ZERO;
            for _ in 0..iterations {
                finish_saving(&mut harness);
                let started = std::time::Instant::now();
                harness
                    .state_mut()
                    .push_command(factdesk::ui::AppCommand::SaveTo(path.clone()));
                harness.step();
                total += started.elapsed();
                assert!(harness.state().is_saving());
            }
            total
        })
    });
    finish_saving(&mut harness);
    group.bench_function("frame while scrolling novel with 10k claims", |b| {
        b.iter(|| {
            harness.hover_at(Pos2::new(300.0, 400.0));
            harness.event(Event::MouseWheel {
                unit: MouseWheelUnit::Page,
                delta: Vec2::new(0.0, -1.0),
                phase: TouchPhase::Move,
                source: MouseWheelSource::Unknown,
                modifiers: Modifiers::NONE,
            });
            harness.step();
        })
    });
    group.finish();
}

#[cfg(not(feature = "gui"))]
fn window_benches(_c: &mut Criterion) {}

criterion_group!(benches, text_benches, window_benches);
criterion_main!(benches);
