//! Project › Rating scale…: editing ratings one undo step at a time, presets with the mapping of
//! given verdicts, Explanation only, and the contrast warning.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use factdesk::model::{ClaimField, Edit, ScalePreset, Workspace};
use factdesk::ui::{Action, AppCommand, Dialog, FactdeskApp, Startup};

use crate::common::{fixed_time, sample_project};
use crate::ui::{click_label, harness, press, project_of, type_into};

/// The window over the sample project (claim 1 rated Mostly true, claim 2 unrated) with the scale
/// editor open.
fn editor_over(workspace: Workspace) -> Harness<'static, FactdeskApp> {
    let mut harness = harness(Startup::Workspace(Box::new(workspace)));
    harness
        .state_mut()
        .push_command(AppCommand::Action(Action::RatingScale));
    harness.run();
    assert!(harness.state().scale_editor().is_open());
    harness
}

fn undo(harness: &mut Harness<'_, FactdeskApp>) {
    harness
        .state_mut()
        .push_command(AppCommand::Action(Action::Undo));
    harness.run();
}

/// Replaces the text of the field labelled `label` with `text`, then leaves the field.
fn retype(harness: &mut Harness<'_, FactdeskApp>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run();
    press(harness, Modifiers::COMMAND, Key::A);
    type_into(harness, label, text);
    press(harness, Modifiers::NONE, Key::Tab);
}

#[test]
fn each_change_in_the_editor_is_one_undo_step() {
    let mut harness = editor_over(Workspace::new(sample_project(), None));
    let original = project_of(&harness).rating_scale.clone();

    click_label(&mut harness, "Add rating");
    let scale = &project_of(&harness).rating_scale;
    assert_eq!(scale.len(), original.len() + 1);
    assert_eq!(scale[6].label, "New rating");
    undo(&mut harness);
    assert_eq!(project_of(&harness).rating_scale, original);

    // Typing a new label is one step however many letters it takes.
    retype(&mut harness, "Rating 1 label", "Correct");
    assert_eq!(project_of(&harness).rating_scale[0].label, "Correct");
    assert_eq!(project_of(&harness).rating_scale[0].id, "true");
    undo(&mut harness);
    assert_eq!(project_of(&harness).rating_scale, original);

    retype(&mut harness, "Rating 3 colour as #rrggbb", "#0055AA");
    assert_eq!(project_of(&harness).rating_scale[2].color, "#0055aa");
    undo(&mut harness);
    assert_eq!(project_of(&harness).rating_scale, original);

    retype(&mut harness, "Rating 6 value", "-2");
    assert_eq!(project_of(&harness).rating_scale[5].value, -2);
    undo(&mut harness);
    assert_eq!(project_of(&harness).rating_scale, original);

    click_label(&mut harness, "Move rating 1 down");
    let ids: Vec<_> = project_of(&harness)
        .rating_scale
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(ids[..2], ["mostly-true", "true"]);
    undo(&mut harness);
    assert_eq!(project_of(&harness).rating_scale, original);

    // Half true is on no claim: it goes at once.
    click_label(&mut harness, "Remove rating 3");
    assert!(project_of(&harness).rating("half-true").is_none());
    assert!(!harness.state().scale_editor().is_mapping());
    undo(&mut harness);
    assert_eq!(project_of(&harness).rating_scale, original);
}

#[test]
fn a_pale_colour_is_warned_about_and_the_warning_goes_with_it() {
    // Opened as a user does, from the Project menu.
    let mut harness = harness(Startup::Workspace(Box::new(Workspace::new(
        sample_project(),
        None,
    ))));
    assert!(!harness.state().scale_editor().is_open());
    click_label(&mut harness, "Project");
    click_label(&mut harness, "Rating scale…");
    assert!(harness.state().scale_editor().is_open());
    assert!(harness.query_by_label_contains("below the 4.5:1").is_none());
    retype(&mut harness, "Rating 2 colour as #rrggbb", "#ffffcc");
    let warning = harness.get_by_label_contains("below the 4.5:1");
    let text = format!("{warning:?}");
    assert!(
        text.contains("Rating 2") && text.contains("dark theme"),
        "{text}"
    );
    undo(&mut harness);
    assert!(harness.query_by_label_contains("below the 4.5:1").is_none());
}

