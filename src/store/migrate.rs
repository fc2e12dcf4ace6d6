//! Migrations of project files written by an older factdesk to the current format, one function per
//! version bump, run in order over the file's JSON before it is read into the model.
//!
//! A step sees the file as the older factdesk wrote it (already checked for repeated members) and must
//! leave it as the next version would have written it, setting `schema_version` to that version.
//! Values a step does not recognise (a claim that is not an object, say) are left alone for the reader
//! to refuse with its own path; a step fails only where the older format itself would have refused the
//! file. Errors carry an empty path; the loader fills it in.
//!
//! Adding a version: bump [`SCHEMA_VERSION`], write `vN_to_vN+1` below, append it to [`STEPS`], add
//! `tests/data/schema/vN+1/` fixtures, and describe the change in docs/FORMAT.md ("Versions").

use serde_json::Value;

use super::StoreError;
use crate::model::SCHEMA_VERSION;

/// One migration step: a file of version N in, the same file as version N + 1 out.
type Step = fn(Value) -> Result<Value, StoreError>;

/// `STEPS[i]` turns a file of version `i + 1` into one of version `i + 2`.
const STEPS: [Step; 2] = [v1_to_v2, v2_to_v3];

// One step per version bump, so a file of any older version reaches the current one.
const _: () = assert!(STEPS.len() + 1 == SCHEMA_VERSION as usize);

/// `project`, the JSON of a project file of format version `from`, migrated step by step to the
/// current [`SCHEMA_VERSION`]. A file of the current version comes back unchanged.
///
/// Version 0 was never written by factdesk and is refused as not a project; a version newer than this
/// factdesk reads is refused with [`StoreError::NewerVersion`].
pub fn migrate(mut project: Value, from: u64) -> Result<Value, StoreError> {
    if from == 0 {
        return Err(shape(
            "schema_version",
            "is 0, a version no factdesk writes (the first is 1), so this is not a factdesk project \
             or its version was edited; if it was, set it back to the version that wrote the file"
                .into(),
        ));
    }
    if from > u64::from(SCHEMA_VERSION) {
        return Err(StoreError::NewerVersion {
            path: std::path::PathBuf::new(),
            version: from,
        });
    }
    let already_done = usize::try_from(from - 1).unwrap_or(usize::MAX);
    for step in STEPS.iter().skip(already_done) {
        project = step(project)?;
    }
    Ok(project)
}

/// Version 2 lets a claim have several appearances: the string `appearance` becomes the list
/// `appearances`. An empty or blank appearance becomes `[]`, any other `["that appearance"]`, as typed.
fn v1_to_v2(mut project: Value) -> Result<Value, StoreError> {
    if let Some(claims) = project.get_mut("claims").and_then(Value::as_array_mut) {
        for (i, claim) in claims.iter_mut().enumerate() {
            let Some(claim) = claim.as_object_mut() else {
                continue;
            };
            if claim.contains_key("appearances") {
                // Format 1 has no such member, so factdesk 1 kept it nowhere; rather than overwrite
                // what another tool put there, ask which one is meant.
                return Err(shape(
                    &format!("claims[{i}].appearances"),
                    "is not a member of format 1, which this file says it is, and format 2 makes \
                     it from \"appearance\"; remove one of the two"
                        .into(),
                ));
            }
            let appearances = match claim.remove("appearance") {
                None => Vec::new(),
                Some(Value::String(s)) if s.trim().is_empty() => Vec::new(),
                Some(Value::String(s)) => vec![Value::String(s)],
                Some(other) => {
                    return Err(shape(
                        &format!("claims[{i}].appearance"),
                        format!(
                            "expected text (an outlet name or URL), but found {}",
                            super::explain::describe(&other)
                        ),
                    ));
                }
            };
            claim.insert("appearances".into(), Value::Array(appearances));
        }
    }
    set_version(&mut project, 2);
    Ok(project)
}

