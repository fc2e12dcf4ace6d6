//! The article text with claim highlights: click a sentence to mark it, drag to mark any span, click a
//! highlight to select its claim.
//!
//! Long texts stay fast: paragraphs are laid out only when visible, and the height of the rest is
//! estimated until they are first shown. Hit-testing uses the layout of the previous frame, which is what
//! the user saw when they clicked.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use egui::{Align2, Color32, CursorIcon, Galley, Pos2, Rect, Sense, Ui, Vec2, pos2, vec2};

use super::article_cursor::KeyboardCursor;
use super::command::{Action, AppCommand};
use super::shortcuts::shortcut_label_in;
use super::theme;
use crate::model::text::{CharIndex, sentence_at, sentences_in};
use crate::model::{Article, ArticleId, ClaimId, Project};

mod paint;

use paint::{HighlightState, matches_in, paint_badges, paint_match_frames, paragraph_job};

/// A paragraph as it was drawn in the last frame.
#[derive(Clone)]
struct PlacedParagraph {
    chars: Range<usize>,
    /// Screen position of the galley's top-left corner.
    origin: Pos2,
    galley: Arc<Galley>,
}

impl PlacedParagraph {
    fn rect(&self) -> Rect {
        Rect::from_min_size(self.origin, self.galley.size())
    }
}

/// Per-article layout facts that do not change from frame to frame.
struct ArticleLayout {
    article: ArticleId,
    paragraphs: Vec<Range<usize>>,
    /// Heading level of each paragraph, `None` for body text.
    headings: Vec<Option<u8>>,
    sentences: Vec<Range<usize>>,
    char_index: CharIndex,
    /// Wrap width the heights below were measured at.
    width: f32,
    /// Height of each paragraph: measured once it was laid out, estimated before.
    heights: Vec<f32>,
}

/// A claim as the article view draws it.
struct DrawnClaim {
    id: ClaimId,
    range: Range<usize>,
    color: Color32,
    number: usize,
    rated: bool,
}

/// Find matches to draw over the text, as the find bar passes them in.
#[derive(Clone, Debug, Default)]
pub struct FindLayer {
    /// The article the matches are in.
    pub article: Option<ArticleId>,
    /// Char ranges of the matches, in order and not overlapping.
    pub matches: Arc<Vec<Range<usize>>>,
    /// Index of the current match in `matches`.
    pub current: Option<usize>,
}

/// State of the article view between frames.
#[derive(Default)]
pub struct ArticleView {
    layout: Option<ArticleLayout>,
    placed: Vec<PlacedParagraph>,
    drag_anchor: Option<usize>,
    selection: Option<Range<usize>>,
    scroll_to_char: Option<usize>,
    viewport_height: f32,
    context_char: Option<usize>,
    /// Screen rectangle the text was visible in during the last frame.
    visible_rect: Option<Rect>,
    find: FindLayer,
    focus_requested: bool,
    /// The keyboard's sentence cursor and the selection it grew.
    cursor: KeyboardCursor,
}

/// What the buttons that mark the selected text say; the action they share with Enter is named for
/// the cursor's sentence too.
const CLAIM_FROM_SELECTION: &str = "Create claim from selection";

/// Vertical padding above the first and below the last paragraph.
const TOP_PADDING: f32 = 24.0;

impl ArticleView {
    /// The selected text range (chars), if the user has dragged over text.
    pub fn selection(&self) -> Option<Range<usize>> {
        self.selection.clone()
    }

    /// Forgets the text selection.
    pub fn clear_selection(&mut self) {
        self.selection = None;
        self.drag_anchor = None;
    }

    /// Scrolls so that char `at` is in view on the next frame.
    pub fn scroll_to(&mut self, at: usize) {
        self.scroll_to_char = Some(at);
    }

    /// Draws find matches over the text from the next frame on (an empty layer draws none).
    pub fn set_find_layer(&mut self, layer: FindLayer) {
        self.find = layer;
    }

    /// Gives the article the keyboard focus on the next frame (when the find bar closes).
    pub fn request_focus(&mut self) {
        self.focus_requested = true;
    }

    /// Forgets everything tied to the shown article (after opening another project).
    pub fn reset(&mut self) {
        *self = Self::default();
    }

