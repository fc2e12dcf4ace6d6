//! Runs find off the UI thread, so typing a query never waits for a search of a long article.
//!
//! The window sends each query as it changes; the worker takes only the newest one waiting, and drops
//! a search whose query was replaced while it ran (between articles), so a fast typist never queues
//! work. Folded texts ([`SearchText`]) are kept between queries: after the first search of an article
//! each further one costs only the substring search.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};

use crate::model::find::{FindOptions, Folding, Matches, SearchText};
use crate::model::text::CharIndex;
use crate::model::{Article, ArticleId};

/// Chars of context shown on each side of a match in lists.
const CONTEXT_CHARS: usize = 40;
/// Folded texts kept between searches, in bytes; past it only the texts of the newest search stay.
const CACHE_BYTES: usize = 64 * 1024 * 1024;

/// One search over one or more articles.
#[derive(Clone, Debug)]
pub struct FindRequest {
    /// The articles to search, with their texts.
    pub articles: Vec<(ArticleId, Arc<str>)>,
    /// What to look for.
    pub query: String,
    /// How to compare.
    pub options: FindOptions,
    /// How many matches per article get their context cut out for a list (0 for none).
    pub contexts: usize,
}

/// The text around a match, for a list of matches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatchContext {
    /// Up to 40 chars before the match, line breaks shown as spaces.
    pub before: String,
    /// The match as the text has it.
    pub matched: String,
    /// Up to 40 chars after it.
    pub after: String,
}

/// What one search found in one article.
#[derive(Clone, Debug)]
pub struct ArticleMatches {
    /// The article.
    pub article: ArticleId,
    /// Its matches.
    pub matches: Matches,
    /// Context of the first matches, as many as the request asked for.
    pub contexts: Vec<MatchContext>,
}

/// The answer to a [`FindRequest`].
#[derive(Clone, Debug)]
pub struct FindResponse {
    /// The query searched for.
    pub query: String,
    /// The options it was searched with.
    pub options: FindOptions,
    /// Per article, in the order asked.
    pub articles: Vec<ArticleMatches>,
}

struct Job {
    generation: u64,
    request: FindRequest,
}

/// An answer and the generation of the request it answers.
type Answer = (u64, FindResponse);

/// Article texts shared with the worker: each copied once (and again only when its text changes),
/// not once per query.
#[derive(Default)]
pub struct SharedTexts {
    texts: HashMap<ArticleId, (String, Arc<str>)>,
}

impl SharedTexts {
    /// The text of `article`, shared.
    pub fn of(&mut self, article: &Article) -> Arc<str> {
        match self.texts.get(&article.id) {
            Some((sha256, text)) if *sha256 == article.sha256 => Arc::clone(text),
            _ => {
                let text: Arc<str> = Arc::from(article.text.as_str());
                self.texts
                    .insert(article.id, (article.sha256.clone(), Arc::clone(&text)));
                text
            }
        }
    }

    /// Forgets the texts of articles `keep` does not hold.
    pub fn retain(&mut self, keep: impl Fn(ArticleId) -> bool) {
        self.texts.retain(|id, _| keep(*id));
    }
}

/// A worker thread that searches, started on the first request.
#[derive(Default)]
pub struct FindWorker {
    channel: Option<(Sender<Job>, Receiver<Answer>)>,
    latest: Arc<AtomicU64>,
    sent: u64,
    received: u64,
}

impl FindWorker {
    /// Starts searching; replaces any search not yet answered. The window is asked to repaint when
    /// the answer is ready.
    pub fn search(&mut self, ctx: &egui::Context, request: FindRequest) {
        self.sent += 1;
        self.latest.store(self.sent, Ordering::SeqCst);
        let job = Job {
            generation: self.sent,
            request,
        };
        let job = match &self.channel {
            Some((sender, _)) => match sender.send(job) {
                Ok(()) => return,
                // The thread is gone (it panicked); start another.
                Err(failed) => failed.0,
            },
            None => job,
        };
        let (jobs, job_receiver) = channel();
        let (answers, answer_receiver) = channel();
        let latest = Arc::clone(&self.latest);
        let ctx = ctx.clone();
        let started = std::thread::Builder::new()
            .name("find".into())
            .spawn(move || run(&job_receiver, &answers, &latest, &ctx));
        if started.is_ok() && jobs.send(job).is_ok() {
            self.channel = Some((jobs, answer_receiver));
        }
    }

    /// The answer to the newest search, once it is ready; older answers are dropped.
    pub fn poll(&mut self) -> Option<FindResponse> {
        let (_, answers) = self.channel.as_ref()?;
        let mut newest = None;
        while let Ok((generation, response)) = answers.try_recv() {
            if generation == self.sent {
                self.received = generation;
                newest = Some(response);
            }
        }
        newest
    }

