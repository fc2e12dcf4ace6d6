//! A notice above the article when it holds text in a script no installed font covers, which the
//! window would otherwise draw as rows of empty boxes without a word of why: it names the script and
//! the font to install. Reports and exports carry the text as it is and are not affected.
//!
//! The window draws with egui's bundled fonts (Latin, Greek, Cyrillic) and asks the system for a font
//! for any other character (eframe's `system_fonts`); whether that found one is what
//! `has_glyph` answers. The text is looked at once per article (its id and text hash), in a sample
//! of bounded size, so a long article costs the same as a short one.
//!
//! Limitations: in an article longer than 256 KiB, a script that fills only a small part of it can
//! fall between the sampled windows; a script is reported when most of its sampled characters have no font, so a font
//! that lacks only rare characters of a script (old Han characters in a modern Japanese font) goes
//! unreported; the Fedora package name of a script outside the common ones is the Noto naming
//! pattern, which a distribution may not follow.

use std::collections::{HashMap, HashSet};

use egui::Ui;
use unicode_script::{Script, UnicodeScript};

use super::theme;
use crate::model::{Article, ArticleId};

/// An article's text up to this size is looked at whole; of a longer one, [`SAMPLE_WINDOWS`]
/// windows spread through it, adding up to this size.
const SAMPLE_BYTES: usize = 256 * 1024;
/// How many windows of a long article are looked at.
const SAMPLE_WINDOWS: usize = 16;
/// Distinct characters of a script checked for a font.
const CHARS_PER_SCRIPT: usize = 24;
/// Fewer characters of a script than this are a stray symbol or a quoted name, not text in it.
const MIN_SCRIPT_CHARS: usize = 3;

/// Text in one writing system, as the notice names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScriptSample {
    /// The script's name for a reader: a language for the CJK scripts ("Japanese"), else the
    /// script's own ("Arabic", "Devanagari").
    pub name: String,
    /// Distinct characters of it found in the text, to check for a font.
    pub chars: Vec<char>,
    /// The Unicode scripts it groups (Han with kana is Japanese).
    scripts: Vec<Script>,
}

/// The writing systems other than Latin, Greek and Cyrillic in `text`, by how much of the sample they
/// fill (most first), from a bounded sample of it.
pub fn scripts_in(text: &str) -> Vec<ScriptSample> {
    let mut found: HashMap<Script, (usize, Vec<char>)> = HashMap::new();
    for window in sample(text) {
        for c in window.chars() {
            if c.is_ascii() {
                continue;
            }
            let script = c.script();
            if matches!(
                script,
                Script::Common
                    | Script::Inherited
                    | Script::Unknown
                    | Script::Latin
                    | Script::Greek
                    | Script::Cyrillic
            ) {
                continue;
            }
            let (count, chars) = found.entry(script).or_default();
            *count += 1;
            if chars.len() < CHARS_PER_SCRIPT && !chars.contains(&c) {
                chars.push(c);
            }
        }
    }
    found.retain(|_, (count, _)| *count >= MIN_SCRIPT_CHARS);
    let has = |s: Script| found.contains_key(&s);
    // Han is written by Chinese, Japanese and Korean alike: the kana or Hangul beside it say which.
    let cjk_name = if has(Script::Hiragana) || has(Script::Katakana) {
        "Japanese"
    } else if has(Script::Hangul) {
        "Korean"
    } else {
        "Chinese"
    };
    let mut groups: Vec<(usize, ScriptSample)> = Vec::new();
    let mut cjk: Option<(usize, ScriptSample)> = None;
    for (script, (count, chars)) in found {
        if is_cjk(script) {
            let (total, sample) = cjk.get_or_insert_with(|| {
                (
                    0,
                    ScriptSample {
                        name: cjk_name.to_owned(),
                        chars: Vec::new(),
                        scripts: Vec::new(),
                    },
                )
            });
            *total += count;
            sample.scripts.push(script);
            sample.chars.extend(chars);
        } else {
            groups.push((
                count,
                ScriptSample {
                    name: script.full_name().replace('_', " "),
                    chars,
                    scripts: vec![script],
                },
            ));
        }
    }
    groups.extend(cjk);
    groups.sort_by(|(a, x), (b, y)| b.cmp(a).then_with(|| x.name.cmp(&y.name)));
    groups.into_iter().map(|(_, sample)| sample).collect()
}