    /// Where char `at` of the shown article was drawn in the last frame (the middle of its glyph), if it
    /// was visible. Lets tests and tooltips point at text.
    pub fn screen_pos_of_char(&self, at: usize) -> Option<Pos2> {
        self.char_center(at)
            .filter(|p| self.visible_rect.is_some_and(|r| r.contains(*p)))
    }

    fn char_center(&self, at: usize) -> Option<Pos2> {
        let placed = self.placed.iter().find(|p| p.chars.contains(&at))?;
        let local = at - placed.chars.start;
        let mut row_start = 0;
        for row in &placed.galley.rows {
            let count = row.glyphs.len();
            if local < row_start + count {
                let glyph = row.glyphs.get(local - row_start)?;
                let center = row.pos + glyph.pos.to_vec2() + vec2(glyph.advance_width / 2.0, 0.0);
                let y = placed.origin.y + row.pos.y + row.size.y / 2.0;
                return Some(pos2(placed.origin.x + center.x, y));
            }
            row_start += count + usize::from(row.ends_with_newline);
        }
        None
    }

    /// Where the boundary before char `at` was drawn in the last frame (middle of its row), if visible:
    /// dragging from one boundary to another selects exactly the chars between.
    pub fn screen_pos_of_boundary(&self, at: usize) -> Option<Pos2> {
        let (origin, rect) = HitTester {
            placed: &self.placed,
        }
        .boundary_rect(at)?;
        Some(origin + rect.center().to_vec2())
            .filter(|p| self.visible_rect.is_some_and(|r| r.contains(*p)))
    }