#[test]
fn a_preset_over_given_verdicts_asks_for_the_mapping_and_one_undo_restores_everything() {
    let mut workspace = Workspace::new(sample_project(), None);
    let second = workspace.project().claims[1].id;
    workspace
        .apply(Edit::SetClaimField {
            claim: second,
            field: ClaimField::verdict(Some("false".into()), fixed_time()),
            at: fixed_time(),
        })
        .unwrap();
    let before = workspace.project().clone();
    let mut harness = editor_over(workspace);

    click_label(&mut harness, "Presets");
    click_label(&mut harness, ScalePreset::ThreeLevel.name());
    assert!(harness.state().scale_editor().is_mapping());
    // Nothing changes before the user confirms.
    assert_eq!(*project_of(&harness), before);
    // "False" keeps its id on three levels; "Mostly true" has no counterpart and is chosen by hand.
    harness.get_by_label_contains("“False” (1 claim)");
    click_label(&mut harness, "New verdict for “Mostly true”");
    click_label(&mut harness, "“Mostly true” becomes “True”");
    click_label(&mut harness, "Apply new scale");

    let project = project_of(&harness);
    assert_eq!(project.rating_scale, ScalePreset::ThreeLevel.ratings());
    assert_eq!(project.claims[0].verdict.as_deref(), Some("true"));
    assert_eq!(project.claims[1].verdict.as_deref(), Some("false"));
    assert_eq!(
        project.claims[0].verdict_given,
        before.claims[0].verdict_given
    );
    assert!(!harness.state().scale_editor().is_mapping());

    undo(&mut harness);
    assert_eq!(*project_of(&harness), before);
}

#[test]
fn removing_a_rating_in_use_goes_through_the_mapping_and_cancel_changes_nothing() {
    let mut harness = editor_over(Workspace::new(sample_project(), None));
    let before = project_of(&harness).clone();
    click_label(&mut harness, "Remove rating 2");
    assert!(harness.state().scale_editor().is_mapping());
    click_label(&mut harness, "Cancel");
    assert!(!harness.state().scale_editor().is_mapping());
    assert_eq!(*project_of(&harness), before);

    click_label(&mut harness, "Remove rating 2");
    // The removed rating has nowhere to go by itself: it starts as "No verdict", said in words.
    harness.get_by_label_contains("1 claim will have no verdict");
    click_label(&mut harness, "Apply new scale");
    let project = project_of(&harness);
    assert!(project.rating("mostly-true").is_none());
    assert_eq!(project.claims[0].verdict, None);
    assert_eq!(project.claims[0].verdict_given, None);
    undo(&mut harness);
    assert_eq!(*project_of(&harness), before);
}

#[test]
fn explanation_only_hides_the_verdict_row_of_the_claim_editor_and_the_verdict_filter() {
    let mut harness = editor_over(Workspace::new(sample_project(), None));
    let second = project_of(&harness).claims[1].id;
    harness
        .state_mut()
        .push_command(AppCommand::SelectClaim(second));
    harness.run();
    assert!(harness.query_by_label("Verdict").is_some());
    assert!(harness.query_by_label("Verdict filter").is_some());

    click_label(&mut harness, "Presets");
    click_label(&mut harness, ScalePreset::ExplanationOnly.name());
    // Claim 1's Mostly true has nowhere to go on an empty scale.
    assert!(harness.state().scale_editor().is_mapping());
    click_label(&mut harness, "Apply new scale");
    assert!(project_of(&harness).rating_scale.is_empty());
    assert!(
        project_of(&harness)
            .claims
            .iter()
            .all(|c| c.verdict.is_none())
    );
    harness.get_by_label_contains("Explanation only: claims carry no rating");
    assert!(harness.query_by_label("Verdict").is_none());
    // Nor does the claim list offer to filter by a verdict no claim can have.
    assert!(harness.query_by_label("Verdict filter").is_none());
    harness.get_by_label("Explanation");
}

#[test]
fn importing_claimreview_in_the_window_names_the_verdicts_the_scale_lacks() {
    let mut project = sample_project();
    let mapping = project
        .proposed_mapping(&ScalePreset::ThreeLevel.ratings())
        .into_keys()
        .map(|old| (old, None))
        .collect();
    let edit = project
        .replace_scale_edit(ScalePreset::ThreeLevel.ratings(), &mapping, fixed_time())
        .unwrap();
    project.apply(edit).unwrap();
    let mut harness = harness(Startup::Workspace(Box::new(Workspace::new(project, None))));
    harness
        .state_mut()
        .import_claimreview(&crate::scale::unmapped_feed());
    harness.run();
    let Some(Dialog::Notice { message, .. }) = harness.state().dialog() else {
        panic!("no notice: {:?}", harness.state().dialog());
    };
    assert!(
        message.contains("\"Pants on Fire\" (2 reviews)"),
        "{message}"
    );
    harness.get_by_label_contains("fit no rating of the project's scale");
}
