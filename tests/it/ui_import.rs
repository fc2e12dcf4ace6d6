//! The window on imported articles: the headline is text a claim can be marked in, and a script no
//! installed font covers is named instead of shown as boxes without a word.

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use factdesk::model::{Article, Project, Workspace};
use factdesk::ui::{AppCommand, Dialog, FactdeskApp, Startup};

use crate::common::{fixed_time, http_response, serve};
use crate::ui::{click_char, click_label, harness, harness_for_file, open_url, project_of};

#[test]
fn the_headline_of_an_imported_page_is_marked_as_a_claim_with_a_click() {
    let page = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/html/news.html");
    let mut harness = harness_for_file(&page);
    if let Some(Dialog::Notice { .. }) = harness.state().dialog() {
        click_label(&mut harness, "OK");
    }
    let headline = "Council vote on river bridge delayed to spring";
    let article = &project_of(&harness).articles[0];
    assert!(
        article
            .text
            .starts_with(&format!("{headline}\nThe city council")),
        "{}",
        article.text
    );
    assert_eq!(article.blocks[0].heading, Some(1));
    // The header above the text still gives the source.
    harness.get_by_label("Anna Berg · The Example Gazette · 5 March 2024");

    click_char(&mut harness, 8);
    let claims = &project_of(&harness).claims;
    assert_eq!(claims.len(), 1, "a click on the headline marks it");
    assert_eq!(claims[0].anchor.quote, headline);
    assert_eq!(claims[0].anchor.start, 0);
}

/// A window showing the first of `articles`, each `(title, text)`.
fn showing(articles: &[(&str, &str)]) -> Harness<'static, FactdeskApp> {
    let mut project = Project::new("Checks".into());
    project.articles = articles
        .iter()
        .map(|(title, text)| Article::new((*title).into(), (*text).into(), None, fixed_time()))
        .collect();
    harness(Startup::Workspace(Box::new(Workspace::new(project, None))))
}

fn font_notices(harness: &Harness<'_, FactdeskApp>) -> usize {
    harness
        .query_all_by_label_contains("no font for it is installed")
        .count()
}

const LATIN: &str = "The council said the budget grew by five percent.\n";

#[test]
fn a_script_without_a_font_is_named_once_until_dismissed_and_latin_text_has_no_notice() {
    // The test window has egui's bundled fonts only, which have no Japanese.
    let japanese = "日本の首相は東京で記者会見を開き、来年度の予算案について説明した。\n\
        政府は物価上昇への対策を強化すると述べた。\n";
    let mut harness = showing(&[("Press conference", japanese), ("Budget", LATIN)]);
    let ids: Vec<_> = project_of(&harness).articles.iter().map(|a| a.id).collect();
    assert_eq!(harness.state().current_article(), Some(ids[0]));
    let notice = harness.get_by_label_contains("no font for it is installed");
    let text = notice.accesskit_node().value().unwrap_or_default();
    assert!(text.contains("Japanese text"), "{text}");
    assert!(text.contains("Noto Sans CJK"), "{text}");
    // Frames go on; the notice stays one.
    harness.run_steps(5);
    assert_eq!(font_notices(&harness), 1);

    // Dismissed, it stays away for this article, also after another article was shown.
    click_label(&mut harness, "Dismiss");
    assert_eq!(font_notices(&harness), 0);
    harness
        .state_mut()
        .push_command(AppCommand::SwitchArticle(ids[1]));
    harness.run();
    assert_eq!(harness.state().current_article(), Some(ids[1]));
    assert_eq!(font_notices(&harness), 0, "Latin text needs no notice");
    harness
        .state_mut()
        .push_command(AppCommand::SwitchArticle(ids[0]));
    harness.run();
    assert_eq!(font_notices(&harness), 0, "dismissed for this article");

    // A text in Latin script alone never gets one.
    let harness = showing(&[("Budget", LATIN)]);
    assert_eq!(font_notices(&harness), 0);
}

#[test]
fn a_page_opened_by_its_address_leads_with_its_headline_too() {
    // The page's own heading is a section title; its headline is only in the metadata.
    let page = "<!DOCTYPE html><html><head><title>Ferry fares to rise by a third | Coast News</title>\
        <meta property=\"og:site_name\" content=\"Coast News\"></head><body><nav>Menu</nav><article>\
        <p>The ferry company said fares on the island route would rise by a third in April, blaming \
        fuel prices that it said had doubled since last spring.</p><h2>What passengers say</h2>\
        <p>Regular passengers said the rise would cost a commuter about forty euros a month more, \
        and the island council asked the company to publish its fuel costs.</p></article></body></html>";
    let base = serve(vec![http_response(
        "200 OK",
        "Content-Type: text/html\r\n",
        page.as_bytes(),
    )]);
    let url = format!("{base}/ferry");
    let mut harness = harness(Startup::Sample);
    open_url(&mut harness, &url);
    if let Some(Dialog::Notice { .. }) = harness.state().dialog() {
        click_label(&mut harness, "OK");
    }
    let article = &project_of(&harness).articles[0];
    assert!(
        article
            .text
            .starts_with("Ferry fares to rise by a third\nThe ferry company said"),
        "{}",
        article.text
    );
    click_char(&mut harness, 3);
    assert_eq!(
        project_of(&harness).claims[0].anchor.quote,
        "Ferry fares to rise by a third"
    );
}