    /// Draws `article` with the claims of `project` marked in it and pushes what the user asks for.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        article: &Article,
        selected: Option<ClaimId>,
        numbers: &HashMap<ClaimId, usize>,
        commands: &mut Vec<AppCommand>,
    ) {
        if self.layout.as_ref().is_none_or(|l| l.article != article.id) {
            // What was asked for the article about to be shown (a scroll to a find match) survives.
            let asked = (
                self.scroll_to_char.take(),
                std::mem::take(&mut self.find),
                self.focus_requested,
            );
            self.reset();
            (self.scroll_to_char, self.find, self.focus_requested) = asked;
            // Paragraphs of a long plain text take a scan of it to find; find them once.
            let paragraphs = article.paragraph_ranges();
            self.layout = Some(ArticleLayout {
                article: article.id,
                sentences: sentences_in(&article.text, &paragraphs),
                headings: heading_levels(article, paragraphs.len()),
                paragraphs,
                char_index: CharIndex::new(&article.text),
                width: 0.0,
                heights: Vec::new(),
            });
        }
        let Some(layout) = self.layout.as_mut() else {
            return;
        };

        let claims: Vec<DrawnClaim> = project
            .claims_in_reading_order(article.id)
            .into_iter()
            .map(|c| {
                let rating = project.verdict_of(c);
                DrawnClaim {
                    id: c.id,
                    range: c.anchor.range(),
                    color: theme::verdict_color(rating),
                    number: numbers.get(&c.id).copied().unwrap_or(0),
                    rated: rating.is_some(),
                }
            })
            .collect();

        let line_height = theme::ARTICLE_FONT_SIZE * (1.0 + theme::ARTICLE_LINE_SPACING);
        let (_, text_width) = theme::reading_column(ui.ctx(), ui.available_width());
        if (layout.width - text_width).abs() > 0.5
            || layout.heights.len() != layout.paragraphs.len()
        {
            layout.width = text_width;
            let chars_per_row = (text_width / (theme::ARTICLE_FONT_SIZE * 0.48)).max(1.0);
            layout.heights = layout
                .paragraphs
                .iter()
                .map(|p| ((p.len() as f32 / chars_per_row).ceil().max(1.0)) * line_height)
                .collect();
        }

        let mut scroll_area = egui::ScrollArea::vertical()
            .id_salt(("article", article.id))
            .auto_shrink([false, false]);
        if let Some(target) = self.scroll_to_char.take()
            && let Some(offset) = target_offset(layout, target, self.viewport_height)
        {
            scroll_area = scroll_area.vertical_scroll_offset(offset);
        }

        let pointer = ui.ctx().pointer_latest_pos();
        let previous = std::mem::take(&mut self.placed);
        let mut new_placed = Vec::new();
        let mut selection = self.selection.clone();
        let mut drag_anchor = self.drag_anchor;
        let mut context_char = self.context_char;
        let focus_requested = std::mem::take(&mut self.focus_requested);
        let find = &self.find;
        let find_matches: &[Range<usize>] = if find.article == Some(article.id) {
            &find.matches
        } else {
            &[]
        };
        let current_match = find.current.and_then(|i| find_matches.get(i)).cloned();

        let mut visible_rect = Rect::NOTHING;
        let output = scroll_area.show_viewport(ui, |ui, viewport| {
            visible_rect = ui.clip_rect();
            let total_height = TOP_PADDING * 2.0
                + layout.heights.iter().sum::<f32>()
                + theme::PARAGRAPH_GAP * layout.heights.len().saturating_sub(1) as f32;
            let full_width = ui.available_width();
            let content_rect =
                Rect::from_min_size(ui.min_rect().min, vec2(full_width, total_height));
            let response = ui
                .allocate_rect(content_rect, Sense::click_and_drag())
                .on_hover_cursor(CursorIcon::Text);
            if focus_requested {
                response.request_focus();
            }
            response.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::Article,
                    true,
                    format!("Article text: {}", article.title),
                )
            });
            let text_left = content_rect.min.x + theme::reading_column(ui.ctx(), full_width).0;

            // Interaction against what was drawn last frame.
            let hit = HitTester { placed: &previous };
            let hovered_char = pointer
                .filter(|_| response.hovered())
                .and_then(|p| hit.char_under(p));
            let hovered_claim = hovered_char.and_then(|c| innermost_claim_at(&claims, c, None));
            let hovered_sentence = match (hovered_char, hovered_claim) {
                (Some(c), None) if drag_anchor.is_none() && selection.is_none() => {
                    sentence_at(&layout.sentences, c)
                }
                _ => None,
            };
            if hovered_claim.is_some() || hovered_sentence.is_some() {
                ui.ctx().set_cursor_icon(CursorIcon::PointingHand);
            }

            if response.drag_started()
                && let Some(origin) = ui.input(|i| i.pointer.press_origin())
            {
                drag_anchor = hit.boundary_at(origin);
                selection = None;
            }
            if response.dragged()
                && let (Some(anchor), Some(pos)) = (drag_anchor, response.interact_pointer_pos())
                && let Some(current) = hit.boundary_at(pos)
            {
                selection = (anchor != current).then(|| anchor.min(current)..anchor.max(current));
                autoscroll_while_dragging(ui, pos, viewport, content_rect);
            }
            if response.drag_stopped() {
                drag_anchor = None;
                selection = selection
                    .take()
                    .and_then(|s| trim_whitespace(&layout.char_index, &article.text, s));
            }
            if response.clicked()
                && let Some(pos) = response.interact_pointer_pos()
            {
                selection = None;
                if let Some(c) = hit.char_under(pos) {
                    // The keys go on from where the mouse was.
                    if let Some(sentence) = sentence_at(&layout.sentences, c) {
                        self.cursor.place(sentence);
                    }
                    if let Some(id) = innermost_claim_at(&claims, c, selected) {
                        commands.push(AppCommand::SelectClaim(id));
                    } else if let Some(sentence) = sentence_at(&layout.sentences, c) {
                        commands.push(AppCommand::CreateClaim {
                            article: article.id,
                            start: sentence.start,
                            end: sentence.end,
                        });
                    }
                }
            }
            if response.secondary_clicked() {
                context_char = response
                    .interact_pointer_pos()
                    .and_then(|p| hit.char_under(p));
            }
            response.context_menu(|ui| {
                context_menu_ui(
                    ui,
                    article.id,
                    selection.as_ref(),
                    context_char,
                    &layout.sentences,
                    &claims,
                    commands,
                );
            });

            // Lay out and paint the visible paragraphs.
            let visible = viewport.expand2(vec2(0.0, 200.0));
            let mut y = TOP_PADDING;
            let mut heights_changed = false;
            for (index, range) in layout.paragraphs.iter().enumerate() {
                let height = layout.heights.get(index).copied().unwrap_or(line_height);
                if y + height >= visible.min.y && y <= visible.max.y {
                    let Some(text) = layout.char_index.slice(&article.text, range.clone()) else {
                        continue;
                    };
                    let matches = matches_in(find_matches, range);
                    let job = paragraph_job(
                        text,
                        range,
                        &claims,
                        &HighlightState {
                            selected,
                            hovered_claim,
                            hovered_sentence: hovered_sentence.clone(),
                            selection: selection.clone(),
                            matches,
                            current_match: current_match.clone(),
                            cursor: self.cursor.sentence(),
                        },
                        ui.visuals(),
                        &theme::block_font(layout.headings.get(index).copied().flatten()),
                        text_width,
                    );
                    let galley = ui.painter().layout_job(job);
                    let measured = galley.size().y;
                    if let Some(h) = layout.heights.get_mut(index)
                        && (*h - measured).abs() > 0.5
                    {
                        *h = measured;
                        heights_changed = true;
                    }
                    let origin = pos2(text_left, content_rect.min.y + y);
                    ui.painter()
                        .galley(origin, galley.clone(), ui.visuals().strong_text_color());
                    let placed = PlacedParagraph {
                        chars: range.clone(),
                        origin,
                        galley,
                    };
                    paint_badges(ui, &placed, &claims, selected);
                    paint_match_frames(ui, &placed, matches, current_match.as_ref());
                    new_placed.push(placed);
                    y += measured;
                } else {
                    y += height;
                }
                y += theme::PARAGRAPH_GAP;
            }
            if heights_changed {
                ui.ctx().request_repaint();
            }

            if let Some(range) = selection.as_ref().filter(|_| drag_anchor.is_none()) {
                let placed_now = HitTester {
                    placed: &new_placed,
                };
                if let Some(end_pos) = placed_now.screen_pos_after(range.end) {
                    create_claim_button(ui, end_pos, visible_rect, article.id, range, commands);
                }
            }
        });
        self.viewport_height = output.inner_rect.height();
        self.visible_rect = Some(visible_rect);
        self.placed = new_placed;
        self.selection = selection;
        self.drag_anchor = drag_anchor;
        self.context_char = context_char;
    }

    /// The sentence the keyboard cursor is on.
    pub fn cursor_sentence(&self) -> Option<Range<usize>> {
        self.cursor.sentence()
    }

    /// Moves the keyboard cursor `step` sentences on (back when negative), dropping the selection,
    /// and scrolls to it when it is out of view.
    pub fn step_cursor(&mut self, step: isize) {
        let from = self.first_char_in_view();
        let Some(layout) = &self.layout else {
            return;
        };
        if let Some(sentence) = self.cursor.step_sentence(&layout.sentences, step, from) {
            self.clear_selection();
            self.reveal_range(&sentence);
        }
    }

    /// Grows the selection from the keyboard cursor by a sentence (`step` > 0) or back (< 0).
    pub fn grow_selection_by_sentence(&mut self, step: isize) {
        let from = self.first_char_in_view();
        let Some(layout) = &self.layout else {
            return;
        };
        let grown =
            self.cursor
                .grow_by_sentence(&layout.sentences, self.selection.as_ref(), step, from);
        self.keep_grown(grown);
    }

    /// Grows the selection from the keyboard cursor by a word (`step` > 0) or back (< 0) in
    /// `text`, the shown article's text.
    pub fn grow_selection_by_word(&mut self, text: &str, step: isize) {
        let from = self.first_char_in_view();
        let Some(layout) = &self.layout else {
            return;
        };
        let grown = self.cursor.grow_by_word(
            text,
            &layout.char_index,
            &layout.sentences,
            self.selection.as_ref(),
            step,
            from,
        );
        self.keep_grown(grown);
    }

    fn keep_grown(&mut self, grown: Option<Range<usize>>) {
        if let Some(at) = self.cursor.moving_char() {
            self.reveal(at);
        }
        self.selection = grown;
        self.drag_anchor = None;
    }

    /// Scrolls to char `at` unless it was in view.
    fn reveal(&mut self, at: usize) {
        if self.screen_pos_of_char(at).is_none() {
            self.scroll_to(at);
        }
    }

    /// Scrolls to `range` unless all of it was in view.
    fn reveal_range(&mut self, range: &Range<usize>) {
        let last = range.end.saturating_sub(1).max(range.start);
        if self.screen_pos_of_char(range.start).is_none() || self.screen_pos_of_char(last).is_none()
        {
            self.scroll_to(range.start);
        }
    }

    /// The first char of the first paragraph drawn in view in the last frame.
    fn first_char_in_view(&self) -> usize {
        self.placed
            .iter()
            .find(|p| self.visible_rect.is_some_and(|r| r.intersects(p.rect())))
            .map_or(0, |p| p.chars.start)
    }

    /// The selected text, or else the sentence at the keyboard cursor, as a claim; the selection is
    /// used up, the cursor stays for the next sentence.
    pub fn take_selection_as_claim(&mut self, article: ArticleId) -> Option<AppCommand> {
        let range = self.selection.take().or_else(|| self.cursor.sentence())?;
        Some(AppCommand::CreateClaim {
            article,
            start: range.start,
            end: range.end,
        })
    }
}

