//! Rating scales through the real binary: every preset saves and validates, and importing
//! ClaimReview onto a scale says which published verdicts it could not map.

use std::path::{Path, PathBuf};

use factdesk::model::{Project, ScalePreset};

use crate::cli::{factdesk, stderr};
use crate::common::{path_in, sample_project, temp_dir};

/// The feed of three reviews: "Pants on Fire" twice (no number), "False" (1 of 1..5).
pub(crate) fn unmapped_feed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/claimreview-unmapped.jsonld")
}

/// Imports [`unmapped_feed`] with the binary into a new project on `preset`; returns the folder,
/// what the binary said on stderr and the project it saved.
fn import_onto(preset: ScalePreset) -> (tempfile::TempDir, String, Project) {
    let dir = temp_dir();
    let mut project = Project::new("Desk".into());
    project.rating_scale = preset.ratings();
    factdesk::store::save(&project, &path_in(dir.path(), "p.factdesk.json")).unwrap();
    let feed = unmapped_feed();
    let out = factdesk(
        &[
            "import-claimreview",
            feed.to_str().unwrap(),
            "--into",
            "p.factdesk.json",
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let project = factdesk::store::load(&dir.path().join("p.factdesk.json")).unwrap();
    (dir, stderr(&out), project)
}

#[test]
fn a_project_on_every_preset_saves_reloads_and_validates() {
    let dir = temp_dir();
    for preset in ScalePreset::ALL {
        let mut project = sample_project();
        let mapping = project.proposed_mapping(&preset.ratings());
        let mapping = mapping.into_keys().map(|old| (old, None)).collect();
        let edit = project
            .replace_scale_edit(preset.ratings(), &mapping, crate::common::fixed_time())
            .unwrap();
        project.apply(edit).unwrap();
        let path = path_in(dir.path(), "p.factdesk.json");
        factdesk::store::save(&project, &path).unwrap();
        assert_eq!(factdesk::store::load(&path).unwrap(), project, "{preset:?}");
        let out = factdesk(&["validate", "p.factdesk.json"], dir.path());
        assert!(out.status.success(), "{preset:?}: {}", stderr(&out));
    }
}

#[test]
fn import_onto_three_levels_names_the_verdicts_it_could_not_map() {
    let (_dir, err, project) = import_onto(ScalePreset::ThreeLevel);
    assert!(
        err.contains("fit no rating of the project's scale")
            && err.contains("\"Pants on Fire\" (2 reviews)"),
        "{err}"
    );
    assert!(
        !err.contains("\"False\" ("),
        "False is on three levels: {err}"
    );
    let verdicts: Vec<_> = project
        .claims
        .iter()
        .map(|c| c.verdict.as_deref())
        .collect();
    assert_eq!(verdicts, [None, None, Some("false")]);
}

#[test]
fn import_onto_explanation_only_keeps_explanations_and_says_no_verdict_came_in() {
    let (dir, err, project) = import_onto(ScalePreset::ExplanationOnly);
    assert!(
        err.contains("Explanation only")
            && err.contains("\"Pants on Fire\" (2 reviews), \"False\" (1 review)"),
        "{err}"
    );
    // One note for the whole file, not one per review.
    assert_eq!(err.matches("not on your rating scale").count(), 0, "{err}");
    assert!(project.claims.iter().all(|c| c.verdict.is_none()));
    assert_eq!(
        project.claims[0].explanation,
        "The city paid for the access roads and the land."
    );

    // Exported again, the explained claim is a review with its explanation and no numbers.
    let out = factdesk(
        &[
            "export",
            "p.factdesk.json",
            "--format",
            "claimreview",
            "-o",
            "r.jsonld",
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("r.jsonld")).unwrap()).unwrap();
    let graph = json["@graph"].as_array().unwrap();
    assert_eq!(graph.len(), 1, "{json:#}");
    assert_eq!(
        graph[0]["reviewRating"],
        serde_json::json!({"@type": "Rating", "alternateName": "The city paid for the access roads and the land."})
    );
}
