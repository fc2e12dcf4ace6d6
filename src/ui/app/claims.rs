//! Claims and selection: edits applied to the project, claims made from the article, the selected
//! claim and moving between claims, undo and redo.

use chrono::Utc;

use super::FactdeskApp;
use crate::model::{ArticleId, Claim, ClaimField, ClaimId, Edit, Source, Status, TextAnchor};
use crate::ui::claim_editor::{explanation_field_id, source_url_field_id};

impl FactdeskApp {
    pub(super) fn apply(&mut self, edit: Edit, merge_key: Option<String>) {
        let removed_claim = match &edit {
            Edit::RemoveClaim(id) => Some(*id),
            _ => None,
        };
        let result = match merge_key {
            Some(key) => self.workspace.apply_merging(edit, key),
            None => self.workspace.apply(edit),
        };
        match result {
            Ok(()) => {
                if removed_claim.is_some() && removed_claim == self.selected {
                    self.selected = None;
                }
            }
            Err(e) => self.say(format!("Could not change the project: {e}"), true),
        }
    }

    pub(super) fn create_claim(&mut self, article_id: ArticleId, start: usize, end: usize) {
        let project = self.workspace.project();
        if let Some(existing) = project
            .claims
            .iter()
            .find(|c| c.article == article_id && c.anchor.start == start && c.anchor.end == end)
        {
            let id = existing.id;
            self.select_claim(id);
            return;
        }
        let Some(article) = project.article(article_id) else {
            return;
        };
        let Some(anchor) = TextAnchor::from_range(&article.text, start, end) else {
            self.say(
                "That selection is empty; drag over the words you want to mark.".into(),
                true,
            );
            return;
        };
        let mut claim = Claim::new(article_id, anchor, Utc::now());
        // Where the article came from is where its claims appeared, unless the user says otherwise.
        let address = article.meta.canonical_url.trim();
        if !address.is_empty() {
            claim.appearances = vec![address.to_owned()];
        }
        claim.claim_date = article.meta.published;
        let id = claim.id;
        let index = project.claims.len();
        self.apply(
            Edit::InsertClaim {
                index,
                claim: Box::new(claim),
            },
            None,
        );
        self.article_view.clear_selection();
        if self.workspace.project().claim(id).is_some() {
            self.selected = Some(id);
            self.claim_list.reveal_selected();
            let number = self.workspace.project().claim_number(id).unwrap_or(0);
            self.say(format!("Marked claim #{number}"), false);
        }
    }

    pub(super) fn select_claim(&mut self, id: ClaimId) {
        let Some(claim) = self.workspace.project().claim(id) else {
            return;
        };
        if self.current_article != Some(claim.article) {
            self.current_article = Some(claim.article);
            self.article_view.reset();
        }
        self.selected = Some(id);
        self.article_view.scroll_to(claim.anchor.start);
        self.claim_list.reveal_selected();
    }

    /// Turns the text selected in the article into a claim.
    pub(super) fn create_claim_from_selection(&mut self) {
        if let Some(article) = self.current_article
            && let Some(command) = self.article_view.take_selection_as_claim(article)
        {
            self.commands.push(command);
        }
    }

    /// Deletes the selected claim and selects its neighbour in the list.
    pub(super) fn delete_selected_claim(&mut self) {
        if let Some(id) = self.selected {
            let next = self
                .neighbour_claim(id, 1)
                .filter(|n| *n != id)
                .or_else(|| self.neighbour_claim(id, -1));
            self.apply(Edit::RemoveClaim(id), None);
            self.selected = next.filter(|n| *n != id);
        }
    }

    /// Clears the selected claim and the text selection.
    pub(super) fn clear_selection(&mut self) {
        self.selected = None;
        self.article_view.clear_selection();
    }

    /// Selects the claim `step` rows away in the list (the first or last when none is selected).
    pub(super) fn step_claim(&mut self, step: isize) {
        let target = match self.selected {
            Some(id) => self.neighbour_claim(id, step),
            None => {
                let visible = self
                    .claim_list
                    .visible_claims(self.workspace.project(), self.current_article);
                if step > 0 {
                    visible.first().copied()
                } else {
                    visible.last().copied()
                }
            }
        };
        if let Some(id) = target {
            self.select_claim(id);
        }
    }

    /// Shows another article of the project.
    pub(super) fn switch_article(&mut self, id: ArticleId) {
        if self.current_article != Some(id) {
            self.current_article = Some(id);
            self.selected = None;
            self.article_view.reset();
        }
    }

    pub(super) fn undo(&mut self) {
        let done = self.workspace.undo();
        self.after_history_move(done.map(|d| format!("Undid {d}")), "Nothing to undo");
    }

    pub(super) fn redo(&mut self) {
        let done = self.workspace.redo();
        self.after_history_move(done.map(|d| format!("Redid {d}")), "Nothing to redo");
    }