/// The heading level of each of `article`'s `paragraph_count` paragraphs, parallel to
/// [`Article::paragraph_ranges`].
fn heading_levels(article: &Article, paragraph_count: usize) -> Vec<Option<u8>> {
    if article.blocks.is_empty() {
        vec![None; paragraph_count]
    } else {
        article.blocks.iter().map(|b| b.heading).collect()
    }
}

/// Finds chars under screen positions in paragraphs drawn earlier.
struct HitTester<'a> {
    placed: &'a [PlacedParagraph],
}

impl HitTester<'_> {
    /// The char whose glyph is under `pos`, if the pointer is on text.
    fn char_under(&self, pos: Pos2) -> Option<usize> {
        let placed = self.placed.iter().find(|p| p.rect().contains(pos))?;
        let local = pos - placed.origin;
        let mut row_start = 0;
        for row in &placed.galley.rows {
            let rect = row.rect();
            if local.y >= rect.min.y && local.y < rect.max.y {
                let x = local.x - row.pos.x;
                let index = row
                    .glyphs
                    .iter()
                    .position(|g| x >= g.pos.x && x < g.max_x())?;
                return Some(placed.chars.start + row_start + index);
            }
            row_start += row.glyphs.len() + usize::from(row.ends_with_newline);
        }
        None
    }

    /// The char boundary nearest `pos`, for drag selection; positions between paragraphs snap to the
    /// end of the one above.
    fn boundary_at(&self, pos: Pos2) -> Option<usize> {
        let placed = self
            .placed
            .iter()
            .find(|p| pos.y <= p.rect().max.y + theme::PARAGRAPH_GAP / 2.0)
            .or_else(|| self.placed.last())?;
        let cursor = placed.galley.cursor_from_pos(pos - placed.origin);
        Some(placed.chars.start + cursor.index.0.min(placed.chars.len()))
    }

    /// Screen position just after char boundary `at` (bottom of its row).
    fn screen_pos_after(&self, at: usize) -> Option<Pos2> {
        let (origin, rect) = self.boundary_rect(at)?;
        Some(origin + vec2(rect.max.x, rect.max.y))
    }

    /// The galley origin of the paragraph holding char boundary `at`, and the boundary's zero-width
    /// rectangle within that galley.
    fn boundary_rect(&self, at: usize) -> Option<(Pos2, Rect)> {
        let placed = self
            .placed
            .iter()
            .find(|p| p.chars.start <= at && at <= p.chars.end)?;
        let rect = placed
            .galley
            .pos_from_cursor(egui::text::CCursor::new(at - placed.chars.start));
        Some((placed.origin, rect))
    }
}