    /// Whether a search is under way whose answer has not been taken.
    pub fn is_busy(&self) -> bool {
        self.received < self.sent && self.channel.is_some()
    }
}

/// A folded text kept for the next search, and the text it was folded from.
struct Prepared {
    text: Arc<str>,
    search: SearchText,
    /// Char offsets of the text, made for the first list that needs context.
    index: Option<CharIndex>,
}

fn run(jobs: &Receiver<Job>, answers: &Sender<Answer>, latest: &AtomicU64, ctx: &egui::Context) {
    let mut cache: HashMap<(ArticleId, Folding), Prepared> = HashMap::new();
    while let Ok(mut job) = jobs.recv() {
        // Only the newest query matters; those typed while the last search ran are skipped.
        while let Ok(newer) = jobs.try_recv() {
            job = newer;
        }
        let Some(response) = answer(&job, &mut cache, latest) else {
            continue;
        };
        if answers.send((job.generation, response)).is_err() {
            return;
        }
        ctx.request_repaint();
    }
}

/// Searches every article of `job`, or gives up (`None`) once a newer query has come.
fn answer(
    job: &Job,
    cache: &mut HashMap<(ArticleId, Folding), Prepared>,
    latest: &AtomicU64,
) -> Option<FindResponse> {
    let request = &job.request;
    let folding = request.options.folding();
    let mut articles = Vec::with_capacity(request.articles.len());
    for (article, text) in &request.articles {
        if latest.load(Ordering::SeqCst) != job.generation {
            return None;
        }
        let key = (*article, folding);
        let mut prepared = match cache.remove(&key) {
            Some(p) if Arc::ptr_eq(&p.text, text) => p,
            _ => Prepared {
                text: Arc::clone(text),
                search: SearchText::new(text, folding),
                index: None,
            },
        };
        let matches = prepared.search.find(text, &request.query, request.options);
        let contexts = if request.contexts == 0 {
            Vec::new()
        } else {
            let index = prepared.index.get_or_insert_with(|| CharIndex::new(text));
            matches
                .ranges
                .iter()
                .take(request.contexts)
                .map(|range| context_of(index, text, range.clone()))
                .collect()
        };
        cache.insert(key, prepared);
        articles.push(ArticleMatches {
            article: *article,
            matches,
            contexts,
        });
    }
    let kept: usize = cache.values().map(|p| p.search.folded_len()).sum();
    if kept > CACHE_BYTES {
        cache.retain(|(article, f), _| {
            *f == folding && request.articles.iter().any(|(a, _)| a == article)
        });
    }
    Some(FindResponse {
        query: request.query.clone(),
        options: request.options,
        articles,
    })
}

fn context_of(index: &CharIndex, text: &str, range: Range<usize>) -> MatchContext {
    let piece = |r: Range<usize>| -> String {
        index
            .slice(text, r)
            .unwrap_or_default()
            .chars()
            .map(|c| if c.is_whitespace() { ' ' } else { c })
            .collect()
    };
    let before_start = range.start.saturating_sub(CONTEXT_CHARS);
    let after_end = (range.end + CONTEXT_CHARS).min(index.char_len());
    MatchContext {
        before: piece(before_start..range.start),
        matched: piece(range.clone()),
        after: piece(range.end..after_end),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait(worker: &mut FindWorker) -> FindResponse {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            if let Some(response) = worker.poll() {
                return response;
            }
            assert!(std::time::Instant::now() < deadline, "no answer");
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }

    #[test]
    fn only_the_newest_query_is_answered_with_context_around_each_match() {
        let ctx = egui::Context::default();
        let mut worker = FindWorker::default();
        let article = ArticleId::new_random();
        let text: Arc<str> = Arc::from("One said the\nfigure was wrong. The other agreed.");
        for query in ["t", "th", "the"] {
            worker.search(
                &ctx,
                FindRequest {
                    articles: vec![(article, Arc::clone(&text))],
                    query: query.into(),
                    options: FindOptions::default(),
                    contexts: 10,
                },
            );
        }
        assert!(worker.is_busy());
        let response = wait(&mut worker);
        assert_eq!(response.query, "the");
        assert!(!worker.is_busy());
        let found = &response.articles[0];
        // "The", and the "the" inside "other".
        assert_eq!(found.matches.ranges, [9..12, 31..34, 36..39]);
        assert_eq!(
            found.contexts[0],
            MatchContext {
                before: "One said ".into(),
                matched: "the".into(),
                after: " figure was wrong. The other agreed.".into(),
            }
        );
        assert_eq!(found.contexts[1].matched, "The");
        assert_eq!(
            found.contexts[2].before,
            "One said the figure was wrong. The o"
        );
        // Nothing older arrives later.
        std::thread::sleep(std::time::Duration::from_millis(50));
        assert!(worker.poll().is_none());
    }
}