/// Version 3 records an article's `origin` relative to the project file's folder (else as a file name)
/// rather than as an absolute path, and adds members whose defaults say what version 2 meant: a
/// claim's `claimant_kind` (`person`, as every ClaimReview export said) and the report settings'
/// `published` (none).
///
/// A claim with a verdict gets its `modified` as `verdict_given`: version 2 did not record when a
/// verdict was set, and the last change of the claim is the latest it can have been. Freezing it here,
/// once, keeps the review's published date from moving with every later edit of notes or sources.
///
/// Making an origin relative needs the folder the file is read from, which this step does not know:
/// the loader does it ([`super::origin`]), for every file this step migrated.
fn v2_to_v3(mut project: Value) -> Result<Value, StoreError> {
    if let Some(claims) = project.get_mut("claims").and_then(Value::as_array_mut) {
        for claim in claims.iter_mut().filter_map(Value::as_object_mut) {
            let has_verdict = claim.get("verdict").is_some_and(|v| !v.is_null());
            let given_unknown = claim.get("verdict_given").is_none_or(Value::is_null);
            if !(has_verdict && given_unknown) {
                continue;
            }
            // A `modified` that is not a timestamp is left for the reader to refuse with its path.
            if let Some(modified) = claim.get("modified").cloned() {
                claim.insert("verdict_given".into(), modified);
            }
        }
    }
    set_version(&mut project, 3);
    Ok(project)
}

/// Sets the file's `schema_version` to `version`.
fn set_version(project: &mut Value, version: u32) {
    if let Some(object) = project.as_object_mut() {
        object.insert("schema_version".into(), Value::from(version));
    }
}

fn shape(field: &str, message: String) -> StoreError {
    StoreError::Shape {
        path: std::path::PathBuf::new(),
        field: field.to_owned(),
        message,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn v1_with_claims(claims: Value) -> Value {
        json!({"schema_version": 1, "title": "", "articles": [], "claims": claims, "rating_scale": []})
    }

    #[test]
    fn v1_appearance_becomes_a_list() {
        let v1 = v1_with_claims(json!([
            {"id": "a", "appearance": "Twitter (@PressSec)"},
            {"id": "b", "appearance": ""},
            {"id": "c"},
            {"id": "d", "appearance": "  "},
            "not a claim",
        ]));
        let v2 = migrate(v1, 1).unwrap();
        assert_eq!(v2["schema_version"], 3);
        let appearances: Vec<&Value> = v2["claims"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| &c["appearances"])
            .collect();
        assert_eq!(
            appearances,
            [
                &json!(["Twitter (@PressSec)"]),
                &json!([]),
                &json!([]),
                &json!([]),
                &Value::Null
            ]
        );
        assert!(v2["claims"][0].get("appearance").is_none());
    }

    #[test]
    fn the_current_version_is_left_as_it_is() {
        let v3 = json!({"schema_version": 3, "claims": [{"appearances": ["x"], "appearance": 1}]});
        assert_eq!(migrate(v3.clone(), 3).unwrap(), v3);
    }

    #[test]
    fn v2_becomes_v3_with_its_members_as_they_were() {
        let v2 =
            json!({"schema_version": 2, "claims": [{"appearances": ["x"], "claimant": "IJR"}]});
        let v3 = migrate(v2, 2).unwrap();
        assert_eq!(
            v3,
            json!({"schema_version": 3, "claims": [{"appearances": ["x"], "claimant": "IJR"}]})
        );
    }

    #[test]
    fn a_verdict_of_format_2_is_dated_by_the_claims_last_change_once() {
        let v2 = json!({"schema_version": 2, "claims": [
            {"id": "a", "verdict": "false", "modified": "2026-03-02T10:00:00Z"},
            {"id": "b", "verdict": null, "modified": "2026-03-02T11:00:00Z"},
            {"id": "c", "modified": "2026-03-02T12:00:00Z"},
        ]});
        let v3 = migrate(v2, 2).unwrap();
        let given: Vec<Option<&Value>> = v3["claims"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.get("verdict_given"))
            .collect();
        assert_eq!(given, [Some(&json!("2026-03-02T10:00:00Z")), None, None]);
    }

    #[test]
    fn what_format_1_refused_is_refused_with_its_path() {
        let err = migrate(v1_with_claims(json!([{"appearance": null}])), 1).unwrap_err();
        assert!(
            matches!(&err, StoreError::Shape { field, .. } if field == "claims[0].appearance"),
            "{err:?}"
        );
        let err = migrate(
            v1_with_claims(json!([{}, {"appearance": "a", "appearances": ["b"]}])),
            1,
        )
        .unwrap_err();
        assert!(
            matches!(&err, StoreError::Shape { field, .. } if field == "claims[1].appearances"),
            "{err:?}"
        );
    }

    #[test]
    fn version_0_and_newer_versions_are_refused() {
        let err = migrate(v1_with_claims(json!([])), 0).unwrap_err();
        assert!(err.to_string().contains("is 0"), "{err}");
        let err = migrate(v1_with_claims(json!([])), 4).unwrap_err();
        assert!(matches!(err, StoreError::NewerVersion { version: 4, .. }));
    }
}