/// The innermost claim covering char `at`. When the currently selected claim covers it too and others
/// overlap there, the next one in size order is picked, so repeated clicks cycle through stacked claims.
fn innermost_claim_at(
    claims: &[DrawnClaim],
    at: usize,
    selected: Option<ClaimId>,
) -> Option<ClaimId> {
    let mut covering: Vec<&DrawnClaim> = claims.iter().filter(|c| c.range.contains(&at)).collect();
    covering.sort_by_key(|c| (c.range.len(), c.range.start));
    let current = covering.iter().position(|c| Some(c.id) == selected);
    match current {
        Some(i) if covering.len() > 1 => covering.get((i + 1) % covering.len()).map(|c| c.id),
        _ => covering.first().map(|c| c.id),
    }
}

/// `range` without leading and trailing white space, or `None` if nothing else is left.
fn trim_whitespace(index: &CharIndex, text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let slice = index.slice(text, range.clone())?;
    let leading = slice.chars().take_while(|c| c.is_whitespace()).count();
    let trailing = slice
        .chars()
        .rev()
        .take_while(|c| c.is_whitespace())
        .count();
    let start = range.start + leading;
    let end = range.end.saturating_sub(trailing);
    (start < end).then_some(start..end)
}

/// Scroll offset that puts char `at` about a third of the way down the viewport.
fn target_offset(layout: &ArticleLayout, at: usize, viewport_height: f32) -> Option<f32> {
    let index = layout.paragraphs.iter().position(|p| p.end >= at)?;
    let above: f32 =
        layout.heights.iter().take(index).sum::<f32>() + theme::PARAGRAPH_GAP * index as f32;
    Some((TOP_PADDING + above - viewport_height / 3.0).max(0.0))
}