fn is_cjk(script: Script) -> bool {
    matches!(
        script,
        Script::Han | Script::Hiragana | Script::Katakana | Script::Hangul | Script::Bopomofo
    )
}

/// The parts of `text` looked at: all of it when short, else evenly spread windows, each cut at
/// char boundaries.
fn sample(text: &str) -> Vec<&str> {
    if text.len() <= SAMPLE_BYTES {
        return vec![text];
    }
    let window = SAMPLE_BYTES / SAMPLE_WINDOWS;
    let step = text.len() / SAMPLE_WINDOWS;
    (0..SAMPLE_WINDOWS)
        .filter_map(|i| {
            let start = char_boundary_at_or_before(text, i * step);
            let end = char_boundary_at_or_before(text, start + window);
            text.get(start..end)
        })
        .collect()
}

fn char_boundary_at_or_before(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// What to install for `sample`'s script: the font family, and where the system's packages are
/// known, their names.
fn install_advice(sample: &ScriptSample) -> String {
    let cjk = sample.scripts.iter().any(|s| is_cjk(*s));
    let family = if cjk {
        "Noto Sans CJK".to_owned()
    } else {
        format!("Noto Sans {}", sample.name)
    };
    if !cfg!(target_os = "linux") {
        return format!("{family} (from https://fonts.google.com/noto)");
    }
    if cjk {
        return format!(
            "{family} (Debian/Ubuntu: fonts-noto-cjk; Fedora: google-noto-sans-cjk-fonts; Arch: noto-fonts-cjk)"
        );
    }
    let fedora = format!(
        "google-noto-sans-{}-fonts",
        sample.name.to_lowercase().replace(' ', "-")
    );
    format!("{family} (Debian/Ubuntu: fonts-noto-core; Fedora: {fedora}; Arch: noto-fonts)")
}

/// The notice for the scripts in `lacking`: one paragraph a script, then a word on what is not
/// affected; empty when all have a font.
pub fn notice_text(lacking: &[ScriptSample]) -> Vec<String> {
    if lacking.is_empty() {
        return Vec::new();
    }
    lacking
        .iter()
        .map(|sample| {
            format!(
                "This article has {} text, but no font for it is installed, so it shows as empty boxes: install {}, then restart factdesk.",
                sample.name,
                install_advice(sample)
            )
        })
        .chain(["Reports and exports keep the text as it is.".to_owned()])
        .collect()
}

/// Whether most of `sample`'s characters have no glyph in the fonts the article is drawn with.
fn lacks_font(ctx: &egui::Context, sample: &ScriptSample) -> bool {
    let font = theme::block_font(None);
    let missing = ctx.fonts_mut(|fonts| {
        sample
            .chars
            .iter()
            .filter(|&&c| !fonts.has_glyph(&font, c))
            .count()
    });
    2 * missing > sample.chars.len()
}

/// What was found for the article last shown.
struct Checked {
    article: ArticleId,
    sha256: String,
    /// The notice's paragraphs; empty when every script has a font.
    notice: Vec<String>,
}

/// The missing-font notice: checks each article once, shows what it found until dismissed, and
/// does not show it again for an article dismissed.
#[derive(Default)]
pub struct FontNotice {
    checked: Option<Checked>,
    dismissed: HashSet<ArticleId>,
}

impl FontNotice {
    /// The notice for `article`, if it needs one and it was not dismissed, lined up with the
    /// article's reading column.
    pub fn ui(&mut self, ui: &mut Ui, article: &Article) {
        if self.dismissed.contains(&article.id) {
            return;
        }
        let current = self
            .checked
            .as_ref()
            .is_some_and(|c| c.article == article.id && c.sha256 == article.sha256);
        if !current {
            let lacking: Vec<ScriptSample> = scripts_in(&article.text)
                .into_iter()
                .filter(|sample| lacks_font(ui.ctx(), sample))
                .collect();
            self.checked = Some(Checked {
                article: article.id,
                sha256: article.sha256.clone(),
                notice: notice_text(&lacking),
            });
        }
        let Some(notice) = self
            .checked
            .as_ref()
            .map(|c| &c.notice)
            .filter(|n| !n.is_empty())
        else {
            return;
        };
        let (left, width) = theme::reading_column(ui.ctx(), ui.available_width());
        let mut dismiss = false;
        ui.add_space(theme::NOTICE_GAP);
        ui.horizontal(|ui| {
            ui.add_space(left);
            theme::notice_frame(ui.visuals()).show(ui, |ui| {
                ui.set_width(width - 2.0 * theme::NOTICE_MARGIN);
                ui.vertical(|ui| {
                    ui.label(egui::RichText::new("Some of this text cannot be shown").strong());
                    for paragraph in notice {
                        ui.add(egui::Label::new(paragraph).wrap());
                    }
                    dismiss = ui.button("Dismiss").clicked();
                });
            });
        });
        ui.add_space(theme::NOTICE_GAP);
        if dismiss {
            self.dismissed.insert(article.id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        scripts_in(text).into_iter().map(|s| s.name).collect()
    }

    #[test]
    fn han_is_named_by_the_kana_or_hangul_beside_it() {
        assert_eq!(names("日本の首相は東京で記者会見を開いた。"), ["Japanese"]);
        assert_eq!(names("国务院总理在北京举行记者会。"), ["Chinese"]);
        assert_eq!(names("대한민국 國會 의원들이 회의를 열었다."), ["Korean"]);
    }

    #[test]
    fn other_scripts_go_by_their_own_name_and_latin_text_has_none() {
        // Most first: the Hindi quote has more letters (its vowel signs count as Devanagari).
        assert_eq!(
            names("The minister said: «أعلنت الحكومة» and «सरकार ने घोषणा की»."),
            ["Devanagari", "Arabic"]
        );
        assert!(names("Café, Zürich, Ελλάδα, Москва — “quoted” 1–2 ✓").is_empty());
        // A stray character is not text in that script.
        assert!(names("Pokémon (ポ) was mentioned once.").is_empty());
    }

    #[test]
    fn a_long_article_is_looked_at_in_bounded_windows_spread_through_it() {
        let latin = "The council met again and nothing was decided. ".repeat(100_000);
        let text = format!("{latin}{}{latin}", "東京都の人口は増えた。".repeat(60_000));
        assert!(text.len() > 10 * SAMPLE_BYTES);
        let windows = sample(&text);
        assert!(windows.iter().map(|w| w.len()).sum::<usize>() <= SAMPLE_BYTES);
        assert_eq!(names(&text), ["Japanese"]);
    }

    #[test]
    fn the_notice_names_the_script_and_the_font_to_install() {
        let japanese = scripts_in("日本の首相は東京で記者会見を開いた。");
        let text = notice_text(&japanese).join("\n");
        assert!(text.contains("Japanese text"), "{text}");
        assert!(text.contains("Noto Sans CJK"), "{text}");
        if cfg!(target_os = "linux") {
            assert!(text.contains("fonts-noto-cjk"), "{text}");
        }
        let thai = notice_text(&scripts_in("ประเทศไทยมีฝนตก")).join("\n");
        assert!(
            thai.contains("Thai text") && thai.contains("Noto Sans Thai"),
            "{thai}"
        );
        assert!(notice_text(&[]).is_empty());
    }
}