    /// The claim `step` rows away from `id` in the list as filtered, clamped to the ends.
    fn neighbour_claim(&self, id: ClaimId, step: isize) -> Option<ClaimId> {
        let visible = self
            .claim_list
            .visible_claims(self.workspace.project(), self.current_article);
        let index = visible.iter().position(|c| *c == id)?;
        let target = index
            .checked_add_signed(step)?
            .min(visible.len().saturating_sub(1));
        visible.get(target).copied()
    }

    pub(super) fn after_history_move(&mut self, done: Option<String>, nothing: &str) {
        let project = self.workspace.project();
        if self.selected.is_some_and(|id| project.claim(id).is_none()) {
            self.selected = None;
        }
        if self
            .current_article
            .is_none_or(|id| project.article(id).is_none())
        {
            self.current_article = project.articles.first().map(|a| a.id);
            self.article_view.reset();
        }
        self.say(done.unwrap_or_else(|| nothing.to_owned()), false);
    }

    /// Gives the selected claim the rating at place `number` of the scale (1 is the first), or no
    /// verdict for 0.
    pub(super) fn set_verdict_by_number(&mut self, number: u8) {
        let Some(id) = self.selected_or_say("press its rating's number") else {
            return;
        };
        let Some(claim) = self.workspace.project().claim(id) else {
            return;
        };
        let scale = &self.workspace.project().rating_scale;
        let verdict = match usize::from(number).checked_sub(1) {
            None => None,
            Some(index) => match scale.get(index) {
                Some(rating) => Some(rating.id.clone()),
                None => {
                    let message = format!(
                        "The rating scale has {} ratings; {number} is not one of them",
                        scale.len()
                    );
                    self.say(message, true);
                    return;
                }
            },
        };
        if claim.verdict != verdict {
            let now = Utc::now();
            self.apply_to_claim(id, ClaimField::verdict(verdict, now));
        }
    }

    /// Sets the selected claim's status.
    pub(super) fn set_status(&mut self, status: Status) {
        let Some(id) = self.selected_or_say("set its status") else {
            return;
        };
        if self
            .workspace
            .project()
            .claim(id)
            .is_some_and(|c| c.status != status)
        {
            self.apply_to_claim(id, ClaimField::status(status, Utc::now()));
        }
    }

    /// The selected claim, or `None` with a word in the status bar that one must be selected to
    /// `then`.
    fn selected_or_say(&mut self, then: &str) -> Option<ClaimId> {
        let id = self
            .selected
            .filter(|id| self.workspace.project().claim(*id).is_some());
        if id.is_none() {
            self.say(format!("Select a claim first, then {then}"), false);
        }
        id
    }

    fn apply_to_claim(&mut self, claim: ClaimId, field: ClaimField) {
        self.apply(
            Edit::SetClaimField {
                claim,
                field,
                at: Utc::now(),
            },
            None,
        );
    }

    /// Selects the next unchecked claim in the list after the selected one, going round to the top.
    pub(super) fn next_unchecked_claim(&mut self) {
        let project = self.workspace.project();
        let visible = self
            .claim_list
            .visible_claims(project, self.current_article);
        let after = self
            .selected
            .and_then(|id| visible.iter().position(|c| *c == id))
            .map_or(0, |i| i + 1);
        let unchecked = |id: &ClaimId| {
            project
                .claim(*id)
                .is_some_and(|c| c.status == Status::Unchecked)
        };
        let next = visible
            .iter()
            .skip(after)
            .chain(visible.iter().take(after))
            .copied()
            .find(|id| unchecked(id));
        match next {
            Some(id) => self.select_claim(id),
            None => self.say("No unchecked claim left in the list".into(), false),
        }
    }

    /// Adds an empty source to the selected claim and gives its URL field the keyboard.
    pub(super) fn add_source(&mut self, ctx: &egui::Context) {
        let Some(id) = self.selected_or_say("add its sources") else {
            return;
        };
        let Some(claim) = self.workspace.project().claim(id) else {
            return;
        };
        let source = Source::new(Utc::now().date_naive());
        let source_id = source.id;
        self.apply(
            Edit::InsertSource {
                claim: id,
                index: claim.sources.len(),
                source: Box::new(source),
                at: Utc::now(),
            },
            None,
        );
        let added = self
            .workspace
            .project()
            .claim(id)
            .is_some_and(|c| c.sources.iter().any(|s| s.id == source_id));
        if added {
            self.panels.claim_editor = true;
            // The field is drawn in the next frame; egui keeps a focus asked for before then.
            ctx.memory_mut(|m| m.request_focus(source_url_field_id(source_id)));
        }
    }

    /// Gives the selected claim's explanation field the keyboard.
    pub(super) fn focus_explanation(&mut self, ctx: &egui::Context) {
        if let Some(id) = self.selected_or_say("write its explanation") {
            self.panels.claim_editor = true;
            ctx.memory_mut(|m| m.request_focus(explanation_field_id(id)));
        }
    }

    /// Grows the article's selection from the keyboard cursor by a word, forwards or back.
    pub(super) fn grow_selection_by_word(&mut self, step: isize) {
        let project = self.workspace.project();
        if let Some(article) = self.current_article.and_then(|id| project.article(id)) {
            self.article_view
                .grow_selection_by_word(&article.text, step);
        }
    }
}