/// While a drag selection nears the top or bottom of the view, scroll so it can go on.
fn autoscroll_while_dragging(ui: &Ui, pointer: Pos2, viewport: Rect, content: Rect) {
    let top = content.min.y + viewport.min.y;
    let bottom = content.min.y + viewport.max.y;
    let edge = 30.0;
    let delta = if pointer.y < top + edge {
        edge
    } else if pointer.y > bottom - edge {
        -edge
    } else {
        return;
    };
    ui.scroll_with_delta(Vec2::new(0.0, delta / 3.0));
    ui.ctx().request_repaint();
}

fn create_claim_button(
    ui: &Ui,
    at: Pos2,
    within: Rect,
    article: ArticleId,
    range: &Range<usize>,
    commands: &mut Vec<AppCommand>,
) {
    egui::Area::new(egui::Id::unique("create-claim-from-selection"))
        .order(egui::Order::Foreground)
        .constrain_to(within)
        .fixed_pos(at + vec2(-8.0, 6.0))
        .pivot(Align2::LEFT_TOP)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                let keys = Action::CreateClaimFromSelection
                    .shortcut()
                    .map(|s| format!(" ({})", shortcut_label_in(ui.ctx(), &s)))
                    .unwrap_or_default();
                let label = format!("+ {CLAIM_FROM_SELECTION}{keys}");
                if ui.button(label).clicked() {
                    commands.push(AppCommand::CreateClaim {
                        article,
                        start: range.start,
                        end: range.end,
                    });
                }
            });
        });
}

fn context_menu_ui(
    ui: &mut Ui,
    article: ArticleId,
    selection: Option<&Range<usize>>,
    at: Option<usize>,
    sentences: &[Range<usize>],
    claims: &[DrawnClaim],
    commands: &mut Vec<AppCommand>,
) {
    if let Some(range) = selection
        && ui.button(CLAIM_FROM_SELECTION).clicked()
    {
        commands.push(AppCommand::CreateClaim {
            article,
            start: range.start,
            end: range.end,
        });
        ui.close();
    }
    if let Some(sentence) = at.and_then(|c| sentence_at(sentences, c))
        && ui.button("Create claim from this sentence").clicked()
    {
        commands.push(AppCommand::CreateClaim {
            article,
            start: sentence.start,
            end: sentence.end,
        });
        ui.close();
    }
    if let Some(id) = at.and_then(|c| innermost_claim_at(claims, c, None)) {
        if ui.button("Select claim").clicked() {
            commands.push(AppCommand::SelectClaim(id));
            ui.close();
        }
        if ui.button("Delete claim").clicked() {
            commands.push(AppCommand::Edit(crate::model::Edit::RemoveClaim(id)));
            ui.close();
        }
    }
    if selection.is_none() && at.is_none() {
        ui.label("Drag over text to select it, or click a sentence.");
    }
}
