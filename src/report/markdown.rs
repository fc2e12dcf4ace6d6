//! Placeholder until the Markdown report lands.
use super::ReportData;
pub(super) fn render(data: &ReportData<'_>) -> String {
    data.title.clone()
}
